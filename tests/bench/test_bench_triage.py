"""Triage desk speed on each seeded clinic: saving through the services and patient look-up, each beside
a raw-SQLite baseline doing the same work in the same run (figures in the bench table, not assertions).

Targets: save p95 ≤ 3 × the raw insert (issue 16; issue 3 said ≤ 10 ms); look-up p95 ≤ 30 ms.
"""

from __future__ import annotations

import random
import sqlite3

import pytest

from app.context import open_context
from app.passwords import OWASP_FLOOR
from app.triage.records import PatientInput, ScreeningInput
from tests.bench import table
from tests.bench.conftest import PASSWORD, BenchDB

ROUNDS = 200


@pytest.mark.slow
def test_bench_save_and_lookup(seeded: BenchDB) -> None:
    paths, n, samples = seeded.paths, seeded.visits, seeded.samples
    ctx = open_context(paths, argon2=OWASP_FLOOR)
    nurse = ctx.users.authenticate("nurse", PASSWORD, "desk-1")
    rng = random.Random(3)
    fever = ScreeningInput(38.3, symptoms=frozenset({"fever", "cough"}), health_code="green")

    save = table.timed(lambda i: ctx.screening.record(nurse, fever), ROUNDS, warm=0)

    waiting = [ctx.screening.record(nurse, fever).id for _ in range(ROUNDS)]
    registration = table.timed(lambda i: ctx.registration.register(nurse, screening_id=waiting[i], patient=PatientInput(
        name="测试患者", id_type="passport", id_number=f"E{i:08d}", sex="male")), ROUNDS, warm=0)
    by_id = table.timed(lambda i: ctx.registration.search_patients(nurse, rng.choice(samples)[0][:10]))
    by_phone = table.timed(lambda i: ctx.registration.search_patients(nurse, rng.choice(samples)[1][:7]))
    by_name = table.timed(lambda i: ctx.registration.search_patients(nurse, rng.choice(samples)[2][:2]))
    by_initials = table.timed(lambda i: ctx.registration.search_patients(nurse, "wlj"))
    ctx.close()

    raw = sqlite3.connect(paths.database, isolation_level=None)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=FULL")

    raw_screenings: list[int] = []

    def raw_audit() -> None:  # the audit row and the chain head every service save writes
        raw.execute("INSERT INTO audit_events (seq, at, user_id, username, roles, workstation, action, entity, "
                    "entity_id, summary, outcome, prev_hash, hash, row_digest) SELECT seq + 1, datetime('now'), 1, "
                    "'nurse', 'triage_nurse', 'desk-1', 'raw', 'raw', '1', '{}', 'success', hash, "
                    "lower(hex(randomblob(32))), lower(hex(randomblob(32))) FROM audit_head WHERE id = 1")
        raw.execute("UPDATE audit_head SET seq = seq + 1, hash = lower(hex(randomblob(32))) WHERE id = 1")

    def raw_save(i: int) -> None:  # the same rows as the service's save, in one transaction (issue 16)
        raw.execute("BEGIN IMMEDIATE")
        raw_screenings.append(raw.execute(
            "INSERT INTO screenings (screened_at, clinic_day, username, workstation, source, temperature_c, "
            "temp_method, symptoms, travel, contact_case, cluster, health_code, occupation, antipyretic, "
            "computed_decision, decision, reasons) VALUES (datetime('now'), date('now'), 'nurse', 'desk-1', "
            "'desk', 38.3, 'forehead', 'cough,fever', '[]', 0, 0, 'green', 'none', 0, 'fever_clinic', "
            "'fever_clinic', 'fever,symptoms')").lastrowid or 0)
        raw_audit()
        raw.execute("COMMIT")

    def raw_register(i: int) -> None:  # patient, visit number, visit and audit row in one transaction
        raw.execute("BEGIN IMMEDIATE")
        n = raw.execute("INSERT INTO counters (name, value) VALUES ('raw', 1) ON CONFLICT (name) DO UPDATE "
                        "SET value = counters.value + 1 RETURNING value").fetchone()[0]
        patient = raw.execute("INSERT INTO patients (name, name_initials, id_type, id_number, sex, address, "
                              "occupation, workplace, created_at, updated_at, version) VALUES ('测试', 'cs', "
                              "'passport', ?, 'male', '', '', '', datetime('now'), datetime('now'), 1)",
                              (f"R{i:08d}",)).lastrowid
        raw.execute("INSERT INTO visits (visit_no, clinic_day, patient_id, screening_id, registered_at, user_id, "
                    "username, workstation) VALUES (?, date('now'), ?, ?, datetime('now'), 1, 'nurse', 'desk-1')",
                    (f"RAW-{n:06d}", patient, raw_screenings[i]))
        raw_audit()
        raw.execute("COMMIT")

    def raw_lookup(column: str, value: str) -> None:
        raw.execute(f"SELECT * FROM patients WHERE {column} >= ? AND {column} < ? LIMIT 8",
                    (value, value + "\U0010ffff")).fetchall()

    rows = [
        ("save screening", save, table.timed(raw_save, ROUNDS), None),
        ("save registration", registration, table.timed(raw_register, ROUNDS, warm=0), None),
        ("look-up by ID prefix", by_id, table.timed(lambda i: raw_lookup("id_number", rng.choice(samples)[0][:10]),
                                                    ROUNDS), 30),
        ("look-up by phone prefix", by_phone, table.timed(lambda i: raw_lookup("phone", rng.choice(samples)[1][:7]),
                                                          ROUNDS), 30),
        ("look-up by name prefix", by_name, table.timed(lambda i: raw_lookup("name", rng.choice(samples)[2][:2]),
                                                        ROUNDS), 30),
        ("look-up by pinyin initials", by_initials, table.timed(lambda i: raw_lookup("name_initials", "wlj"), ROUNDS),
         30),
    ]
    raw.close()
    for name, measured, baseline, target in rows:
        # a save's target is 3 × the raw insert of the same rows in this run
        table.add_timed(name, n, measured, baseline=baseline, target=target if target else 3 * baseline[1],
                        note="target = 3 × raw" if target is None else "")
