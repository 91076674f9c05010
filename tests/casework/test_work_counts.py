"""My work at a glance (issue 15), through the services: the counts each role's sidebar shows (on the way,
waiting untaken, hand-overs to accept, overdue clocks, open alerts, visitors overstaying) — each both ways —,
the waiting queue sorted by urgency then wait, and the patient's name on the boards (masked where public)."""

from __future__ import annotations

import pytest

from app.actor import Actor
from app.clock import FixedClock
from app.context import AppContext
from app.errors import PermissionDenied
from app.triage.records import PatientInput, ScreeningInput
from app.work_counts import WorkCountsService, wait_level
from tests.casework.conftest import arrive, clinic  # noqa: F401  (fixture)
from tests.wards.conftest import Ward, hospital, visitor  # noqa: F401  (fixture)


def counts(ctx: AppContext, actor: Actor):  # type: ignore[no-untyped-def]
    return WorkCountsService(ctx.db, ctx.clock).counts(actor)


def sent(ctx: AppContext, nurse: Actor, name: str, id_number: str, temperature: float = 38.6,
         symptoms: frozenset[str] = frozenset({"fever", "cough"}), **screening: object) -> str:
    s = ctx.screening.record(nurse, ScreeningInput(temperature, symptoms=symptoms, health_code="green",
                                                   **screening))  # type: ignore[arg-type]
    visit = ctx.registration.register(nurse, screening_id=s.id,
                                      patient=PatientInput(name=name, id_type="resident_id", id_number=id_number))
    ctx.handoffs.send(nurse, visit.visit_no, "导医 陈")
    return visit.visit_no


def test_nothing_waiting_counts_zero_and_each_role_sees_only_its_pages(
        ctx: AppContext, clinic: dict[str, Actor]) -> None:  # noqa: F811
    nurse, doc, gate, admin = clinic["nurse"], clinic["doc1"], clinic["gate"], clinic["admin"]
    n = counts(ctx, nurse)
    assert (n.on_the_way, n.on_the_way_overdue, n.waiting, n.waiting_overdue) == (0, 0, 0, 0)
    assert n.handovers_to_me is None and n.clocks_overdue is None and n.alerts_open is None  # not a nurse's pages
    assert n.visitors_overstaying == 0  # a nurse issues permits
    d = counts(ctx, doc)
    assert (d.handovers_to_me, d.clocks_overdue, d.alerts_open) == (0, 0, 0)
    g = counts(ctx, gate)
    assert g.visitors_overstaying == 0 and g.on_the_way is None and g.waiting is None
    a = counts(ctx, admin)
    assert a.handovers_to_me is None and a.alerts_open == 0


def test_on_the_way_then_overdue_then_arrived_and_waiting_then_taken(
        ctx: AppContext, clinic: dict[str, Actor], clock: FixedClock) -> None:  # noqa: F811
    nurse, doc = clinic["nurse"], clinic["doc1"]
    visit_no = sent(ctx, nurse, "王䶮", "11010519491231002X")
    c = counts(ctx, nurse)
    assert (c.on_the_way, c.on_the_way_overdue, c.waiting) == (1, 0, 0)
    clock.advance(hours=2)  # far past the walk's expected arrival
    assert counts(ctx, nurse).on_the_way_overdue == 1
    ctx.handoffs.confirm_arrival(doc, visit_no)
    c = counts(ctx, doc)
    assert (c.on_the_way, c.on_the_way_overdue, c.waiting, c.waiting_overdue) == (0, 0, 1, 0)
    clock.advance(minutes=10)  # exactly the limit: still in time
    assert counts(ctx, doc).waiting_overdue == 0
    clock.advance(minutes=1)
    c = counts(ctx, doc)
    assert (c.waiting, c.waiting_overdue, c.untaken_minutes) == (1, 1, 10)
    ctx.cases.take(doc, visit_no)
    c = counts(ctx, doc)
    assert (c.waiting, c.waiting_overdue) == (0, 0)


def test_handovers_count_only_for_the_doctor_asked(ctx: AppContext, clinic: dict[str, Actor]) -> None:  # noqa: F811
    nurse, doc1, doc2 = clinic["nurse"], clinic["doc1"], clinic["doc2"]
    visit_no = arrive(ctx, nurse, doc1)
    ctx.cases.take(doc1, visit_no)
    ctx.cases.request_handover(doc1, visit_no, "doc2", "白班下班交接")
    assert counts(ctx, doc2).handovers_to_me == 1
    assert counts(ctx, doc1).handovers_to_me == 0
    handover = ctx.cases.handovers_for(doc2)[0]
    assert handover.patient_name == "王䶮"  # the doctors' own list: the full name
    ctx.cases.answer_handover(doc2, handover.id, True)
    assert counts(ctx, doc2).handovers_to_me == 0


def test_overdue_clocks_and_open_alerts(ctx: AppContext, clinic: dict[str, Actor], clock: FixedClock) -> None:  # noqa: F811
    nurse, doc = clinic["nurse"], clinic["doc1"]
    visit_no = arrive(ctx, nurse, doc)
    case = ctx.cases.take(doc, visit_no)
    ctx.cases.classify(doc, visit_no, case.version, "suspected")  # starts the 2 h report clock
    assert counts(ctx, doc).clocks_overdue == 0
    clock.advance(hours=3)
    assert counts(ctx, doc).clocks_overdue >= 1
    entry = ctx.deadlines.board(doc).entries[0]
    assert entry.patient_masked == "王*" and "王䶮" not in entry.patient_masked  # the board is public
    assert counts(ctx, doc).alerts_open == 0
    ctx.alerts.scan(doc)  # the report overdue and the suspected case raise alerts
    assert counts(ctx, doc).alerts_open == len(ctx.alerts.open_alerts(doc)) > 0


def test_waiting_queue_isolate_first_then_longest_wait(
        ctx: AppContext, clinic: dict[str, Actor], clock: FixedClock) -> None:  # noqa: F811
    nurse, doc = clinic["nurse"], clinic["doc1"]
    first = sent(ctx, nurse, "王芳", "11010519491231002X")
    clock.advance(minutes=5)
    second = sent(ctx, nurse, "李强", "110105195001010012")
    clock.advance(minutes=5)
    isolate = sent(ctx, nurse, "赵敏", "11010519510101001X", temperature=39.2, contact_case=True)
    for v in (first, second, isolate):
        ctx.handoffs.confirm_arrival(doc, v)
    queue = ctx.cases.waiting(doc)
    decisions = {w.visit_no: w.decision for w in queue}
    assert decisions[isolate] == "isolate" and decisions[first] == decisions[second] == "fever_clinic"
    assert [w.visit_no for w in queue] == [isolate, first, second]  # isolate now, then the longest wait


def test_wait_level_amber_past_the_limit_red_past_three_times() -> None:
    assert wait_level(10 * 60, 10) == "ok"  # at the limit: in time
    assert wait_level(10 * 60 + 1, 10) == "amber"
    assert wait_level(30 * 60, 10) == "amber"
    assert wait_level(30 * 60 + 1, 10) == "red"
    assert wait_level(99 * 60, None) == "ok"  # the limit not read yet


def test_visitors_overstaying(ctx: AppContext, hospital: Ward, clock: FixedClock) -> None:  # noqa: F811
    v = visitor(ctx, hospital, minutes=30)
    ctx.gate.check(hospital.gatekeeper, v.payload, "内科门岗", direction="in")
    assert counts(ctx, hospital.gatekeeper).visitors_overstaying == 0
    clock.advance(minutes=31)
    assert counts(ctx, hospital.gatekeeper).visitors_overstaying == 1
    assert counts(ctx, hospital.nurse).visitors_overstaying == 1
    ctx.gate.check(hospital.gatekeeper, v.payload, "内科门岗", direction="out")
    assert counts(ctx, hospital.gatekeeper).visitors_overstaying == 0


def test_a_disabled_account_reads_nothing(ctx: AppContext, clinic: dict[str, Actor]) -> None:  # noqa: F811
    nurse, admin = clinic["nurse"], clinic["admin"]
    ctx.users.set_active(admin, "nurse", False)
    with pytest.raises(PermissionDenied) as exc:
        counts(ctx, nurse)
    assert exc.value.code == "account_disabled"
