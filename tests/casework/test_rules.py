"""Issue 12, the fever clinic's guideline rules, each both ways through the services: tests before any
disposition, observation until the NAT result, 逢阳必报, reportable cases leave only by transfer,
classification only forward (and the exception path), the 12 h NAT clock, clocks settled by the case's
end, incidents, closed cases, and the sentinel room (refer mode)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.actor import Actor
from app.casework.tables import CaseClassification, Clock, RuleException
from app.clock import FixedClock
from app.context import AppContext
from app.db.models import AuditEvent
from app.errors import Conflict, NotFound, PermissionDenied, ValidationError
from app.reporting.alert_tables import Alert
from tests.casework.conftest import arrive, excluded_case, observed_with_tests, result, set_mode

DOWNGRADE = "classification_downgrade"


@pytest.fixture(autouse=True)
def fever_clinic(ctx: AppContext, admin: Actor) -> None:
    set_mode(ctx, "treat")


@pytest.fixture
def visit(ctx: AppContext, clinic: dict[str, Actor]) -> str:
    visit_no = arrive(ctx, clinic["nurse"], clinic["doc1"])
    ctx.cases.take(clinic["doc1"], visit_no)
    return visit_no


@pytest.fixture
def director(ctx: AppContext, clinic: dict[str, Actor]) -> Actor:
    """The medical director: approves exceptions (admin) and is a doctor too."""
    ctx.users.create(clinic["admin"], username="director", full_name="周主任", roles=["admin", "doctor"],
                     password="director-pass-1")
    return ctx.users.authenticate("director", "director-pass-1", "ws-director")


def version(ctx: AppContext, doc: Actor, visit_no: str) -> int:
    return ctx.cases.get(doc, visit_no).version


def refused(code: str, call, *args, **kwargs):  # type: ignore[no-untyped-def]
    with pytest.raises((ValidationError, Conflict, PermissionDenied)) as exc:
        call(*args, **kwargs)
    assert exc.value.code == code, exc.value
    return exc.value


def alerts(ctx: AppContext, kind: str) -> list[Alert]:
    with ctx.db.read() as s:
        rows = list(s.scalars(select(Alert).where(Alert.kind == kind)))
        s.expunge_all()
        return rows


def clock_rows(ctx: AppContext, visit_no: str) -> list[Clock]:
    with ctx.db.read() as s:
        rows = list(s.scalars(select(Clock).where(Clock.visit_no == visit_no).order_by(Clock.id)))
        s.expunge_all()
        return rows


HOME = ("home_advice", {"advice": "居家休息，每日测体温"})
LEFT = ("left_without_permission", {"left_at": "10:20", "noticed_by": "护士 李娜", "reported_to": "医务科 王主任"})
DIED = ("died", {"died_at": "2026-11-23 11:05", "certified_by": "张伟"})


# ----- 1. NAT and blood routine before any disposition ---------------------------------------------

def test_nat_and_blood_routine_are_ordered_before_a_disposition(ctx: AppContext, clinic: dict[str, Actor],
                                                                visit: str) -> None:
    doc = clinic["doc1"]
    case = ctx.cases.get(doc, visit)
    error = refused("nat_and_blood_routine_required", ctx.cases.dispose, doc, visit, case.version, *HOME)
    assert error.details["missing"] == ["nucleic_acid", "blood_routine"]
    assert case.refusals["home_advice"] == "nat_and_blood_routine_required"
    nat = observed_with_tests(ctx, doc, visit, blood_routine=False)
    case = result(ctx, doc, visit, nat, "negative")
    case = ctx.cases.classify(doc, visit, case.version, "excluded")
    error = refused("nat_and_blood_routine_required", ctx.cases.dispose, doc, visit, case.version, *HOME)
    assert error.details["missing"] == ["blood_routine"]
    case = ctx.cases.order_test(doc, visit, "blood_routine", "fever_clinic", ctx.clock.now())
    assert "home_advice" not in case.refusals  # ordered is enough; its result is not awaited
    closed = ctx.cases.dispose(doc, visit, case.version, *HOME)
    assert closed.disposition == "home_advice"


def test_incidents_need_no_tests(ctx: AppContext, clinic: dict[str, Actor], visit: str) -> None:
    doc = clinic["doc1"]
    case = ctx.cases.get(doc, visit)
    assert "left_without_permission" not in case.refusals and "died" not in case.refusals
    refused("required", ctx.cases.dispose, doc, visit, case.version, "died", {"died_at": "11:05"})
    closed = ctx.cases.dispose(doc, visit, case.version, *DIED)
    assert closed.disposition == "died" and closed.disposition_detail["certified_by"] == "张伟"


# ----- 2. observation until the NAT result; exclusion only on a negative NAT ------------------------

def test_no_disposition_until_the_nat_result_except_the_buffer_room(ctx: AppContext, clinic: dict[str, Actor],
                                                                   visit: str) -> None:
    doc = clinic["doc1"]
    nat = observed_with_tests(ctx, doc, visit)
    case = ctx.cases.get(doc, visit)
    for disposition, detail in (HOME, ("excluded_general", {"excluding_test_id": nat})):
        refused("nat_result_pending", ctx.cases.dispose, doc, visit, case.version, disposition, detail,
                reason="患者坚持回家")  # no free-text escape
    assert case.refusals["home_advice"] == case.refusals["excluded_general"] == "nat_result_pending"
    assert "admitted" not in case.refusals  # the buffer-ward single room, the one way in meanwhile
    refused("buffer_room_required", ctx.cases.dispose, doc, visit, case.version, "admitted", {"ward": "内科病区"})
    closed = ctx.cases.dispose(doc, visit, case.version, "admitted",
                               {"ward": "缓冲病区", "bed": "3床", "buffer_single_room": True})
    assert closed.disposition == "admitted" and closed.in_ward
    turnaround = next(c for c in closed.clocks if c.kind == "result")
    assert turnaround.open  # the result still comes to the ward patient


def test_only_a_negative_nat_excludes(ctx: AppContext, clinic: dict[str, Actor], visit: str) -> None:
    doc = clinic["doc1"]
    nat = observed_with_tests(ctx, doc, visit)
    case = ctx.cases.order_test(doc, visit, "antigen", "fever_clinic", ctx.clock.now())
    antigen = case.tests[-1].id
    blood = case.tests[1].id
    result(ctx, doc, visit, antigen, "negative")
    case = result(ctx, doc, visit, blood, "negative", after_hours=0)
    refused("exclusion_needs_negative_nat", ctx.cases.classify, doc, visit, case.version, "excluded")
    case = result(ctx, doc, visit, nat, "invalid", after_hours=0)
    refused("exclusion_needs_negative_nat", ctx.cases.classify, doc, visit, case.version, "excluded")
    assert case.refusals["home_advice"] == "nat_result_pending"  # an invalid result decides nothing
    ctx.cases.start_observation(doc, visit, "留观1室", "3床")
    case = ctx.cases.order_test(doc, visit, "nucleic_acid", "fever_clinic", ctx.clock.now())
    case = result(ctx, doc, visit, case.tests[-1].id, "negative")
    assert case.refusals["home_advice"] == "not_excluded"  # the result is in: classify first
    refused("not_excluded", ctx.cases.dispose, doc, visit, case.version, "admitted",
            {"ward": "缓冲病区", "buffer_single_room": True})
    case = ctx.cases.classify(doc, visit, case.version, "excluded")
    assert case.classification == "excluded" and "admitted" not in case.refusals
    closed = ctx.cases.dispose(doc, visit, case.version, "admitted", {"ward": "内科病区", "bed": "12床"})
    assert closed.disposition == "admitted"


# ----- 3. 逢阳必报、逢阳即报 -------------------------------------------------------------------------

def test_a_positive_nat_starts_the_report_clock_and_raises_the_alert(ctx: AppContext, clinic: dict[str, Actor],
                                                                    visit: str, clock: FixedClock) -> None:
    doc = clinic["doc1"]
    nat = observed_with_tests(ctx, doc, visit)
    case = ctx.cases.get(doc, visit)
    assert not case.positive and alerts(ctx, "positive_result") == []
    clock.advance(hours=3)
    result_at = clock.now() - timedelta(minutes=20)  # the lab's time, entered a little later
    test = next(t for t in case.tests if t.id == nat)
    case = ctx.cases.record_result(clinic["doc2"], nat, test.version, result="positive", result_at=result_at,
                                   lab="县疾控中心实验室", ct_value=26.0)
    assert case.positive and case.positive_test_ids == (nat,)
    report = next(c for c in case.clocks if c.kind == "report_2h")
    assert (report.ref_id, report.started_at, report.due_at) == (nat, result_at, result_at + timedelta(hours=2))
    assert report.open
    [alert] = alerts(ctx, "positive_result")
    assert alert.dedupe_key == f"positive:{visit}:{nat}"
    evidence = json.loads(alert.evidence)
    assert evidence["visit_no"] == visit and evidence["test_id"] == nat and "王" not in alert.evidence
    # only classified (as reportable) and transferred from now on
    for cls in ("pending", "excluded"):
        refused("positive_reportable_only", ctx.cases.classify, doc, visit, case.version, cls)
    for disposition, detail in (HOME, ("admitted", {"ward": "缓冲病区", "buffer_single_room": True})):
        refused("positive_transfer_only", ctx.cases.dispose, doc, visit, case.version, disposition, detail)
    assert case.refusals["admitted"] == "positive_transfer_only"
    assert "left_without_permission" not in case.refusals
    # reported at once (逢阳即报), even before it is classified
    case = ctx.cases.record_report(doc, visit, "4401-POS-1", clock.now())
    assert next(c for c in case.clocks if c.kind == "report_2h").met
    case = ctx.cases.classify(doc, visit, case.version, "confirmed")
    assert case.classification == "confirmed" and case.positive


def test_a_positive_antigen_counts_an_invalid_or_negative_does_not(ctx: AppContext, clinic: dict[str, Actor],
                                                                  visit: str) -> None:
    doc = clinic["doc1"]
    observed_with_tests(ctx, doc, visit)
    case = ctx.cases.order_test(doc, visit, "antigen", "fever_clinic", ctx.clock.now())
    case = ctx.cases.order_test(doc, visit, "ct", "fever_clinic", ctx.clock.now())
    antigen, blood, ct = case.tests[2].id, case.tests[1].id, case.tests[3].id
    result(ctx, doc, visit, blood, "positive", after_hours=1)  # a blood routine is no 阳性
    case = result(ctx, doc, visit, ct, "positive", after_hours=0)
    assert not case.positive and not [c for c in case.clocks if c.kind == "report_2h"]
    case = result(ctx, doc, visit, antigen, "positive", after_hours=0)
    assert case.positive_test_ids == (antigen,)
    assert [c.ref_id for c in case.clocks if c.kind == "report_2h"] == [antigen]
    assert len(alerts(ctx, "positive_result")) == 1


def test_a_ward_patient_who_turns_positive(ctx: AppContext, clinic: dict[str, Actor], visit: str) -> None:
    """Admitted to the buffer room with the NAT out: the positive result, its clock and alert, and the
    classification (with its transfer-request clock) still reach the case in the ward."""
    doc = clinic["doc1"]
    nat = observed_with_tests(ctx, doc, visit)
    case = ctx.cases.dispose(doc, visit, version(ctx, doc, visit), "admitted",
                             {"ward": "缓冲病区", "buffer_single_room": True})
    case = result(ctx, doc, visit, nat, "positive")
    assert case.positive and len(alerts(ctx, "positive_result")) == 1
    case = ctx.cases.classify(doc, visit, case.version, "suspected")
    open_kinds = {c.kind for c in case.clocks if c.open}
    assert {"report_2h", "epi_24h", "transfer_request", "nat_12h"} <= open_kinds
    case = ctx.cases.order_test(doc, visit, "nucleic_acid", "inpatient", ctx.clock.now())  # in the ward
    assert next(c for c in case.clocks if c.kind == "nat_12h").met
    case = ctx.cases.record_report(doc, visit, "4401-W-1", ctx.clock.now())
    case = ctx.cases.record_investigation(doc, visit, ctx.clock.now())
    assert case.reported_at and case.epi_done_at
    assert [c.visit_no for c in ctx.cases.open_cases(doc, include_admitted=True)] == [visit]
    assert ctx.cases.open_cases(doc) == []
    refused("case_closed", ctx.cases.request_handover, doc, visit, "doc2", "下班")


# ----- 4. reportable cases leave only by transfer -------------------------------------------------

@pytest.mark.parametrize("cls", ["suspected", "confirmed", "asymptomatic"])
def test_reportable_cases_leave_only_by_transfer(ctx: AppContext, clinic: dict[str, Actor], visit: str,
                                                 cls: str) -> None:
    doc = clinic["doc1"]
    observed_with_tests(ctx, doc, visit)
    case = ctx.cases.classify(doc, visit, version(ctx, doc, visit), cls)
    for disposition, detail in (HOME, ("admitted", {"ward": "缓冲病区", "buffer_single_room": True})):
        refused("reportable_transfer_only", ctx.cases.dispose, doc, visit, case.version, disposition, detail)
    refused("transfer_via_request", ctx.cases.dispose, doc, visit, case.version, "transfer", {})
    closed = ctx.cases.dispose(doc, visit, case.version, *DIED)  # an incident is always recorded
    assert closed.disposition == "died"


# ----- 5./6. classification only moves forward; the exception path; a row per change ----------------

def test_classification_moves_forward(ctx: AppContext, clinic: dict[str, Actor], visit: str) -> None:
    doc = clinic["doc1"]
    case = ctx.cases.classify(doc, visit, version(ctx, doc, visit), "suspected")
    case = ctx.cases.classify(doc, visit, case.version, "asymptomatic")
    refused("classification_forward_only", ctx.cases.classify, doc, visit, case.version, "suspected")
    case = ctx.cases.classify(doc, visit, case.version, "confirmed")
    for cls in ("pending", "suspected", "asymptomatic"):
        error = refused("classification_forward_only", ctx.cases.classify, doc, visit, case.version, cls)
        assert (error.details["before"], error.details["after"]) == ("confirmed", cls)
    same = ctx.cases.classify(doc, visit, case.version, "confirmed", other_pathogen="无")  # no change: no row
    with ctx.db.read() as s:
        rows = [(r.before, r.after, r.username, r.exception_id) for r in s.scalars(
            select(CaseClassification).where(CaseClassification.case_id == same.id).order_by(CaseClassification.id))]
    assert rows == [("pending", "suspected", "doc1", None), ("suspected", "asymptomatic", "doc1", None),
                    ("asymptomatic", "confirmed", "doc1", None)]


def test_an_excluded_case_may_become_reportable_on_new_evidence(ctx: AppContext, clinic: dict[str, Actor],
                                                                visit: str) -> None:
    doc = clinic["doc1"]
    _, case = excluded_case(ctx, doc, visit)
    refused("classification_forward_only", ctx.cases.classify, doc, visit, case.version, "pending")
    case = ctx.cases.classify(doc, visit, case.version, "suspected")
    assert {"report_2h", "epi_24h", "transfer_request", "nat_12h"} <= {c.kind for c in case.clocks if c.open}


def test_suspected_is_excluded_by_two_negative_nats_a_day_apart(ctx: AppContext, clinic: dict[str, Actor],
                                                                visit: str, clock: FixedClock) -> None:
    doc = clinic["doc1"]
    case = ctx.cases.classify(doc, visit, version(ctx, doc, visit), "suspected")
    refused("exclusion_needs_negative_nat", ctx.cases.classify, doc, visit, case.version, "excluded")
    first = observed_with_tests(ctx, doc, visit)
    case = result(ctx, doc, visit, first, "negative")
    error = refused("exclusion_needs_two_negative_nat", ctx.cases.classify, doc, visit, case.version, "excluded")
    assert error.details["hours"] == 24
    clock.advance(hours=20)  # sampled 23 h after the first: not yet
    case = ctx.cases.order_test(doc, visit, "nucleic_acid", "fever_clinic", clock.now())
    case = result(ctx, doc, visit, case.tests[-1].id, "negative")
    refused("exclusion_needs_two_negative_nat", ctx.cases.classify, doc, visit, case.version, "excluded")
    clock.advance(hours=1, minutes=1)
    case = ctx.cases.order_test(doc, visit, "nucleic_acid", "fever_clinic", clock.now())
    case = result(ctx, doc, visit, case.tests[-1].id, "negative")
    case = ctx.cases.classify(doc, visit, case.version, "excluded")
    assert case.classification == "excluded"
    by_kind = {c.kind: c for c in case.clocks}
    assert by_kind["transfer_request"].settled_reason == "reclassified"  # no ambulance for an excluded case
    assert by_kind["report_2h"].open and not by_kind["report_2h"].settled  # the suspected case is still reported
    # left overdue: what the suspected case still owes (its report, its investigation) and, still under
    # observation with no vital signs for 21 h, its observation round; nothing else
    assert {e.clock.kind for e in ctx.deadlines.board(doc).entries if e.state == "overdue"} == {
        "report_2h", "epi_24h", "observation_round"}


def test_a_downgrade_needs_the_directors_exception(ctx: AppContext, clinic: dict[str, Actor], visit: str,
                                                   director: Actor) -> None:
    doc, admin = clinic["doc1"], clinic["admin"]
    case = ctx.cases.classify(doc, visit, version(ctx, doc, visit), "confirmed")  # by mistake
    refused("classification_forward_only", ctx.cases.classify, doc, visit, case.version, "suspected")
    exceptions = ctx.case_exceptions
    refused("permission_denied", exceptions.approve, doc, visit, DOWNGRADE, {"to": "suspected"}, "录入错误")
    refused("exception_reason", exceptions.approve, admin, visit, DOWNGRADE, {"to": "suspected"}, " 错 ")
    refused("exception_kind", exceptions.approve, admin, visit, "anything", {"to": "suspected"}, "录入错误更正")
    refused("exception_detail", exceptions.approve, admin, visit, DOWNGRADE, {"to": "cured"}, "录入错误更正")
    with pytest.raises(NotFound):
        exceptions.approve(admin, "XH01-20990101-0001", DOWNGRADE, {"to": "suspected"}, "录入错误更正")
    wrong = exceptions.approve(admin, visit, DOWNGRADE, {"to": "pending"}, "录入错误，应为疑似")
    granted = exceptions.approve(admin, visit, DOWNGRADE, {"to": "suspected"}, "录入错误，应为疑似")
    assert [e.id for e in exceptions.pending(doc, visit)] == [wrong, granted]
    assert [e.id for e in ctx.cases.get(doc, visit).pending_exceptions] == [wrong, granted]
    refused("exception_mismatch", ctx.cases.classify, doc, visit, case.version, "suspected", exception_id=wrong)
    case = ctx.cases.classify(doc, visit, case.version, "suspected", exception_id=granted)
    assert case.classification == "suspected"
    case = ctx.cases.classify(doc, visit, case.version, "confirmed")  # forward again: no exception needed
    refused("exception_used", ctx.cases.classify, doc, visit, case.version, "suspected", exception_id=granted)
    [used] = [e for e in exceptions.for_visit(admin, visit) if e.id == granted]
    assert used.used and used.used_by == "doc1" and used.approved_by == "boss"
    assert [e.id for e in exceptions.pending(doc, visit)] == [wrong]
    with ctx.db.read() as s:
        row = s.scalars(select(CaseClassification).where(CaseClassification.after == "suspected")).one()
        assert (row.before, row.exception_id) == ("confirmed", granted)
        approval = s.scalars(select(AuditEvent).where(AuditEvent.action == "case.exception_approve",
                                                      AuditEvent.outcome == "success")).all()
        assert [(a.entity, a.entity_id) for a in approval] == [("visit", visit)] * 2
    assert "case.exception_approve" in [e.action for e in ctx.timelines.timeline(doc, visit).events]


def test_an_exception_is_used_once_for_its_visit_by_another_person(ctx: AppContext, clinic: dict[str, Actor],
                                                                   director: Actor) -> None:
    admin = clinic["admin"]
    mine = arrive(ctx, clinic["nurse"], director, name="李四", id_number="440106198503070011")
    other = arrive(ctx, clinic["nurse"], clinic["doc1"])
    ctx.cases.take(director, mine)
    ctx.cases.take(clinic["doc1"], other)
    ctx.cases.classify(director, mine, version(ctx, director, mine), "suspected")
    case = ctx.cases.classify(clinic["doc1"], other, version(ctx, clinic["doc1"], other), "suspected")
    own = ctx.case_exceptions.approve(director, mine, DOWNGRADE, {"to": "pending"}, "误选疑似，实为待定")
    refused("exception_self", ctx.cases.classify, director, mine, version(ctx, director, mine), "pending",
            exception_id=own)
    refused("exception_mismatch", ctx.cases.classify, clinic["doc1"], other, case.version, "pending",
            exception_id=own)  # for another visit
    for_other = ctx.case_exceptions.approve(admin, other, DOWNGRADE, {"to": "pending"}, "误选疑似，实为待定")
    refused("exception_not_needed", ctx.cases.classify, clinic["doc1"], other, case.version, "confirmed",
            exception_id=for_other)
    case = ctx.cases.classify(clinic["doc1"], other, case.version, "pending", exception_id=for_other)
    assert case.classification == "pending"
    # a correction ends what the mistaken class started
    assert {c.kind: c.settled_reason for c in case.clocks} == {
        "report_2h": "reclassified", "epi_24h": "reclassified", "transfer_request": "reclassified",
        "nat_12h": "reclassified"}
    with ctx.db.read() as s:
        assert s.get(RuleException, for_other).used_by == "doc1"
        assert s.get(RuleException, own).used_at is None


# ----- 7. a suspected case's NAT within 12 h ---------------------------------------------------------

def test_a_suspected_case_is_sampled_within_12_hours(ctx: AppContext, clinic: dict[str, Actor], visit: str,
                                                     clock: FixedClock) -> None:
    doc = clinic["doc1"]
    ctx.cases.start_observation(doc, visit, "留观1室", "3床")
    ctx.cases.order_test(doc, visit, "nucleic_acid", "fever_clinic", clock.now())  # before the classification
    clock.advance(minutes=30)
    case = ctx.cases.classify(doc, visit, version(ctx, doc, visit), "suspected")
    nat12 = next(c for c in case.clocks if c.kind == "nat_12h")
    assert nat12.due_at - nat12.started_at == timedelta(hours=12) and nat12.open
    case = ctx.cases.order_test(doc, visit, "nucleic_acid", "fever_clinic", clock.now() - timedelta(minutes=10))
    assert next(c for c in case.clocks if c.kind == "nat_12h").open  # sampled before it: does not count
    case = ctx.cases.order_test(doc, visit, "antigen", "fever_clinic", clock.now())
    assert next(c for c in case.clocks if c.kind == "nat_12h").open  # an antigen test is no NAT
    clock.advance(hours=5)
    case = ctx.cases.order_test(doc, visit, "nucleic_acid", "fever_clinic", clock.now())
    nat12 = next(c for c in case.clocks if c.kind == "nat_12h")
    assert nat12.met and nat12.met_at == clock.now() and not nat12.missed


def test_only_a_suspected_classification_starts_the_12_hour_clock(ctx: AppContext, clinic: dict[str, Actor],
                                                                  visit: str) -> None:
    doc = clinic["doc1"]
    case = ctx.cases.classify(doc, visit, version(ctx, doc, visit), "confirmed")
    assert "nat_12h" not in {c.kind for c in case.clocks}


# ----- 8. closing settles the clocks; incidents ----------------------------------------------------

def test_closing_settles_the_clocks_but_the_report(ctx: AppContext, clinic: dict[str, Actor], visit: str,
                                                   clock: FixedClock) -> None:
    doc = clinic["doc1"]
    observed_with_tests(ctx, doc, visit)
    case = ctx.cases.classify(doc, visit, version(ctx, doc, visit), "suspected")
    clock.advance(hours=1)  # the transfer request (30 min) is overdue now
    closed = ctx.cases.dispose(doc, visit, case.version, *LEFT)
    by_kind = {c.kind: c for c in closed.clocks}
    for kind in ("result", "epi_24h", "transfer_request", "nat_12h"):
        assert by_kind[kind].settled_reason == "left_without_permission" and by_kind[kind].met_at == clock.now()
        assert by_kind[kind].settled and not by_kind[kind].met and not by_kind[kind].missed
    assert by_kind["report_2h"].open  # a suspected case must still be reported
    assert {e.clock.kind for e in ctx.deadlines.board(doc).entries} == {"report_2h", "incident_2h"}


def test_a_suspected_patient_who_leaves_is_an_incident(ctx: AppContext, clinic: dict[str, Actor], visit: str,
                                                       clock: FixedClock) -> None:
    doc = clinic["doc1"]
    case = ctx.cases.classify(doc, visit, version(ctx, doc, visit), "suspected")
    refused("not_an_incident", ctx.cases.record_incident_report, doc, visit, "县疾控中心", clock.now())
    closed = ctx.cases.dispose(doc, visit, case.version, *LEFT)
    incident = next(c for c in closed.clocks if c.kind == "incident_2h")
    assert incident.started_at == clock.now() and incident.due_at == clock.now() + timedelta(hours=2)
    [alert] = alerts(ctx, "left_without_permission")
    assert json.loads(alert.evidence)["visit_no"] == visit
    refused("time_too_early", ctx.cases.record_incident_report, doc, visit, "县疾控中心",
            clock.now() - timedelta(minutes=1))
    refused("required", ctx.cases.record_incident_report, doc, visit, "  ", clock.now())
    clock.advance(minutes=40)
    case = ctx.cases.record_incident_report(doc, visit, "县疾控中心 值班室", clock.now())
    assert case.incident_reported_to == "县疾控中心 值班室" and case.incident_reported_at == clock.now()
    assert next(c for c in case.clocks if c.kind == "incident_2h").met
    refused("incident_reported", ctx.cases.record_incident_report, doc, visit, "公安", clock.now())
    events = [e.action for e in ctx.timelines.timeline(doc, visit).events if e.outcome == "success"]
    assert events[-1] == "case.incident_reported"


def test_a_pending_patient_who_leaves_is_no_incident_report(ctx: AppContext, clinic: dict[str, Actor],
                                                           visit: str) -> None:
    doc = clinic["doc1"]
    closed = ctx.cases.dispose(doc, visit, version(ctx, doc, visit), *LEFT)
    assert "incident_2h" not in {c.kind for c in closed.clocks} and alerts(ctx, "left_without_permission") == []
    refused("not_an_incident", ctx.cases.record_incident_report, doc, visit, "县疾控中心", ctx.clock.now())


# ----- 9. a closed case refuses hand-overs, orders and results ----------------------------------------

def test_a_closed_case_takes_nothing_new(ctx: AppContext, clinic: dict[str, Actor], visit: str) -> None:
    doc = clinic["doc1"]
    nat = observed_with_tests(ctx, doc, visit)
    case = ctx.cases.get(doc, visit)
    closed = ctx.cases.dispose(doc, visit, case.version, *LEFT)
    assert set(closed.refusals.values()) == {"case_closed"}
    refused("case_closed", ctx.cases.request_handover, doc, visit, "doc2", "下班交接")
    refused("case_closed", ctx.cases.order_test, doc, visit, "nucleic_acid", "fever_clinic", ctx.clock.now())
    test = next(t for t in closed.tests if t.id == nat)
    refused("case_closed", ctx.cases.record_result, doc, nat, test.version, result="negative",
            result_at=ctx.clock.now(), lab="县疾控中心实验室")
    refused("case_closed", ctx.cases.classify, doc, visit, closed.version, "suspected")


# ----- 10. the sentinel room refers every patient ---------------------------------------------------

def test_a_sentinel_room_refers_everyone(ctx: AppContext, clinic: dict[str, Actor], visit: str) -> None:
    set_mode(ctx, "refer")
    doc = clinic["doc1"]
    _, case = excluded_case(ctx, doc, visit)  # sampled because this clinic can; classification still works
    assert case.clinic_mode == "refer"
    for disposition, detail in (HOME, ("excluded_general", {"excluding_test_id": case.tests[0].id}),
                                ("admitted", {"ward": "内科病区"})):
        refused("refer_mode_transfer_only", ctx.cases.dispose, doc, visit, case.version, disposition, detail)
    assert {case.refusals[d] for d in ("home_advice", "excluded_general", "admitted")} == {"refer_mode_transfer_only"}
    other = arrive(ctx, clinic["nurse"], doc, name="李四", id_number="440106198503070011")
    ctx.cases.take(doc, other)
    closed = ctx.cases.dispose(doc, other, version(ctx, doc, other), *LEFT)  # no tests needed for an incident
    assert closed.disposition == "left_without_permission"
