"""Privacy (issue 13): printing or saving a form with a name is recorded first (access.print / access.export of
the form, named by its visit number); the saved PDF is owner-only; opening a case is recorded, its reloads not."""

from __future__ import annotations

import json
import os
import stat

from PySide6.QtPrintSupport import QPrinter

from app import audit
from tests.ui.casework_support import taken_case
from ui.pages.case_page import open_case
from ui.print_preview import PrintPreviewDialog


def access_rows(ctx) -> list[audit.AuditEntry]:  # type: ignore[no-untyped-def]
    with ctx.db.read() as s:
        return [e for e in audit.page(s, offset=0, limit=500, newest_first=False) if e.action.startswith("access.")]


def test_print_and_save_are_recorded_before_they_happen(qtbot, nurse_session, tmp_path, monkeypatch):
    ctx = nurse_session.ctx
    pdf = (tmp_path / "x.pdf")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(pdf))
    sample = _sample_pdf()
    preview = PrintPreviewDialog(nurse_session, sample, "登记表", "registration-XH01-20261123-0001.pdf")
    qtbot.addWidget(preview)
    preview.show()
    before = len(access_rows(ctx))
    with qtbot.waitSignal(preview.printed):
        preview.print_to(printer)
    saved = tmp_path / "saved.pdf"
    monkeypatch.setattr("ui.print_preview.QFileDialog.getSaveFileName", lambda *a, **k: (str(saved), ""))
    with qtbot.waitSignal(preview.saved):
        preview.save_as()
    printed, exported = access_rows(ctx)[before:]
    assert (printed.action, printed.entity, printed.entity_id, printed.username) == (
        "access.print", "printed_form", "registration-XH01-20261123-0001", "nurse")
    assert (exported.action, json.loads(exported.summary)) == ("access.export", {"rows": 1})
    assert saved.read_bytes() == sample
    if os.name == "posix":
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    preview.close()


def test_a_refused_record_means_no_file(qtbot, nurse_session, tmp_path, monkeypatch):
    ctx = nurse_session.ctx
    preview = PrintPreviewDialog(nurse_session, _sample_pdf(), "登记表", "registration-XH01-20261123-0001.pdf")
    qtbot.addWidget(preview)
    preview.show()
    saved = tmp_path / "saved.pdf"
    monkeypatch.setattr("ui.print_preview.QFileDialog.getSaveFileName", lambda *a, **k: (str(saved), ""))

    def refuse(*_a, **_k):  # type: ignore[no-untyped-def]
        from app.errors import StorageError

        raise StorageError("db_busy")

    monkeypatch.setattr(ctx.access, "record", refuse)
    preview.save_as()
    assert not saved.exists() and preview.error.isVisible()
    preview.close()


def test_opening_a_case_is_recorded(qtbot, nurse_session, doctor_session):
    ctx = doctor_session.ctx
    case = taken_case(ctx, nurse_session.actor, doctor_session.actor)
    before = len(access_rows(ctx))
    opened = []
    open_case(doctor_session, None, case.visit_no, opened.append)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: bool(opened))
    qtbot.addWidget(opened[0])  # a window without a parent: deleted after the test, not left to a later one
    opened[0].reload()  # the dialog re-reading after a save: not another view
    rows = access_rows(ctx)[before:]
    assert [(r.action, r.entity, r.entity_id) for r in rows] == [("access.view", "case", case.visit_no)]
    opened[0].close()


def _sample_pdf() -> bytes:
    import io

    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, "form")
    c.showPage()
    c.save()
    return buf.getvalue()
