"""Deadline board and case timeline on each seeded clinic (its open clocks, its closed cases), each beside a
raw-SQLite baseline of the same queries in the same run (figures in the bench table, not assertions).

Target (issue 4): p95 ≤ 50 ms for both.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime, timezone

import pytest

from app.context import open_context
from app.passwords import OWASP_FLOOR
from tests.bench import table
from tests.bench.conftest import PASSWORD, BenchDB


@pytest.mark.slow
def test_bench_board_and_timeline(seeded: BenchDB) -> None:
    paths = seeded.paths
    now = datetime.now(timezone.utc)
    visit_numbers = seeded.seed.closed_visit_nos + seeded.seed.open_visit_nos
    ctx = open_context(paths, argon2=OWASP_FLOOR)
    doctor = ctx.users.authenticate("doctor", PASSWORD, "fever-room")
    rng = random.Random(9)
    board = table.timed(lambda i: ctx.deadlines.board(doctor))
    timeline = table.timed(lambda i: ctx.timelines.timeline(doctor, rng.choice(visit_numbers)))
    ctx.close()

    raw = sqlite3.connect(paths.database)
    stamp = now.strftime("%Y-%m-%d %H:%M:%S.%f")

    def raw_board(i: int) -> None:
        raw.execute("SELECT count(*) FROM clocks WHERE met_at IS NULL").fetchone()
        raw.execute("SELECT count(*) FROM clocks WHERE met_at IS NULL AND due_at < ?", (stamp,)).fetchone()
        raw.execute("SELECT count(*) FROM clocks WHERE met_at IS NULL AND due_at >= ? AND warn_at <= ?",
                    (stamp, stamp)).fetchone()
        raw.execute("SELECT clocks.*, cases.doctor_username FROM clocks JOIN cases ON cases.id = clocks.case_id "
                    "WHERE met_at IS NULL ORDER BY due_at, clocks.id LIMIT 200").fetchall()

    def raw_timeline(i: int) -> None:
        number = rng.choice(visit_numbers)
        visit = raw.execute("SELECT v.id, v.screening_id, p.name FROM visits v JOIN patients p ON p.id = v.patient_id "
                            "WHERE v.visit_no = ?", (number,)).fetchone()
        raw.execute("SELECT * FROM audit_events WHERE (entity = 'screening' AND entity_id = ?) OR "
                    "(entity = 'visit' AND entity_id = ?) ORDER BY seq", (str(visit[1]), number)).fetchall()
        raw.execute("SELECT * FROM clocks WHERE case_id = (SELECT id FROM cases WHERE visit_id = ?) ORDER BY id",
                    (visit[0],)).fetchall()

    table.add_timed("deadline board (200 rows)", seeded.visits, board, target=50, baseline=table.timed(raw_board))
    table.add_timed("case timeline", seeded.visits, timeline, target=50, baseline=table.timed(raw_timeline))
    raw.close()
