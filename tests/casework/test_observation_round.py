"""The observation round (issue 17, parts 4 and 7): the schedule follows NEWS2 with the clinic's figures, the round
is a clock on the deadline board (due, met, started again, continuous), a rise of NEWS2 alerts the responsible
doctor once, SpO₂ scale 2 only by the doctor, and the transfer request carries the latest set."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.actor import Actor
from app.casework.observation import continuous
from app.casework.tables import Case
from app.casework.vocab import ClockKind, ClockState
from app.clock import FixedClock
from app.context import AppContext
from app.errors import Conflict, PermissionDenied
from app.reporting.alert_tables import Alert
from app.reporting.alerts import AlertKind
from app.severity.figures import ObservationFigures
from app.severity.vitals import Vitals
from app.triage.records import PatientInput, ScreeningInput
from tests.casework.conftest import arrive, clinic  # noqa: F401  (fixture)

FIGURES = ObservationFigures()
# NEWS2 0: every reading in its normal band
CALM = Vitals(37.0, respiratory_rate=16, spo2=97, oxygen=False, systolic_bp=120, heart_rate=80, consciousness="A")
# NEWS2 2: breathing 22/min (2)
TWO = Vitals(37.0, respiratory_rate=22, spo2=97, oxygen=False, systolic_bp=120, heart_rate=80, consciousness="A")
# NEWS2 4: breathing 22/min (2), heart rate 95 (1), 38.6 °C (1)
FOUR = Vitals(38.6, respiratory_rate=22, spo2=97, oxygen=False, systolic_bp=120, heart_rate=95, consciousness="A")
# NEWS2 5: as FOUR with SpO₂ 95 % (1)
FIVE = Vitals(38.6, respiratory_rate=22, spo2=95, oxygen=False, systolic_bp=120, heart_rate=95, consciousness="A")
# NEWS2 8: breathing 25/min (3), SpO₂ 91 % (3), heart rate 115 (2)
EIGHT = Vitals(37.0, respiratory_rate=25, spo2=91, oxygen=False, systolic_bp=120, heart_rate=115, consciousness="A")


def rounds(ctx: AppContext, actor: Actor) -> list:  # type: ignore[type-arg]
    return [e for e in ctx.deadlines.board(actor).entries if e.clock.kind == "observation_round"]


def news2_alerts(ctx: AppContext, actor: Actor) -> list:  # type: ignore[type-arg]
    return [a for a in ctx.alerts.open_alerts(actor) if a.kind == "news2"]


def arrive_measured(ctx: AppContext, nurse: Actor, doctor: Actor) -> str:
    """As conftest.arrive, with a full set at pre-triage: 38.6 °C (1), the rest normal — NEWS2 1."""
    screening = ctx.screening.record(nurse, ScreeningInput(38.6, symptoms=frozenset({"fever", "cough"}),
                                                           health_code="green", spo2=96, respiratory_rate=18,
                                                           heart_rate=88, systolic_bp=125, consciousness="A",
                                                           oxygen=False))
    visit = ctx.registration.register(nurse, screening_id=screening.id,
                                      patient=PatientInput(name="王䶮", id_type="resident_id",
                                                           id_number="11010519491231002X"))
    ctx.handoffs.send(nurse, visit.visit_no, "导医 陈")
    ctx.handoffs.confirm_arrival(doctor, visit.visit_no)
    return visit.visit_no


@pytest.fixture
def observed(ctx: AppContext, clinic: dict[str, Actor]) -> str:  # noqa: F811
    """A case taken by doc1, under observation after a full set at pre-triage (NEWS2 1)."""
    visit_no = arrive_measured(ctx, clinic["nurse"], clinic["doc1"])
    ctx.cases.take(clinic["doc1"], visit_no)
    ctx.cases.start_observation(clinic["doc1"], visit_no, "留观1室", "3床")
    return visit_no


def test_the_round_follows_news2_with_the_figures(ctx: AppContext, clinic: dict[str, Actor],  # noqa: F811
                                                 observed: str, clock: FixedClock) -> None:
    doc = clinic["doc1"]
    pre_triage = ctx.observation.trend(doc, observed)
    assert [v.news2 for v in pre_triage] == [1] and pre_triage[0].news2_complete
    # observation began: the round is due the low interval after the pre-triage set
    (first,) = rounds(ctx, doc)
    assert first.clock.started_at == pre_triage[0].taken_at
    assert first.clock.due_at - first.clock.started_at == timedelta(minutes=FIGURES.observe_low_minutes)
    assert first.clock.ref_id == pre_triage[0].id and first.state == "ok"
    clock.advance(minutes=FIGURES.observe_low_minutes + 1)
    assert rounds(ctx, doc)[0].state == "overdue"

    for vitals, minutes in ((CALM, FIGURES.observe_low_minutes), (FIVE, FIGURES.observe_medium_minutes),
                            (EIGHT, FIGURES.observe_high_minutes)):
        clock.advance(minutes=10)
        saved = ctx.observation.record_vitals(doc, observed, vitals)
        (now_open,) = rounds(ctx, doc)  # the previous round met, one started with the new interval
        assert now_open.clock.ref_id == saved.id and now_open.clock.started_at == clock.now()
        assert now_open.clock.due_at - now_open.clock.started_at == timedelta(minutes=minutes)
    # NEWS2 8: continuous monitoring, an urgent review at once — shown as such, not as minutes overdue
    assert continuous(now_open.clock)
    met = [c for c in ctx.cases.get(doc, observed).clocks if c.kind == "observation_round" and not c.open]
    assert len(met) == 3 and not any(c.settled for c in met)
    assert [v.news2 for v in ctx.observation.trend(doc, observed)] == [1, 0, 5, 8]


def test_with_no_set_at_all_the_first_round_is_due_at_once(ctx: AppContext, clinic: dict[str, Actor],  # noqa: F811
                                                           clock: FixedClock) -> None:
    """A temperature alone at pre-triage keeps no set: NEWS2 needs a baseline when observation begins."""
    doc = clinic["doc1"]
    visit_no = arrive(ctx, clinic["nurse"], doc)
    ctx.cases.take(doc, visit_no)
    assert ctx.observation.trend(doc, visit_no) == [] and ctx.observation.next_round(doc, visit_no) is None
    ctx.cases.start_observation(doc, visit_no, "留观1室", "3床")
    due = ctx.observation.next_round(doc, visit_no)
    assert due is not None and due.ref_id is None and due.due_at == clock.now() and not continuous(due)
    saved = ctx.observation.record_vitals(doc, visit_no, FOUR)
    due = ctx.observation.next_round(doc, visit_no)
    assert due is not None and due.ref_id == saved.id
    assert due.due_at == clock.now() + timedelta(minutes=FIGURES.observe_low_minutes)
    assert news2_alerts(ctx, doc) == []  # the first set, below the alert total


def test_a_clinics_figures_change_the_schedule(ctx: AppContext, clinic: dict[str, Actor],  # noqa: F811
                                              observed: str) -> None:
    figures, version = ctx.figures.get(ObservationFigures)
    ctx.figures.update(clinic["admin"], ObservationFigures(observe_low_minutes=120), version)
    ctx.observation.record_vitals(clinic["doc1"], observed, CALM)
    (entry,) = rounds(ctx, clinic["doc1"])
    assert entry.clock.due_at - entry.clock.started_at == timedelta(minutes=120)
    assert figures.observe_low_minutes == FIGURES.observe_low_minutes


def test_the_round_settles_when_the_case_leaves_observation(ctx: AppContext, clinic: dict[str, Actor],  # noqa: F811
                                                           clock: FixedClock) -> None:
    doc = clinic["doc1"]
    visit_no = arrive(ctx, clinic["nurse"], doc)
    case = ctx.cases.take(doc, visit_no)
    ctx.observation.record_vitals(doc, visit_no, CALM)  # not under observation yet: a set, no round
    assert rounds(ctx, doc) == []
    clock.advance(minutes=30)
    ctx.cases.start_observation(doc, visit_no, "留观1室", "3床")
    ctx.cases.start_observation(doc, visit_no, "留观2室", "1床")  # a move keeps the one round
    (entry,) = rounds(ctx, doc)
    assert entry.clock.due_at == entry.clock.started_at + timedelta(minutes=FIGURES.observe_low_minutes)
    case = ctx.cases.get(doc, visit_no)
    clock.advance(minutes=5)
    ctx.cases.dispose(doc, visit_no, case.version, "left_without_permission",
                      {"left_at": clock.now().isoformat(), "noticed_by": "护士 李娜", "reported_to": "院感科"})
    assert rounds(ctx, doc) == []
    (settled,) = [c for c in ctx.cases.get(doc, visit_no).clocks if c.kind == "observation_round"]
    assert settled.settled_reason == "left_without_permission"
    with pytest.raises(Conflict):
        ctx.observation.record_vitals(doc, visit_no, CALM)


def test_a_rise_alerts_the_responsible_doctor_once(ctx: AppContext, clinic: dict[str, Actor],  # noqa: F811
                                                   observed: str, clock: FixedClock) -> None:
    doc = clinic["doc1"]
    ctx.observation.record_vitals(doc, observed, CALM)  # 1 (pre-triage) → 0: nothing
    assert news2_alerts(ctx, doc) == []
    clock.advance(hours=1)
    two = ctx.observation.record_vitals(doc, observed, TWO)  # 0 → 2: a rise by 2
    (rose,) = news2_alerts(ctx, doc)
    assert rose.evidence == {"visit_no": observed, "previous_news2": 0, "news2": 2, "news2_complete": True,
                             "codes": ["news2_rose"], "doctor": "doc1", "vital_signs_id": two.id}
    clock.advance(hours=1)
    ctx.observation.record_vitals(doc, observed, FOUR)  # 2 → 4: a rise by 2 again, a new alert
    clock.advance(hours=1)
    five = ctx.observation.record_vitals(doc, observed, FIVE)  # 4 → 5: reaches the alert total
    found = news2_alerts(ctx, doc)
    assert [a.evidence["codes"] for a in found] == [["news2_rose"], ["news2_rose"], ["news2_reached"]]
    assert found[-1].evidence["vital_signs_id"] == five.id
    clock.advance(hours=1)
    ctx.observation.record_vitals(doc, observed, FIVE)  # stays at 5: no new alert
    assert len(news2_alerts(ctx, doc)) == 3
    clock.advance(hours=1)
    ctx.observation.record_vitals(doc, observed, CALM)
    clock.advance(hours=1)
    eight = ctx.observation.record_vitals(doc, observed, EIGHT)  # 0 → 8: both, in one alert
    assert news2_alerts(ctx, doc)[-1].evidence["codes"] == ["news2_rose", "news2_reached"]
    assert news2_alerts(ctx, doc)[-1].evidence["vital_signs_id"] == eight.id
    for a in news2_alerts(ctx, doc):  # never a name in the evidence
        assert "王" not in str(a.evidence)


def test_scale_2_only_by_the_responsible_doctor(ctx: AppContext, clinic: dict[str, Actor],  # noqa: F811
                                                observed: str) -> None:
    scale_2 = Vitals(37.0, respiratory_rate=16, spo2=89, spo2_scale=2, oxygen=True, systolic_bp=120, heart_rate=80,
                     consciousness="A")
    with pytest.raises(PermissionDenied):  # the desk nurse: pre-triage scores scale 1 only
        ctx.observation.record_vitals(clinic["nurse"], observed, scale_2)
    with pytest.raises(PermissionDenied) as refused:  # another doctor: not the case's (首诊负责制)
        ctx.observation.record_vitals(clinic["doc2"], observed, scale_2)
    assert refused.value.code == "not_responsible"
    saved = ctx.observation.record_vitals(clinic["doc1"], observed, scale_2)
    # scale 2: 89 % is within the 88–92 % target (0); on oxygen scores 2
    assert saved.vitals.spo2_scale == 2 and saved.news2 == 2
    trail = [e.outcome for e in ctx.audit.page(clinic["admin"], offset=0, limit=500) if e.action == "case.vitals"]
    assert sorted(trail) == ["denied", "denied", "success"]


@pytest.fixture
def hospital(ctx: AppContext, clinic: dict[str, Actor]) -> int:  # noqa: F811
    return ctx.transfers.save_hospital(clinic["admin"], name="市传染病医院", kind="designated").id


def _suspected(ctx: AppContext, clinic: dict[str, Actor], name: str, id_number: str) -> str:  # noqa: F811
    visit_no = arrive(ctx, clinic["nurse"], clinic["doc1"], name=name, id_number=id_number)
    case = ctx.cases.take(clinic["doc1"], visit_no)
    ctx.cases.classify(clinic["doc1"], visit_no, case.version, "suspected")
    return visit_no


def test_the_transfer_carries_the_latest_set_and_the_board_orders_by_it(  # noqa: F811
        ctx: AppContext, clinic: dict[str, Actor], hospital: int, clock: FixedClock) -> None:
    doc = clinic["doc1"]
    first = _suspected(ctx, clinic, "王䶮", "11010519491231002X")
    second = _suspected(ctx, clinic, "李四", "440106198503070011")
    third = _suspected(ctx, clinic, "周到", "110105196501010013")
    ctx.observation.record_vitals(doc, first, CALM)
    clock.advance(minutes=30)
    latest = ctx.observation.record_vitals(doc, first, FIVE)
    ctx.observation.record_vitals(doc, second, EIGHT)

    def ask(visit_no: str):  # type: ignore[no-untyped-def]
        clock.advance(minutes=5)
        return ctx.transfers.request(doc, visit_no, hospital_id=hospital, condition="serious", oxygen=True,
                                     precautions="N95", staff="护士 李娜")

    carried = ask(first)
    assert carried.vital_signs is not None and carried.vital_signs.id == latest.id
    assert carried.vital_signs.news2 == 5 and carried.vital_signs.vitals == FIVE
    assert carried.temperature_c == FIVE.temperature_c and carried.temperature_at == latest.taken_at
    ask(second)
    unmeasured = ask(third)  # the temperature only, at pre-triage: no set to carry
    assert unmeasured.vital_signs is None and unmeasured.temperature_c == 38.6
    with pytest.raises(Conflict):  # the request closed the case: its sets are what the transfer carries
        ctx.observation.record_vitals(doc, first, EIGHT)
    assert ctx.transfers.get(doc, carried.id).vital_signs == carried.vital_signs
    board = ctx.transfers.open_transfers(doc)
    assert [t.visit_no for t in board] == [second, first, third]  # NEWS2 8, 5, none


def test_the_demo_s_observed_patients_have_sets_and_their_rounds_in_time(ctx: AppContext) -> None:
    """The demo clinic looks like a ward kept properly: every open observed case has its sets, no round is
    overdue, and the patient whose breathing worsened raised the NEWS2 alert."""
    from app.services.demo import create_demo
    from app.severity.tables import VitalSigns

    create_demo(ctx.clinic, ctx.users, Actor.system())
    admin = ctx.users.authenticate("admin", "demo-2026", "ws")
    rounds = [e for e in ctx.deadlines.all_open(admin) if e.clock.kind == ClockKind.OBSERVATION_ROUND.value]
    assert rounds and all(e.state != ClockState.OVERDUE for e in rounds)
    with ctx.db.read() as s:
        observed = s.scalars(select(Case.id).where(Case.closed_at.is_(None),
                                                   Case.observation_started_at.is_not(None))).all()
        with_sets = set(s.scalars(select(VitalSigns.case_id).where(VitalSigns.case_id.is_not(None))).all())
        alerts = s.scalars(select(Alert.kind)).all()
    assert observed and set(observed) <= with_sets
    assert AlertKind.NEWS2.value in alerts
