"""The observation round (issue 17, part 4) on each seeded clinic: a set recorded on an open case (the audited write:
NEWS2, the round clock met and started again, the alert check), the visit's trend read for the chart, and the
transfer board (each open transfer with the set it carried, ordered by NEWS2). Figures in the bench table, not
assertions.

The seed's cases have a responsible doctor by log-in name only; the bench gives them the account's id so the
doctor may record (a bench-only write on its own throw-away clinic)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.severity.vitals import Vitals
from tests.bench import table
from tests.bench.conftest import PASSWORD, BenchDB

ROUNDS = 100
SETS = (Vitals(37.2, respiratory_rate=18, spo2=97, oxygen=False, systolic_bp=124, heart_rate=86, consciousness="A"),
        Vitals(38.6, respiratory_rate=22, spo2=95, oxygen=False, systolic_bp=118, heart_rate=98, consciousness="A"))


@pytest.mark.slow
def test_bench_observation_round(bench_db: BenchDB) -> None:
    db = bench_db
    ctx = db.open()
    with ctx.db.write() as s:
        s.execute(text("UPDATE cases SET doctor_id = (SELECT id FROM users WHERE users.username = "
                       "cases.doctor_username) WHERE closed_at IS NULL"))
    owners = {}
    for username in ("doctor", "doctor_chen", "doctor_wu"):
        owners[username] = ctx.users.authenticate(username, PASSWORD, "fever-room")
    doctor = owners["doctor"]
    cases = [c for c in ctx.cases.open_cases(doctor) if c.doctor_username in owners][:20]
    assert cases, "the seed leaves open cases"

    def record(i: int) -> None:
        case = cases[i % len(cases)]
        ctx.observation.record_vitals(owners[case.doctor_username], case.visit_no, SETS[i % 2])

    recorded = table.timed(record, rounds=ROUNDS)
    trend = table.timed(lambda i: ctx.observation.trend(doctor, cases[i % len(cases)].visit_no), rounds=ROUNDS)
    hospital = next(h for h in ctx.transfers.hospitals(doctor) if h.accepting)
    for case in cases[:10]:  # the seed's transfers are all under way or done: ten requested now, with their sets
        ctx.transfers.request(owners[case.doctor_username], case.visit_no, hospital_id=hospital.id,
                              condition="serious", oxygen=False, precautions="N95", staff="护士", reason="bench")
    board = table.timed(lambda i: ctx.transfers.open_transfers(doctor), rounds=ROUNDS)
    open_transfers = len(ctx.transfers.open_transfers(doctor))
    ctx.close()
    table.add_timed(db.metric("observation round: record a set"), db.visits, recorded, target=150)
    table.add_timed(db.metric("observation round: trend of a visit"), db.visits, trend, target=50)
    table.add_timed(db.metric("transfer board (open transfers by NEWS2)"), db.visits, board, target=50,
                    note=f"{open_transfers} open")
