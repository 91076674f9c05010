"""Printing through a real print system (issue 14): the guide slip (58 and 80 mm), the permit card and the A4
registration form go through the desk's own path — PrintPreviewDialog → QPrintDialog → QPrinter (Qt's CUPS
plug-in, here under QT_QPA_PLATFORM=offscreen) — to a real CUPS queue whose backend (cups-pdf) writes what a
printer would get as a PDF. What came out is checked as a reader would: the paper size (pdfinfo), the page
itself (the printed page is the preview's raster: it must look like the document, Chinese text included) and the
QR code (pdftoppm → zxing-cpp). The desk remembers the printer per kind of document.

The queue: scripts/test.sh starts a private CUPS server (scripts/cups-test-queue.sh) and passes its socket and
output folder in FEVER_SENTINEL_TEST_CUPS_SERVER / _OUT; run alone as root, this module starts one itself. It is
skipped, with the reason, only when CUPS cannot be had (not installed, or not root to run cups-pdf).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pytest
import zxingcpp
from PySide6.QtPrintSupport import QPrinterInfo

from app.keys import load_public_key
from app.printing.guide_slip import GuideSlip, guide_slip_pdf
from app.printing.registration_form import registration_form_pdf
from app.printing.permit_card import permit_card_pdf
from app.settings import PRINTER_BY_KIND
from app.wards import credential
from tests.printing import fixtures as F
from tests.printing import pdftools as T
from ui.print_preview import PrintPreviewDialog
from ui.printers import PrintKind

ROOT = Path(__file__).resolve().parents[2]
QUEUE = "FS-PDF"
JOB_TIMEOUT_S = 180  # a ceiling for a stuck queue, not a timing assertion


@dataclass
class Queue:
    server: str
    out: Path
    name: str

    def lpstat_jobs(self) -> str:
        env = dict(os.environ, CUPS_SERVER=self.server)
        return subprocess.run(["lpstat", "-o", self.name], env=env, capture_output=True, text=True).stdout

    def wait_for_output(self, before: set[Path]) -> Path:
        """The PDF the queue wrote for the job just sent (waits until the job left the queue)."""
        deadline = time.monotonic() + JOB_TIMEOUT_S
        while time.monotonic() < deadline:
            new = sorted(set(self.out.glob("*.pdf")) - before)
            if new and not self.lpstat_jobs().strip():
                return new[0]
            time.sleep(0.2)
        log = Path(self.server).parent / "log" / "error_log"
        raise AssertionError(f"no output from CUPS; jobs: {self.lpstat_jobs()!r}; "
                             f"log: {log.read_text()[-2000:] if log.exists() else '(none)'}")


def _set_libcups_server(server: str | None) -> None:
    """libcups keeps the server it first read per thread: tell it directly, as well as through the environment."""
    name = ctypes.util.find_library("cups") or "libcups.so.2"
    lib = ctypes.CDLL(name)
    lib.cupsSetServer.argtypes = [ctypes.c_char_p]
    lib.cupsSetServer(server.encode() if server else None)


@pytest.fixture(scope="module")
def cups_queue() -> Iterator[Queue]:
    server = os.environ.get("FEVER_SENTINEL_TEST_CUPS_SERVER", "")
    out = os.environ.get("FEVER_SENTINEL_TEST_CUPS_OUT", "")
    own: Path | None = None
    if not server:
        if not (shutil.which("cupsd") or Path("/usr/sbin/cupsd").exists()) or \
                not Path("/usr/lib/cups/backend/cups-pdf").exists():
            pytest.skip("CUPS with cups-pdf is not installed (apt-get install cups printer-driver-cups-pdf; "
                        "scripts/setup.sh test does it as root)")
        if os.name != "posix" or os.geteuid() != 0:
            pytest.skip("a CUPS test queue needs root (the cups-pdf backend runs only as root); "
                        "scripts/test.sh starts one when run as root")
        own = Path(tempfile.mkdtemp(prefix="fs-cups."))
        started = subprocess.run(["bash", str(ROOT / "scripts" / "cups-test-queue.sh"), "start", str(own)],
                                 capture_output=True, text=True)
        if started.returncode != 0:
            subprocess.run(["bash", str(ROOT / "scripts" / "cups-test-queue.sh"), "stop", str(own)], check=False)
            pytest.fail(f"the CUPS test queue did not start: {started.stderr.strip()}")
        server, out, _name = started.stdout.split()
    previous = os.environ.get("CUPS_SERVER")
    os.environ["CUPS_SERVER"] = server
    _set_libcups_server(server)
    try:
        assert QUEUE in QPrinterInfo.availablePrinterNames(), "Qt's CUPS plug-in does not see the test queue"
        yield Queue(server, Path(out), QUEUE)
    finally:
        _set_libcups_server(previous)
        if previous is None:
            os.environ.pop("CUPS_SERVER", None)
        else:
            os.environ["CUPS_SERVER"] = previous
        if own is not None:
            subprocess.run(["bash", str(ROOT / "scripts" / "cups-test-queue.sh"), "stop", str(own)], check=False)


def _pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)}


def _size_mm(info: dict[str, str]) -> tuple[float, float]:
    w, _x, h = info["Page size"].split()[:3]
    return float(w) / 72 * T.MM_PER_INCH, float(h) / 72 * T.MM_PER_INCH


def _decode(page: np.ndarray) -> list[str]:
    return [code.text for code in zxingcpp.read_barcodes(page, formats=zxingcpp.BarcodeFormat.QRCode)]


def _looks_like(printed: np.ndarray, source: np.ndarray) -> float:
    """How alike the printed page and the document are (correlation of slightly blurred greyscale pages)."""
    printed = cv2.resize(printed, (source.shape[1], source.shape[0]), interpolation=cv2.INTER_AREA)
    a, b = (cv2.GaussianBlur(x.astype(np.float32), (5, 5), 0).ravel() for x in (printed, source))
    return float(np.corrcoef(a, b)[0, 1])


def _ink_box(page: np.ndarray) -> tuple[int, int, int, int]:
    ys, xs = np.nonzero(page < 128)
    return int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max())


def _print_through_desk(qtbot, session, queue: Queue, pdf: bytes, title: str, file_name: str) -> Path:  # type: ignore[no-untyped-def]
    """What the nurse does: open the preview, Print…, accept the dialog (its printer preselected)."""
    preview = PrintPreviewDialog(session, pdf, title, file_name)
    qtbot.addWidget(preview)
    preview.show()
    before = set(queue.out.glob("*.pdf"))
    preview.print_document()
    dialog = preview.print_dialog
    assert dialog is not None and dialog.printer().printerName() == queue.name
    with qtbot.waitSignal(preview.printed, timeout=60_000):
        dialog.accept()
    assert preview.error.isHidden(), preview.error.text()
    out = queue.wait_for_output(before)
    assert session.ctx.settings.get(PRINTER_BY_KIND[preview.kind.value]) == queue.name  # remembered for its kind
    preview.close()
    return out


SLIP = GuideSlip(clinic_name="杏花镇卫生院", visit_no=F.VISIT_NO, patient_name=F.PATIENT_NAME,
                 sent_at=F.PRINTED_AT, timezone="Asia/Shanghai", escort="张志强（保安）")


@pytest.mark.parametrize("size,width_mm", [("58mm", 58.0), ("80mm", 80.0)])
def test_guide_slip_prints_on_its_roll(qtbot, nurse_session, cups_queue: Queue, size: str, width_mm: float):  # type: ignore[no-untyped-def]
    pdf = guide_slip_pdf(SLIP, size)
    out = _print_through_desk(qtbot, nurse_session, cups_queue, pdf, f"发热门诊引导单 {F.VISIT_NO}",
                              f"guide-slip-{F.VISIT_NO}.pdf")
    info = _pdfinfo(out)
    assert info["Pages"] == "1"
    width, height = _size_mm(info)
    _src_width, src_height = T.page_size_mm(pdf)
    assert width == pytest.approx(width_mm, abs=1.0) and height == pytest.approx(src_height, abs=1.5)
    printed, source = T.render(out.read_bytes(), 200)[0], T.render(pdf, 200)[0]
    assert _looks_like(printed, source) > 0.9  # the Chinese text, the masked name, the times: the same page
    assert _decode(printed) == [F.VISIT_NO]
    margin = int(3 / T.MM_PER_INCH * 200)  # nothing was shifted off the roll's edges
    assert printed[:, :margin].min() > 200 and printed[:, -margin:].min() > 200
    assert nurse_session.ctx.settings.get(PRINTER_BY_KIND[PrintKind.SLIP.value]) == cups_queue.name


def test_permit_card_prints_card_sized_and_its_qr_verifies(qtbot, nurse_session, cups_queue: Queue):  # type: ignore[no-untyped-def]
    key = F.permit_key()
    clinic = F.permit_clinic(key)
    permit = F.permit(key, "escort")
    pdf = permit_card_pdf(permit, clinic, "CR80")
    out = _print_through_desk(qtbot, nurse_session, cups_queue, pdf, f"陪护证 {permit.number}",
                              f"permit-{permit.number}.pdf")
    width, height = _size_mm(_pdfinfo(out))
    assert (max(width, height), min(width, height)) == (pytest.approx(85.6, abs=1.0), pytest.approx(54.0, abs=1.0))
    printed, source = T.render(out.read_bytes(), 300)[0], T.render(pdf, 300)[0]
    assert _looks_like(printed, source) > 0.9
    texts = _decode(printed)
    assert len(texts) == 1
    public = load_public_key(clinic.public_key)
    c = credential.decode(texts[0], {clinic.key_id: public}.get)  # what the gate does: verify, then read
    assert (c.permit_id, c.kind, c.ward) == (permit.id, "escort", F.WARD)
    assert nurse_session.ctx.settings.get(PRINTER_BY_KIND[PrintKind.CARD.value]) == cups_queue.name


def test_registration_form_prints_on_a4(qtbot, nurse_session, cups_queue: Queue):  # type: ignore[no-untyped-def]
    pdf = registration_form_pdf(F.visit(), F.clinic(), F.PRINTED_AT)
    out = _print_through_desk(qtbot, nurse_session, cups_queue, pdf, f"发热患者登记表 {F.VISIT_NO}",
                              f"registration-{F.VISIT_NO}.pdf")
    info = _pdfinfo(out)
    assert int(info["Pages"]) == T.page_count(pdf)
    assert _size_mm(info) == (pytest.approx(210.0, abs=1.0), pytest.approx(297.0, abs=1.0))
    printed, source = T.render(out.read_bytes(), 150)[0], T.render(pdf, 150)[0]
    assert _looks_like(printed, source) > 0.9
    assert _decode(printed) == [F.VISIT_NO]
    # the page is not shrunk or moved: its ink starts and ends where the document's does (within 1.5 mm)
    tolerance = 1.5 / T.MM_PER_INCH * 150
    assert all(abs(p - s) <= tolerance for p, s in zip(_ink_box(printed), _ink_box(source)))
    assert nurse_session.ctx.settings.get(PRINTER_BY_KIND[PrintKind.A4.value]) == cups_queue.name
