"""The case page: observation then a nucleic-acid test and its result; classifying as suspected and
recording the direct network report (the 2 h clock met); a stale edit reloads; dispositions follow
the rules (a pending result needs a reason); a hand-over picks the other doctor by name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from tests.ui.casework_support import NIGHT_PASSWORD, add_night_doctor, settle, taken_case, treat_mode
from tests.ui.conftest import ADMIN_PASSWORD
from ui.pages.case_dialogs import DispositionDialog, HandoverDialog, OrderTestDialog, ResultDialog
from ui.pages.case_page import CaseDialog


def open_dialog(qtbot, session, case) -> CaseDialog:
    dialog = CaseDialog(session, case)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    return dialog


def order_nucleic_acid(dialog: CaseDialog) -> OrderTestDialog:
    dialog.order_test()
    order = dialog.sub
    assert isinstance(order, OrderTestDialog)
    order.kind.setCurrentIndex(order.kind.findData("nucleic_acid"))
    order.population.setCurrentIndex(order.population.findData("fever_clinic"))
    order.ok.click()
    return order


def test_order_nucleic_acid_after_observation_and_record_its_result(qtbot, doctor_session, nurse_session, clock,
                                                                    type_text):
    case = taken_case(doctor_session.ctx, nurse_session.actor, doctor_session.actor)
    dialog = open_dialog(qtbot, doctor_session, case)
    dialog.tabs.setCurrentIndex(2)

    order = order_nucleic_acid(dialog)  # no observation yet: refused, the dialog stays open
    assert order.isVisible()
    assert any("observation room and bed first" in t for t in order.errors.visible_texts())
    order.cancel.click()

    type_text(dialog.observation.room, "留观1室")
    type_text(dialog.observation.bed, "3床")
    qtbot.keyClick(dialog.observation.bed, Qt.Key.Key_Return)  # Enter in the bed field sets the observation
    assert "Observation: 留观1室 3床" == dialog.header.observation_label.text()
    assert "Observation room and bed set" in dialog.message.text()

    order = order_nucleic_acid(dialog)
    assert not order.isVisible()
    assert dialog.observation.tests_model.rowCount() == 1
    assert dialog.observation.tests_model.index(0, dialog.observation.tests_model.RESULT).data() == "Awaiting result"
    assert dialog.observation.tests_model.index(0, dialog.observation.tests_model.KIND).data() == "Nucleic acid test"
    assert "1 pending" in dialog.tabs.tabText(2)
    # the NAT turnaround, and the observation round observation started (issue 17)
    kinds = [k.kind for k in dialog.clocks.clocks_model.rows()]
    assert sorted(kinds) == ["observation_round", "result"]
    nat_row = kinds.index("result")
    assert "6 h left" in dialog.clocks.clocks_model.index(nat_row, dialog.clocks.clocks_model.STATUS).data()

    clock.advance(hours=3)
    dialog.observation.tests_view.selectRow(0)
    assert dialog.observation.result_button.isEnabled()
    dialog.record_result()
    result = dialog.sub
    assert isinstance(result, ResultDialog)
    result.ok.click()  # no result chosen
    assert any("negative, positive or invalid" in t for t in result.errors.visible_texts())
    result.outcome.setCurrentIndex(result.outcome.findData("negative"))
    result.ct_value.setText("")
    type_text(result.lab, "县疾控中心实验室")
    result.ok.click()
    assert not result.isVisible()
    assert dialog.observation.tests_model.index(0, dialog.observation.tests_model.RESULT).data() == "Negative"
    assert dialog.observation.tests_model.index(0, dialog.observation.tests_model.LAB).data() == "县疾控中心实验室"
    nat_row = [k.kind for k in dialog.clocks.clocks_model.rows()].index("result")
    assert dialog.clocks.clocks_model.index(nat_row, dialog.clocks.clocks_model.STATUS).data() == "Met in time"
    assert not dialog.observation.result_button.isEnabled()
    assert dialog.tabs.tabText(2) == "Observation and tests"


def test_classify_suspected_then_report_meets_the_2h_clock(qtbot, doctor_session, nurse_session, clock, type_text):
    case = taken_case(doctor_session.ctx, nurse_session.actor, doctor_session.actor)
    dialog = open_dialog(qtbot, doctor_session, case)
    dialog.tabs.setCurrentIndex(1)
    assert not dialog.classify_tab.report_button.isEnabled()  # nothing to report while pending
    assert "No report needed" in dialog.classify_tab.report_status.text()
    dialog.classify_tab.classification.setCurrentIndex(dialog.classify_tab.classification.findData("suspected"))
    dialog.classify_tab.classify_button.click()
    assert dialog.header.class_badge.text() == "Suspected case"
    assert "report it to the network within 2 h" in dialog.message.text()
    assert "2 h direct network report: In time · 2 h left" == dialog.classify_tab.report_status.text()
    assert dialog.classify_tab.report_button.isEnabled()
    # the most urgent open clock heads the case: the transfer request (30 min by default)
    assert "Transfer request: In time · 30 min left" == dialog.header.urgent_label.text()

    clock.advance(minutes=40)
    dialog.tick()
    assert "1 h 20 min left" in dialog.classify_tab.report_status.text()
    dialog.classify_tab.reported_at.set_value(clock.now())
    type_text(dialog.classify_tab.card_no, "44000000000012")
    qtbot.keyClick(dialog.classify_tab.card_no, Qt.Key.Key_Return)
    assert "Direct network report recorded" in dialog.message.text()
    assert dialog.classify_tab.report_status.text().startswith("2 h direct network report: Met in time")
    assert "44000000000012" in dialog.classify_tab.report_status.text()
    report_row = next(i for i, k in enumerate(dialog.clocks.clocks_model.rows()) if k.kind == "report_2h")
    assert dialog.clocks.clocks_model.index(report_row, dialog.clocks.clocks_model.STATUS).data() == "Met in time"
    assert dialog.case.reported_at == clock.now()
    assert "Transfer request: Overdue by 10 min" == dialog.header.urgent_label.text()


def test_stale_interview_reloads_and_tells_the_doctor(qtbot, doctor_session, nurse_session, boxes, type_text):
    ctx = doctor_session.ctx
    case = taken_case(ctx, nurse_session.actor, doctor_session.actor)
    dialog = open_dialog(qtbot, doctor_session, case)
    ctx.cases.update_interview(doctor_session.actor, case.visit_no, case.version, epi={"notes": "另一台电脑"},
                               findings="咽部充血")  # the same doctor at another desk
    type_text(dialog.interview.findings, "双肺呼吸音清")
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert boxes.calls[-1][0] == "information"
    assert "changed this case" in boxes.calls[-1][2]
    assert dialog.interview.findings.toPlainText() == "咽部充血" and dialog.interview.notes.toPlainText() == "另一台电脑"
    assert "changed this case" in dialog.message.text()
    dialog.interview.findings.moveCursor(QTextCursor.MoveOperation.End)
    type_text(dialog.interview.findings, "，双肺呼吸音清")
    dialog.save_interview()
    assert "saved" in dialog.message.text()
    assert ctx.cases.get(doctor_session.actor, case.visit_no).findings == "咽部充血，双肺呼吸音清"


def offered(dispose: DispositionDialog) -> list[str]:
    return [dispose.disposition.itemData(i) for i in range(1, dispose.disposition.count())]


def test_disposition_offers_only_what_the_service_allows_while_the_result_is_pending(
        qtbot, doctor_session, nurse_session, type_text):
    """Issue 12: no home or general outpatient before a negative NAT result; both NAT and blood routine
    first; the buffer-ward single room while the NAT is out. (Before issue 12 this test sent a patient
    home with a pending result and a reason — the rule now refuses that.)"""
    ctx = doctor_session.ctx
    treat_mode(ctx)
    case = taken_case(ctx, nurse_session.actor, doctor_session.actor)
    ctx.cases.start_observation(doctor_session.actor, case.visit_no, "留观1室", "2床")
    case = ctx.cases.order_test(doctor_session.actor, case.visit_no, "nucleic_acid", "fever_clinic",
                                ctx.clock.now())
    dialog = open_dialog(qtbot, doctor_session, case)
    dialog.dispose()
    dispose = dialog.sub
    assert isinstance(dispose, DispositionDialog)
    assert dispose.pending.isVisible() and "still pending" in dispose.pending.text()
    assert offered(dispose) == ["left_without_permission", "died"]  # no blood routine yet: only the incidents
    assert dispose.refused_label.isVisible()
    assert "Home observation with advice" in dispose.refused_label.text()
    dispose.cancel.click()

    case = ctx.cases.order_test(doctor_session.actor, case.visit_no, "blood_routine", "fever_clinic",
                                ctx.clock.now())
    dialog.show_case(case)
    dialog.dispose()
    dispose = dialog.sub
    assert isinstance(dispose, DispositionDialog)
    assert offered(dispose) == ["admitted", "left_without_permission", "died"]  # the buffer room while the NAT is out
    refused = dispose.refused_label.text()
    assert "Excluded: back to general outpatient" in refused and "Home observation with advice" in refused
    dispose.choose("admitted")
    type_text(dispose.ward, "缓冲病区")
    dispose.buffer_room.setChecked(False)
    dispose.ok.click()
    assert dispose.isVisible()
    assert any("buffer ward" in t for t in dispose.errors.visible_texts())  # the service's sentence
    dispose.buffer_room.setChecked(True)
    dispose.ok.click()
    assert not dispose.isVisible()
    assert "Case closed" in dialog.message.text()
    assert "Admitted to a ward" in dialog.header.banner.text()
    assert not dialog.dispose_button.isEnabled()
    assert dialog.observation.order_button.isEnabled()  # in the ward the case still takes orders and results
    closed = ctx.cases.get(doctor_session.actor, case.visit_no)
    assert closed.disposition == "admitted" and closed.closed_at is not None


def test_a_suspected_case_is_offered_only_the_incidents_and_a_death_is_recorded(
        qtbot, doctor_session, nurse_session, type_text):
    ctx = doctor_session.ctx
    case = taken_case(ctx, nurse_session.actor, doctor_session.actor)
    case = ctx.cases.classify(doctor_session.actor, case.visit_no, case.version, "suspected")
    dialog = open_dialog(qtbot, doctor_session, case)
    dialog.dispose()
    dispose = dialog.sub
    assert isinstance(dispose, DispositionDialog)
    assert offered(dispose) == ["left_without_permission", "died"]
    assert "Admitted to a ward" in dispose.refused_label.text()  # listed with the service's reason
    dispose.choose("died")
    assert dispose.died_at.isVisible() and dispose.certified_by.isVisible() and not dispose.advice.isVisible()
    assert "time of death" in dispose.rule.text()
    dispose.ok.click()  # who certified it is required
    assert dispose.isVisible() and dispose.errors.visible_texts()
    type_text(dispose.certified_by, "王主任")
    dispose.ok.click()
    assert not dispose.isVisible()
    closed = ctx.cases.get(doctor_session.actor, case.visit_no)
    assert closed.disposition == "died" and closed.disposition_detail["certified_by"] == "王主任"
    assert closed.disposition_detail["died_at"] == ctx.clock.now().astimezone(doctor_session.zone).strftime(
        "%Y-%m-%d %H:%M")


def test_an_excluded_case_may_go_home_or_back_to_general_outpatient(qtbot, doctor_session, nurse_session,
                                                                      clock, type_text):
    ctx, doctor = doctor_session.ctx, doctor_session.actor
    treat_mode(ctx)
    case = taken_case(ctx, nurse_session.actor, doctor)
    ctx.cases.start_observation(doctor, case.visit_no, "留观1室", "2床")
    ctx.cases.order_test(doctor, case.visit_no, "blood_routine", "fever_clinic", ctx.clock.now())
    case = ctx.cases.order_test(doctor, case.visit_no, "nucleic_acid", "fever_clinic", ctx.clock.now())
    nat = next(t for t in case.tests if t.kind == "nucleic_acid")
    clock.advance(hours=4)
    ctx.cases.record_result(doctor, nat.id, nat.version, result="negative", result_at=clock.now(), lab="县疾控")
    case = ctx.cases.get(doctor, case.visit_no)
    case = ctx.cases.classify(doctor, case.visit_no, case.version, "excluded")
    dialog = open_dialog(qtbot, doctor_session, case)
    dialog.dispose()
    dispose = dialog.sub
    assert isinstance(dispose, DispositionDialog)
    assert offered(dispose) == ["excluded_general", "home_advice", "admitted", "left_without_permission", "died"]
    assert not dispose.refused_label.isVisible()
    dispose.choose("home_advice")
    dispose.ok.click()  # the advice is required
    assert dispose.isVisible() and dispose.errors.visible_texts()
    dispose.choose("excluded_general")
    assert dispose.excluding.count() == 1 and dispose.excluding.itemData(0) == nat.id  # only the negative NAT
    dispose.ok.click()
    assert not dispose.isVisible()
    assert ctx.cases.get(doctor, case.visit_no).disposition == "excluded_general"


def test_a_sentinel_room_refers_everyone_so_only_the_incidents_are_offered(qtbot, doctor_session, nurse_session):
    ctx = doctor_session.ctx  # a township clinic: 哨点诊室 (refer) by default
    case = taken_case(ctx, nurse_session.actor, doctor_session.actor)
    dialog = open_dialog(qtbot, doctor_session, case)
    dialog.dispose()
    dispose = dialog.sub
    assert isinstance(dispose, DispositionDialog)
    assert offered(dispose) == ["left_without_permission", "died"]
    assert dispose.refused_label.isVisible() and "Home observation with advice" in dispose.refused_label.text()
    dispose.cancel.click()


def test_hand_over_picks_another_active_doctor_by_name(qtbot, doctor_session, nurse_session, type_text):
    ctx = doctor_session.ctx
    add_night_doctor(ctx)  # 刘洋 (night)
    admin = ctx.users.authenticate("admin", ADMIN_PASSWORD, "test-desk")
    ctx.users.create(admin, username="doctor2", full_name="陈静", roles=["doctor"], password="doctor2-pass-1")
    ctx.users.create(admin, username="retired", full_name="安然", roles=["doctor"], password="retired-pass-1")
    ctx.users.set_active(admin, "retired", False)
    case = taken_case(ctx, nurse_session.actor, doctor_session.actor, "李强")
    dialog = open_dialog(qtbot, doctor_session, case)

    dialog.request_handover()
    ask = dialog.sub
    assert isinstance(ask, HandoverDialog) and ask.isVisible()
    combo = ask.to_doctor
    assert not combo.isEditable()
    # by name in pinyin order; not the doctor handing over (张伟 (doctor)), not a disabled account
    assert [combo.itemText(i) for i in range(combo.count())] == ["陈静 (doctor2)", "刘洋 (night)"]
    assert combo.currentIndex() == -1 and ask.ok.isEnabled() and not ask.no_doctor.isVisible()
    ask.ok.click()  # nobody picked: refused next to the field
    assert ask.isVisible()
    assert ask.errors.visible_texts() == ["Choose the doctor to hand the case over to."]

    combo.setCurrentIndex(combo.findText("刘洋 (night)"))
    type_text(ask.reason, "白班下班交接")
    ask.ok.click()
    assert not ask.isVisible()
    assert "Hand-over requested" in dialog.message.text()
    night = ctx.users.authenticate("night", NIGHT_PASSWORD, "fever-clinic-2")
    [handover] = ctx.cases.handovers_for(night)
    assert (handover.visit_no, handover.from_username, handover.reason) == (case.visit_no, "doctor", "白班下班交接")
    assert ctx.cases.get(doctor_session.actor, case.visit_no).doctor_username == "doctor"  # until accepted


def test_hand_over_with_no_other_doctor_says_so(qtbot, doctor_session, nurse_session):
    case = taken_case(doctor_session.ctx, nurse_session.actor, doctor_session.actor, "李强")
    dialog = open_dialog(qtbot, doctor_session, case)
    dialog.request_handover()
    ask = dialog.sub
    assert isinstance(ask, HandoverDialog) and ask.isVisible()
    assert ask.to_doctor.count() == 0
    assert ask.no_doctor.isVisible() and "No other doctor" in ask.no_doctor.text()
    assert not ask.ok.isEnabled()


def test_disposition_dialog_names_each_refusal_in_chinese(qtbot, qapp, doctor_session, nurse_session):
    from pathlib import Path

    from ui.i18n import install_language

    ctx = doctor_session.ctx
    treat_mode(ctx)
    case = taken_case(ctx, nurse_session.actor, doctor_session.actor)
    case = ctx.cases.classify(doctor_session.actor, case.visit_no, case.version, "suspected")
    install_language(qapp, "zh_CN")
    try:
        dialog = open_dialog(qtbot, doctor_session, case)
        dialog.dispose()
        dispose = dialog.sub
        assert isinstance(dispose, DispositionDialog)
        dispose.choose("died")
        settle()
        text = dispose.refused_label.text()
        assert text.startswith("当前不能选择的处置") and "居家观察" in text
        assert "出现错误" not in text and "_only" not in text  # the service's own sentence
        assert dispose.labels["died_at"].text() == "死亡时间(&T)："
        shots = Path("/tmp/shots")
        shots.mkdir(parents=True, exist_ok=True)
        dispose.grab().save(str(shots / "disposition_refusals.png"))
    finally:
        install_language(qapp, "en")
