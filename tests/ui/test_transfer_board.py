"""The transfer flow on screen: request on the case page → board → dispatch → departure → print →
handover → disinfection; late departure turns red; illegal steps are not offered."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.clock import FixedClock
from app.context import AppContext
from tests.ui.casework_support import settle
from tests.ui.transfer_support import add_hospitals, requested, suspected_case
from tests.ui.triage_support import pdf_text
from ui.pages.case_page import CaseDialog
from ui.pages.transfer_board import TransferBoardPage, legal_steps
from ui.pages.transfer_dialogs import TransferRequestDialog
from ui.session import Session


def test_request_on_the_case_page_then_walk_the_board(qtbot: Any, triage_ctx: AppContext, nurse_session: Session,
                                                      doctor_session: Session, clock: FixedClock, boxes: Any,
                                                      type_text: Any) -> None:
    designated = add_hospitals(triage_ctx)
    visit_no = suspected_case(triage_ctx, nurse_session, doctor_session)
    case = CaseDialog(doctor_session, triage_ctx.cases.get(doctor_session.actor, visit_no))
    qtbot.addWidget(case)
    assert case.transfer_button.isEnabled()
    boxes.answer = boxes.answer.No  # do not print from the case page this time
    case.transfer_button.click()
    dialog = case.sub
    assert isinstance(dialog, TransferRequestDialog)
    # accepting hospitals only, designated first
    names = [dialog.hospital.itemText(i) for i in range(dialog.hospital.count())]
    assert len(names) == 2 and names[0].startswith("市传染病医院") and "县人民医院" not in "".join(names)
    assert "市北路1号" in dialog.hospital_info.text()
    assert dialog.reason_note.isHidden()  # suspected: no reason needed
    dialog.condition.setCurrentIndex(dialog.condition.findData("serious"))
    dialog.oxygen.setChecked(True)
    dialog.ok.click()  # precautions missing
    assert any("required" in t for t in dialog.errors.visible_texts())
    type_text(dialog.precautions, "N95、防护服、面屏")
    type_text(dialog.staff, "护士 李娜")
    dialog.ok.click()
    settle()
    assert "Print the three-part transfer handover form now?" in boxes.texts()
    assert "requested" in case.message.text()
    assert case.case.disposition == "transfer" and not case.transfer_button.isEnabled()

    board = TransferBoardPage(nurse_session)
    qtbot.addWidget(board)
    board.resize(1180, 700)
    board.activated()
    assert board.model.rowCount() == 1
    t = board.current
    assert t is not None and t.visit_no == visit_no and t.hospital_id == designated
    assert board.model.data(board.model.index(0, board.model.STATE)) == "Requested"
    assert board.offered_steps() == ["dispatched", "cancelled"]
    assert board.steps.currentWidget() is board.dispatch_form and not board.cancel_group.isHidden()

    clock.advance(minutes=5)
    board.call_120_at.set_value(clock.now())
    type_text(board.dispatch_ref, "120-2026-0042")
    type_text(board.vehicle_plate, "湘A12345")
    type_text(board.crew, "司机 王强；医生 刘芳")
    board.dispatch_form.button.click()
    settle()
    assert board.current is not None and board.current.state == "dispatched", board.message.text()
    assert board.steps.currentWidget() is board.depart_form
    assert board.offered_steps() == ["departed", "cancelled"]

    clock.advance(minutes=10)
    board.departed_at.set_value(clock.now())
    board.depart_form.button.click()
    settle()
    assert board.current.state == "departed"
    assert board.cancel_group.isHidden()  # no cancelling after departure
    assert board.offered_steps() == ["handed_over"]

    board.print_button.click()
    dialog = board.print_dialog
    assert dialog is not None and dialog.page_count() == 3
    text = pdf_text(dialog.pdf)
    assert text.count(visit_no) >= 3
    dialog.close()

    clock.advance(minutes=40)
    board.handed_over_at.set_value(clock.now())
    type_text(board.receiving_staff, "周医生")
    type_text(board.receiving_department, "感染科")
    board.handover_form.button.click()
    settle()
    assert board.current.state == "handed_over"
    assert board.offered_steps() == ["closed"]

    clock.advance(minutes=30)
    board.disinfected_at.set_value(clock.now())
    type_text(board.method, "过氧化氢喷雾")
    type_text(board.disinfected_by, "洗消员 陈")
    board.disinfect_form.button.click()
    settle()
    assert board.current.state == "closed"
    assert board.model.rowCount() == 0  # off the board
    assert board.offered_steps() == []
    assert "closed" in board.message.text()


def test_late_departure_turns_red(qtbot: Any, triage_ctx: AppContext, nurse_session: Session,
                                  doctor_session: Session, clock: FixedClock) -> None:
    hospital = add_hospitals(triage_ctx)
    requested(triage_ctx, doctor_session, suspected_case(triage_ctx, nurse_session, doctor_session), hospital)
    board = TransferBoardPage(nurse_session)
    qtbot.addWidget(board)
    board.activated()
    index = board.model.index(0, board.model.CLOCK_DEPART)
    assert board.model.data(index, Qt.ItemDataRole.BackgroundRole) is None
    clock.advance(minutes=61)
    board.tick()
    brush = board.model.data(index, Qt.ItemDataRole.BackgroundRole)
    assert brush is not None and brush.color() == QColor("#f8c4be")
    assert "Overdue by 1 min" in board.model.data(index)
    assert "1" in board.late_chip.text()


def test_illegal_steps_are_not_offered_and_a_refusal_is_shown(qtbot: Any, triage_ctx: AppContext,
                                                              nurse_session: Session, doctor_session: Session,
                                                              clock: FixedClock, type_text: Any) -> None:
    assert legal_steps("departed") == ["handed_over"]
    assert legal_steps("closed") == [] and legal_steps("cancelled") == []
    hospital = add_hospitals(triage_ctx)
    t = requested(triage_ctx, doctor_session, suspected_case(triage_ctx, nurse_session, doctor_session), hospital)
    board = TransferBoardPage(nurse_session)
    qtbot.addWidget(board)
    board.activated()
    # no departure, handover or disinfection form while only requested
    assert board.steps.currentWidget() is board.dispatch_form
    # someone else dispatches and departs meanwhile: our stale dispatch is refused and the panel reloads
    nurse = nurse_session.actor
    clock.advance(minutes=2)
    t = triage_ctx.transfers.dispatch(nurse, t.id, t.version, call_120_at=clock.now(), dispatch_ref="R1",
                                      vehicle_plate="湘A1", negative_pressure=True, crew="王强")
    triage_ctx.transfers.depart(nurse, t.id, t.version, clock.now())
    type_text(board.dispatch_ref, "R2")
    type_text(board.vehicle_plate, "A2")
    type_text(board.crew, "crew")
    board.dispatch_form.button.click()
    settle()
    assert board.message.text().startswith("×")
    assert board.current.state == "departed"
    assert board.steps.currentWidget() is board.handover_form and board.cancel_group.isHidden()


def test_cancel_needs_a_reason_and_reopens_the_case(qtbot: Any, triage_ctx: AppContext, nurse_session: Session,
                                                    doctor_session: Session, type_text: Any) -> None:
    hospital = add_hospitals(triage_ctx)
    visit_no = suspected_case(triage_ctx, nurse_session, doctor_session)
    requested(triage_ctx, doctor_session, visit_no, hospital)
    board = TransferBoardPage(nurse_session)
    qtbot.addWidget(board)
    board.activated()
    board.cancel_form.button.click()
    assert board.cancel_form.errors.visible_texts() == ["This field is required: enter it, then save."]
    assert board.current.state == "requested"
    type_text(board.cancel_reason, "家属拒绝转运")
    board.cancel_form.button.click()
    settle()
    assert board.current.state == "cancelled" and board.model.rowCount() == 0
    assert triage_ctx.cases.get(doctor_session.actor, visit_no).closed_at is None
    assert "still has to be transferred" in board.message.text()  # a suspected case still owes its transfer


def test_admin_sees_the_board_without_steps(qtbot: Any, triage_ctx: AppContext, nurse_session: Session,
                                            doctor_session: Session, triage_admin_session: Session) -> None:
    hospital = add_hospitals(triage_ctx)
    requested(triage_ctx, doctor_session, suspected_case(triage_ctx, nurse_session, doctor_session), hospital)
    board = TransferBoardPage(triage_admin_session)
    qtbot.addWidget(board)
    board.activated()
    assert board.model.rowCount() == 1 and board.offered_steps() == []
    assert board.step_group.isHidden() and board.cancel_group.isHidden()
    assert board.print_button.isEnabled()


def test_the_boxes_a_scanner_types_into_switch_the_input_method_off(qtbot: Any, nurse_session: Session) -> None:
    """A scanner typing through a Chinese input method turns ':' into '：' or loses letters to a composition:
    the receipt box on the board and the receive page's scan box take no input method (issue 13)."""
    from ui.pages.transfer_receive import ReceiveTransferPage

    board = TransferBoardPage(nurse_session)
    qtbot.addWidget(board)
    receive = ReceiveTransferPage(nurse_session)
    qtbot.addWidget(receive)
    for box in (board.receipt, receive.scan):
        assert not box.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
        assert box.inputMethodHints() & Qt.InputMethodHint.ImhLatinOnly
