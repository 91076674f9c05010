"""My work at a glance (issue 15) on screen: the sidebar counts per page for the role logged in (red when
something is overdue), the page a user lands on after log-in, the patient's name beside the visit number
(masked on the public deadline board), and the fever clinic's waiting queue sorted by urgency then wait,
long waits amber past the untaken limit and red past three times it. Screenshots at 1366×768 in Chinese."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt

from app.triage.records import PatientInput, ScreeningInput
from tests.ui.casework_support import settle, taken_case
from tests.ui.conftest import ADMIN_PASSWORD
from tests.ui.triage_support import make_visit, resident_id, session_for
from ui.main_window import MainWindow
from ui.pages.deadline_board import DeadlineBoardPage
from ui.pages.fever_clinic import FeverClinicPage
from ui.pages.handoff_board import HandoffBoardPage
from ui.pages.triage_desk import TriageDeskPage
from ui.work_counts import COUNT_ROLE, URGENT_ROLE

SHOTS = Path(os.environ.get("FEVER_SENTINEL_SHOTS", "/tmp/shots"))
NIGHT_PASSWORD = "night-pass-2026"


def night(ctx, runner):  # type: ignore[no-untyped-def]
    """A nurse who is also the night's doctor: the triage desk is her first page."""
    admin = ctx.users.authenticate("admin", ADMIN_PASSWORD, "test-desk")
    ctx.users.create(admin, username="night", full_name="赵敏", roles=["triage_nurse", "doctor"],
                     password=NIGHT_PASSWORD)
    return session_for(ctx, "night", NIGHT_PASSWORD, runner, desk="night-desk")


def window_for(qtbot, session) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(session, idle_ms=3_600_000)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.start(maximize=False)
    return window


def sent(ctx, nurse, name: str, seq: int, *, isolate: bool = False) -> str:  # type: ignore[no-untyped-def]
    screening = ctx.screening.record(nurse, ScreeningInput(39.2 if isolate else 38.4,
                                                           symptoms=frozenset({"fever", "cough"}),
                                                           contact_case=isolate, health_code="green"))
    detail = ctx.registration.register(nurse, screening_id=screening.id, patient=PatientInput(
        name=name, id_type="resident_id", id_number=resident_id(date(1970 + seq, 3, 1))))
    ctx.handoffs.send(nurse, detail.visit_no, "导医 陈静")
    return detail.visit_no


def test_no_work_lands_on_the_first_page_and_shows_no_counts(qtbot, runner, triage_ctx):
    session = night(triage_ctx, runner)
    window = window_for(qtbot, session)
    assert isinstance(window.stack.currentWidget(), TriageDeskPage)
    assert window.nav_badges() == {}
    window.shutdown()


def test_sidebar_counts_turn_red_when_overdue_and_the_user_lands_on_the_waiting_patient(
        qtbot, runner, triage_ctx, nurse_session, doctor_session, clock):
    ctx = triage_ctx
    on_the_way = make_visit(ctx, nurse_session.actor, "李强", resident_id(date(1990, 1, 1))).visit_no
    arrived = make_visit(ctx, nurse_session.actor, "王芳", resident_id(date(1991, 1, 1))).visit_no
    ctx.handoffs.confirm_arrival(doctor_session.actor, arrived)
    window = window_for(qtbot, night(ctx, runner))
    # a patient waits at the fever clinic: the nurse-doctor lands there, not on the triage desk
    assert isinstance(window.stack.currentWidget(), FeverClinicPage)
    assert window.nav_badges() == {"Fever clinic": (1, False), "Hand-offs": (1, False)}
    assert on_the_way in window.handoff_feed.snapshot.open[0].visit_no

    clock.advance(minutes=31)  # the walk is overdue, and the patient waited past the limit (10 min)
    window.handoff_feed.poll()
    window.work_feed.poll()
    badges = window.nav_badges()
    assert badges["Hand-offs"] == (1, True) and badges["Fever clinic"] == (1, True)
    row = next(i for i, p in enumerate(window.pages) if isinstance(p, HandoffBoardPage))
    item = window.nav.item(row)
    assert item.text() == "Hand-offs"  # the title stays; the count is drawn beside it
    assert item.data(COUNT_ROLE) == 1 and item.data(URGENT_ROLE) is True
    assert "overdue" in item.toolTip()
    assert item.data(Qt.ItemDataRole.AccessibleTextRole) == "Hand-offs (1)"

    ctx.handoffs.confirm_arrival(doctor_session.actor, on_the_way)
    window.handoff_feed.poll()
    window.work_feed.poll()
    assert window.nav_badges() == {"Fever clinic": (2, True)}  # nothing on the way any more
    window.shutdown()


def test_a_hand_over_waiting_lands_the_doctor_on_the_fever_clinic(
        qtbot, runner, triage_ctx, nurse_session, doctor_session):
    ctx = triage_ctx
    session = night(ctx, runner)
    case = taken_case(ctx, nurse_session.actor, doctor_session.actor)
    ctx.cases.request_handover(doctor_session.actor, case.visit_no, "night", "白班下班交接")
    window = window_for(qtbot, session)
    clinic = window.stack.currentWidget()
    assert isinstance(clinic, FeverClinicPage)
    assert window.nav_badges()["Fever clinic"] == (1, False)
    model = clinic.handover_model
    assert model.index(0, model.VISIT).data() == case.visit_no
    assert model.index(0, model.PATIENT).data() == "王芳"  # the doctors' own list: the full name
    window.shutdown()


def test_a_user_who_already_moved_is_not_moved_by_the_counts(qtbot, runner, triage_ctx, nurse_session,
                                                              doctor_session):
    ctx = triage_ctx
    visit_no = make_visit(ctx, nurse_session.actor).visit_no
    ctx.handoffs.confirm_arrival(doctor_session.actor, visit_no)
    window = MainWindow(night(ctx, runner), idle_ms=3_600_000)
    qtbot.addWidget(window)
    window.show_page_of(HandoffBoardPage)  # the user chose a page before the first counts arrived
    window.start(maximize=False)
    assert isinstance(window.stack.currentWidget(), HandoffBoardPage)
    assert window.nav_badges()["Fever clinic"] == (1, False)  # the count still shows
    window.shutdown()


def test_deadline_board_shows_the_masked_name_beside_the_visit_number(qtbot, doctor_session, nurse_session):
    ctx = doctor_session.ctx
    case = taken_case(ctx, nurse_session.actor, doctor_session.actor, "欧阳娜娜")
    ctx.cases.classify(doctor_session.actor, case.visit_no, case.version, "suspected")
    board = DeadlineBoardPage(doctor_session)
    qtbot.addWidget(board)
    board.show()
    board.activated()
    model = board.model
    assert model.index(0, model.VISIT).data() == case.visit_no
    assert model.index(0, model.PATIENT).data() == "欧**娜"
    assert model.headerData(model.PATIENT, Qt.Orientation.Horizontal) == "Patient"
    board.stop()


def test_waiting_queue_isolate_first_then_longest_wait_coloured_in_chinese(
        qtbot, qapp, runner, triage_ctx, nurse_session, doctor_session, clock):
    from ui.i18n import install_language

    ctx = triage_ctx
    nurse, doctor = nurse_session.actor, doctor_session.actor
    longest = sent(ctx, nurse, "王芳", 1)
    ctx.handoffs.confirm_arrival(doctor, longest)
    clock.advance(minutes=20)
    middle = sent(ctx, nurse, "李强", 2)
    ctx.handoffs.confirm_arrival(doctor, middle)
    clock.advance(minutes=6)
    isolate = sent(ctx, nurse, "欧阳娜娜", 3, isolate=True)
    ctx.handoffs.confirm_arrival(doctor, isolate)
    clock.advance(minutes=6)
    sent(ctx, nurse, "陈晨", 4)  # still on the way
    clock.advance(minutes=6)  # waits: 38, 18 and 12 min
    install_language(qapp, "zh_CN")
    try:
        window = window_for(qtbot, night(ctx, runner))
        clinic = window.stack.currentWidget()
        assert isinstance(clinic, FeverClinicPage)  # a patient waits past the limit: she lands here
        model = clinic.waiting_model
        assert [w.visit_no for w in model.rows()] == [isolate, longest, middle]
        backgrounds = [model.index(r, model.WAITED).data(Qt.ItemDataRole.BackgroundRole) for r in range(3)]
        assert [b.color().name() for b in backgrounds] == ["#fff0d6", "#fde0dc", "#fff0d6"]  # 12, 38, 18 min
        assert window.nav_badges()["发热门诊接诊"] == (3, True)
        assert window.nav_badges()["引导交接"] == (1, False)
        settle()
        SHOTS.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(SHOTS / "work_at_a_glance_sidebar_queue_zh.png"))
        window.shutdown()
    finally:
        install_language(qapp, "en")
