"""Each desk remembers its printer per kind of document (issue 14): the preview preselects it, the print saves
it, a printer that is gone falls back to the default with a note. Settings are typed and versioned.
(The real CUPS queue is in test_real_printing.py; here the printer list is given, so no print system is needed.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter

from app import settings as opts
from app.errors import ValidationError
from app.printing.guide_slip import GuideSlip, guide_slip_pdf
from app.printing.registration_form import registration_form_pdf
from app.printing.permit_card import permit_card_pdf
from app.settings import PRINTER_A4, PRINTER_CARD, PRINTER_NAME, PRINTER_SLIP, SettingsStore
from tests.printing import fixtures as F
from ui.print_preview import PrintPreviewDialog
from ui.printers import PrintKind, choose_printer, kind_of, remember_printer

MM = 72 / 25.4
SLIP = GuideSlip(clinic_name="杏花镇卫生院", visit_no=F.VISIT_NO, patient_name=F.PATIENT_NAME,
                 sent_at=F.PRINTED_AT, timezone="Asia/Shanghai", escort="")


def test_the_kind_of_a_document_comes_from_its_name_or_its_paper() -> None:
    assert kind_of("guide-slip-XH01-20261123-0007.pdf", (210 * MM, 297 * MM)) is PrintKind.SLIP  # A6/any: a slip
    assert kind_of("buyer-guide-slip-P1.pdf", None) is PrintKind.SLIP
    assert kind_of("permit-E27970247.pdf", (58 * MM, 120 * MM)) is PrintKind.CARD
    assert kind_of("registration-XH01-20261123-0007.pdf", (210 * MM, 297 * MM)) is PrintKind.A4
    assert kind_of("transfer-receipt-X.pdf", (80 * MM, 140 * MM)) is PrintKind.SLIP  # a roll by its paper
    assert kind_of("other.pdf", (85.6 * MM, 54 * MM)) is PrintKind.CARD
    assert kind_of("other.pdf", (54 * MM, 85.6 * MM)) is PrintKind.CARD
    assert kind_of("daily-report-2026-11-23.pdf", None) is PrintKind.A4


def test_the_remembered_printer_is_chosen_when_it_is_there(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    printers = ["Laser-A4", "XP-58", "Card-CR80"]
    # nothing remembered yet: the desk's default printer (Settings), else the system's default
    assert choose_printer(store, PrintKind.SLIP, printers, "Laser-A4").name == "Laser-A4"
    store.set(PRINTER_NAME, "XP-58")
    assert choose_printer(store, PrintKind.SLIP, printers, "Laser-A4").name == "XP-58"
    assert remember_printer(store, PrintKind.CARD, "Card-CR80")
    assert remember_printer(store, PrintKind.A4, "Laser-A4")
    assert not remember_printer(store, PrintKind.A4, "Laser-A4")  # unchanged: nothing written
    assert not remember_printer(store, PrintKind.A4, "")  # a PDF file or no printer: nothing remembered
    again = SettingsStore(tmp_path / "settings.json")  # saved at once, per kind
    assert (again.get(PRINTER_SLIP), again.get(PRINTER_CARD), again.get(PRINTER_A4)) == ("", "Card-CR80", "Laser-A4")
    choice = choose_printer(again, PrintKind.CARD, printers, "Laser-A4")
    assert (choice.name, choice.note) == ("Card-CR80", "")
    assert choose_printer(again, PrintKind.A4, printers, "XP-58").name == "Laser-A4"


def test_a_printer_that_is_gone_falls_back_to_the_default_with_a_note(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    remember_printer(store, PrintKind.SLIP, "XP-58")
    choice = choose_printer(store, PrintKind.SLIP, ["Laser-A4"], "Laser-A4")
    assert choice.name == "Laser-A4" and "XP-58" in choice.note and "Laser-A4" in choice.note
    assert "guide slips" in choice.note
    nothing = choose_printer(store, PrintKind.SLIP, [], "")
    assert nothing.name == "" and "XP-58" in nothing.note and "choose" in nothing.note
    assert store.get(PRINTER_SLIP) == "XP-58"  # kept: it may be switched off just now


def test_settings_are_typed_and_versioned(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"ui.language": "en", "print.printer_name": "Laser-A4"}))  # an issue-13 file
    store = SettingsStore(path)
    assert store.version == 1 and store.get(PRINTER_SLIP) == "" and store.get(PRINTER_NAME) == "Laser-A4"
    with pytest.raises(ValidationError):
        store.set(PRINTER_SLIP, 58)  # type: ignore[arg-type]
    store.set(PRINTER_SLIP, "XP-58")
    store.save()
    saved = json.loads(path.read_text())
    assert saved[opts.VERSION_KEY] == opts.SETTINGS_VERSION == 2 and saved["print.printer.slip"] == "XP-58"
    assert saved["ui.language"] == "en"
    assert all(o.since <= opts.SETTINGS_VERSION for o in opts.ALL_OPTIONS)
    # a file from a newer release keeps its version and the options this release does not know
    path.write_text(json.dumps({opts.VERSION_KEY: 7, "print.printer.label": "Zebra"}))
    newer = SettingsStore(path)
    newer.set(PRINTER_A4, "Laser-A4")
    newer.save()
    assert json.loads(path.read_text()) == {opts.VERSION_KEY: 7, "print.printer.label": "Zebra",
                                            "print.printer.a4": "Laser-A4"}
    path.write_text(json.dumps({opts.VERSION_KEY: "two", "print.printer.card": ["x"]}))  # damaged: defaults
    damaged = SettingsStore(path)
    assert damaged.version == 1 and damaged.get(PRINTER_CARD) == ""


@pytest.fixture
def printers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    names = ["Laser-A4", "XP-80"]
    monkeypatch.setattr("ui.printers.available_printers", lambda: list(names))
    monkeypatch.setattr("ui.printers.default_printer", lambda: "Laser-A4")
    return names


def test_the_preview_preselects_the_printer_for_the_kind_and_the_paper(qtbot, nurse_session, printers):  # type: ignore[no-untyped-def]
    settings = nurse_session.ctx.settings
    remember_printer(settings, PrintKind.SLIP, "XP-80")
    slip = PrintPreviewDialog(nurse_session, guide_slip_pdf(SLIP, "80mm"), "引导单", f"guide-slip-{F.VISIT_NO}.pdf")
    qtbot.addWidget(slip)
    slip.show()
    assert slip.kind is PrintKind.SLIP and slip.printer_note.isHidden()
    assert slip.printer_choice.name == "XP-80"  # what make_printer() sets (Qt keeps only a printer that exists)
    printer = slip.make_printer()
    rect = printer.pageLayout().fullRectPoints()
    assert rect.width() == pytest.approx(80 * MM, abs=1.5) and printer.fullPage()
    assert printer.pageLayout().margins().isNull()
    form = PrintPreviewDialog(nurse_session, registration_form_pdf(F.visit(), F.clinic(), F.PRINTED_AT), "登记表",
                              f"registration-{F.VISIT_NO}.pdf")
    qtbot.addWidget(form)
    assert form.kind is PrintKind.A4 and form.printer_choice.name == "Laser-A4"
    key = F.permit_key()
    card = PrintPreviewDialog(nurse_session, permit_card_pdf(F.permit(key), F.permit_clinic(key), "CR80"), "陪护证",
                              "permit-E27970247.pdf")
    qtbot.addWidget(card)
    assert card.kind is PrintKind.CARD
    slip.close(), form.close(), card.close()


def test_a_gone_printer_is_noted_in_the_preview(qtbot, nurse_session, printers):  # type: ignore[no-untyped-def]
    remember_printer(nurse_session.ctx.settings, PrintKind.SLIP, "XP-58")
    preview = PrintPreviewDialog(nurse_session, guide_slip_pdf(SLIP, "58mm"), "引导单", f"guide-slip-{F.VISIT_NO}.pdf")
    qtbot.addWidget(preview)
    preview.show()
    assert preview.printer_note.isVisible() and "XP-58" in preview.printer_note.text()
    assert preview.printer_choice.name == "Laser-A4"


def test_printing_to_a_file_remembers_nothing_and_keeps_the_paper(qtbot, nurse_session, printers, tmp_path):  # type: ignore[no-untyped-def]
    preview = PrintPreviewDialog(nurse_session, guide_slip_pdf(SLIP, "58mm"), "引导单", f"guide-slip-{F.VISIT_NO}.pdf")
    qtbot.addWidget(preview)
    preview.show()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "out.pdf"))
    with qtbot.waitSignal(preview.printed):
        preview.print_chosen(printer)  # as after the dialog: the paper is the document's again
    assert nurse_session.ctx.settings.get(PRINTER_SLIP) == ""
    from tests.printing import pdftools as T
    width, _height = T.page_size_mm((tmp_path / "out.pdf").read_bytes())
    assert width == pytest.approx(58.0, abs=1.0)


def test_the_print_dialog_opens_without_blocking(qtbot, nurse_session, printers):  # type: ignore[no-untyped-def]
    preview = PrintPreviewDialog(nurse_session, guide_slip_pdf(SLIP, "58mm"), "引导单", f"guide-slip-{F.VISIT_NO}.pdf")
    qtbot.addWidget(preview)
    preview.show()
    preview.print_document()
    assert preview.print_dialog is not None and preview.print_dialog.isVisible()
    preview.print_dialog.reject()
    assert nurse_session.ctx.settings.get(PRINTER_SLIP) == ""  # cancelled: nothing remembered
