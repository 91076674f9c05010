"""Issue 15 — carry forward, on the desks (pytest-qt), with screenshots at 1366×768 in Chinese:

* a febrile buyer saved at the pharmacy counter opens the desk's registration filled in with their name,
  phone and ID number, saying where it came from; a desk walk-in still starts with an empty form;
* a slip scanned again on the hand-off board says 已到达 (when, and who received the patient), not a failure;
* a positive NAT result entered on the case window goes straight to the classification, with the 2 h report
  clock shown there; a negative one does not.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.casework_support import settle, taken_case
from tests.ui.triage_support import make_visit, resident_id
from ui.i18n import install_language
from ui.main_window import MainWindow
from ui.pages.case_dialogs import ResultDialog
from ui.pages.case_page import CaseDialog
from ui.pages.handoff_board import HandoffBoardPage
from ui.pages.pharmacy import PharmacyPage
from ui.pages.triage_desk import TriageDeskPage

SHOTS = Path(os.environ.get("FS_SHOTS", "/tmp/shots"))
PHONE = "13912345678"


def _window(qtbot, session) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(session, idle_ms=3_600_000)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def _shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    settle()
    widget.grab().save(str(SHOTS / name))


def _sell_to_febrile_buyer(qtbot, window, type_text, id_number: str) -> PharmacyPage:  # type: ignore[no-untyped-def]
    pharmacy = window.show_page_of(PharmacyPage)
    assert isinstance(pharmacy, PharmacyPage)
    type_text(pharmacy.buyer, "赵六")
    pharmacy.phone.setText(PHONE)
    pharmacy.id_number.setText(id_number)
    qtbot.keyClicks(pharmacy.temperature, "38.5")
    pharmacy.submit()
    assert pharmacy.last is not None and pharmacy.last.febrile, pharmacy.errors.visible_texts()
    if pharmacy.preview is not None:
        pharmacy.preview.close()
    return pharmacy


def test_a_febrile_buyer_opens_registration_filled_in(qtbot, nurse_session, type_text):
    ctx, nurse = nurse_session.ctx, nurse_session.actor
    window = _window(qtbot, nurse_session)
    id_number = resident_id(date(1975, 3, 9))
    _sell_to_febrile_buyer(qtbot, window, type_text, id_number)
    desk = window.stack.currentWidget()
    assert isinstance(desk, TriageDeskPage) and desk.step() == desk.REGISTER
    reg = desk.registration
    assert (reg.name.text(), reg.phone.text(), reg.id_number.text()) == ("赵六", PHONE, id_number)
    assert reg.id_type.currentData() == "resident_id" and reg.sex.currentData() is not None  # derived from the ID
    assert "From the pharmacy register at" in reg.banner.text() and "38.5 °C" in reg.banner.text()
    assert reg.focusWidget() is reg.address  # the first field still empty
    reg.health_code.buttons["green"].click()
    type_text(reg.address, "新河镇一村")
    qtbot.keyClick(reg.address, Qt.Key.Key_Return)
    assert desk.step() == desk.HANDOFF
    detail = ctx.registration.detail(nurse, desk.handoff.visit_no.text())
    assert detail.patient.name == "赵六" and detail.patient.phone == PHONE
    assert detail.screening.inputs.temperature_c == 38.5

    # a walk-in screened at the desk: nothing is carried, the form starts empty at the name
    desk.next_patient()
    qtbot.keyClicks(desk.screening.temperature, "38.6")
    desk.screening.health_code.buttons["green"].click()
    qtbot.keyClick(desk.screening.temperature, Qt.Key.Key_Return)
    assert desk.step() == desk.REGISTER
    assert reg.name.text() == "" and reg.phone.text() == "" and reg.focusWidget() is reg.name
    assert "pharmacy register" not in reg.banner.text()
    window.shutdown()


def test_carried_registration_in_chinese(qtbot, nurse_session, type_text):
    install_language(QApplication.instance(), "zh_CN")
    try:
        window = _window(qtbot, nurse_session)
        _sell_to_febrile_buyer(qtbot, window, type_text, resident_id(date(1975, 3, 9)))
        desk = window.stack.currentWidget()
        assert isinstance(desk, TriageDeskPage)
        assert "来自药店登记" in desk.registration.banner.text()
        _shot(window, "carry_registration_from_pharmacy_zh.png")
        window.shutdown()
    finally:
        install_language(QApplication.instance(), "en")


def test_a_slip_scanned_twice_says_already_arrived(qtbot, nurse_session, doctor_session, clock):
    visit = make_visit(nurse_session.ctx, nurse_session.actor, name="赵六")
    board = HandoffBoardPage(doctor_session)
    qtbot.addWidget(board)
    board.resize(1366, 728)
    board.show()
    board.activated()
    board.scan.setText(visit.visit_no)
    qtbot.keyClick(board.scan, Qt.Key.Key_Return)
    assert board.result.text().startswith("✓ Received")
    clock.advance(minutes=20)
    board.scan.setText(visit.visit_no)
    qtbot.keyClick(board.scan, Qt.Key.Key_Return)
    text = board.result.text()
    assert text.startswith("Already arrived:") and "张伟" in text and "×" not in text
    assert "#b3261e" not in board.result.styleSheet()  # not shown as a failure
    assert board.focusWidget() is board.scan

    # a slip with no hand-off is still a failure
    board.scan.setText("XH01-20261123-9999")
    qtbot.keyClick(board.scan, Qt.Key.Key_Return)
    assert board.result.text().startswith("×")

    install_language(QApplication.instance(), "zh_CN")
    try:
        board.retranslate()
        board.scan.setText(visit.visit_no)
        qtbot.keyClick(board.scan, Qt.Key.Key_Return)
        assert board.result.text().startswith("已到达")
        _shot(board, "carry_handoff_already_arrived_zh.png")
    finally:
        install_language(QApplication.instance(), "en")
    board.stop()


def _case_with_test(session, nurse):  # type: ignore[no-untyped-def]
    ctx, doctor = session.ctx, session.actor
    case = taken_case(ctx, nurse, doctor)
    ctx.cases.start_observation(doctor, case.visit_no, "留观1室", "2床")
    return ctx.cases.order_test(doctor, case.visit_no, "nucleic_acid", "fever_clinic", ctx.clock.now())


def _enter_result(qtbot, dialog: CaseDialog, result: str) -> ResultDialog:  # type: ignore[no-untyped-def]
    dialog.tabs.setCurrentIndex(2)
    dialog.observation.tests_view.selectRow(dialog.observation.tests_model.rowCount() - 1)
    dialog.record_result()
    form = dialog.sub
    assert isinstance(form, ResultDialog)
    form.outcome.setCurrentIndex(form.outcome.findData(result))
    form.lab.setText("县疾控中心实验室")
    return form


def _open_case(qtbot, doctor_session, nurse_session, clock) -> CaseDialog:  # type: ignore[no-untyped-def]
    case = _case_with_test(doctor_session, nurse_session.actor)
    dialog = CaseDialog(doctor_session, case)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    clock.advance(hours=2)
    return dialog


def test_a_positive_result_goes_straight_to_classification(qtbot, doctor_session, nurse_session, clock):
    dialog = _open_case(qtbot, doctor_session, nurse_session, clock)
    form = _enter_result(qtbot, dialog, "positive")
    assert form.positive_hint.isVisible() and "classification" in form.positive_hint.text()
    form.ok.click()
    ResultDialog.last_lab = ""
    assert not form.isVisible(), form.errors.visible_texts()
    assert dialog.tabs.currentIndex() == 1 and dialog.classify_tab.classification.hasFocus()
    assert "Positive result recorded: classify the case now" in dialog.message.text()
    status = dialog.classify_tab.report_status.text()
    assert status and "No report needed" not in status  # the 2 h report clock, counting down
    dialog.classify_tab.classification.setCurrentIndex(dialog.classify_tab.classification.findData("confirmed"))
    dialog.classify_tab.classify_button.click()
    assert dialog.header.class_badge.text() == "Confirmed case"


def test_a_negative_result_stays_where_it_was(qtbot, doctor_session, nurse_session, clock):
    dialog = _open_case(qtbot, doctor_session, nurse_session, clock)
    form = _enter_result(qtbot, dialog, "negative")
    assert form.positive_hint.isHidden()
    form.ok.click()
    ResultDialog.last_lab = ""
    assert dialog.tabs.currentIndex() == 2 and "Positive" not in dialog.message.text()
    assert dialog.header.positive_frame.isHidden()


def test_positive_result_flow_in_chinese(qtbot, doctor_session, nurse_session, clock):
    install_language(QApplication.instance(), "zh_CN")
    try:
        dialog = _open_case(qtbot, doctor_session, nurse_session, clock)
        dialog.retranslate()
        form = _enter_result(qtbot, dialog, "positive")
        form.retranslate()
        _shot(form, "carry_result_positive_hint_zh.png")
        form.ok.click()
        ResultDialog.last_lab = ""
        assert dialog.tabs.currentIndex() == 1
        assert dialog.message.text().startswith("阳性结果已录入")
        dialog.resize(1366, 728)  # a 768-pixel screen less the taskbar
        _shot(dialog, "carry_positive_classify_zh.png")
    finally:
        install_language(QApplication.instance(), "en")
