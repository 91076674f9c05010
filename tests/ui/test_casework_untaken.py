"""首诊负责制 on the desks: a patient received at the fever clinic and not taken within the county's limit
shows a red banner on the triage desk, the fever clinic and the hand-off board (masked name, minutes
waited, the count) and a red row in the waiting list — until a doctor takes the case."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt

from tests.ui.casework_support import received_patient, settle
from ui.pages.fever_clinic import FeverClinicPage
from ui.pages.handoff_board import HandoffBoardPage
from ui.pages.triage_desk import TriageDeskPage

SHOTS = Path(os.environ.get("FEVER_SENTINEL_SHOTS", "/tmp/shots"))


def shown(qtbot, page):  # type: ignore[no-untyped-def]
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.activated()
    return page


def test_untaken_patient_alarm_on_both_desks_until_a_doctor_takes_the_case(
        qtbot, clock, nurse_session, doctor_session, boxes):
    ctx = doctor_session.ctx
    visit_no = received_patient(ctx, nurse_session.actor, doctor_session.actor, "王芳")
    desk = shown(qtbot, TriageDeskPage(nurse_session))
    board = shown(qtbot, HandoffBoardPage(nurse_session))
    clinic = shown(qtbot, FeverClinicPage(doctor_session))
    assert desk.untaken.feed.running and clinic.untaken.feed.running  # polled while shown

    clock.advance(minutes=10)  # exactly the limit: still in time
    for banner in (desk.untaken, board.untaken, clinic.untaken):
        banner.refresh()
        assert banner.isHidden()

    clock.advance(minutes=2)
    for banner in (desk.untaken, board.untaken):
        banner.refresh()
    clinic.refresh()
    for banner in (desk.untaken, board.untaken, clinic.untaken):
        assert banner.isVisible() and banner.count() == 1
        text = banner.text()
        assert "1 patient(s) waiting more than 10 min" in text
        assert f"Patient 王* ({visit_no}) has been at the fever clinic for 12 min" in text
        assert "王芳" not in text  # the name is masked on every desk
    assert "doctor on duty" in desk.untaken.text() and "press Enter" in clinic.untaken.text()
    # the waiting list colours the long wait: amber past the limit (red only past three times it, issue 15)
    model = clinic.waiting_model
    assert model.limit_minutes == 10
    cell = model.index(0, model.WAITED)
    assert cell.data(Qt.ItemDataRole.BackgroundRole).color().name() == "#fff0d6"
    assert "10 min" in cell.data(Qt.ItemDataRole.ToolTipRole)

    # a doctor takes the case: the fever clinic's banner goes at once, the desk's on its next poll
    clinic.select_waiting(visit_no)
    clinic.take_selected()
    assert boxes.kinds()[-1] == "question"
    assert clinic.untaken.isHidden() and clinic.waiting_model.rowCount() == 0
    clinic.case_dialog.close()
    desk.untaken.refresh()
    board.untaken.refresh()
    assert desk.untaken.isHidden() and board.untaken.isHidden()

    desk.hide()
    assert not desk.untaken.feed.running  # no polling behind the scenes


def test_short_waits_are_not_coloured(qtbot, clock, nurse_session, doctor_session):
    ctx = doctor_session.ctx
    received_patient(ctx, nurse_session.actor, doctor_session.actor, "王芳")
    clock.advance(minutes=8)  # within the limit: no colour, no banner (issue 15: amber only past the limit)
    clinic = shown(qtbot, FeverClinicPage(doctor_session))
    model = clinic.waiting_model
    assert clinic.untaken.isHidden()
    assert model.index(0, model.WAITED).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(0, model.PATIENT).data(Qt.ItemDataRole.BackgroundRole) is None
    clock.advance(minutes=-8)
    clinic.refresh()
    assert model.index(0, model.WAITED).data(Qt.ItemDataRole.BackgroundRole) is None


def test_untaken_banner_in_chinese(qtbot, qapp, clock, nurse_session, doctor_session):
    from ui.i18n import install_language

    ctx = doctor_session.ctx
    first = received_patient(ctx, nurse_session.actor, doctor_session.actor, "王芳", seq=1)
    clock.advance(minutes=4)
    second = received_patient(ctx, nurse_session.actor, doctor_session.actor, "欧阳娜娜", seq=2)
    clock.advance(minutes=11)
    install_language(qapp, "zh_CN")
    try:
        desk = shown(qtbot, TriageDeskPage(nurse_session))
        clinic = shown(qtbot, FeverClinicPage(doctor_session))
        settle()
        text = desk.untaken.text()
        assert "2 名患者" in text and "10 分钟" in text
        assert f"患者 王*（{first}）已到达发热门诊 15 分钟仍无医生接诊" in text
        assert f"患者 欧**娜（{second}）已到达发热门诊 11 分钟仍无医生接诊" in text
        assert text.index(first) < text.index(second)  # the longest wait first
        assert "接诊" in clinic.untaken.text()
        SHOTS.mkdir(parents=True, exist_ok=True)
        desk.grab().save(str(SHOTS / "untaken_triage_desk.png"))
        clinic.grab().save(str(SHOTS / "untaken_fever_clinic.png"))
    finally:
        install_language(qapp, "en")
    settle()
    assert "2 patient(s)" in desk.untaken.text()  # a live language switch re-reads the banner
