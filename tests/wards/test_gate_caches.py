"""What a running gate remembers between scans (issue 16) never outlives a change made at another desk: the
gate runs on one workstation, the change is made on a second one (its own data directory, the same database),
and the gate's very next scan of a permit it has already verified obeys it. Also: the "who is inside" read
gives what the passages say, visitors past the visit's end flagged first, whatever the figures in force."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from app.context import AppContext, open_context
from app.figures import FiguresService
from app.passwords import OWASP_FLOOR
from app.paths import DataPaths
from app.wards.figures import WardFigures
from app.wards.gate import GateStation
from tests.wards.conftest import Ward, escort, visitor

GATE = "内科门岗"


@pytest.fixture
def office(ctx: AppContext, db_url: str, tmp_path: Path) -> Iterator[AppContext]:
    """Another workstation on the clinic's database (the ward office), where the changes are made."""
    other = open_context(DataPaths(tmp_path / "office"), db_url, clock=ctx.clock, argon2=OWASP_FLOOR)
    yield other
    other.close()


def later(ctx: AppContext, **kw: float) -> None:
    ctx.clock.advance(**kw)  # type: ignore[attr-defined]


def test_a_permit_revoked_at_another_desk_is_refused_at_the_next_scan(ctx: AppContext, hospital: Ward,
                                                                       office: AppContext, tmp_path: Path) -> None:
    p = escort(ctx, hospital)
    station = GateStation(ctx.gate, ctx.clock, tmp_path / "gate", GATE)
    assert station.check(hospital.gatekeeper, p.payload).outcome == "admit"
    later(ctx, minutes=1)
    assert station.check(hospital.gatekeeper, p.payload, "out").outcome == "exit"
    office.permits.revoke(hospital.nurse, p.id, "家属遗失")
    later(ctx, minutes=1)
    denied = station.check(hospital.gatekeeper, p.payload)
    assert (denied.outcome, denied.reason, denied.offline) == ("deny", "revoked", False)
    out = station.check(hospital.gatekeeper, p.number, "out")  # leaving is still recorded, flagged
    assert out.outcome == "exit" and "revoked" in out.flags


def test_a_discharge_at_another_desk_is_refused_at_the_next_scan(ctx: AppContext, hospital: Ward,
                                                                  office: AppContext) -> None:
    p = escort(ctx, hospital)
    assert ctx.gate.check(hospital.gatekeeper, p.payload, GATE).outcome == "admit"
    later(ctx, minutes=1)
    assert ctx.gate.check(hospital.gatekeeper, p.payload, GATE, direction="out").outcome == "exit"
    office.wards.discharge(hospital.nurse, hospital.patients["general"])
    later(ctx, minutes=1)
    assert ctx.gate.check(hospital.gatekeeper, p.payload, GATE).reason == "discharged"


def test_a_figure_changed_at_another_desk_counts_at_the_next_scan(ctx: AppContext, hospital: Ward,
                                                                  office: AppContext) -> None:
    p = escort(ctx, hospital)
    assert ctx.gate.check(hospital.gatekeeper, p.payload, GATE).outcome == "admit"
    later(ctx, seconds=5)
    assert ctx.gate.check(hospital.gatekeeper, p.payload, GATE, direction="out").outcome == "repeat"  # 10 s
    figures = FiguresService(office.db, office.clock)
    current, version = figures.get(WardFigures)
    figures.update(hospital.admin, replace(current, repeat_scan_seconds=3), version)
    later(ctx, seconds=1)  # 6 s after the passage: no longer a repeat under the new figure
    assert ctx.gate.check(hospital.gatekeeper, p.payload, GATE, direction="out").outcome == "exit"


def test_a_gate_taken_off_a_ward_at_another_desk_refuses_at_the_next_scan(ctx: AppContext, hospital: Ward,
                                                                          office: AppContext) -> None:
    p = escort(ctx, hospital)
    assert ctx.gate.check(hospital.gatekeeper, p.payload, GATE).outcome == "admit"
    later(ctx, minutes=1)
    assert ctx.gate.check(hospital.gatekeeper, p.payload, GATE, direction="out").outcome == "exit"
    [ward] = [w for w in office.wards.wards() if w.id == hospital.wards["general"]]
    office.wards.save_ward(hospital.admin, name=ward.name, type=ward.type, gates=["东门"], ward_id=ward.id,
                           expected_version=ward.version)
    later(ctx, minutes=1)
    assert ctx.gate.check(hospital.gatekeeper, p.payload, GATE).reason == "wrong_ward"
    assert ctx.gate.check(hospital.gatekeeper, p.payload, "东门").outcome == "admit"


def test_a_desk_revoked_at_the_clinic_desk_is_refused_by_a_gate_elsewhere(ctx: AppContext, hospital: Ward,
                                                                          office: AppContext) -> None:
    """The gate runs on the office desk and has verified this permit before; the clinic desk revokes the key."""
    p = escort(ctx, hospital)
    assert office.gate.check(hospital.gatekeeper, p.payload, GATE).outcome == "admit"
    later(ctx, minutes=1)
    assert office.gate.check(hospital.gatekeeper, p.payload, GATE, direction="out").outcome == "exit"
    signer = ctx.desk_keys.this_desk("ward-desk")
    assert signer is not None
    ctx.desk_keys.revoke(hospital.admin, signer.key_id, "computer stolen")
    later(ctx, minutes=1)
    assert office.gate.check(hospital.gatekeeper, p.payload, GATE).reason == "unknown_key"


def test_inside_lists_the_passages_of_this_gates_wards_with_overstays_first(ctx: AppContext,
                                                                           hospital: Ward) -> None:
    e = escort(ctx, hospital)
    later(ctx, minutes=1)
    v = visitor(ctx, hospital, "level3", minutes=30)
    icu = escort(ctx, hospital, "icu", exception_id=ctx.wards.approve_exception(
        hospital.admin, hospital.patients["icu"], "escort_restricted_ward", "病人躁动需家属陪护"))
    for p, gate in ((e, GATE), (v, GATE), (icu, "ICU门岗")):
        assert ctx.gate.check(hospital.gatekeeper, p.payload, gate).outcome == "admit"
    assert [r.permit_number for r in ctx.gate.inside(hospital.gatekeeper, GATE)] == [e.number, v.number]
    later(ctx, minutes=31)
    inside = ctx.gate.inside(hospital.gatekeeper, GATE)
    assert [(r.permit_number, r.kind, r.overdue) for r in inside] == [
        (v.number, "visitor", True), (e.number, "escort", False)]
    first = inside[0]
    assert (first.ward, first.gate, first.masked_name) == ("内科病区", GATE, "李*")
    assert first.deadline is not None and first.bed == "2床" and inside[1].deadline is None
    assert [r.permit_number for r in ctx.gate.inside(hospital.gatekeeper, "ICU门岗")] == [icu.number]
    assert len(ctx.gate.inside(hospital.gatekeeper)) == 3
