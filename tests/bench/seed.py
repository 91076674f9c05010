"""Bulk-load past visits straight into the tables (services would take hours for a million),
in the shapes the services write, so benchmarks measure realistic index sizes."""

from __future__ import annotations

import os
import random
import sqlite3
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from app.triage.identity import check_digit

SURNAMES = [("王", "w"), ("李", "l"), ("张", "z"), ("刘", "l"), ("陈", "c"), ("杨", "y"), ("黄", "h"), ("赵", "z"),
            ("吴", "w"), ("周", "z"), ("徐", "x"), ("孙", "s"), ("马", "m"), ("朱", "z"), ("胡", "h"), ("郭", "g")]
GIVEN = [("伟", "w"), ("芳", "f"), ("娜", "n"), ("敏", "m"), ("静", "j"), ("丽", "l"), ("强", "q"), ("磊", "l"),
         ("军", "j"), ("洋", "y"), ("勇", "y"), ("艳", "y"), ("杰", "j"), ("涛", "t"), ("明", "m"), ("超", "c")]


def bench_scale(default: int = 1_000_000) -> int:
    """FEVER_SENTINEL_BENCH_VISITS overrides the number of past visits (CI keeps the full million)."""
    return int(os.environ.get("FEVER_SENTINEL_BENCH_VISITS", default))


def seed_visits(db_path: Path, n: int, clinic_code: str, seed: int = 1) -> list[tuple[str, str, str]]:
    """Insert n patients, screenings and visits over the past ~2 years; returns sample
    (id_number, phone, name) triples for look-ups."""
    rng = random.Random(seed)
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA synchronous=OFF")  # loading only; the benchmark itself runs with FULL
    # Build indexes once after the load (the migrations' own definitions), not row by row.
    indexes = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND "
                           "tbl_name IN ('patients', 'screenings', 'visits', 'audit_events')").fetchall()
    for name, _ in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    start = datetime(2024, 11, 1, tzinfo=timezone.utc)
    samples: list[tuple[str, str, str]] = []
    conn.execute("BEGIN")
    batch_p: list[tuple] = []
    batch_s: list[tuple] = []
    batch_v: list[tuple] = []
    per_day: dict[str, int] = {}

    def flush() -> None:
        conn.executemany("INSERT INTO patients (id, name, name_initials, id_type, id_number, sex, birth_date, phone, "
                         "address, occupation, workplace, created_at, updated_at, version) VALUES "
                         "(?,?,?,'resident_id',?,?,?,?,?,'','',?,?,1)", batch_p)
        conn.executemany("INSERT INTO screenings (id, screened_at, clinic_day, username, workstation, source, "
                         "temperature_c, temp_method, symptoms, travel, contact_case, cluster, health_code, occupation,"
                         " antipyretic, computed_decision, decision, reasons) VALUES "
                         "(?,?,?,'nurse','desk-1','desk',?,'forehead','fever,cough','[]',0,0,'green','none',0,"
                         "'fever_clinic','fever_clinic','fever,symptoms')", batch_s)
        conn.executemany("INSERT INTO visits (id, visit_no, clinic_day, patient_id, screening_id, registered_at, "
                         "username, workstation) VALUES (?,?,?,?,?,?,'nurse','desk-1')", batch_v)
        batch_p.clear(), batch_s.clear(), batch_v.clear()

    for i in range(1, n + 1):
        at = start + timedelta(seconds=i * 60)
        day = at.date()
        stamp = at.strftime("%Y-%m-%d %H:%M:%S.%f")
        (sn, si), (gn, gi), (g2, g2i) = rng.choice(SURNAMES), rng.choice(GIVEN), rng.choice(GIVEN)
        name, initials = sn + gn + g2, si + gi + g2i
        birth = date(rng.randint(1940, 2015), rng.randint(1, 12), rng.randint(1, 28))
        first17 = f"{rng.randint(110000, 659999)}{birth:%Y%m%d}{i % 1000:03d}"
        id_number = first17 + check_digit(first17)
        phone = f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}"
        key = day.strftime("%Y%m%d")
        per_day[key] = per_day.get(key, 0) + 1
        batch_p.append((i, name, initials, id_number, "male" if int(id_number[16]) % 2 else "female",
                        birth.isoformat(), phone, "新河镇东村", stamp, stamp))
        batch_s.append((i, stamp, day.isoformat(), round(rng.uniform(37.3, 39.5), 1)))
        batch_v.append((i, f"{clinic_code}-{key}-{per_day[key]:04d}", day.isoformat(), i, i, stamp))
        if i % 997 == 0:
            samples.append((id_number, phone, name))
        if len(batch_p) >= 20_000:
            flush()
    flush()
    conn.executemany("INSERT INTO counters (name, value) VALUES (?, ?)",
                     [(f"visit:{k}", v) for k, v in per_day.items()])
    # one audit row per past registration, so the trail has a realistic size (chain not maintained:
    # benchmarks never verify it)
    conn.execute("INSERT INTO audit_events (seq, at, user_id, username, roles, workstation, action, entity, entity_id, "
                 "summary, outcome, prev_hash, hash) SELECT 1000000000 + v.id, v.registered_at, NULL, 'nurse', "
                 "'triage_nurse', 'desk-1', 'triage.register', 'visit', v.visit_no, '{}', 'success', '', '' "
                 "FROM visits v")
    conn.execute("COMMIT")
    for _, sql in indexes:
        conn.execute(sql)
    conn.execute("ANALYZE")
    conn.close()
    return samples
