"""Business-row digests (issue 13) on the wards: legitimate flows keep ``audit verify`` passing, an
edit in the database file is named. A permit whose escort test was renewed and that is then revoked
with its admission's discharge is not an out-of-band edit (the discharge's audit row accounts for it);
a log-in or another later row of the same entity never hides an earlier digest."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text

from app import audit
from app.context import AppContext
from tests.wards.conftest import Ward, escort


def verify(ctx: AppContext) -> audit.ChainReport:
    with ctx.db.read() as s:
        return audit.verify_all(s)


def test_a_renewed_escort_permit_revoked_by_the_discharge_still_verifies(ctx: AppContext, hospital: Ward) -> None:
    permit = escort(ctx, hospital)
    renewed = ctx.permits.update_escort_test(hospital.nurse, permit.id, permit.version,
                                             ctx.clock.now() - timedelta(hours=1), "negative")
    assert renewed.id == permit.id
    assert verify(ctx).ok
    ctx.wards.discharge(hospital.nurse, hospital.patients["general"])
    report = verify(ctx)
    assert report.ok, report


def test_a_permit_edited_in_the_file_is_named(ctx: AppContext, hospital: Ward) -> None:
    permit = escort(ctx, hospital)
    ctx.permits.update_escort_test(hospital.nurse, permit.id, permit.version, ctx.clock.now() - timedelta(hours=1),
                                   "negative")
    with ctx.db.write() as s:  # an insider stretches the permit's validity
        s.execute(text("UPDATE permits SET valid_until = '2099-01-01 00:00:00.000000' WHERE id = :i"),
                  {"i": permit.id}) if ctx.db.engine.dialect.name == "sqlite" else s.execute(
            text("UPDATE permits SET valid_until = valid_until + interval '30 days' WHERE id = :i"), {"i": permit.id})
    report = verify(ctx)
    assert not report.ok and report.problem == "business_row_edited"
    assert report.edited is not None and (report.edited.entity, report.edited.entity_id) == ("permit", permit.id)


def test_an_admission_edited_in_the_file_is_named_even_after_a_log_in(ctx: AppContext, hospital: Ward) -> None:
    admission = hospital.patients["level3"]
    ctx.users.authenticate("nurse", "nurse-pass-1", "ward-desk")  # later rows of other entities change nothing
    with ctx.db.write() as s:
        s.execute(text("UPDATE admissions SET bed = '99床' WHERE id = :i"), {"i": admission})
    report = verify(ctx)
    assert not report.ok and report.edited is not None
    assert (report.edited.entity, report.edited.entity_id) == ("admission", str(admission))


def test_a_password_hash_swapped_in_the_file_is_named_after_the_user_logged_in(ctx: AppContext,
                                                                              hospital: Ward) -> None:
    ctx.users.authenticate("gate", "gate-pass-1", "ward-gate")  # the log-in row carries the account's digest
    assert verify(ctx).ok
    with ctx.db.write() as s:
        s.execute(text("UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE username = "
                       "'nurse') WHERE username = 'gate'"))
    report = verify(ctx)
    assert not report.ok and report.edited is not None and report.edited.entity == "user"
