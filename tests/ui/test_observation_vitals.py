"""The observation round in the case window (issue 17, part 4): a set recorded on the observation tab, the latest
NEWS2 and level in words (never a code), the next round, the trend chart's points; scale 2 asks the doctor to
confirm; the deadline board says "continuous monitoring" for NEWS2 ≥ 7; the transfer board shows NEWS2."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.severity.vitals import Vitals
from tests.ui.casework_support import settle, taken_case
from tests.ui.conftest import ADMIN_PASSWORD
from ui.pages.case_models import BoardModel
from ui.pages.case_page import CaseDialog
from ui.pages.transfer_models import TransferBoardModel
from ui.session import Session

Typer = Callable[[QWidget, str], None]
OBSERVATION_TAB = 2


def open_observed(qtbot: Any, doctor: Session, nurse: Session) -> CaseDialog:
    ctx = doctor.ctx
    case = taken_case(ctx, nurse.actor, doctor.actor)
    case = ctx.cases.start_observation(doctor.actor, case.visit_no, "留观1室", "3床")
    dialog = CaseDialog(doctor, case)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(OBSERVATION_TAB)
    settle()
    return dialog


def type_set(type_text: Typer, dialog: CaseDialog, temperature: str, rr: str, spo2: str, sbp: str, hr: str) -> None:
    fields = dialog.observation.vitals
    for edit, text in ((fields.temperature, temperature), (fields.respiratory_rate, rr), (fields.spo2, spo2),
                       (fields.systolic_bp, sbp), (fields.heart_rate, hr)):
        edit.clear()
        type_text(edit, text)
    fields.oxygen.setCurrentIndex(fields.oxygen.findData(False))
    fields.consciousness.setCurrentIndex(fields.consciousness.findData("A"))


def test_a_set_recorded_in_the_case_window(qtbot: Any, doctor_session: Session, nurse_session: Session,
                                           type_text: Typer) -> None:
    dialog = open_observed(qtbot, doctor_session, nurse_session)
    tab = dialog.observation
    assert tab.vitals_button.isEnabled()
    assert "No vital signs" in tab.latest.text() or "Latest" in tab.latest.text()
    before = len(tab.chart.values)

    type_set(type_text, dialog, "386", "22", "95", "120", "95")  # NEWS2 5: RR 2, SpO₂ 1, HR 1, 38.6 °C 1
    tab.vitals_button.click()
    settle()
    assert "NEWS2 5 (Medium risk)" in dialog.message.text() and "Level III" in dialog.message.text()
    assert "NEWS2 5 (Medium risk)" in tab.latest.text() and "RR 22/min" in tab.latest.text()
    assert "Level III (urgent)" in tab.latest.text()
    for code in ("medium", "news2_medium", "level 3", "None"):  # words, never codes
        assert code not in tab.latest.text()
    assert tab.chart.values[-1] == 5 and len(tab.chart.values) == before + 1
    assert "due by" in tab.next_round.text()  # hourly at NEWS2 5
    assert tab.vitals.temperature.text() == ""  # cleared for the next round
    (stored,) = doctor_session.ctx.observation.trend(doctor_session.actor, dialog.case.visit_no)[-1:]
    assert stored.news2 == 5

    # an impossible reading is refused at its field, nothing saved
    type_set(type_text, dialog, "386", "99", "95", "120", "95")
    tab.vitals_button.click()
    settle()
    assert tab.vitals_error.isVisibleTo(dialog) and "respiratory rate" in tab.vitals_error.text()
    assert len(doctor_session.ctx.observation.trend(doctor_session.actor, dialog.case.visit_no)) == before + 1


def test_scale_2_is_confirmed_and_news2_7_reads_as_continuous_monitoring(
        qtbot: Any, doctor_session: Session, nurse_session: Session, type_text: Typer, boxes: Any) -> None:
    dialog = open_observed(qtbot, doctor_session, nurse_session)
    fields = dialog.observation.vitals
    boxes.answer = boxes.answer.No
    fields.scale_2.setChecked(True)
    assert boxes.calls[-1][0] == "question" and "hypercapnic" in boxes.calls[-1][2]
    assert not fields.scale_2.isChecked()  # not confirmed: scale 1
    boxes.answer = boxes.answer.Yes
    fields.scale_2.setChecked(True)
    assert fields.scale_2.isChecked()
    type_set(type_text, dialog, "370", "25", "89", "120", "115")  # RR 3, scale 2 89 % 0, HR 2: NEWS2 5
    dialog.observation.vitals_button.click()
    settle()
    last = doctor_session.ctx.observation.trend(doctor_session.actor, dialog.case.visit_no)[-1]
    assert last.vitals.spo2_scale == 2 and last.news2 == 5 and "scale 2" in dialog.observation.latest.text()

    fields.scale_2.setChecked(False)
    type_set(type_text, dialog, "370", "25", "91", "120", "115")  # RR 3, SpO₂ 3, HR 2: NEWS2 8
    dialog.observation.vitals_button.click()
    settle()
    assert "continuous monitoring" in dialog.observation.next_round.text()
    board = BoardModel(doctor_session.zone)
    board.set_rows(doctor_session.ctx.deadlines.board(doctor_session.actor).entries, doctor_session.ctx.clock.now())
    rows = [i for i, e in enumerate(board.rows()) if e.clock.kind == "observation_round"]
    assert [board.index(i, board.LEFT).data() for i in rows] == ["⚠ Continuous monitoring, urgent review"]
    alerts = [a for a in doctor_session.ctx.alerts.open_alerts(doctor_session.actor) if a.kind == "news2"]
    assert "news2_reached" in alerts[0].evidence["codes"]  # 5: reached (a rise too, after a pre-triage set)
    assert alerts[-1].evidence["codes"] == ["news2_rose"] and len(alerts) == 2  # 5 → 8: a rise, 5 already reached


def test_the_transfer_board_shows_news2(qtbot: Any, doctor_session: Session, nurse_session: Session) -> None:
    ctx, doctor = doctor_session.ctx, doctor_session.actor
    case = taken_case(ctx, nurse_session.actor, doctor)
    case = ctx.cases.classify(doctor, case.visit_no, case.version, "suspected")
    ctx.observation.record_vitals(doctor, case.visit_no, Vitals(38.6, respiratory_rate=22, spo2=95, heart_rate=95))
    admin = ctx.users.authenticate("admin", ADMIN_PASSWORD, "test-desk")
    hospital = ctx.transfers.save_hospital(admin, name="市传染病医院", kind="designated")
    ctx.transfers.request(doctor, case.visit_no, hospital_id=hospital.id, condition="serious", oxygen=False,
                          precautions="N95", staff="护士 李娜")
    model = TransferBoardModel(doctor_session.zone)
    model.set_rows(ctx.transfers.open_transfers(doctor), ctx.clock.now())
    assert model.headerData(model.NEWS2, Qt.Orientation.Horizontal) == "NEWS2"
    assert model.index(0, model.NEWS2).data() == "≥ 5"  # oxygen, pressure and consciousness not taken: a floor
