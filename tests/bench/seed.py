"""A realistic benchmark seed: three years of a busy county clinic's fever-sentinel desk, bulk-loaded.

The services would take hours for a million screenings, so the rows are written with plain SQL in the
shapes the services write (their vocabularies, time formats, visit numbers, clocks), into the schema the
migrations made (the caller opens the database with ``open_context`` first) — a SQLite file, or the same rows
into a PostgreSQL database (COPY; its sequences moved past the explicit ids so the services' inserts work).
Indexes are dropped for the load and rebuilt from the migrations' own definitions, then ANALYZE (which the
app itself never runs). What the history holds (``n`` = screenings, 人次):

- screenings: ~70 % general, ~27 % fever clinic, ~3 % isolate; fever and isolate ones registered (a visit
  with its visit number, a returning patient now and then), each with its hand-off (arrived, a few left
  without permission); arrived ones become cases, classified (most excluded, some suspected → confirmed or
  asymptomatic), tested (nucleic acid, blood count), clocked (met, a few overdue) and closed (excluded,
  home, admitted, transferred, left, died); transfers in every end state;
- wards with ~60 occupied beds turning over for three years, several permits per admission (renewed,
  some revoked), 30 days of gate passages and who is inside now; alerts; a daily report and its delivered
  outbox row for every past day; one audit row per recorded act (the hash chain is not kept: no bench
  verifies it; the head is moved past the seeded rows so the services append after them).

Today is "open now": ``today_screenings`` screenings, ~20 hand-offs still escorting, a few arrived and not
taken, ``open_cases`` cases open with running clocks (50 normally; 20 000 for the fever-clinic variant —
the newest history cases left open), ~30 people inside the ward gates, requested to handed-over transfers.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from app.triage.identity import check_digit

FMT = "%Y-%m-%d %H:%M:%S.%f"
UTC_OFFSET = timedelta(hours=8)  # Asia/Shanghai (the clinic's default zone): no daylight saving
HISTORY_DAYS = 3 * 365
# 四川省广安市岳池县 and its neighbours: most patients are local
AREA_CODES = (["511621"] * 14 + ["511602", "511603", "511622", "511623", "511681", "511302", "500112",
                                   "510107", "441900"])
SURNAMES = [("王", "w"), ("李", "l"), ("张", "z"), ("刘", "l"), ("陈", "c"), ("杨", "y"), ("黄", "h"), ("赵", "z"),
            ("吴", "w"), ("周", "z"), ("徐", "x"), ("孙", "s"), ("马", "m"), ("朱", "z"), ("胡", "h"), ("郭", "g"),
            ("何", "h"), ("罗", "l"), ("唐", "t"), ("蒋", "j"), ("邓", "d"), ("谢", "x"), ("冯", "f"), ("曾", "z")]
GIVEN = [("伟", "w"), ("芳", "f"), ("娜", "n"), ("敏", "m"), ("静", "j"), ("丽", "l"), ("强", "q"), ("磊", "l"),
         ("军", "j"), ("洋", "y"), ("勇", "y"), ("艳", "y"), ("杰", "j"), ("涛", "t"), ("明", "m"), ("超", "c"),
         ("秀", "x"), ("英", "y"), ("华", "h"), ("兰", "l"), ("红", "h"), ("建", "j"), ("国", "g"), ("平", "p")]
TOWNS = ["岳池县九龙街道", "岳池县新场镇", "岳池县石垭镇", "岳池县罗渡镇", "岳池县酉溪镇", "岳池县中和镇"]
SYMPTOMS = ["fever,cough", "fever", "fever,sore_throat", "fever,cough,fatigue", "cough", ""]
NURSES = ["nurse", "nurse_li", "nurse_zhao"]
DOCTORS = ["doctor", "doctor_chen", "doctor_wu"]
WARDS = [(1, "内科病区", "general", "内科门岗"), (2, "外科病区", "general", "外科门岗"),
         (3, "缓冲病区", "buffer", "缓冲门岗"), (4, "重症监护病区", "critical_care", "内科门岗")]
BEDS_PER_WARD = 15


def bench_scale(default: int = 10_000) -> int:
    """FEVER_SENTINEL_BENCH_VISITS: the screenings (人次) of three years; the benches run 10⁴ and 10⁵ always."""
    return int(os.environ.get("FEVER_SENTINEL_BENCH_VISITS", default))


@dataclass
class SeedResult:
    """What the benches need from the seed: counts per table, samples to look up, today's numbers."""

    seconds: float = 0.0
    rows: dict[str, int] = field(default_factory=dict)
    samples: list[tuple[str, str, str]] = field(default_factory=list)  # (id_number, phone, name)
    open_visit_nos: list[str] = field(default_factory=list)  # visits with an open case
    closed_visit_nos: list[str] = field(default_factory=list)


def _utc(local: datetime) -> str:
    return (local - UTC_OFFSET).strftime(FMT)


class _Target:
    """The database being seeded: a SQLite file (sqlite3) or a PostgreSQL URL (psycopg 3). Statements are
    written once, with ``?`` marks, in SQL both accept; rows go in by executemany on SQLite and by COPY on
    PostgreSQL, whose text input reads the seed's 0/1 as booleans and its zone-less times as UTC."""

    def __init__(self, where: Path | str) -> None:
        self.postgres = str(where).startswith("postgresql")
        self.conn: Any
        if self.postgres:
            import psycopg

            url = make_url(str(where)).set(drivername="postgresql").render_as_string(hide_password=False)
            self.conn = psycopg.connect(url, autocommit=True)
            self.conn.execute("SET TIME ZONE 'UTC'")
        else:
            self.conn = sqlite3.connect(where, isolation_level=None)
            self.conn.execute("PRAGMA synchronous=OFF")  # loading only; the benches run with the app's own pragmas
            self.conn.execute("PRAGMA journal_mode=WAL")

    def execute(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> Any:
        if self.postgres and params:
            sql = sql.replace("%", "%%").replace("?", "%s")
        return self.conn.execute(sql, params or None) if self.postgres else self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        if self.postgres:
            self.conn.cursor().executemany(sql.replace("%", "%%").replace("?", "%s"), rows)
        else:
            self.conn.executemany(sql, rows)

    def insert(self, table: str, columns: str, rows: list[tuple[Any, ...]]) -> None:
        if not self.postgres:
            self.conn.executemany(f"INSERT INTO {table} ({columns}) VALUES ({','.join('?' * len(rows[0]))})", rows)
            return
        with self.conn.cursor().copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def indexes(self) -> list[tuple[str, str]]:
        """(name, definition) of every index not behind a primary key or unique constraint."""
        if self.postgres:
            return self.execute("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                                "AND indexname NOT IN (SELECT conname FROM pg_constraint)").fetchall()
        return self.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").fetchall()

    def sequences_past_ids(self) -> None:
        """PostgreSQL: every serial column's sequence after the largest id written (the seed gives explicit ids)."""
        if not self.postgres:
            return
        for table, column in self.execute("SELECT table_name, column_name FROM information_schema.columns WHERE "
                                          "table_schema = current_schema() AND column_default LIKE 'nextval(%'"
                                          ).fetchall():
            self.execute(f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                         f"coalesce(max({column}), 0) + 1, false) FROM {table}")

    def close(self) -> None:
        if not self.postgres:
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.conn.close()


class _Loader:
    """Batches of rows per table, written and counted; flushed all together (in the order below, which is the
    order of the foreign keys) between whole acts, so a row never arrives before the row it refers to."""

    COLUMNS = {
        "patients": "id, name, name_initials, id_type, id_number, sex, birth_date, phone, address, occupation, "
                    "workplace, created_at, updated_at, version",
        "screenings": "id, screened_at, clinic_day, username, workstation, source, temperature_c, temp_method, "
                      "symptoms, travel, contact_case, cluster, health_code, occupation, antipyretic, "
                      "computed_decision, decision, reasons",
        "visits": "id, visit_no, clinic_day, patient_id, screening_id, registered_at, username, workstation",
        "handoffs": "id, visit_id, state, escort, sent_at, sent_by, sent_workstation, due_at, received_at, "
                    "received_by, received_workstation, incident_at, incident_noticed_by, incident_reported_to, "
                    "incident_note, version, taken_at",
        "cases": "id, visit_id, doctor_id, doctor_username, taken_at, classification, other_pathogen, classified_at, "
                 "epi, findings, reported_at, report_card_no, epi_done_at, disposition, disposition_detail, "
                 "closed_at, closed_by, version",
        "case_classifications": "id, case_id, at, \"before\", \"after\", username",
        "lab_tests": "id, case_id, kind, population, ordered_at, ordered_by, sample_at, result, ct_value, result_at, "
                     "lab, resulted_by, version",
        "clocks": "id, case_id, visit_no, kind, ref_id, started_at, warn_at, due_at, met_at, settled_reason",
        "transfers": "id, case_id, visit_no, state, requested_at, requested_by, hospital_id, hospital_name, "
                     "condition, oxygen, precautions, staff, request_reason, call_120_at, dispatch_ref, "
                     "vehicle_plate, negative_pressure, crew, departed_at, handed_over_at, receiving_staff, "
                     "receiving_department, arrival_condition, handover_source, disinfected_at, "
                     "disinfection_method, disinfected_by, cancel_reason, closed_at, version",
        "admissions": "id, patient_id, visit_id, ward_id, bed, nursing_level, admitted_at, admitted_by, "
                      "discharged_at, nat_sampled_at, nat_result",
        "permits": "id, number, kind, admission_id, holder_name, holder_id_type, holder_id_number, relation, phone, "
                   "valid_from, valid_until, escort_test_at, escort_test_result, state, issued_at, issued_by, "
                   "revoked_at, revoked_by, revoke_reason, payload, version",
        "gate_events": "id, event_key, permit_id, admission_id, gate, at, outcome, reason, offline, username, "
                       "workstation, direction",
        "gate_inside": "permit_id, admission_id, kind, gate, since",
        "alerts": "id, kind, dedupe_key, raised_at, clinic_day, evidence, acknowledged_at, acknowledged_by, "
                  "action_taken, version",
        "audit_events": "seq, at, user_id, username, roles, workstation, action, entity, entity_id, summary, "
                        "outcome, prev_hash, hash",
        "daily_reports": "id, clinic_day, version, supersedes, zero_report, automatic, counts, audit_seq, audit_hash, "
                         "submitted_at, submitted_by, note",
        "outbox": "id, idempotency_key, kind, body, created_at, attempts, next_attempt_at, delivered_at",
    }
    BATCH = 20_000

    def __init__(self, db: _Target) -> None:
        self.db = db
        self.batches: dict[str, list[tuple[Any, ...]]] = {t: [] for t in self.COLUMNS}
        self.counts: dict[str, int] = {t: 0 for t in self.COLUMNS}
        # after whatever the database already holds (a test's own rows, the clinic's set-up)
        self.next_id: dict[str, int] = {t: 1 for t in self.COLUMNS}
        for t in self.COLUMNS:
            if t not in ("permits", "gate_inside", "audit_events"):
                self.next_id[t] = db.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {t}").fetchone()[0]

    def new_id(self, table: str) -> int:
        i = self.next_id[table]
        self.next_id[table] = i + 1
        return i

    def add(self, table: str, row: tuple[Any, ...]) -> None:
        self.batches[table].append(row)

    def flush_if_full(self) -> None:
        """Called between acts (a screening and what follows, an admission, an alert)."""
        if any(len(rows) >= self.BATCH for rows in self.batches.values()):
            self.flush()

    def flush(self) -> None:
        for t, rows in self.batches.items():
            if rows:
                self.db.insert(t, self.COLUMNS[t], rows)
                self.counts[t] += len(rows)
                rows.clear()


class _History:
    """Generates the rows; one instance per seed run."""

    def __init__(self, db: _Target, code: str, now_local: datetime, rng: random.Random) -> None:
        self.load = _Loader(db)
        self.code, self.now, self.rng = code, now_local, rng
        self.per_day: dict[str, int] = {}
        self.patients: list[int] = []
        self.id_numbers: set[str] = set()
        self.result = SeedResult()
        self.open_handoffs = self.untaken = self.open_left = 0
        self.pending_admissions: list[tuple[int, datetime]] = []  # (visit id, when) of cases ending in a ward
        self.closed_cases: list[tuple[int, int, str]] = []  # (case id, visit id, visit number)

    # --- people -----------------------------------------------------------------------------------------
    def person(self) -> tuple[str, str, str, str, str, str]:
        rng = self.rng
        (sn, si), (gn, gi) = rng.choice(SURNAMES), rng.choice(GIVEN)
        name, initials = sn + gn, si + gi
        if rng.random() < 0.7:
            g2, g2i = rng.choice(GIVEN)
            name, initials = name + g2, initials + g2i
        birth = date(rng.randint(1935, 2022), rng.randint(1, 12), rng.randint(1, 28))
        first17 = f"{rng.choice(AREA_CODES)}{birth:%Y%m%d}{rng.randint(0, 999):03d}"
        id_number = first17 + check_digit(first17)
        phone = f"1{rng.choice('3578913')}{rng.randint(0, 999999999):09d}"
        return name, initials, id_number, "male" if int(id_number[16]) % 2 else "female", birth.isoformat(), phone

    def patient(self, at: str) -> int:
        if self.patients and self.rng.random() < 0.15:  # a returning patient
            return self.rng.choice(self.patients)
        pid = self.load.new_id("patients")
        name, initials, id_number, sex, birth, phone = self.person()
        while id_number in self.id_numbers:  # one patient per ID number (ux_patients_id_number)
            name, initials, id_number, sex, birth, phone = self.person()
        self.id_numbers.add(id_number)
        self.load.add("patients", (pid, name, initials, "resident_id", id_number, sex, birth, phone,
                                   self.rng.choice(TOWNS), self.rng.choice(["农民", "学生", "退休", "工人", ""]),
                                   "", at, at, 1))
        self.patients.append(pid)
        if pid % 97 == 0:
            self.result.samples.append((id_number, phone, name))
        return pid

    def audit(self, at: str, user: str, role: str, ws: str, action: str, entity: str, entity_id: str) -> None:
        self.load.add("audit_events", (self.load.new_id("audit_events"), at, None, user, role, ws, action, entity,
                                       entity_id, "{}", "success", "", ""))

    # --- one screening and what follows ---------------------------------------------------------------------
    def screening(self, local: datetime, *, today: bool = False) -> None:
        rng, load = self.rng, self.load
        r = rng.random()
        decision = "general" if r < 0.70 else ("fever_clinic" if r < 0.97 else "isolate")
        sid = load.new_id("screenings")
        at, day = _utc(local), local.date()
        temp = round(rng.uniform(36.2, 37.2), 1) if decision == "general" else round(rng.uniform(37.3, 39.8), 1)
        reasons = "" if decision == "general" else ("fever,symptoms" if decision == "fever_clinic" else
                                                    "fever,contact_case")
        nurse = rng.choice(NURSES)
        load.add("screenings", (sid, at, day.isoformat(), nurse, "desk-1", "desk", temp, "forehead",
                                rng.choice(SYMPTOMS) if decision != "general" else "", "[]",
                                int(decision == "isolate"), 0, "green", "none", 0, decision, decision, reasons))
        self.audit(at, nurse, "triage_nurse", "desk-1", "triage.screen", "screening", str(sid))
        if decision == "general" or rng.random() < 0.03:
            return
        self.visit(local + timedelta(minutes=rng.uniform(1, 4)), sid, nurse, today=today)

    def visit(self, local: datetime, sid: int, nurse: str, *, today: bool) -> None:
        rng, load = self.rng, self.load
        at, key = _utc(local), f"{local:%Y%m%d}"
        self.per_day[key] = self.per_day.get(key, 0) + 1
        vid, visit_no = load.new_id("visits"), f"{self.code}-{key}-{self.per_day[key]:04d}"
        load.add("visits", (vid, visit_no, local.date().isoformat(), self.patient(at), sid, at, nurse, "desk-1"))
        self.audit(at, nurse, "triage_nurse", "desk-1", "triage.register", "visit", visit_no)
        sent = local + timedelta(minutes=rng.uniform(0.5, 3))
        hid = load.new_id("handoffs")
        escort = rng.choice(["张志强（保安）", "导医李梅", "护工王军"])
        base = (hid, vid)
        due = _utc(sent + timedelta(minutes=15))
        self.audit(_utc(sent), nurse, "triage_nurse", "desk-1", "handoff.send", "visit", visit_no)
        if today and self.now - sent < timedelta(minutes=70) and self.open_handoffs < 20:
            self.open_handoffs += 1
            load.add("handoffs", (*base, "escorting", escort, _utc(sent), nurse, "desk-1", due, None, None, None,
                                  None, None, None, None, 1, None))
            return
        if rng.random() < 0.02:  # left on the way: an incident, reported
            left = sent + timedelta(minutes=rng.uniform(5, 20))
            load.add("handoffs", (*base, "left_without_permission", escort, _utc(sent), nurse, "desk-1", due, None,
                                  None, None, _utc(left), escort, "感染管理科", "途中擅自离开", 2, None))
            self.audit(_utc(left), nurse, "triage_nurse", "desk-1", "handoff.left_without_permission", "visit",
                       visit_no)
            return
        arrived = sent + timedelta(minutes=rng.uniform(3, 13))
        doctor = rng.choice(DOCTORS)
        untaken = today and self.untaken < 5 and self.now - arrived < timedelta(minutes=30)
        taken = None if untaken else arrived + timedelta(minutes=rng.uniform(1, 20))
        load.add("handoffs", (*base, "arrived", escort, _utc(sent), nurse, "desk-1", due, _utc(arrived), doctor,
                              "fever-room", None, None, None, None, 2, _utc(taken) if taken else None))
        self.audit(_utc(arrived), doctor, "doctor", "fever-room", "handoff.arrive", "visit", visit_no)
        if taken is None:
            self.untaken += 1  # arrived, no doctor has taken the case yet
            return
        self.case(vid, visit_no, taken, doctor, today=today)

    def case(self, vid: int, visit_no: str, taken: datetime, doctor: str, *, today: bool) -> None:
        rng, load = self.rng, self.load
        cid = load.new_id("cases")
        self.audit(_utc(taken), doctor, "doctor", "fever-room", "case.take", "case", visit_no)
        stay_open = today and self.open_left > 0 and self.now - taken > timedelta(minutes=5)
        sample = taken + timedelta(minutes=rng.uniform(5, 25))
        turnaround = timedelta(hours=rng.uniform(2, 5.5) if rng.random() > 0.06 else rng.uniform(6.2, 9))
        result_at = sample + turnaround
        r = rng.random()
        final = "excluded" if r < 0.82 else ("suspected" if r < 0.93 else ("confirmed" if r < 0.98 else
                                                                           "asymptomatic"))
        if stay_open:
            final = "pending" if r < 0.7 else "suspected"
        if not stay_open and result_at > self.now:  # today's late cases: results are in by now
            result_at = self.now - timedelta(minutes=1)
        classified = sample + timedelta(minutes=10) if final in ("suspected", "confirmed", "asymptomatic") else None
        if final == "excluded":
            classified = result_at + timedelta(minutes=5)
        # tests: nucleic acid always, a blood count for most
        tid = load.new_id("lab_tests")
        positive = final in ("confirmed", "asymptomatic")
        result = None if stay_open else ("positive" if positive else "negative")
        load.add("lab_tests", (tid, cid, "nucleic_acid", "fever_clinic", _utc(taken + timedelta(minutes=3)), doctor,
                               _utc(sample), result, round(rng.uniform(18, 34), 1) if positive else None,
                               None if stay_open else _utc(result_at), "岳池县疾控中心",
                               None if stay_open else "lab", 1 if stay_open else 2))
        self.clock(cid, visit_no, "result", tid, sample, (timedelta(hours=4), timedelta(hours=6)),
                   None if stay_open else result_at)
        if not stay_open:
            self.audit(_utc(result_at), "lab", "doctor", "fever-room", "case.result", "case", visit_no)
        if rng.random() < 0.6:
            bid = load.new_id("lab_tests")
            done = sample + timedelta(minutes=40)
            load.add("lab_tests", (bid, cid, "blood_routine", "fever_clinic", _utc(taken + timedelta(minutes=3)),
                                   doctor, _utc(sample), "negative", None, _utc(min(done, self.now)), "检验科", doctor, 2))
        steps = [("pending", "excluded")] if final == "excluded" else [("pending", "suspected")]
        if final in ("confirmed", "asymptomatic"):
            steps.append(("suspected", final))
        if final == "pending":
            steps = []
        step_at = classified or taken
        for before, after in steps:
            load.add("case_classifications", (load.new_id("case_classifications"), cid, _utc(step_at), before, after,
                                              doctor))
            step_at = result_at if after == "suspected" and final != "suspected" else step_at
        reported = epi_done = None
        if final in ("suspected", "confirmed", "asymptomatic") and classified is not None:
            late = rng.random() < 0.04
            reported = classified + timedelta(minutes=rng.uniform(130, 200) if late else rng.uniform(10, 100))
            epi_done = classified + timedelta(hours=rng.uniform(3, 20))
            if stay_open:
                reported = epi_done = None
            self.clock(cid, visit_no, "report_2h", None, classified, (timedelta(minutes=90), timedelta(hours=2)),
                       reported)
            self.clock(cid, visit_no, "epi_24h", None, classified, (timedelta(hours=20), timedelta(hours=24)),
                       epi_done)
        if stay_open:
            self.open_left -= 1
            load.add("cases", (cid, vid, None, doctor, _utc(taken), final, "", _utc(classified) if classified else None,
                               "{}", "发热，咳嗽", None, None, None, None, "{}", None, None, 1))
            self.result.open_visit_nos.append(visit_no)
            return
        closed = max(result_at, reported or result_at, epi_done or result_at) + timedelta(minutes=rng.uniform(5, 60))
        closed = min(closed, self.now - timedelta(minutes=1))
        d = rng.random()
        if final == "excluded":
            disposition = "excluded_general" if d < 0.7 else ("home_advice" if d < 0.97 else "left_without_permission")
        else:
            disposition = "transfer" if d < 0.7 else ("admitted" if d < 0.98 else "died")
        if disposition == "transfer":
            self.transfer(cid, visit_no, classified or taken, closed)
        if disposition == "admitted":
            self.pending_admissions.append((vid, closed))
        load.add("cases", (cid, vid, None, doctor, _utc(taken), final, "", _utc(classified) if classified else None,
                           "{}", "发热，咳嗽", _utc(reported) if reported else None,
                           f"RC{cid:09d}" if reported else None, _utc(epi_done) if epi_done else None, disposition,
                           "{}", _utc(closed), doctor, 4))
        if cid % 53 == 0:
            self.result.closed_visit_nos.append(visit_no)
        self.closed_cases.append((cid, vid, visit_no))

    def clock(self, cid: int, visit_no: str, kind: str, ref: int | None, start: datetime,
              window: tuple[timedelta, timedelta], met: datetime | None) -> None:
        self.load.add("clocks", (self.load.new_id("clocks"), cid, visit_no, kind, ref, _utc(start),
                                 _utc(start + window[0]), _utc(start + window[1]), _utc(met) if met else None, None))

    def transfer(self, cid: int, visit_no: str, requested: datetime, closed: datetime) -> None:
        rng = self.rng
        t = lambda minutes: _utc(requested + timedelta(minutes=minutes))  # noqa: E731
        cancelled = rng.random() < 0.08
        tid = self.load.new_id("transfers")
        self.clock(cid, visit_no, "transfer_depart", tid, requested, (timedelta(minutes=90), timedelta(hours=2)),
                   requested + timedelta(minutes=50))
        self.load.add("transfers", (
            tid, cid, visit_no, "cancelled" if cancelled else "closed", t(0), "doctor", 1, "广安市人民医院", "stable", 0,
            "二级防护", "医生、护士各一名", "疑似病例", t(5), f"120-{tid:06d}", "川X12345", 1, "司机、医生",
            None if cancelled else t(50), None if cancelled else t(110), None if cancelled else "接收医生",
            None if cancelled else "感染科", None if cancelled else "stable", None if cancelled else "manual",
            None if cancelled else t(150), None if cancelled else "含氯消毒剂擦拭", None if cancelled else "司机",
            "患者家属要求自行前往" if cancelled else None, _utc(closed), 6))
        self.audit(t(0), "doctor", "doctor", "fever-room", "transfer.request", "transfer", str(tid))

    def run(self, n: int, today_screenings: int, open_cases: int) -> None:
        history = max(n - today_screenings, 0)
        midnight = datetime.combine(self.now.date(), datetime.min.time())
        start = midnight - timedelta(days=HISTORY_DAYS)
        for i in range(history):  # spread evenly over three years, 07:30–21:30 each day
            day = start + timedelta(days=i * HISTORY_DAYS // max(history, 1))
            self.screening(day + timedelta(hours=7.5 + self.rng.random() * 14))
            self.load.flush_if_full()
        today_span = max((self.now - midnight).total_seconds() - 120, 60)
        self.open_left = open_cases
        times = sorted(self.rng.random() * today_span for _ in range(today_screenings))
        for s in times:
            self.screening(midnight + timedelta(seconds=s), today=True)
        self.reopen(self.open_left)

    def reopen(self, missing: int) -> None:
        """Open cases beyond what today made (the 20 000-case variant): the newest closed cases left open."""
        if missing <= 0:
            return
        self.load.flush()
        newest = self.closed_cases[-missing:]
        ids = [c for c, _, _ in newest]  # one statement each: the indexes are not built yet
        chosen = f"({','.join('?' * len(ids))})"
        db = self.load.db
        db.execute(f"UPDATE cases SET disposition = NULL, closed_at = NULL, closed_by = NULL, "
                   f"disposition_detail = '{{}}' WHERE id IN {chosen}", ids)
        db.execute(f"UPDATE clocks SET met_at = NULL WHERE kind = 'epi_24h' AND case_id IN {chosen}", ids)
        db.execute(f"DELETE FROM clocks WHERE kind LIKE 'transfer%' AND case_id IN {chosen}", ids)
        db.execute(f"DELETE FROM transfers WHERE case_id IN {chosen}", ids)
        self.result.open_visit_nos.extend(v for _, _, v in newest)
        self.pending_admissions = [a for a in self.pending_admissions if a[0] not in {v for _, v, _ in newest}]


def _wards(h: _History) -> None:
    """Four wards, ~60 beds in use for three years; several permits per admission; 30 days of passages."""
    load, rng, now = h.load, h.rng, h.now
    db = load.db
    db.executemany("INSERT INTO wards (name, type, gates, version) VALUES (?, ?, ?, 1) ON CONFLICT DO NOTHING",
                   [(name, kind, gate) for _, name, kind, gate in WARDS])
    ward_ids = dict(db.execute("SELECT name, id FROM wards").fetchall())
    fever_admissions = iter(h.pending_admissions)
    inside_target = 30
    for _, ward_name, kind, gate in WARDS:
        ward = ward_ids[ward_name]
        for bed in range(1, BEDS_PER_WARD + 1):
            at = now - timedelta(days=HISTORY_DAYS)
            while at < now:
                stay = timedelta(days=rng.uniform(2, 12))
                out = at + stay
                current = out >= now
                aid = load.new_id("admissions")
                patient = rng.choice(h.patients) if h.patients else h.patient(_utc(at))
                visit = None
                if kind == "buffer":
                    nxt = next(fever_admissions, None)
                    visit = nxt[0] if nxt else None
                load.add("admissions", (aid, patient, visit, ward, f"{bed}床", rng.choice(["1", "2", "2", "3"]),
                                        _utc(at), "nurse", None if current else _utc(out),
                                        _utc(at - timedelta(hours=6)), "negative"))
                h.audit(_utc(at), "nurse", "triage_nurse", "ward-1", "ward.admit", "admission", str(aid))
                if kind in ("general", "critical_care"):
                    _permits(h, aid, ward, gate, at, min(out, now), current)
                load.flush_if_full()
                at = out + timedelta(hours=rng.uniform(2, 30))
    # who is inside now: the newest active permits of current admissions
    load.flush()
    inside = db.execute("SELECT p.id, p.admission_id, p.kind, w.gates FROM permits p JOIN admissions a ON "
                          "a.id = p.admission_id JOIN wards w ON w.id = a.ward_id WHERE p.state = 'active' AND "
                        "a.discharged_at IS NULL AND p.valid_until > ? ORDER BY p.issued_at DESC, p.id LIMIT ?",
                        (_utc(now), inside_target)).fetchall()
    for pid, aid, kind, gate in inside:
        since = now - timedelta(minutes=rng.uniform(5, 50 if kind == "visitor" else 600))
        load.add("gate_events", (load.new_id("gate_events"), f"seed-{pid}-in", pid, aid, gate, _utc(since), "allow",
                                 None, 0, "gate", "ward-gate", "in"))
        load.add("gate_inside", (pid, aid, kind, gate, _utc(since)))


def _permits(h: _History, aid: int, ward: int, gate: str, start: datetime, end: datetime, current: bool) -> None:
    """An escort permit renewed every few days (an old one revoked now and then), and visitors' day permits."""
    load, rng, now = h.load, h.rng, h.now
    at = start + timedelta(hours=2)
    recent = now - timedelta(days=30)
    while at < end:
        kind = "escort" if rng.random() < 0.5 else "visitor"
        until = at + (timedelta(days=3) if kind == "escort" else timedelta(hours=2))
        pid = f"{aid:08x}{load.next_id['permits']:024x}"
        load.next_id["permits"] += 1
        revoked = rng.random() < 0.08
        name, _, id_number, _, _, phone = h.person()
        load.add("permits", (pid, f"P{load.next_id['permits']:09d}", kind, aid, name, "resident_id", id_number,
                             "家属", phone, _utc(at), _utc(until), _utc(at - timedelta(hours=5)) if kind == "escort"
                             else None, "negative" if kind == "escort" else None,
                             "revoked" if revoked else "active", _utc(at), "nurse",
                             _utc(at + timedelta(hours=1)) if revoked else None, "nurse" if revoked else None,
                             "陪护人员更换" if revoked else None, "seeded", 2 if revoked else 1))
        if at > recent and not revoked:  # passages of the last 30 days
            t = at + timedelta(minutes=10)
            while t < min(until, now - timedelta(hours=1)):
                back = t + timedelta(minutes=rng.uniform(20, 90))
                for when, direction in ((t, "in"), (back, "out")):
                    load.add("gate_events", (load.new_id("gate_events"), f"seed-{load.next_id['gate_events']}",
                                             pid, aid, gate, _utc(when), "allow", None, 0, "gate", "ward-gate",
                                             direction))
                t = back + timedelta(hours=rng.uniform(0.5, 4))
            if rng.random() < 0.05:
                load.add("gate_events", (load.new_id("gate_events"), f"seed-{load.next_id['gate_events']}", pid, aid,
                                         gate, _utc(at), "deny", "outside_window", 0, "gate", "ward-gate", "in"))
        at = until if kind == "escort" else at + timedelta(hours=rng.uniform(8, 30))
    del current, ward


def _alerts(h: _History) -> None:
    """Acknowledged alerts through the history (positive results, untaken patients, clusters); today's open."""
    load, rng, now = h.load, h.rng, h.now
    day = now - timedelta(days=HISTORY_DAYS)
    while day < now:
        kind = rng.choice(["positive_result", "untaken_patient", "untaken_patient", "cluster", "ears_fever_visits"])
        at = day + timedelta(hours=rng.uniform(8, 20))
        open_now = now - at < timedelta(hours=12)
        aid = load.new_id("alerts")
        load.add("alerts", (aid, kind, f"{kind}:{aid}", _utc(at), at.date().isoformat(),
                            json.dumps({"note": "seeded"}), None if open_now else _utc(at + timedelta(minutes=30)),
                            None if open_now else "doctor", None if open_now else "已核实并处置", 1 if open_now else 2))
        load.flush_if_full()
        day += timedelta(hours=rng.uniform(6, 60))


def _reports(h: _History) -> None:
    """A submitted daily report and its delivered outbox row for every past day but the last two (their
    automatic submission is what the first sync poll after log-in does)."""
    load, db = h.load, h.load.db
    load.flush()
    # str(): PostgreSQL returns dates, SQLite the ISO text
    screened = {str(d): c for d, c in db.execute("SELECT clinic_day, count(*) FROM screenings GROUP BY clinic_day")}
    registered = {str(d): c for d, c in db.execute("SELECT clinic_day, count(*) FROM visits GROUP BY clinic_day")}
    first = (h.now - timedelta(days=HISTORY_DAYS)).date()
    head = db.execute("SELECT max(seq) FROM audit_events").fetchone()[0] or 0
    for i in range((h.now.date() - first).days - 2):
        day = (first + timedelta(days=i)).isoformat()
        counts = {"screened": screened.get(day, 0), "fever_registered": registered.get(day, 0)}
        at = _utc(datetime.fromisoformat(day) + timedelta(days=1, hours=9))
        load.add("daily_reports", (load.new_id("daily_reports"), day, 1, None, int(counts["screened"] == 0), 1,
                                   json.dumps(counts), head, "0" * 64, at, "system", ""))
        body = json.dumps({"type": "daily_report", "clinic": h.code, "date": day, "version": 1, "counts": counts})
        load.add("outbox", (load.new_id("outbox"), f"{h.code}|{day}|1", "daily_report", body, at, 1, at, at))
    load.flush()


def seed_clinic(target: Path | str, n: int, clinic_code: str, *, now: datetime, open_cases: int = 50,
                today_screenings: int = 900, seed: int = 1, analyze: bool = True) -> SeedResult:
    """Load ``n`` screenings of history (three years up to ``now``, an aware datetime) and today's open
    state into a migrated, initialised clinic database — a SQLite file's path or a ``postgresql…`` URL;
    returns counts and samples. ``analyze``: gather the planner's statistics at the end, as a DBA would
    (the app never does; FEVER_SENTINEL_BENCH_ANALYZE=0 shows the benches without them)."""
    t0 = time.perf_counter()
    db = _Target(target)
    indexes = db.indexes()
    for name, _ in indexes:
        db.execute(f'DROP INDEX "{name}"')
    base_seq = db.execute("SELECT coalesce(max(seq), 0) FROM audit_events").fetchone()[0]
    now_local = now.astimezone(timezone.utc).replace(tzinfo=None) + UTC_OFFSET
    h = _History(db, clinic_code, now_local, random.Random(seed))
    h.load.next_id["audit_events"] = base_seq + 1
    db.execute("BEGIN")
    db.execute("INSERT INTO hospitals (id, name, address, phone, kind, accepting, version) VALUES "
               "(1, '广安市人民医院', '广安区', '0826-2222222', 'designated', TRUE, 1) ON CONFLICT DO NOTHING")
    h.run(n, min(today_screenings, n), open_cases)
    _wards(h)
    _alerts(h)
    h.load.flush()
    db.executemany("INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = "
                   "excluded.value", [(f"visit:{k}", v) for k, v in h.per_day.items()])
    _reports(h)
    last = db.execute("SELECT max(seq) FROM audit_events").fetchone()[0]
    db.execute("UPDATE audit_head SET seq = ? WHERE id = 1", (last,))
    db.sequences_past_ids()
    db.execute("COMMIT")
    for _, sql in indexes:
        db.execute(sql)
    if analyze:
        db.execute("ANALYZE")
    db.close()
    h.result.rows = {t: c for t, c in h.load.counts.items() if c}
    h.result.seconds = time.perf_counter() - t0
    return h.result


def describe(result: SeedResult) -> str:
    return ", ".join(f"{table} {count:,}" for table, count in sorted(result.rows.items()))

