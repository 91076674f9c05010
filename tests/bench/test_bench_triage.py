"""Triage desk speed with a million past visits: saving through the services and patient look-up,
each beside a raw-SQLite baseline doing the same work in the same run (figures, not assertions).

Targets (issue 3): save p95 ≤ 10 ms; look-up p95 ≤ 30 ms.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import time
from collections.abc import Callable

import pytest

from app.context import open_context
from app.passwords import OWASP_FLOOR
from app.triage.records import PatientInput, ScreeningInput
from tests.bench.conftest import PASSWORD, BenchDB

ROUNDS = 200


def percentiles(fn: Callable[[int], object], rounds: int = ROUNDS) -> tuple[float, float]:
    times = []
    for i in range(rounds):
        t0 = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def report(rows: list[tuple[str, tuple[float, float], tuple[float, float], float]]) -> str:
    lines = [f"{'operation':<28}{'p50 ms':>9}{'p95 ms':>9}{'raw p50':>9}{'raw p95':>9}{'p95/raw':>9}{'target':>8}"]
    for name, (p50, p95), (r50, r95), target in rows:
        lines.append(f"{name:<28}{p50:>9.2f}{p95:>9.2f}{r50:>9.2f}{r95:>9.2f}{p95 / r95:>9.1f}x{target:>7.0f}")
    return "\n".join(lines)


@pytest.mark.slow
def test_bench_save_and_lookup(million_visits: BenchDB, capsys: pytest.CaptureFixture[str]) -> None:
    paths, n, samples, seed_s = (million_visits.paths, million_visits.visits, million_visits.samples,
                                 million_visits.seed_seconds)
    ctx = open_context(paths, argon2=OWASP_FLOOR)
    nurse = ctx.users.authenticate("nurse", PASSWORD, "desk-1")
    rng = random.Random(3)
    fever = ScreeningInput(38.3, symptoms=frozenset({"fever", "cough"}), health_code="green")

    save = percentiles(lambda i: ctx.screening.record(nurse, fever))

    waiting = [ctx.screening.record(nurse, fever).id for _ in range(ROUNDS)]
    registration = percentiles(lambda i: ctx.registration.register(nurse, screening_id=waiting[i], patient=PatientInput(
        name="测试病人", id_type="passport", id_number=f"E{i:08d}", sex="male")))
    by_id = percentiles(lambda i: ctx.registration.search_patients(nurse, rng.choice(samples)[0][:10]))
    by_phone = percentiles(lambda i: ctx.registration.search_patients(nurse, rng.choice(samples)[1][:7]))
    by_name = percentiles(lambda i: ctx.registration.search_patients(nurse, rng.choice(samples)[2][:2]))
    by_initials = percentiles(lambda i: ctx.registration.search_patients(nurse, "wlj"))
    ctx.close()

    raw = sqlite3.connect(paths.database, isolation_level=None)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=FULL")

    def raw_save(i: int) -> None:
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("INSERT INTO screenings (screened_at, clinic_day, username, workstation, source, temperature_c, "
                    "temp_method, symptoms, travel, contact_case, cluster, health_code, occupation, antipyretic, "
                    "computed_decision, decision, reasons) VALUES (datetime('now'), date('now'), 'nurse', 'desk-1', "
                    "'desk', 38.3, 'forehead', 'cough,fever', '[]', 0, 0, 'green', 'none', 0, 'fever_clinic', "
                    "'fever_clinic', 'fever,symptoms')")
        raw.execute("COMMIT")

    def raw_register(i: int) -> None:
        raw.execute("BEGIN IMMEDIATE")  # the visit number, in its own transaction as the service does
        raw.execute("UPDATE counters SET value = value + 1 WHERE name = 'raw'")
        raw.execute("COMMIT")
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("INSERT INTO patients (name, name_initials, id_type, id_number, sex, address, occupation, "
                    "workplace, created_at, updated_at, version) VALUES ('测试', 'cs', 'passport', ?, 'male', '', "
                    "'', '', datetime('now'), datetime('now'), 1)", (f"R{i:08d}",))
        raw.execute("COMMIT")

    def raw_lookup(column: str, value: str) -> None:
        raw.execute(f"SELECT * FROM patients WHERE {column} >= ? AND {column} < ? LIMIT 8",
                    (value, value + "\U0010ffff")).fetchall()

    rows = [
        ("save screening", save, percentiles(raw_save), 10),
        ("save registration", registration, percentiles(raw_register), 10),
        ("look-up by ID prefix", by_id, percentiles(lambda i: raw_lookup("id_number", rng.choice(samples)[0][:10])), 30),
        ("look-up by phone prefix", by_phone, percentiles(lambda i: raw_lookup("phone", rng.choice(samples)[1][:7])), 30),
        ("look-up by name prefix", by_name, percentiles(lambda i: raw_lookup("name", rng.choice(samples)[2][:2])), 30),
        ("look-up by pinyin initials", by_initials, percentiles(lambda i: raw_lookup("name_initials", "wlj")), 30),
    ]
    raw.close()
    with capsys.disabled():
        print(f"\n[bench triage] {n:,} past visits (seeded in {seed_s:.1f} s), SQLite WAL synchronous=FULL")
        print(report(rows))
    assert save[0] > 0 and by_id[0] > 0  # the figures were measured
