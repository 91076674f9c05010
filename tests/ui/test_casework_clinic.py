"""Fever clinic desk: taking a patient (首诊负责) and a second doctor refused; a hand-over accepted
by the receiving doctor moves the responsibility shown everywhere."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.casework_support import night_session, received_patient, settle, taken_case
from ui.main_window import MainWindow
from ui.pages.case_dialogs import HandoverDialog
from ui.pages.case_page import CaseDialog
from ui.pages.deadline_board import DeadlineBoardPage
from ui.pages.fever_clinic import FeverClinicPage


def test_doctor_lands_on_the_fever_clinic_and_sees_the_time_limits(qtbot, doctor_session):
    window = MainWindow(doctor_session, idle_ms=3_600_000)
    qtbot.addWidget(window)
    window.start(maximize=False)
    assert window.page_titles()[:3] == ["Fever clinic", "Time limits", "Hand-offs"]
    assert isinstance(window.stack.currentWidget(), FeverClinicPage)
    assert isinstance(window.pages[1], DeadlineBoardPage)
    window.shutdown()


def test_taking_a_case_and_a_second_doctor_cannot(qtbot, doctor_session, nurse_session, runner, boxes):
    ctx = doctor_session.ctx
    visit_no = received_patient(ctx, nurse_session.actor, doctor_session.actor, "王芳")
    night = night_session(ctx, runner)
    mine = FeverClinicPage(doctor_session)
    theirs = FeverClinicPage(night)
    for page in (mine, theirs):
        qtbot.addWidget(page)
        page.show()
        page.activated()
    assert [w.visit_no for w in mine.waiting_model.rows()] == [visit_no]
    assert "1" in mine.waiting_label.text()

    mine.select_waiting(visit_no)
    qtbot.keyClick(mine.waiting_view, Qt.Key.Key_Return)  # Enter takes the selected patient
    kind, title, text = boxes.calls[-1]
    assert kind == "question" and "responsible" in text and visit_no in text
    dialog = mine.case_dialog
    assert isinstance(dialog, CaseDialog) and dialog.isVisible()
    assert "张伟 (doctor)" in dialog.header.doctor_label.text()
    assert dialog.interview.save_interview_button.isEnabled() and dialog.classify_tab.classify_button.isEnabled()
    travel = dialog.interview.travel
    assert travel.rowCount() == 1 and travel.item(0, 0).text() == "上海"  # prefilled from triage
    dialog.close()
    assert mine.waiting_model.rowCount() == 0
    assert [c.visit_no for c in mine.cases_model.rows()] == [visit_no]
    assert "张伟 (doctor)" in mine.cases_model.index(0, mine.cases_model.DOCTOR).data()

    # the second doctor's list is stale: taking it is refused, naming who took it
    assert [w.visit_no for w in theirs.waiting_model.rows()] == [visit_no]
    theirs.take_selected()
    assert boxes.calls[-1][0] == "warning"
    assert "already been taken by doctor doctor" in boxes.calls[-1][2]
    assert "already been taken" in theirs.result.text()
    assert theirs.waiting_model.rowCount() == 0  # refreshed
    theirs.all_cases.setChecked(True)
    assert [c.doctor_username for c in theirs.cases_model.rows()] == ["doctor"]
    theirs.select_case(visit_no)
    theirs.open_selected()
    other = theirs.case_dialog
    assert isinstance(other, CaseDialog)
    assert "Read only" in other.header.banner.text() and "张伟" in other.header.banner.text()
    assert not other.classify_tab.classify_button.isEnabled() and not other.dispose_button.isEnabled()
    assert not other.interview.save_interview_button.isEnabled()
    other.close()


def test_hand_over_accepted_moves_responsibility(qtbot, doctor_session, nurse_session, runner, boxes, type_text):
    ctx = doctor_session.ctx
    night = night_session(ctx, runner)
    case = taken_case(ctx, nurse_session.actor, doctor_session.actor, "李强")
    mine = FeverClinicPage(doctor_session)
    qtbot.addWidget(mine)
    mine.show()
    mine.activated()
    mine.select_case(case.visit_no)
    mine.open_selected()
    dialog = mine.case_dialog
    assert isinstance(dialog, CaseDialog)
    dialog.request_handover()
    ask = dialog.sub
    assert isinstance(ask, HandoverDialog)
    ask.to_doctor.setCurrentIndex(ask.to_doctor.findData("night"))
    type_text(ask.reason, "白班下班交接")
    qtbot.keyClick(ask.reason, Qt.Key.Key_Return)
    assert not ask.isVisible()
    assert "night" in dialog.header.banner.text() and not dialog.handover_button.isEnabled()
    assert "→ night?" in mine.cases_model.index(0, mine.cases_model.DOCTOR).data()

    theirs = FeverClinicPage(night)
    qtbot.addWidget(theirs)
    theirs.show()
    theirs.activated()
    assert theirs.handover_frame.isVisible()  # shown prominently, above the waiting list
    assert "1" in theirs.handover_label.text()
    assert theirs.handover_model.index(0, theirs.handover_model.REASON).data() == "白班下班交接"
    assert theirs.handover_model.index(0, theirs.handover_model.PATIENT).data() == case.patient_name  # issue 15
    theirs.accept_handover()
    assert "responsible" in boxes.calls[-1][2]
    assert "now responsible" in theirs.result.text()
    assert not theirs.handover_frame.isVisible()
    assert [c.visit_no for c in theirs.cases_model.rows()] == [case.visit_no]
    assert "刘洋 (night)" in theirs.cases_model.index(0, theirs.cases_model.DOCTOR).data()

    dialog.reload()
    settle()
    assert "刘洋 (night)" in dialog.header.doctor_label.text()
    assert "Read only" in dialog.header.banner.text()
    assert not dialog.classify_tab.classify_button.isEnabled()
    mine.refresh()
    assert mine.cases_model.rowCount() == 0  # no longer in "my cases"
    dialog.close()


def test_casework_screens_speak_chinese(qtbot, qapp, doctor_session, nurse_session):
    from ui.i18n import install_language
    from ui.pages.case_dialogs import OrderTestDialog

    ctx = doctor_session.ctx
    case = taken_case(ctx, nurse_session.actor, doctor_session.actor)
    case = ctx.cases.classify(doctor_session.actor, case.visit_no, case.version, "suspected")
    install_language(qapp, "zh_CN")
    page = FeverClinicPage(doctor_session)
    qtbot.addWidget(page)
    page.activated()
    assert page.title() == "发热门诊接诊"
    assert page.take_button.text() == "接诊(&T)（回车）"
    assert page.cases_model.index(0, page.cases_model.CLASS).data() == "疑似病例"
    assert page.cases_model.headerData(2, Qt.Orientation.Horizontal) == "责任医生"
    dialog = CaseDialog(doctor_session, case)
    qtbot.addWidget(dialog)
    assert dialog.header.class_badge.text() == "疑似病例"
    assert dialog.classify_tab.report_status.text().startswith("2小时内网络直报：正常 · 还剩 2 小时")  # the clock's printed name
    dialog.order_test()
    assert isinstance(dialog.sub, OrderTestDialog)
    assert dialog.sub.cancel.text() == "取消" and dialog.sub.kind.currentText() == "核酸检测"
    dialog.sub.close()
    install_language(qapp, "en")  # live switch back: every open widget re-reads its texts
    qtbot.waitUntil(lambda: dialog.header.class_badge.text() == "Suspected case")
    # the page re-reads its words on Qt's posted LanguageChange event, the dialog at once: wait for both
    qtbot.waitUntil(lambda: page.take_button.text() == "&Take case (Enter)")
    assert page.title() == "Fever clinic"
    assert dialog.classify_tab.report_status.text().startswith("2 h direct network report: In time")
