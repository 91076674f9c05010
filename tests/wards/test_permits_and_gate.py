"""Escort/visitor issuing rules, every gate denial reason, offline gates, and payload fuzzing."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.context import AppContext
from app.errors import Conflict, ValidationError
from app.keys import load_public_key
from app.wards import credential
from app.wards.gate import GateStation
from tests.wards.conftest import ESCORT, Ward, escort, visitor


def gate_check(ctx: AppContext, h: Ward, payload: str, gate: str = "内科门岗",  # type: ignore[no-untyped-def]
               direction: str = "in"):
    return ctx.gate.check(h.gatekeeper, payload, gate, direction=direction)


def test_escort_admit_then_exit_then_admit(ctx: AppContext, hospital: Ward) -> None:
    p = escort(ctx, hospital)
    assert p.payload.startswith("FSP1:") and "11010519" not in p.payload
    first = gate_check(ctx, hospital, p.payload)
    assert (first.outcome, first.masked_name, first.id_last4, first.ward) == ("admit", "王*明", p.payload and
                                                                             ESCORT.id_number[-4:], "内科病区")
    ctx.clock.advance(minutes=1)  # type: ignore[attr-defined]
    assert gate_check(ctx, hospital, p.payload, direction="out").outcome == "exit"  # leaving is its own action (F3)
    ctx.clock.advance(minutes=1)  # type: ignore[attr-defined]
    assert gate_check(ctx, hospital, p.number).outcome == "admit"  # a typed permit number works too


def test_one_active_escort_per_patient(ctx: AppContext, hospital: Ward) -> None:
    escort(ctx, hospital)
    with pytest.raises(Conflict) as exc:
        escort(ctx, hospital)
    assert exc.value.code == "escort_exists"


def test_escort_needs_a_recent_negative_test(ctx: AppContext, hospital: Ward) -> None:
    with pytest.raises(ValidationError) as exc:
        escort(ctx, hospital, test_at=ctx.clock.now() - timedelta(hours=49))
    assert exc.value.code == "escort_test_old"


@pytest.mark.parametrize(("label", "kind"), [("icu", "escort_restricted_ward"), ("infectious", "escort_restricted_ward"),
                                             ("level3", "escort_level_3")])
def test_escort_refused_unless_an_admin_approves(ctx: AppContext, hospital: Ward, label: str, kind: str) -> None:
    with pytest.raises(ValidationError) as exc:
        escort(ctx, hospital, label)
    assert exc.value.code == "escort_refused"
    approval = ctx.wards.approve_exception(hospital.admin, hospital.patients[label], kind, "病人躁动需家属陪护")
    first = escort(ctx, hospital, label, exception_id=approval)
    assert first.state == "active"
    ctx.permits.revoke(hospital.nurse, first.id, "更换陪护人")
    with pytest.raises(ValidationError) as again:  # an approval is used once
        escort(ctx, hospital, label, exception_id=approval)
    assert again.value.code == "escort_refused"


def test_nurse_cannot_approve_exceptions(ctx: AppContext, hospital: Ward) -> None:
    from app.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        ctx.wards.approve_exception(hospital.nurse, hospital.patients["icu"], "escort_restricted_ward", "自己批准")


def test_visitor_rules(ctx: AppContext, hospital: Ward) -> None:
    with pytest.raises(ValidationError) as exc:
        visitor(ctx, hospital, "infectious")
    assert exc.value.code == "visitor_refused"
    v = visitor(ctx, hospital, "general")
    with pytest.raises(Conflict) as exc2:  # one visitor at a time
        visitor(ctx, hospital, "general", start_in=20)
    assert exc2.value.code == "visitor_overlap"
    assert gate_check(ctx, hospital, v.payload).outcome == "admit"


def test_second_visitor_waits_while_one_is_inside(ctx: AppContext, hospital: Ward) -> None:
    first = visitor(ctx, hospital, "general")
    second = visitor(ctx, hospital, "general", start_in=30)
    assert gate_check(ctx, hospital, first.payload).outcome == "admit"
    ctx.clock.advance(minutes=31)  # type: ignore[attr-defined]
    denied = gate_check(ctx, hospital, second.payload)
    assert (denied.outcome, denied.reason) == ("deny", "visitor_inside")
    inside = ctx.gate.inside(hospital.gatekeeper)
    assert inside[0].overdue and inside[0].permit_number == first.number  # past the visit's end: listed first


def test_each_denial_reason(ctx: AppContext, hospital: Ward) -> None:
    clock = ctx.clock
    p = escort(ctx, hospital)
    assert gate_check(ctx, hospital, p.payload, gate="ICU门岗").reason == "wrong_ward"
    assert gate_check(ctx, hospital, "hello").reason == "unknown_permit"
    assert gate_check(ctx, hospital, "FSP1:NOT-A-PERMIT").reason == "unreadable"
    tampered = p.payload[:40] + ("A" if p.payload[40] != "A" else "B") + p.payload[41:]
    assert gate_check(ctx, hospital, tampered).reason in ("unreadable", "forged")
    clock.advance(hours=43)  # type: ignore[attr-defined]
    assert gate_check(ctx, hospital, p.payload).reason == "escort_test_old"  # 49 h after the test
    fresh = ctx.permits.update_escort_test(hospital.nurse, p.id, p.version, clock.now() - timedelta(hours=1),
                                           "negative")
    assert gate_check(ctx, hospital, fresh.payload).outcome == "admit"
    clock.advance(minutes=1)  # type: ignore[attr-defined]
    reprinted = ctx.permits.reprint(hospital.nurse, p.id, "lost")
    assert gate_check(ctx, hospital, p.payload).reason == "revoked"  # the lost card stops working
    assert gate_check(ctx, hospital, reprinted.payload).outcome in ("admit", "exit")
    clock.advance(minutes=1)  # type: ignore[attr-defined]
    ctx.wards.discharge(hospital.nurse, hospital.patients["general"])
    assert gate_check(ctx, hospital, reprinted.payload).reason == "discharged"
    later = visitor(ctx, hospital, "level3", start_in=120)
    assert gate_check(ctx, hospital, later.payload).reason == "not_yet_valid"
    clock.advance(hours=4)  # type: ignore[attr-defined]
    assert gate_check(ctx, hospital, later.payload).reason == "visit_time_over"


def test_foreign_key_and_expired(ctx: AppContext, hospital: Ward, tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from app.keys import ClinicKey

    p = escort(ctx, hospital, valid_until=ctx.clock.now() + timedelta(days=1))
    real = credential.decode(p.payload, lambda kid: ctx.keys.desk().private.public_key())  # this desk signed it
    forged = credential.encode(ClinicKey(Ed25519PrivateKey.generate()), real)
    assert gate_check(ctx, hospital, forged).reason == "unknown_key"
    ctx.clock.advance(days=2)  # type: ignore[attr-defined]
    assert gate_check(ctx, hospital, p.payload).reason == "expired"


def test_offline_gate_falls_back_and_writes_back(ctx: AppContext, hospital: Ward, tmp_path: Path) -> None:
    from app.db.engine import Database
    from app.wards.gate import GateService

    good, gone = escort(ctx, hospital), escort(ctx, hospital, "level3", exception_id=ctx.wards.approve_exception(
        hospital.admin, hospital.patients["level3"], "escort_level_3", "术后需陪护"))
    station = GateStation(ctx.gate, ctx.clock, tmp_path / "gate", "内科门岗")
    assert station.check(hospital.gatekeeper, good.payload).outcome == "admit"  # online: caches the lists
    ctx.permits.revoke(hospital.nurse, gone.id, "家属更换")
    station.refresh_cache()
    down = GateStation(GateService(Database("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1"),
                                   ctx.clock), ctx.clock, tmp_path / "gate", "内科门岗")
    offline_ok = down.check(hospital.gatekeeper, good.payload)
    assert (offline_ok.outcome, offline_ok.offline) == ("admit", True)
    offline_revoked = down.check(hospital.gatekeeper, gone.payload)
    assert (offline_revoked.reason, offline_revoked.offline) == ("revoked", True)
    assert down.check(hospital.gatekeeper, good.number).reason == "unknown_permit"  # numbers need the database
    assert len(down.pending()) == 3
    pending = down.pending()
    assert station.flush_pending(hospital.gatekeeper).stored == 3 and station.pending() == []
    assert station.service.write_back(hospital.gatekeeper, pending).stored == 0  # nothing twice
    with ctx.db.read() as s:
        from sqlalchemy import func, select

        from app.wards.tables import GateEvent

        assert s.scalar(select(func.count()).select_from(GateEvent).where(GateEvent.offline.is_(True))) == 3


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_mutations_are_always_denied(ctx: AppContext, hospital: Ward, data: st.DataObject) -> None:
    """Random text, truncations and single-bit flips of a valid payload: denied, never a crash."""
    payloads = getattr(test_random_mutations_are_always_denied, "_cache", None)
    if payloads is None or payloads[0] is not ctx:
        payloads = (ctx, escort(ctx, hospital, valid_until=ctx.clock.now() + timedelta(days=1)).payload)
        test_random_mutations_are_always_denied._cache = payloads  # type: ignore[attr-defined]
    valid = payloads[1]
    choice = data.draw(st.sampled_from(["random", "truncate", "bitflip"]))
    if choice == "random":
        text = data.draw(st.one_of(st.text(max_size=300), st.text(max_size=300).map(lambda t: "FSP1:" + t)))
    elif choice == "truncate":
        text = valid[: data.draw(st.integers(min_value=0, max_value=len(valid) - 1))]
    else:
        raw = bytearray(valid.encode("ascii"))
        i = data.draw(st.integers(min_value=len("FSP1:"), max_value=len(raw) - 1))
        raw[i] ^= 1 << data.draw(st.integers(min_value=0, max_value=6))
        text = raw.decode("ascii", "replace")
        if text == valid:
            return
    keys = {ctx.clinic.get().key_id: load_public_key(ctx.clinic.get().public_key)}
    try:
        credential.decode(text, keys.get)
    except credential.CredentialRefused:
        return
    pytest.fail(f"accepted a mutated payload: {text!r}")
