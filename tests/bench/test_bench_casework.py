"""Deadline board and case timeline with a million past visits and 20 000 open clocks, each beside
a raw-SQLite baseline of the same queries in the same run (figures, not assertions).

Target (issue 4): p95 ≤ 50 ms for both.
"""

from __future__ import annotations

import random
import sqlite3
import time
from datetime import datetime, timedelta, timezone

import pytest

from app.context import open_context
from app.passwords import OWASP_FLOOR
from tests.bench.conftest import PASSWORD, BenchDB
from tests.bench.test_bench_triage import percentiles, report

OPEN_CLOCKS = 20_000
CLOSED_CASES = 80_000


def seed_cases(db_path: object, now: datetime) -> list[str]:
    """Cases for the oldest visits: 20 000 with an open clock around now, the rest closed and met."""
    conn = sqlite3.connect(db_path, isolation_level=None)  # type: ignore[arg-type]
    conn.execute("PRAGMA synchronous=OFF")
    fmt = "%Y-%m-%d %H:%M:%S.%f"
    rng = random.Random(5)
    conn.execute("BEGIN")
    total = OPEN_CLOCKS + CLOSED_CASES
    conn.execute("INSERT INTO cases (id, visit_id, doctor_id, doctor_username, taken_at, classification, "
                 "other_pathogen, epi, findings, disposition_detail, version) SELECT id, id, NULL, 'doctor', "
                 "registered_at, 'suspected', '', '{}', '', '{}', 1 FROM visits WHERE id <= ?", (total,))
    rows = []
    for case_id in range(1, total + 1):
        started = now - timedelta(minutes=rng.uniform(0, 600))
        kind, window = rng.choice([("report_2h", 2), ("epi_24h", 24), ("result", 6)])
        due = started + timedelta(hours=window)
        met = None if case_id <= OPEN_CLOCKS else (started + timedelta(minutes=30)).strftime(fmt)
        rows.append((case_id, kind, started.strftime(fmt), (due - timedelta(minutes=30)).strftime(fmt),
                     due.strftime(fmt), met))
    conn.executemany("INSERT INTO clocks (case_id, visit_no, kind, started_at, warn_at, due_at, met_at) "
                     "SELECT ?, visit_no, ?, ?, ?, ?, ? FROM visits WHERE id = ?",
                     [(r[0], *r[1:], r[0]) for r in rows])
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    numbers = [r[0] for r in conn.execute("SELECT visit_no FROM visits WHERE id <= ? ORDER BY random() LIMIT 500",
                                          (OPEN_CLOCKS,))]
    conn.close()
    return numbers


@pytest.mark.slow
def test_bench_board_and_timeline(million_visits: BenchDB, capsys: pytest.CaptureFixture[str]) -> None:
    paths = million_visits.paths
    now = datetime.now(timezone.utc)
    t0 = time.perf_counter()
    visit_numbers = seed_cases(paths.database, now)
    seed_s = time.perf_counter() - t0
    ctx = open_context(paths, argon2=OWASP_FLOOR)
    doctor = ctx.users.authenticate("doctor", PASSWORD, "fever-room")
    rng = random.Random(9)

    board_page = ctx.deadlines.board(doctor)
    assert board_page.open_total >= OPEN_CLOCKS
    board = percentiles(lambda i: ctx.deadlines.board(doctor))
    timeline = percentiles(lambda i: ctx.timelines.timeline(doctor, rng.choice(visit_numbers)))
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

    rows = [("deadline board (200 rows)", board, percentiles(raw_board), 50),
            ("case timeline", timeline, percentiles(raw_timeline), 50)]
    raw.close()
    with capsys.disabled():
        print(f"\n[bench casework] {million_visits.visits:,} past visits, {board_page.open_total:,} open clocks, "
              f"{OPEN_CLOCKS + CLOSED_CASES:,} cases (cases seeded in {seed_s:.1f} s)")
        print(report(rows))
    assert board[0] > 0 and timeline[0] > 0
