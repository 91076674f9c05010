"""首诊负责制, tests and results, classification clocks, dispositions and the timeline."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from app.actor import Actor
from app.clock import FixedClock
from app.context import AppContext
from app.errors import Conflict, PermissionDenied, StaleEdit, ValidationError
from tests.casework.conftest import arrive, set_mode


@pytest.fixture(autouse=True)
def fever_clinic(ctx: AppContext, admin: Actor) -> None:
    """These tests play a fever clinic (treat mode); a sentinel room's rules: tests/casework/test_rules.py."""
    set_mode(ctx, "treat")


def taken(ctx: AppContext, clinic: dict[str, Actor]) -> str:
    visit_no = arrive(ctx, clinic["nurse"], clinic["doc1"])
    ctx.cases.take(clinic["doc1"], visit_no)
    return visit_no


def test_waiting_patient_taken_by_first_doctor(ctx: AppContext, clinic: dict[str, Actor]) -> None:
    visit_no = arrive(ctx, clinic["nurse"], clinic["doc1"])
    assert [w.visit_no for w in ctx.cases.waiting(clinic["doc2"])] == [visit_no]
    case = ctx.cases.take(clinic["doc2"], visit_no)
    assert case.doctor_username == "doc2" and case.classification == "pending"
    assert case.epi["travel"][0]["area"] == "上海浦东"  # prefilled from triage
    assert ctx.cases.waiting(clinic["doc1"]) == []
    with pytest.raises(Conflict) as exc:
        ctx.cases.take(clinic["doc1"], visit_no)
    assert exc.value.details["doctor"] == "doc2"
    with pytest.raises(PermissionDenied):
        ctx.cases.take(clinic["nurse"], visit_no)


def test_doctors_lists_active_doctors_in_pinyin_order(ctx: AppContext, clinic: dict[str, Actor]) -> None:
    """Whom a case can be handed to: active doctors only, by pinyin of the name (an < liu < zhang), not by
    user name (both < doc1 < doc2); a disabled doctor and staff without casework are left out."""
    admin = clinic["admin"]
    ctx.users.create(admin, username="both", full_name="安然", roles=["triage_nurse", "doctor"],
                     password="both-pass-1")
    ctx.users.create(admin, username="doc3", full_name="陈静", roles=["doctor"], password="doc3-pass-1")
    ctx.users.set_active(admin, "doc3", False)
    expected = [("both", "安然"), ("doc2", "刘洋"), ("doc1", "张伟")]
    for who in ("doc1", "doc2"):
        assert [(d.username, d.full_name) for d in ctx.users.doctors(clinic[who])] == expected
    for who in ("nurse", "gate", "admin"):
        with pytest.raises(PermissionDenied):
            ctx.users.doctors(clinic[who])


def test_only_the_responsible_doctor_acts(ctx: AppContext, clinic: dict[str, Actor]) -> None:
    visit_no = taken(ctx, clinic)
    case = ctx.cases.get(clinic["doc2"], visit_no)
    with pytest.raises(PermissionDenied) as exc:
        ctx.cases.classify(clinic["doc2"], visit_no, case.version, "excluded")
    assert exc.value.code == "not_responsible"


def test_handover_moves_responsibility_only_when_accepted(ctx: AppContext, clinic: dict[str, Actor]) -> None:
    visit_no = taken(ctx, clinic)
    with pytest.raises(ValidationError):
        ctx.cases.request_handover(clinic["doc1"], visit_no, "doc2", "")
    with pytest.raises(ValidationError) as exc:
        ctx.cases.request_handover(clinic["doc1"], visit_no, "nurse", "下班交接")
    assert exc.value.code == "handover_target"
    h = ctx.cases.request_handover(clinic["doc1"], visit_no, "doc2", "下班交接")
    assert ctx.cases.get(clinic["doc1"], visit_no).doctor_username == "doc1"  # still doc1 until accepted
    with pytest.raises(PermissionDenied):
        ctx.cases.answer_handover(clinic["doc1"], h.id, True)
    with pytest.raises(ValidationError):
        ctx.cases.answer_handover(clinic["doc2"], h.id, False, "")  # declining needs a note
    assert [x.id for x in ctx.cases.handovers_for(clinic["doc2"])] == [h.id]
    ctx.cases.answer_handover(clinic["doc2"], h.id, True)
    case = ctx.cases.get(clinic["doc1"], visit_no)
    assert case.doctor_username == "doc2" and case.pending_handover is None
    with pytest.raises(PermissionDenied):
        ctx.cases.classify(clinic["doc1"], visit_no, case.version, "excluded")


def test_interview_changes_are_audited(ctx: AppContext, clinic: dict[str, Actor]) -> None:
    visit_no = taken(ctx, clinic)
    case = ctx.cases.get(clinic["doc1"], visit_no)
    updated = ctx.cases.update_interview(clinic["doc1"], visit_no, case.version,
                                         epi={"contacts": "同住家人发热"}, findings="咽红，双肺呼吸音清")
    assert updated.epi["contacts"] == "同住家人发热" and updated.epi["travel"]
    with pytest.raises(StaleEdit):
        ctx.cases.update_interview(clinic["doc1"], visit_no, case.version, epi={}, findings="x")
    events = ctx.timelines.timeline(clinic["doc1"], visit_no).events
    interview = [e for e in events if e.action == "case.interview" and e.outcome == "success"][0]
    assert interview.summary["changed"]["contacts"]["after"] == "同住家人发热"


def test_suspected_case_report_clock(ctx: AppContext, clinic: dict[str, Actor], clock: FixedClock) -> None:
    visit_no = taken(ctx, clinic)
    doc = clinic["doc1"]
    case = ctx.cases.classify(doc, visit_no, ctx.cases.get(doc, visit_no).version, "suspected")
    kinds = {c.kind: c for c in case.clocks}
    # the ambulance is due in 30 min too, and the suspected case's nucleic-acid sample within 12 h
    assert set(kinds) == {"report_2h", "epi_24h", "transfer_request", "nat_12h"}
    assert kinds["report_2h"].due_at - kinds["report_2h"].started_at == timedelta(hours=2)
    clock.advance(hours=2)  # exactly at 2 h: due now, not yet overdue
    board = ctx.deadlines.board(doc)
    report = next(e for e in board.entries if e.clock.kind == "report_2h")
    assert report.state == "warning" and report.seconds_left == 0
    assert board.overdue == 1  # only the transfer request (30 min), not the report
    reported = ctx.cases.record_report(doc, visit_no, "4401061234567", clock.now())
    clock_row = next(c for c in reported.clocks if c.kind == "report_2h")
    assert clock_row.met_at == clock.now() and not clock_row.missed
    clock.advance(seconds=1)
    assert {e.clock.kind for e in ctx.deadlines.board(doc).entries} == {"epi_24h", "transfer_request", "nat_12h"}


def test_report_one_second_late_is_missed(ctx: AppContext, clinic: dict[str, Actor], clock: FixedClock) -> None:
    visit_no = taken(ctx, clinic)
    doc = clinic["doc1"]
    ctx.cases.classify(doc, visit_no, ctx.cases.get(doc, visit_no).version, "confirmed")
    clock.advance(hours=2, seconds=1)
    assert ctx.deadlines.overdue_count(doc) == 2  # the report and the transfer request
    case = ctx.cases.record_report(doc, visit_no, "CARD-1", clock.now())
    assert next(c for c in case.clocks if c.kind == "report_2h").missed
    with pytest.raises(ValidationError):
        ctx.cases.record_report(doc, visit_no, "CARD-1", clock.now() + timedelta(minutes=5))  # in the future


def test_clock_across_midnight_and_dst(ctx: AppContext, clinic: dict[str, Actor], clock: FixedClock) -> None:
    """Clocks are real elapsed time; the clinic's zone is only for display."""
    ny = ZoneInfo("America/New_York")
    clock._now = datetime(2026, 3, 8, 0, 30, tzinfo=ny).astimezone(timezone.utc)  # 02:00 → 03:00 that night
    visit_no = taken(ctx, clinic)
    doc = clinic["doc1"]
    case = ctx.cases.classify(doc, visit_no, ctx.cases.get(doc, visit_no).version, "suspected")
    report = next(c for c in case.clocks if c.kind == "report_2h")
    assert report.due_at - report.started_at == timedelta(hours=2)
    assert report.due_at.astimezone(ny).strftime("%H:%M") == "03:30"  # the wall clock skipped an hour
    clock._now = datetime(2026, 11, 23, 23, 30, tzinfo=ZoneInfo("Asia/Shanghai")).astimezone(timezone.utc)
    visit2 = arrive(ctx, clinic["nurse"], doc, name="李四", id_number="440106198503070011")
    ctx.cases.take(doc, visit2)
    case2 = ctx.cases.classify(doc, visit2, ctx.cases.get(doc, visit2).version, "asymptomatic")
    due = next(c for c in case2.clocks if c.kind == "report_2h").due_at.astimezone(ZoneInfo("Asia/Shanghai"))
    assert (due.day, due.strftime("%H:%M")) == (24, "01:30")


def test_nucleic_acid_turnaround_and_observation(ctx: AppContext, clinic: dict[str, Actor], clock: FixedClock
                                                 ) -> None:
    visit_no = taken(ctx, clinic)
    doc = clinic["doc1"]
    with pytest.raises(ValidationError) as exc:
        ctx.cases.order_test(doc, visit_no, "nucleic_acid", "fever_clinic", clock.now())
    assert exc.value.code == "observation_required"
    ctx.cases.start_observation(doc, visit_no, "留观1室", "3床")
    clock.advance(minutes=10)
    with pytest.raises(ValidationError) as exc:  # a sample cannot predate the registration
        ctx.cases.order_test(doc, visit_no, "nucleic_acid", "fever_clinic", clock.now() - timedelta(hours=1))
    assert exc.value.code == "time_too_early"
    case = ctx.cases.order_test(doc, visit_no, "nucleic_acid", "fever_clinic", clock.now() - timedelta(minutes=5))
    ctx.cases.order_test(doc, visit_no, "blood_routine", "fever_clinic", clock.now())
    test = case.tests[0]
    tat = next(c for c in case.clocks if c.kind == "result")
    assert (tat.warn_at - tat.started_at, tat.due_at - tat.started_at) == (timedelta(hours=4), timedelta(hours=6))
    clock.advance(hours=4)
    assert next(e for e in ctx.deadlines.board(doc).entries if e.clock.kind == "result").state == "warning"
    case = ctx.cases.record_result(clinic["doc2"], test.id, test.version, result="negative", result_at=clock.now(),
                                   lab="县疾控中心实验室", ct_value=None)
    assert case.tests[0].result == "negative" and case.tests[0].resulted_by == "doc2"
    assert all(c.met_at for c in case.clocks if c.kind == "result")
    with pytest.raises(Conflict):
        ctx.cases.record_result(doc, test.id, case.tests[0].version, result="positive", result_at=clock.now(),
                                lab="x")


@pytest.mark.parametrize(("population", "hours"), [("outpatient", 12), ("inpatient", 12), ("escort", 12),
                                                   ("voluntary", 24), ("emergency", 6)])
def test_turnaround_by_population(ctx: AppContext, clinic: dict[str, Actor], population: str, hours: int) -> None:
    visit_no = taken(ctx, clinic)
    doc = clinic["doc1"]
    ctx.cases.start_observation(doc, visit_no, "留观1室", "1床")
    case = ctx.cases.order_test(doc, visit_no, "nucleic_acid", population, ctx.clock.now())
    tat = next(c for c in case.clocks if c.kind == "result")
    assert tat.due_at - tat.started_at == timedelta(hours=hours)


def test_dispositions(ctx: AppContext, clinic: dict[str, Actor], clock: FixedClock) -> None:
    """Issue 12: no free-text escape any more — a pending result keeps the patient under observation
    (only the buffer-ward single room takes them meanwhile), and exclusion needs the negative NAT."""
    visit_no = taken(ctx, clinic)
    doc = clinic["doc1"]
    ctx.cases.start_observation(doc, visit_no, "留观1室", "3床")
    case = ctx.cases.order_test(doc, visit_no, "nucleic_acid", "fever_clinic", clock.now())
    case = ctx.cases.order_test(doc, visit_no, "blood_routine", "fever_clinic", clock.now())
    with pytest.raises(ValidationError) as exc:  # a result is still pending: a reason no longer lets them go
        ctx.cases.dispose(doc, visit_no, case.version, "home_advice", {"advice": "居家观察"}, reason="患者拒绝留观")
    assert exc.value.code == "nat_result_pending"
    with pytest.raises(ValidationError) as exc:
        ctx.cases.dispose(doc, visit_no, case.version, "admitted", {"ward": "内科"})
    assert exc.value.code == "buffer_room_required"
    with pytest.raises(ValidationError) as exc:  # excluded only on a negative NAT result of this visit
        ctx.cases.classify(doc, visit_no, case.version, "excluded", other_pathogen="甲型流感")
    assert exc.value.code == "exclusion_needs_negative_nat"
    clock.advance(hours=3)
    case = ctx.cases.record_result(doc, case.tests[0].id, case.tests[0].version, result="negative",
                                   result_at=clock.now(), lab="县人民医院检验科")
    case = ctx.cases.classify(doc, visit_no, case.version, "excluded", other_pathogen="甲型流感")
    with pytest.raises(ValidationError) as exc:
        ctx.cases.dispose(doc, visit_no, case.version, "excluded_general", {}, reason="家属要求")
    assert exc.value.code == "excluding_result"
    with pytest.raises(ValidationError) as exc:  # the blood routine is no excluding result
        ctx.cases.dispose(doc, visit_no, case.version, "excluded_general", {"excluding_test_id": case.tests[1].id})
    assert exc.value.code == "excluding_result"
    closed = ctx.cases.dispose(doc, visit_no, case.version, "excluded_general",
                               {"excluding_test_id": case.tests[0].id})
    assert closed.disposition == "excluded_general" and closed.closed_at == clock.now()
    with pytest.raises(Conflict):
        ctx.cases.classify(doc, visit_no, closed.version, "suspected")


def test_left_without_permission_is_an_incident(ctx: AppContext, clinic: dict[str, Actor]) -> None:
    visit_no = taken(ctx, clinic)
    doc = clinic["doc1"]
    case = ctx.cases.get(doc, visit_no)
    with pytest.raises(ValidationError):
        ctx.cases.dispose(doc, visit_no, case.version, "left_without_permission", {"left_at": "10:20"})
    closed = ctx.cases.dispose(doc, visit_no, case.version, "left_without_permission",
                               {"left_at": "10:20", "noticed_by": "护士 李娜", "reported_to": "医务科 王主任"})
    assert closed.disposition == "left_without_permission"


def test_transfer_goes_through_a_transfer_request(ctx: AppContext, clinic: dict[str, Actor]) -> None:
    visit_no = taken(ctx, clinic)
    case = ctx.cases.get(clinic["doc1"], visit_no)
    with pytest.raises(ValidationError) as exc:
        ctx.cases.dispose(clinic["doc1"], visit_no, case.version, "transfer", {})
    assert exc.value.code == "transfer_via_request"


def test_timeline_from_screening_to_disposition(ctx: AppContext, clinic: dict[str, Actor], clock: FixedClock) -> None:
    visit_no = taken(ctx, clinic)
    doc = clinic["doc1"]
    case = ctx.cases.classify(doc, visit_no, ctx.cases.get(doc, visit_no).version, "suspected")
    with pytest.raises(PermissionDenied):
        ctx.cases.classify(clinic["doc2"], visit_no, case.version, "confirmed")
    clock.advance(minutes=50)
    case = ctx.cases.record_report(doc, visit_no, "CARD-77", clock.now())
    ctx.cases.dispose(doc, visit_no, case.version, "left_without_permission",
                      {"left_at": "10:20", "noticed_by": "护士 李娜", "reported_to": "医务科"})
    timeline = ctx.timelines.timeline(clinic["admin"], visit_no)
    actions = [e.action for e in timeline.events]
    assert actions[:5] == ["triage.screen", "triage.register", "handoff.send", "handoff.arrive", "case.take"]
    assert actions[-2:] == ["case.reported", "case.dispose"]
    denied = [e for e in timeline.events if e.outcome == "denied"]
    assert denied and denied[0].username == "doc2"  # who tried what, even when refused
    assert [e.seq for e in timeline.events] == sorted(e.seq for e in timeline.events)
    report = next(c for c in timeline.clocks if c.kind == "report_2h")
    assert report.met_at and not report.missed
