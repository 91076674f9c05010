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


NAMES = ("王芳", "李强", "张敏", "刘洋", "陈静", "赵雷", "钱七")


def test_the_case_list_loads_more_as_it_scrolls_under_the_true_count(qtbot, doctor_session, nurse_session):
    """Pages of the open cases as the list scrolls (2 a page here, 200 in use); the heading counts them all; a
    refresh reads as far as the list was scrolled and keeps the selected case selected."""
    ctx, nurse, doctor = doctor_session.ctx, nurse_session.actor, doctor_session.actor
    taken = [taken_case(ctx, nurse, doctor, NAMES[n], seq=n).visit_no for n in range(5)]
    page = FeverClinicPage(doctor_session)
    qtbot.addWidget(page)
    page.cases_model.page_size = 2
    page.activated()  # not on screen yet: no view asks for more
    assert [c.visit_no for c in page.cases_model.rows()] == taken[:2]
    assert page.cases_model.total == 5 and page.cases_label.text() == "My open cases: 5"
    assert page.cases_model.canFetchMore()
    page.cases_model.fetchMore()
    assert [c.visit_no for c in page.cases_model.rows()] == taken[:4]
    page.cases_model.fetchMore()  # what the view asks when scrolled to the bottom
    qtbot.waitUntil(lambda: page.cases_model.rowCount() == 5)
    assert [c.visit_no for c in page.cases_model.rows()] == taken and not page.cases_model.canFetchMore()
    assert page.cases_label.text() == "My open cases: 5"

    page.select_case(taken[3])
    later = taken_case(ctx, nurse, doctor, NAMES[5], seq=5).visit_no
    page.refresh()
    assert [c.visit_no for c in page.cases_model.rows()] == taken  # as far as it was scrolled
    assert page.cases_label.text() == "My open cases: 6" and page.cases_model.canFetchMore()
    selected = page.selected_case()
    assert selected is not None and selected.visit_no == taken[3]
    page.cases_model.fetchMore()
    qtbot.waitUntil(lambda: page.cases_model.rowCount() == 6)
    assert page.cases_model.rows()[-1].visit_no == later

    page.all_cases.setChecked(True)  # everyone's: the first page again
    assert page.cases_label.text() == "All open cases: 6" and page.cases_model.rowCount() >= 2


def test_the_case_list_says_what_each_case_is(qtbot, doctor_session, nurse_session):
    """Bold for my cases, the classification's colours, results pending, a hand-over's receiver."""
    from PySide6.QtGui import QColor

    from ui.widgets import palette

    ctx, doctor = doctor_session.ctx, doctor_session.actor
    case = taken_case(ctx, nurse_session.actor, doctor, "王芳")
    ctx.cases.start_observation(doctor, case.visit_no, "留观1室", "3床")
    case = ctx.cases.order_test(doctor, case.visit_no, "nucleic_acid", "fever_clinic", ctx.clock.now())
    ctx.cases.classify(doctor, case.visit_no, case.version, "suspected")
    page = FeverClinicPage(doctor_session)
    qtbot.addWidget(page)
    page.activated()
    model = page.cases_model
    assert model.index(0, model.PENDING_RESULTS).data() == "1"
    assert model.index(0, model.OBSERVATION).data() == "留观1室 3床"
    assert model.index(0, model.CLASS).data(Qt.ItemDataRole.BackgroundRole).color() == QColor(
        palette.CLASSIFICATION_BACKGROUNDS["suspected"])
    assert model.index(0, model.DOCTOR).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(0, model.DOCTOR).data() == "张伟 (doctor)"


def test_the_timer_reads_again_only_when_something_was_written(qtbot, doctor_session, nurse_session):
    """The 15 s tick asks the change marker; unmoved, nothing is read (the waiting minutes still move); a write
    anywhere, REFRESH_S passing, or anything the doctor does here reads again."""
    from app.changes import REFRESH_S, ChangeMarker
    from tests.helpers.sql_capture import captured

    ctx, nurse, doctor = doctor_session.ctx, nurse_session.actor, doctor_session.actor
    ChangeMarker.of(ctx.db).share_s = 0  # every tick asks the database (no sharing in a test)
    taken_case(ctx, nurse, doctor, "王芳")
    page = FeverClinicPage(doctor_session)
    qtbot.addWidget(page)
    page.show()
    page.activated()
    feed = page.feed
    assert feed.running and feed.refresh_ms == REFRESH_S * 1000
    reads = feed.reads
    with captured(ctx) as statements:
        feed.poll(force=False)  # the tick
    assert feed.reads == reads
    assert not [s for s, _p in statements if "cases" in s or "handoffs" in s]

    waiting = received_patient(ctx, nurse, doctor, "李强", seq=2)  # a write: the marker moves
    feed.poll(force=False)
    assert feed.reads == reads + 1 and [w.visit_no for w in page.waiting_model.rows()] == [waiting]
    ctx.clock.advance(minutes=12)  # type: ignore[attr-defined]
    feed.poll(force=False)
    assert feed.reads == reads + 1  # time alone: no read, but the minutes shown move
    assert page.waiting_model.index(0, page.waiting_model.WAITED).data() == "12 min / 60 min"

    feed.refresh_ms = 0  # REFRESH_S has passed: read anyway
    feed.poll(force=False)
    assert feed.reads == reads + 2
    feed.refresh_ms = int(REFRESH_S * 1000)
    page.all_cases.setChecked(True)  # the radio buttons
    assert feed.reads == reads + 3
    qtbot.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)  # the Refresh button
    assert feed.reads == reads + 4
    page.hide()
    assert not feed.running  # nothing polled while the page is not shown


def _level(ctx, visit_no: str, level: int) -> None:
    """The triage level pre-triage saved (its computation is tested in tests/severity)."""
    from sqlalchemy import select, update

    from app.triage.tables import Screening, Visit

    with ctx.db.write() as s:
        screening_id = s.scalar(select(Visit.screening_id).where(Visit.visit_no == visit_no))
        s.execute(update(Screening).where(Screening.id == screening_id).values(severity_level=level))


def test_f9_calls_the_next_patient_and_enter_takes_them(qtbot, doctor_session, nurse_session, boxes):
    """The queue: number, level in words and colour, waited against the level's target, overdue rows red; F9 calls
    the first patient not yet called and selects them, so Enter takes the case; the display follows the call."""
    from PySide6.QtGui import QColor

    from app.casework.queue import queue_label
    from ui.widgets import palette

    ctx, nurse, doctor = doctor_session.ctx, nurse_session.actor, doctor_session.actor
    waited = received_patient(ctx, nurse, doctor, "王芳", seq=1)
    _level(ctx, waited, 3)
    ctx.clock.advance(minutes=31)
    urgent = received_patient(ctx, nurse, doctor, "李强", seq=2)
    _level(ctx, urgent, 2)
    from app.changes import ChangeMarker

    ChangeMarker.of(ctx.db).share_s = 0  # every tick asks the database (no sharing in a test)
    page = FeverClinicPage(doctor_session)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.activated()
    display = page.display
    assert display is None
    page.open_display()
    display = page.display
    assert display is not None and display.isVisible()
    qtbot.waitUntil(lambda: display.view is not None)
    assert display.called_number.text() == "—" and len(display.waiting_texts()) == 2

    model = page.waiting_model
    assert [w.visit_no for w in model.rows()] == [urgent, waited]  # level II first, however long III waited
    assert model.index(0, model.QUEUE).data() == "F002" and model.index(1, model.QUEUE).data() == "F001"
    assert model.index(0, model.LEVEL).data() == "Level II (critical)"
    assert model.index(0, model.LEVEL).data(Qt.ItemDataRole.ForegroundRole).color() == QColor(
        palette.TRIAGE_LEVEL_COLORS[2])
    assert model.index(1, model.WAITED).data() == "31 min / 30 min"
    red = QColor(palette.LONG_WAIT_BG)
    assert model.index(1, model.PATIENT).data(Qt.ItemDataRole.BackgroundRole).color() == red  # past its target
    assert "target" in model.index(1, model.PATIENT).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, model.PATIENT).data(Qt.ItemDataRole.BackgroundRole) is None  # 0 of 15 min

    qtbot.waitUntil(page.isActiveWindow)  # the display opened without taking the desk's keys
    page.waiting_view.selectRow(1)
    qtbot.keyClick(page.waiting_view, Qt.Key.Key_F9)  # one key
    assert page.selected_waiting().visit_no == urgent  # the called patient is selected …
    assert model.index(0, model.CALLED).data().startswith("Called ")
    assert "F002" in page.result.text() and "李强" in page.result.text()
    assert ctx.cases.waiting(doctor)[0].called_at is not None  # … called, not taken
    display.feed.poll(force=False)  # its next tick
    assert display.called_number.text() == queue_label(2) and display.called_name.text() == "李*"
    assert display.waiting_texts() == ["F001  王*"]

    qtbot.keyClick(page.waiting_view, Qt.Key.Key_F9)
    assert page.selected_waiting().visit_no == waited
    qtbot.keyClick(page.waiting_view, Qt.Key.Key_F9)  # nobody left to call
    assert "Nobody is waiting to be called" in page.result.text()

    page.select_waiting(urgent)
    qtbot.keyClick(page.waiting_view, Qt.Key.Key_Return)  # … so Enter takes the case
    assert boxes.calls[-1][0] == "question" and urgent in boxes.calls[-1][2]
    assert [w.visit_no for w in model.rows()] == [waited]
    page.case_dialog.close()
    display.feed.poll()
    assert display.called_number.text() == "F001" and display.waiting_texts() == []
    page.close()
