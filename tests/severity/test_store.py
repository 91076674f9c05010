"""Sets of observations are saved with NEWS2 and the level computed then, and read back as saved."""

from __future__ import annotations

from datetime import timedelta

from app.context import AppContext
from app.severity import store
from app.severity.vitals import Vitals
from app.actor import Actor
from tests.casework.conftest import arrive
from tests.conftest import FixedClock

SICK = Vitals(temperature_c=39.4, respiratory_rate=26, spo2=89, oxygen=False, systolic_bp=95, heart_rate=118,
              consciousness="A")


def test_a_set_is_kept_with_what_was_computed_then(ctx: AppContext, admin: Actor, clock: FixedClock) -> None:
    with ctx.db.write() as s:
        severity = store.severity_of(s, SICK)
        saved = store.add(s, at=clock.now(), username="nurse", workstation="ws", vitals=SICK, severity=severity)
    assert saved.news2 == severity.news2.total and saved.level == severity.level == 2
    assert saved.reasons and saved.reasons[0] == severity.reasons[0].code
    with ctx.db.read() as s:
        assert store.for_screening(s, 12345) is None
    assert saved.vitals == SICK


def test_a_case_trend_is_oldest_first_and_latest_is_the_newest(ctx: AppContext, admin: Actor,
                                                               clock: FixedClock) -> None:
    for name, roles in (("nurse", ["triage_nurse"]), ("doc", ["doctor"])):
        ctx.users.create(admin, username=name, full_name=name, roles=roles, password=f"{name}-pass-1")
    nurse, doctor = (ctx.users.authenticate(n, f"{n}-pass-1", "ws") for n in ("nurse", "doc"))
    case_id = ctx.cases.take(doctor, arrive(ctx, nurse, doctor)).id
    totals = []
    with ctx.db.write() as s:
        for hours, rr in ((0, 14), (4, 22), (5, 26)):
            v = Vitals(temperature_c=38.6, respiratory_rate=rr, spo2=95, oxygen=False, systolic_bp=120,
                       heart_rate=90, consciousness="A")
            totals.append(store.add(s, at=clock.now() + timedelta(hours=hours), username="doc", workstation="ws",
                                    vitals=v, severity=store.severity_of(s, v), case_id=case_id).news2)
    with ctx.db.read() as s:
        trend = store.for_case(s, case_id)
        latest = store.latest_for_case(s, case_id)
        assert [r.news2 for r in trend] == totals and totals[0] < totals[-1]
        assert latest is not None and latest.id == trend[-1].id
        assert [r.id for r in store.for_case(s, case_id, limit=2)] == [trend[1].id, trend[2].id]
