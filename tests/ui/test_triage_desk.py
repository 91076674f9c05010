"""The pre-triage desk driven through its real screens: screening → registration → hand-off → slip."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.triage.lists import ListQuery
from tests.ui.triage_support import decode_qr, make_visit, pdf_text, resident_id
from ui.pages.handoff_board import HandoffBoardPage
from ui.pages.triage_desk import TriageDeskPage


def open_desk(qtbot, session) -> TriageDeskPage:
    page = TriageDeskPage(session)
    qtbot.addWidget(page)
    page.resize(1176, 700)
    page.show()
    page.activated()
    return page


def seen(form, code: str = "green") -> None:
    """The nurse records the health code she looked at (it starts unchosen: not checked)."""
    form.health_code.buttons[code].click()


def counts(session) -> tuple[int, int]:
    """(screenings, registrations) recorded so far (all days)."""
    lists, actor = session.ctx.lists, session.actor
    return lists.count(actor, ListQuery()), lists.count(actor, ListQuery(registered_only=True))


def test_healthy_walk_in_is_a_temperature_the_health_code_and_enter(qtbot, nurse_session):
    page = open_desk(qtbot, nurse_session)
    form = page.screening
    assert page.focusWidget() is form.temperature
    assert form.health_code.value() == "not_checked" and not form.health_code.note.isVisible()
    qtbot.keyClicks(form.temperature, "36.5")
    qtbot.waitUntil(lambda: form.panel.code == "general")  # live, debounced assessment
    assert form.panel.decision.text() == "General outpatient"
    qtbot.keyClick(form.temperature, Qt.Key.Key_Return)  # nobody has looked at the health code yet
    assert form.errors.visible_texts() == [
        "Check the patient's health code and choose green, yellow, red or not shown."]
    assert counts(nurse_session) == (0, 0)
    assert page.focusWidget() is form.health_code.buttons["green"]
    qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Space)  # green, then Enter records
    assert form.health_code.value() == "green"
    qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Return)
    assert counts(nurse_session) == (1, 0)
    assert form.last_record is not None and form.last_record.inputs.health_code == "green"
    assert form.temperature.text() == "" and page.step() == page.SCREEN
    assert form.health_code.value() == "not_checked"  # the next person starts unchecked again
    assert page.focusWidget() is form.temperature
    assert "36.5 °C → General outpatient" in form.status.text()
    assert form.count_label.text() == "Screened today: 1"
    # the next person: thermometer style without a dot
    qtbot.keyClicks(form.temperature, "366")
    seen(form)
    qtbot.keyClick(form.temperature, Qt.Key.Key_Enter)
    assert counts(nurse_session) == (2, 0)


def test_not_shown_needs_a_reason(qtbot, nurse_session, type_text):
    page = open_desk(qtbot, nurse_session)
    form = page.screening
    qtbot.keyClicks(form.temperature, "36.6")
    seen(form, "none")
    assert form.health_code.note.isVisible() and page.focusWidget() is form.health_code.note
    qtbot.keyClick(form.health_code.note, Qt.Key.Key_Return)
    assert form.errors.visible_texts() == [
        "The patient showed no health code: write why (e.g. elderly, no smartphone)."]
    assert counts(nurse_session) == (0, 0) and page.focusWidget() is form.health_code.note
    type_text(form.health_code.note, "老人无智能手机")
    qtbot.keyClick(form.health_code.note, Qt.Key.Key_Return)
    assert counts(nurse_session) == (1, 0)
    record = form.last_record
    assert record is not None and (record.inputs.health_code, record.inputs.health_code_note) == (
        "none", "老人无智能手机")
    assert not form.health_code.note.isVisible() and form.health_code.note.text() == ""
    # a yellow code is a reason for the fever clinic, live
    qtbot.keyClicks(form.temperature, "36.6")
    seen(form, "yellow")
    qtbot.waitUntil(lambda: form.panel.code == "fever_clinic")
    assert "Yellow health code" in form.panel.reasons.text()


def test_out_of_range_temperature_is_refused_with_a_clear_message(qtbot, nurse_session, boxes):
    page = open_desk(qtbot, nurse_session)
    form = page.screening
    qtbot.keyClicks(form.temperature, "44")
    seen(form)
    qtbot.keyClick(form.temperature, Qt.Key.Key_Return)
    assert form.errors.visible_texts() == ["The temperature must be between 34.0 and 43.0 °C. Measure again."]
    assert form.temperature.text() == "44"  # kept for correction
    assert counts(nurse_session) == (0, 0)
    # an implausible but possible value asks first; "No" records nothing
    form.temperature.setText("")
    qtbot.keyClicks(form.temperature, "34.6")
    boxes.answer = QMessageBox.StandardButton.No
    qtbot.keyClick(form.temperature, Qt.Key.Key_Return)
    assert boxes.kinds() == ["question"] and "34.6 °C is unusual" in boxes.texts()[0]
    assert counts(nurse_session) == (0, 0)
    boxes.answer = QMessageBox.StandardButton.Yes
    qtbot.keyClick(form.temperature, Qt.Key.Key_Return)
    assert counts(nurse_session) == (1, 0)


def test_downgrade_needs_a_reason(qtbot, nurse_session, type_text):
    page = open_desk(qtbot, nurse_session)
    form = page.screening
    qtbot.keyClicks(form.temperature, "37.6")
    seen(form)
    qtbot.waitUntil(lambda: form.panel.code == "fever_clinic")
    assert "Temperature 37.3 °C or higher" in form.panel.reasons.text()
    assert not form.override_reason.isEnabled()
    form.choice.setCurrentIndex(form.choice.findData("general"))
    assert form.override_reason.isEnabled()
    qtbot.keyClick(form.choice, Qt.Key.Key_Return)
    assert form.errors.visible_texts() == ["Lowering the decision needs a reason: write one of at least 4 characters."]
    assert page.focusWidget() is form.override_reason
    assert counts(nurse_session) == (0, 0)
    type_text(form.override_reason, "复测体温正常，饮热水后")
    qtbot.keyClick(form.override_reason, Qt.Key.Key_Return)
    assert counts(nurse_session) == (1, 0)
    record = form.last_record
    assert record is not None and record.decision == "general" and record.computed_decision == "fever_clinic"
    assert record.override_reason == "复测体温正常，饮热水后"
    assert page.step() == page.SCREEN  # general: no registration
    # escalating needs no reason
    qtbot.keyClicks(form.temperature, "36.4")
    seen(form)
    form.choice.setCurrentIndex(form.choice.findData("fever_clinic"))
    qtbot.keyClick(form.temperature, Qt.Key.Key_Return)
    assert page.step() == page.REGISTER


def test_febrile_patient_with_travel_is_registered_escorted_printed_and_received(
        qtbot, nurse_session, doctor_session, type_text, tmp_path, monkeypatch):
    page = open_desk(qtbot, nurse_session)
    form = page.screening
    qtbot.keyClicks(form.temperature, "38.2")
    seen(form)
    form.symptoms["cough"].setChecked(True)
    type_text(form.travel_area, "广州白云")
    qtbot.keyClicks(form.travel_date, "3")
    qtbot.keyClick(form.travel_date, Qt.Key.Key_Return)  # Enter in the travel row adds the entry
    assert form.travel_list.count() == 1 and counts(nurse_session) == (0, 0)
    qtbot.waitUntil(lambda: form.panel.code == "isolate")
    assert form.panel.decision.text() == "Isolate now and report"
    assert "广东省广州市白云区: High risk" in form.panel.reasons.text()
    qtbot.keyClick(form.temperature, Qt.Key.Key_Return)
    assert counts(nurse_session) == (1, 0)
    assert page.step() == page.REGISTER

    reg = page.registration
    assert "Isolate now and report" in reg.banner.text()
    type_text(reg.name, "张三")
    number = resident_id(date(1990, 3, 7), want_x=True)
    qtbot.keyClicks(reg.id_number, number.lower())  # lower-case x is accepted
    assert reg.sex.currentData() == "female" or reg.sex.currentData() == "male"
    assert not reg.sex.isEnabled() and reg.birth_date.isReadOnly()
    assert reg.birth_date.text() == "1990-03-07"
    qtbot.keyClicks(reg.phone, "13812345678")
    qtbot.keyClick(reg.phone, Qt.Key.Key_Return)
    assert counts(nurse_session) == (1, 1)
    assert page.step() == page.HANDOFF
    visit_no = page.handoff.visit_no.text()
    assert visit_no.startswith("HN0231-20260310-")

    step = page.handoff
    qtbot.keyClicks(step.escort, "Chen Jing")
    qtbot.keyClick(step.escort, Qt.Key.Key_Return)
    assert step.handoff is not None and step.handoff.escort == "Chen Jing"
    assert "Sent at 09:00 with Chen Jing" in step.sent_label.text()
    preview = step.preview
    assert preview is not None and preview.isVisible() and preview.page_count() == 1
    text = pdf_text(preview.pdf)
    assert "发热门诊引导单" in text and visit_no in text and "张*" in text and "张三" not in text

    saved = tmp_path / "slip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(saved), "")))
    preview.save_button.click()
    pdf = tmp_path / "slip.pdf"
    assert pdf.read_bytes() == preview.pdf
    qr_dir = tmp_path / "qr"
    qr_dir.mkdir()
    assert decode_qr(pdf, qr_dir) == visit_no

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(preview.printed):
        preview.print_to(printer)
    assert (tmp_path / "printed.pdf").stat().st_size > 1000
    preview.close()

    # the A4 form is offered too
    step.form_button.click()
    assert "发热患者登记表" in pdf_text(step.preview.pdf)
    step.preview.close()

    # the fever clinic scans the slip
    board = HandoffBoardPage(doctor_session)
    qtbot.addWidget(board)
    board.show()
    board.activated()
    assert board.open_model.visit_numbers() == [visit_no]
    assert board.focusWidget() is board.scan
    qtbot.keyClicks(board.scan, visit_no)
    qtbot.keyClick(board.scan, Qt.Key.Key_Return)
    assert board.result.text().startswith("✓ Received " + visit_no)
    assert board.open_model.rowCount() == 0 and board.arrived_model.visit_numbers() == [visit_no]
    qtbot.keyClicks(board.scan, visit_no)  # scanned twice: said plainly, no box in the way
    qtbot.keyClick(board.scan, Qt.Key.Key_Return)
    assert board.result.text().startswith("Already arrived: " + visit_no)  # 已到达, not a failure (issue 15)
    board.stop()

    qtbot.keyClick(step, Qt.Key.Key_Escape)  # next patient
    assert page.step() == page.SCREEN and page.focusWidget() is form.temperature
    assert step.last_escort == "Chen Jing"


def test_invalid_id_number_shows_the_check_digit_error_and_saves_nothing(qtbot, nurse_session, type_text):
    page = open_desk(qtbot, nurse_session)
    qtbot.keyClicks(page.screening.temperature, "38.0")
    seen(page.screening)
    qtbot.keyClick(page.screening.temperature, Qt.Key.Key_Return)
    reg = page.registration
    type_text(reg.name, "王五")
    good = resident_id(date(1978, 11, 2))
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    qtbot.keyClicks(reg.id_number, bad)
    message = "The ID number's last character (check digit) does not match: a digit was probably mistyped. Check it digit by digit against the card."
    assert reg.errors.visible_texts() == [message]  # at once, next to the field
    qtbot.keyClick(reg.id_number, Qt.Key.Key_Return)
    assert reg.errors.visible_texts() == [message]
    assert reg.errors._fields["id_number"][1].text() == message
    assert counts(nurse_session) == (1, 0) and page.step() == page.REGISTER
    reg.id_number.setText(good)
    qtbot.keyClick(reg.id_number, Qt.Key.Key_Return)
    assert counts(nurse_session) == (1, 1)


def test_returning_patient_is_suggested_and_picked(qtbot, nurse_session, type_text):
    ctx, nurse = nurse_session.ctx, nurse_session.actor
    earlier = make_visit(ctx, nurse, name="李四", id_number=resident_id(date(1966, 1, 9)))
    ctx.handoffs.confirm_arrival(nurse, earlier.visit_no)
    page = open_desk(qtbot, nurse_session)
    qtbot.keyClicks(page.screening.temperature, "38.8")
    seen(page.screening)
    qtbot.keyClick(page.screening.temperature, Qt.Key.Key_Return)
    reg = page.registration
    type_text(reg.name, "李")
    qtbot.waitUntil(lambda: reg.suggestions.rowCount() == 1)
    line = reg.suggestions.index(0).data()
    assert "李四" in line and earlier.visit_no in line and "*" in line  # the ID is masked in the list
    qtbot.keyClick(reg.name, Qt.Key.Key_Down)
    assert page.focusWidget() is reg.suggest_view
    qtbot.keyClick(reg.suggest_view, Qt.Key.Key_Return)
    assert reg.patient is not None and reg.patient.id == earlier.patient.id
    assert reg.name.text() == "李四" and reg.phone.text() == "13900001111"
    assert "Returning patient: 李四" in reg.picked_label.text()
    qtbot.keyClick(reg.phone, Qt.Key.Key_Return)
    assert page.step() == page.HANDOFF
    detail = ctx.registration.detail(nurse, page.handoff.visit_no.text())
    assert detail.patient.id == earlier.patient.id

    # pinyin initials find her too; typing a known ID as a new patient offers the record
    page.next_patient()
    qtbot.keyClicks(page.screening.temperature, "38.1")
    seen(page.screening)
    qtbot.keyClick(page.screening.temperature, Qt.Key.Key_Return)
    qtbot.keyClicks(reg.name, "ls")
    qtbot.waitUntil(lambda: reg.suggestions.rowCount() == 1)
    reg.name.clear()
    type_text(reg.name, "李四四")
    qtbot.keyClicks(reg.id_number, earlier.patient.id_number)
    qtbot.keyClick(reg.id_number, Qt.Key.Key_Return)  # the conftest's boxes answer Yes: use that record
    assert page.step() == page.HANDOFF
    assert ctx.registration.detail(nurse, page.handoff.visit_no.text()).patient.id == earlier.patient.id
