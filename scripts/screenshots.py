"""Regenerate the screenshots of the Chinese quick guides (docs/zh/quick-*.md) from the demo clinic.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py            # → docs/zh/img/*.png
    .venv/bin/python scripts/screenshots.py --out /tmp/shots --data-dir /tmp/fs-shots

What it does, in the order a person would:
1. makes the demo clinic in a data directory — exactly ``fever-sentinel --data-dir DIR demo`` (a fresh
   temporary directory unless ``--data-dir`` is given; an existing demo clinic there is reused);
2. starts the app offscreen (Qt's ``offscreen`` platform, the app's icon, Noto Sans SC and the compiled
   Chinese catalogue), logs in as each demo account (nurse, doctor, gate, admin) at a desk of 1366×768;
3. drives the screens each role uses in the guide and saves them as ``<role>-<n>-<what>.png``, reduced to
   a 256-colour palette (text stays sharp; each picture stays well under 150 KB).

The file names are the ones the quick guides link; tests/test_docs.py runs this script on a temporary
folder and checks that every image a guide links exists. Run it after a screen changes and commit the
PNGs with the change. The data is the demo's (made-up people), never a real clinic's.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from a source checkout
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice  # noqa: E402
from PySide6.QtGui import QInputMethodEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget  # noqa: E402

WIDTH, HEIGHT = 1366, 768
DEFAULT_OUT = ROOT / "docs" / "zh" / "img"
ROLES = ("nurse", "doctor", "gate", "admin")


# ----- set-up -------------------------------------------------------------------------------------
def start_app() -> QApplication:
    """The offscreen application as a clinic sees it; message boxes answer at once (nobody clicks)."""
    from ui.app import app_icon, register_fonts
    from ui.i18n import compile_translations, install_language

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setWindowIcon(app_icon())
    register_fonts(app)
    compile_translations()
    install_language(app, "zh_CN")
    QMessageBox.question = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)  # type: ignore[method-assign]
    QMessageBox.warning = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok)  # type: ignore[method-assign]
    QMessageBox.information = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok)  # type: ignore[method-assign]
    QMessageBox.critical = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok)  # type: ignore[method-assign]
    return app


def make_demo(data_dir: Path) -> None:
    """``fever-sentinel --data-dir DIR demo``, in this process (the same code the command runs)."""
    from app.cli import main as cli_main

    code = cli_main(["--data-dir", str(data_dir), "demo"], out=sys.stderr)
    if code != 0:
        raise SystemExit(f"screenshots: 'fever-sentinel --data-dir {data_dir} demo' failed ({code})")


class Shots:
    """Saves widgets as palette PNGs into ``out`` and remembers what it wrote."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.written: list[Path] = []
        out.mkdir(parents=True, exist_ok=True)

    def __call__(self, widget: QWidget, name: str, *, wait_ms: int = 0) -> None:
        for _ in range(3):
            QApplication.processEvents()
        if wait_ms:
            QTest.qWait(wait_ms)
        image = widget.grab().toImage()
        data = QByteArray()
        buf = QBuffer(data)
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buf, "PNG")
        buf.close()
        path = self.out / f"{name}.png"
        _save_small(bytes(data.data()), path)
        os.chmod(path, 0o644)  # documentation, not clinic data (the CLI's umask would make it 0600)
        self.written.append(path)
        print(path)


def _save_small(png: bytes, path: Path) -> None:
    """256 colours and PNG optimisation (Pillow, which ReportLab already needs)."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(png)) as img:
        small = img.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        small.save(path, "PNG", optimize=True)


def window_for(ctx, username: str, runner, desk: str):
    from app.services.demo import DEMO_PASSWORD
    from ui.main_window import MainWindow
    from ui.session import Session

    actor = ctx.users.authenticate(username, DEMO_PASSWORD, desk)
    session = Session(ctx, actor, runner, ctx.clinic.get(), ctx.users.full_name_of(actor))
    window = MainWindow(session, idle_ms=3_600_000)
    window.resize(WIDTH, HEIGHT)
    window.start(maximize=False)
    return window


def ime(widget: QWidget, text: str) -> None:
    """Type Chinese as an input method commits it."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def resident_id(birth: date, area: str = "110105") -> str:
    """A made-up but valid 18-character resident ID number (GB 11643 check digit)."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    first17 = f"{area}{birth:%Y%m%d}002"  # even 17th digit: a woman
    total = sum(int(d) * w for d, w in zip(first17, weights, strict=True))
    return first17 + "10X98765432"[total % 11]


# ----- the roles ----------------------------------------------------------------------------------
def nurse(ctx, runner, shot: Shots) -> None:
    from ui.pages.handoff_board import HandoffBoardPage
    from ui.pages.pharmacy import PharmacyPage
    from ui.pages.triage_desk import TriageDeskPage

    window = window_for(ctx, "nurse", runner, "预检台-1")
    desk = window.show_page_of(TriageDeskPage)
    assert isinstance(desk, TriageDeskPage)
    form = desk.screening
    form.temperature.setText("38.3")
    form.health_code.buttons["green"].click()
    form.symptoms["cough"].setChecked(True)
    ime(form.travel_area, "广州白云")
    form.travel_date.setText("4")
    form.add_travel()
    form.assess_now()
    shot(window, "nurse-1-screening")
    form.choice.setCurrentIndex(0)
    form.submit()
    reg = desk.registration
    ime(reg.name, "张晓梅")
    reg.id_number.setText(resident_id(date(1990, 3, 7)))
    reg.phone.setText("13812345678")
    ime(reg.address, "新河镇东村12号")
    ime(reg.occupation, "教师")
    shot(window, "nurse-2-registration")
    reg.submit()
    step = desk.handoff
    ime(step.escort, "导医 陈静")
    shot(window, "nurse-3-handoff")
    step.send()
    if step.preview is not None:
        step.preview.close()
    step.finish()
    pharmacy = window.show_page_of(PharmacyPage)
    assert isinstance(pharmacy, PharmacyPage)
    ime(pharmacy.buyer, "吴刚")
    pharmacy.temperature.setText("36.7")
    ime(pharmacy.drug, "布洛芬缓释胶囊")
    shot(window, "nurse-4-pharmacy")
    board = window.show_page_of(HandoffBoardPage)
    assert isinstance(board, HandoffBoardPage)
    if window.handoff_feed is not None:
        window.handoff_feed.poll()
    shot(window, "nurse-5-handoff-board")
    window.shutdown()


def doctor(ctx, runner, shot: Shots) -> None:
    from ui.pages.case_page import CaseDialog
    from ui.pages.deadline_board import DeadlineBoardPage
    from ui.pages.fever_clinic import FeverClinicPage

    window = window_for(ctx, "doctor", runner, "发热诊室-1")
    clinic = window.show_page_of(FeverClinicPage)
    assert isinstance(clinic, FeverClinicPage)
    shot(window, "doctor-1-fever-clinic")
    actor = window.session.actor
    cases = ctx.cases.open_cases(actor)
    case = next((c for c in cases if len(c.tests) > 1 and c.doctor_username == "doctor"), None) \
        or next(iter(cases), None)
    if case is not None:
        dialog = CaseDialog(window.session, case, window)
        dialog.tabs.setCurrentIndex(2)
        dialog.show()
        dialog.resize(1180, 720)  # after show: the offscreen "screen" would otherwise cut it to 800 px
        shot(dialog, "doctor-2-case-tests")
        dialog.close()
    suspected = next((c for c in cases if c.classification == "suspected"), case)
    if suspected is not None:
        dialog = CaseDialog(window.session, suspected, window)
        dialog.tabs.setCurrentIndex(1)
        dialog.show()
        dialog.resize(1180, 720)
        shot(dialog, "doctor-3-case-classify")
        dialog.close()
    board = window.show_page_of(DeadlineBoardPage)
    assert isinstance(board, DeadlineBoardPage)
    shot(window, "doctor-4-deadlines")
    window.shutdown()


def gate(ctx, runner, shot: Shots) -> None:
    from app.services.demo import DEMO_PASSWORD
    from ui.gate_station import GateStationPage

    window = window_for(ctx, "gate", runner, "门岗-1")
    page = window.show_page_of(GateStationPage)
    assert isinstance(page, GateStationPage)
    shot(window, "gate-1-choose")
    admin = ctx.users.authenticate("admin", DEMO_PASSWORD, "门岗-1")
    now = ctx.clock.now()
    active = ctx.permits.list(admin, state="active")
    def valid_now(p) -> bool:
        return getattr(p, "valid_from", now) <= now < p.valid_until

    permit = next((p for p in active if p.kind == "escort" and valid_now(p)), None) \
        or next((p for p in active if valid_now(p)), None)
    if permit is not None:
        page.gate_choice.setCurrentText(permit.gates[0])
        page.start_button.click()
        page.scan.setText(permit.payload)
        page.scan.returnPressed.emit()
        shot(window, "gate-2-admit")
        revoked = next((p for p in ctx.permits.list(admin, state="revoked") if permit.gates[0] in p.gates), None)
        page.scan.setText(revoked.payload if revoked is not None else permit.payload[:-6] + "ABCDEF")
        page.scan.returnPressed.emit()
        shot(window, "gate-3-deny")
    window.shutdown()


def admin(ctx, runner, shot: Shots) -> None:
    from ui.pages.maintenance import MaintenancePage
    from ui.pages.report_page import ReportPage
    from ui.pages.rules_page import RulesPage
    from ui.pages.users import UsersPage

    window = window_for(ctx, "admin", runner, "管理-1")
    steps: list[tuple[type, str]] = [(UsersPage, "admin-1-users"), (MaintenancePage, "admin-2-maintenance"),
                                     (ReportPage, "admin-3-daily-report"), (RulesPage, "admin-4-rules")]
    for page_class, name in steps:
        window.show_page_of(page_class)
        shot(window, name)
    window.shutdown()


SCREENS: dict[str, Callable[..., None]] = {"nurse": nurse, "doctor": doctor, "gate": gate, "admin": admin}


def run(out: Path, data_dir: Path, roles: tuple[str, ...] = ROLES) -> list[Path]:
    """Make the demo clinic in ``data_dir`` and the pictures of ``roles`` in ``out``; returns the files."""
    from app.context import open_context
    from app.paths import DataPaths
    from ui.ops import SyncRunner

    start_app()
    make_demo(data_dir)
    shot = Shots(out)
    ctx = open_context(DataPaths(data_dir))
    try:
        runner = SyncRunner()
        for role in roles:
            SCREENS[role](ctx, runner, shot)
    finally:
        ctx.close()
    return shot.written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"where the PNGs go (default {DEFAULT_OUT})")
    parser.add_argument("--data-dir", type=Path, help="the demo clinic's data directory (default: a temporary one)")
    parser.add_argument("--role", action="append", choices=ROLES, help="only these roles (repeat; default: all)")
    args = parser.parse_args(argv)
    roles = tuple(args.role or ROLES)
    if args.data_dir is not None:
        run(args.out, args.data_dir, roles)
    else:
        with tempfile.TemporaryDirectory(prefix="fs-shots-") as tmp:
            run(args.out, Path(tmp) / "data", roles)
    return 0


if __name__ == "__main__":
    sys.exit(main())
