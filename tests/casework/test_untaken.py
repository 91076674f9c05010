"""首诊负责制 ("不得推诿任何患者"): a patient received at the fever clinic and not taken by a doctor within
CaseworkFigures.untaken_minutes is listed (masked name, longest wait first) and raises one early-warning
alert per visit; taking the case ends the alarm. Both ways, on a clock the test moves."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from app.actor import Actor
from app.casework.figures import CaseworkFigures
from app.casework.untaken import UntakenService
from app.clock import FixedClock
from app.context import AppContext
from app.errors import PermissionDenied
from app.figures import FiguresService
from app.reporting.alerts import AlertKind, AlertService
from app.triage.identity import check_digit
from tests.casework.conftest import arrive, clinic  # noqa: F401  (fixture)


def resident_id(n: int) -> str:
    first17 = f"32010219800101{n:03d}"
    return first17 + check_digit(first17)


def untaken(ctx: AppContext, actor: Actor) -> list[str]:
    return [p.visit_no for p in UntakenService(ctx.db, ctx.clock).untaken(actor).patients]


def alerts(ctx: AppContext) -> AlertService:
    return AlertService(ctx.db, ctx.clock)


def test_not_alarmed_within_the_limit_alarmed_after_and_gone_once_taken(
        ctx: AppContext, clinic: dict[str, Actor], clock: FixedClock) -> None:  # noqa: F811
    nurse, doc = clinic["nurse"], clinic["doc1"]
    first = arrive(ctx, nurse, doc, "王䶮", "11010519491231002X")
    clock.advance(minutes=3)
    second = arrive(ctx, nurse, doc, "欧阳娜娜", resident_id(2))
    clock.advance(minutes=7)  # first: exactly 10 min — still in time
    report = UntakenService(ctx.db, ctx.clock).untaken(nurse)
    assert report.limit_minutes == 10 and report.count == 0
    clock.advance(minutes=1)
    assert untaken(ctx, nurse) == [first]
    clock.advance(minutes=5)  # first waited 16 min, second 13 min: the longest wait first
    report = UntakenService(ctx.db, ctx.clock).untaken(doc)
    assert [(p.visit_no, p.masked_name, p.minutes_waited, p.decision) for p in report.patients] == [
        (first, "王*", 16, report.patients[0].decision), (second, "欧**娜", 13, report.patients[1].decision)]
    assert report.patients[0].arrived_at == clock.now() - timedelta(minutes=16)
    ctx.cases.take(doc, first)
    assert untaken(ctx, nurse) == [second]
    ctx.cases.take(clinic["doc2"], second)
    assert untaken(ctx, nurse) == []


def test_the_limit_is_the_countys_figure(ctx: AppContext, clinic: dict[str, Actor], clock: FixedClock) -> None:  # noqa: F811
    figures = FiguresService(ctx.db, ctx.clock)
    _current, version = figures.get(CaseworkFigures)
    figures.update(clinic["admin"], CaseworkFigures(untaken_minutes=20), version)
    visit_no = arrive(ctx, clinic["nurse"], clinic["doc1"])
    clock.advance(minutes=15)
    assert untaken(ctx, clinic["nurse"]) == [] and alerts(ctx).scan(clinic["admin"]) == []
    clock.advance(minutes=6)
    assert untaken(ctx, clinic["nurse"]) == [visit_no]


def test_only_staff_who_see_patients_read_the_list(ctx: AppContext, clinic: dict[str, Actor]) -> None:  # noqa: F811
    with pytest.raises(PermissionDenied):
        UntakenService(ctx.db, ctx.clock).untaken(clinic["gate"])


def test_the_scan_raises_one_alert_per_untaken_visit(ctx: AppContext, clinic: dict[str, Actor],
                                                     clock: FixedClock) -> None:  # noqa: F811
    nurse, doc = clinic["nurse"], clinic["doc1"]
    visit_no = arrive(ctx, nurse, doc)
    clock.advance(minutes=10)
    assert alerts(ctx).scan(doc) == []  # in time: no alarm
    clock.advance(minutes=2)
    raised = alerts(ctx).scan(doc)
    assert [(a.kind, a.dedupe_key) for a in raised] == [(AlertKind.UNTAKEN_PATIENT.value, f"untaken:{visit_no}")]
    evidence = raised[0].evidence
    assert evidence["visit_no"] == visit_no and evidence["limit_minutes"] == 10
    assert evidence["minutes_waited"] == 12 and evidence["taken_at"] is None
    assert raised[0].clinic_day.isoformat() == "2026-11-23"
    text = json.dumps(evidence, ensure_ascii=False)
    assert "王" not in text and "11010519491231002X" not in text  # never a name or an ID number
    clock.advance(minutes=30)
    assert alerts(ctx).scan(doc) == []  # once per visit
    ctx.cases.take(doc, visit_no)
    assert alerts(ctx).scan(doc) == []
    assert [a.dedupe_key for a in alerts(ctx).open_alerts(doc)] == [f"untaken:{visit_no}"]


def test_a_patient_taken_late_between_two_scans_still_counts(ctx: AppContext, clinic: dict[str, Actor],
                                                             clock: FixedClock) -> None:  # noqa: F811
    nurse, doc = clinic["nurse"], clinic["doc1"]
    late = arrive(ctx, nurse, doc, "王䶮", "11010519491231002X")
    on_time = arrive(ctx, nurse, doc, "李四", resident_id(2))
    clock.advance(minutes=5)
    ctx.cases.take(doc, on_time)
    clock.advance(minutes=9)
    ctx.cases.take(doc, late)  # 14 min after arrival, and no scan ran meanwhile
    raised = alerts(ctx).scan(clinic["admin"])
    assert [a.dedupe_key for a in raised] == [f"untaken:{late}"]
    assert raised[0].evidence["minutes_waited"] == 14 and raised[0].evidence["taken_at"] is not None
    assert alerts(ctx).scan(clinic["admin"]) == []
