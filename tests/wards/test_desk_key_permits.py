"""Permits verify only against this clinic's enrolled desk keys (issue 13, deliverable 1).

A second desk (its own data directory, the same database) signs with its own key once enrolled; a revoked
desk's permits are refused at the next scan by a gate that is already running; a trusted clinic's key never
verifies a permit, online (re-signed) or offline (invented from the snapshot); a desk-key row inserted by
SQL without a valid enrolment verifies nothing; permits signed by the clinic key before the upgrade still
pass until they expire."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, update

from app.context import AppContext, open_context
from app.desk_keys import DeskKey, permit_key
from app.errors import PermissionDenied
from app.keys import ClinicKey, KeyStore, public_key_text
from app.passwords import OWASP_FLOOR
from app.paths import DataPaths
from app.signing import sign_token
from app.wards import credential
from tests.wards.conftest import Ward, escort

GATE = "内科门岗"


def scan(ctx: AppContext, h: Ward, payload: str) -> object:
    return ctx.gate.check(h.gatekeeper, payload, GATE)


@pytest.fixture
def desk2(ctx: AppContext, db_url: str, tmp_path) -> Iterator[AppContext]:  # type: ignore[no-untyped-def]
    """A second workstation: its own data directory (and so its own desk key), the clinic's database."""
    other = open_context(DataPaths(tmp_path / "desk2"), db_url, clock=ctx.clock, argon2=OWASP_FLOOR)
    yield other
    other.close()


def test_a_new_desk_signs_nothing_until_enrolled_then_its_permits_pass(ctx: AppContext, hospital: Ward,
                                                                       desk2: AppContext) -> None:
    with pytest.raises(PermissionDenied) as refused:
        escort(desk2, hospital)
    assert refused.value.code == "desk_not_enrolled"
    mine = desk2.desk_keys.this_desk("ward-desk-2")
    assert mine is not None and mine.state == "pending"
    with pytest.raises(PermissionDenied) as here:  # an admin on a desk without the clinic key
        desk2.desk_keys.enrol(hospital.admin, mine.key_id)
    assert here.value.code == "clinic_key_not_here"
    with pytest.raises(PermissionDenied):  # a nurse may not enrol
        ctx.desk_keys.enrol(hospital.nurse, mine.key_id)
    enrolled = ctx.desk_keys.enrol(hospital.admin, mine.key_id)
    assert enrolled.state == "enrolled" and enrolled.enrolment_valid and set(enrolled.purposes) == {
        "permit", "transfer", "hub"}
    p = escort(desk2, hospital)
    assert scan(ctx, hospital, p.payload).outcome == "admit"  # type: ignore[attr-defined]
    states = {d.key_id: d.state for d in ctx.desk_keys.list(hospital.admin)}
    assert states[mine.key_id] == "enrolled" and list(states.values()).count("enrolled") == 2


def test_a_revoked_desk_is_refused_at_the_next_scan_by_a_running_gate(ctx: AppContext, hospital: Ward,
                                                                      desk2: AppContext) -> None:
    mine = desk2.desk_keys.this_desk("ward-desk-2")
    assert mine is not None
    ctx.desk_keys.enrol(hospital.admin, mine.key_id)
    p = escort(desk2, hospital)
    gate = ctx.gate  # already running: it has verified this desk's key before
    assert gate.check(hospital.gatekeeper, p.payload, GATE).outcome == "admit"
    for reason in ("", " x "):
        with pytest.raises(Exception) as no_reason:
            ctx.desk_keys.revoke(hospital.admin, mine.key_id, reason)
        assert getattr(no_reason.value, "code", "") == "revoke_reason"
    with pytest.raises(PermissionDenied):
        ctx.desk_keys.revoke(hospital.nurse, mine.key_id, "computer stolen")
    ctx.desk_keys.revoke(hospital.admin, mine.key_id, "computer stolen")
    assert gate.check(hospital.gatekeeper, p.payload, GATE).reason == "unknown_key"
    assert mine.key_id not in ctx.gate.snapshot()["keys"]
    with pytest.raises(PermissionDenied) as revoked:
        desk2.permits.reprint(hospital.nurse, p.id, "lost")
    assert revoked.value.code == "desk_revoked"


def test_a_desk_key_row_inserted_by_sql_verifies_nothing(ctx: AppContext, hospital: Ward) -> None:
    """An insider with write access adds an 'enrolled' row for a key of their own: no clinic-key enrolment."""
    p = escort(ctx, hospital)
    real = credential.decode(p.payload, lambda kid: ctx.keys.desk().private.public_key())
    intruder = ClinicKey(Ed25519PrivateKey.generate())
    other_clinic_key = ClinicKey(Ed25519PrivateKey.generate())
    fake_enrolment = sign_token(other_clinic_key, {  # well-formed, but not signed by this clinic's key
        "kind": "desk_enrolment", "iss": "XH01", "kid": intruder.key_id, "pub": public_key_text(intruder.public_raw),
        "ws": "x", "pur": ["permit"], "iat": 0, "exp": 4102444800})
    for enrolment in (None, "FST1:garbage", fake_enrolment):
        with ctx.db.write() as s:
            s.execute(DeskKey.__table__.delete().where(DeskKey.key_id == intruder.key_id))
            s.execute(insert(DeskKey).values(
                key_id=intruder.key_id, public_key=public_key_text(intruder.public_raw), workstation="x",
                state="enrolled", enrolment=enrolment, purposes="permit,transfer,hub", first_seen=ctx.clock.now(),
                enrolled_by="boss", enrolled_at=ctx.clock.now(), version=1))
        forged = credential.encode(intruder, replace(real, key_id=intruder.key_id))
        assert scan(ctx, hospital, forged).reason == "unknown_key"  # type: ignore[attr-defined]
        assert intruder.key_id not in ctx.gate.snapshot()["keys"]
    # a real enrolment copied onto the intruder's row does not fit its key either
    with ctx.db.write() as s:
        own = s.query(DeskKey).filter(DeskKey.key_id == ctx.keys.desk().key_id).one()
        s.execute(update(DeskKey).where(DeskKey.key_id == intruder.key_id).values(enrolment=own.enrolment))
    assert scan(ctx, hospital, credential.encode(intruder, replace(real, key_id=intruder.key_id))
                ).reason == "unknown_key"  # type: ignore[attr-defined]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.binary(min_size=32, max_size=32), kind=st.sampled_from(["escort", "visitor"]),
       hours=st.integers(min_value=-48, max_value=48), bed=st.text(min_size=0, max_size=6),
       invent=st.booleans())
def test_a_foreign_trusted_clinic_key_never_verifies_a_permit(ctx: AppContext, hospital: Ward, seed: bytes,
                                                              kind: str, hours: int, bed: str, invent: bool) -> None:
    """Property: whatever the payload, a permit signed by a clinic trusted for transfers is refused online
    (re-signed real permit or invented) and offline (its key is not in the gate's snapshot)."""
    foreign = ClinicKey(Ed25519PrivateKey.from_private_bytes(seed))
    if not ctx.transfers.trusted_clinics(hospital.admin):
        ctx.transfers.trust_clinic(hospital.admin, code="SZ01", name="市传染病医院",
                                   public_key=public_key_text(foreign.public_raw))
    trusted = ctx.transfers.trusted_clinics(hospital.admin)[0]
    if trusted.key_id != foreign.key_id:  # the property runs with a new foreign key each time
        ctx.transfers.trust_clinic(hospital.admin, code="SZ01", name="市传染病医院",
                                   public_key=public_key_text(foreign.public_raw))
    assert ctx.transfers.trusted_clinics(hospital.admin)[0].purpose == "transfer"
    now = ctx.clock.now()
    real = escort(ctx, hospital) if not invent else None
    if real is not None:
        c = credential.decode(real.payload, lambda kid: ctx.keys.desk().private.public_key())
        c = replace(c, key_id=foreign.key_id)
        ctx.permits.revoke(hospital.nurse, real.id, "test reissue")  # the next example issues again
    else:
        c = credential.Credential(issuer="XH01", key_id=foreign.key_id, permit_id="ab" * 16, kind=kind,
                                  ward="内科病区", valid_from=now - timedelta(hours=1),
                                  valid_until=now + timedelta(hours=max(1, hours)), masked_name="王*明",
                                  id_last4="0016", admission_id=hospital.patients["general"], bed=bed)
    forged = credential.encode(foreign, c)
    assert scan(ctx, hospital, forged).outcome == "deny"  # type: ignore[attr-defined]
    assert scan(ctx, hospital, forged).reason == "unknown_key"  # type: ignore[attr-defined]
    keys = ctx.gate.snapshot()["keys"]
    assert foreign.key_id not in keys
    from app.keys import load_public_key

    with pytest.raises(credential.CredentialRefused) as offline:
        credential.decode(forged, lambda kid: load_public_key(keys[kid]) if kid in keys else None)
    assert offline.value.reason.value == "unknown_key"


def test_distrusting_a_clinic_takes_effect_at_the_next_verification(ctx: AppContext, hospital: Ward) -> None:
    """No process cache outlives ``clinic distrust``: the same running service refuses at once."""
    foreign = KeyStore(ctx.paths.root / "elsewhere")
    key = foreign.create("SZ01")
    ctx.transfers.trust_clinic(hospital.admin, code="SZ01", name="市传染病医院",
                               public_key=public_key_text(key.public_raw))
    token = sign_token(key, {"kind": "transfer", "iss": "SZ01", "exp": 2e9})
    assert ctx.transfers.verify_handover(hospital.nurse, token)["iss"] == "SZ01"
    ctx.transfers.distrust_clinic(hospital.admin, "SZ01", "key leaked")
    from app.signing import TokenError

    with pytest.raises(TokenError) as exc:
        ctx.transfers.verify_handover(hospital.nurse, token)
    assert exc.value.code == "unknown_key"


def test_old_clinic_key_permits_pass_until_they_expire(ctx: AppContext, hospital: Ward) -> None:
    """A permit signed by the clinic key before the first desk enrolment (an older release) stays valid until
    its own validity ends; after that the clinic key verifies no permit at all."""
    p = escort(ctx, hospital, valid_until=ctx.clock.now() + timedelta(days=1))
    real = credential.decode(p.payload, lambda kid: ctx.keys.desk().private.public_key())
    clinic_key = ctx.keys.load("XH01")
    old = credential.encode(clinic_key, replace(real, key_id=clinic_key.key_id))
    # issued after the first enrolment: the clinic key no longer signs permits
    assert scan(ctx, hospital, old).reason == "unknown_key"  # type: ignore[attr-defined]
    with ctx.db.write() as s:  # as after an upgrade: the permit predates the first desk enrolment
        s.execute(update(DeskKey).values(enrolled_at=ctx.clock.now() + timedelta(minutes=1)))
    assert scan(ctx, hospital, old).outcome == "admit"  # type: ignore[attr-defined]
    with ctx.db.read() as s:
        assert permit_key(s, clinic_key.key_id, ctx.clock.now()) is not None
    ctx.clock.advance(days=2)  # type: ignore[attr-defined]
    with ctx.db.read() as s:
        assert permit_key(s, clinic_key.key_id, ctx.clock.now()) is None
    assert clinic_key.key_id not in ctx.gate.snapshot()["keys"]
    assert scan(ctx, hospital, old).reason in ("expired", "unknown_key")  # type: ignore[attr-defined]
