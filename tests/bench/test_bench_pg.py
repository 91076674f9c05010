"""The benches that matter, on PostgreSQL (issue 16): the screening list, every poll, the fever-clinic page
with 50 open cases, the daily report, save and look-up — on the 10⁵ clinic seeded into the server of
FEVER_SENTINEL_TEST_PG_URL (CI's; ``seeded_pg``), through the same service calls as the SQLite benches
(test_bench_desk.py, test_bench_triage.py), each beside a raw-SQL baseline on the same server. Metrics end
in "(PostgreSQL)"; figures go to the bench table, nothing here asserts a time. Skipped, with the reason,
when no server is set."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import psycopg
import pytest
from sqlalchemy.engine import make_url

from app.context import AppContext
from app.triage.lists import ListQuery
from app.triage.records import PatientInput, ScreeningInput
from app.work_counts import WorkCountsService
from tests.bench import table
from tests.bench.conftest import PASSWORD, BenchDB

PG = " (PostgreSQL)"
ROUNDS = 30

pytestmark = [pytest.mark.slow, pytest.mark.postgres]


def _raw(db: BenchDB) -> psycopg.Connection:
    """A bare psycopg connection to the clinic's database, for the baselines."""
    assert db.url
    return psycopg.connect(make_url(db.url).set(drivername="postgresql").render_as_string(hide_password=False),
                           autocommit=True)


def _midnight(ctx: AppContext) -> datetime:
    zone = ZoneInfo(ctx.clinic.get().timezone)
    return datetime.combine(ctx.clock.now().astimezone(zone).date(), time(0), zone)


def test_bench_pg_screening_list(seeded_pg: BenchDB) -> None:
    """The page's two calls (count, then a 200-row page) for today, a search, all days, one scroll."""
    ctx, n = seeded_pg.open(), seeded_pg.visits
    nurse = ctx.users.authenticate("nurse", PASSWORD, "desk-1")
    lists, today = ctx.lists, _midnight(ctx).date()

    def open_page(q: ListQuery) -> list[object]:
        lists.count(nurse, q)
        return list(lists.page(nurse, q, before_id=None, limit=200))

    with _raw(seeded_pg) as raw:
        base = table.timed(lambda i: raw.execute("SELECT * FROM screenings WHERE clinic_day = %s ORDER BY id DESC "
                                                 "LIMIT 200", (today,)).fetchall(), ROUNDS)
    table.add_timed("list: open today (count + 200 rows)" + PG, n,
                    table.timed(lambda i: open_page(ListQuery(day=today)), ROUNDS), target=50, baseline=base)
    table.add_timed("list: search 王 today" + PG, n,
                    table.timed(lambda i: open_page(ListQuery(day=today, text="王")), ROUNDS), target=50, baseline=base)
    table.add_timed("list: all days (count + 200 rows)" + PG, n, table.timed(lambda i: open_page(ListQuery()), ROUNDS),
                    target=50, baseline=base)
    pages = [lists.page(nurse, ListQuery(), before_id=None, limit=200)]
    for _ in range(ROUNDS + 1):
        pages.append(lists.page(nurse, ListQuery(), before_id=pages[-1][-1].screening_id, limit=200))
    table.add_timed("list: scroll one 200-row page (all days)" + PG, n, table.timed(
        lambda i: lists.page(nurse, ListQuery(), before_id=pages[i][-1].screening_id, limit=200), ROUNDS),
        target=50, baseline=base)
    ctx.close()


def test_bench_pg_polls(seeded_pg: BenchDB) -> None:
    """Each feed's service call, as ui/*_feed.py make it; baseline: reading one change marker (audit head)."""
    ctx, n = seeded_pg.open(), seeded_pg.visits
    nurse = ctx.users.authenticate("nurse", PASSWORD, "desk-1")
    doctor = ctx.users.authenticate("doctor", PASSWORD, "fever-room")
    admin = ctx.users.authenticate("boss", PASSWORD, "office")
    gate = ctx.users.authenticate("gate", PASSWORD, "ward-gate")
    midnight = _midnight(ctx)
    with _raw(seeded_pg) as raw:
        marker = table.timed(lambda i: raw.execute("SELECT seq FROM audit_head WHERE id = 1").fetchone(), ROUNDS)
    counts = WorkCountsService(ctx.db, ctx.clock)
    polls = {
        "poll: hand-off feed (1.5 s)": lambda i: (ctx.handoffs.open_handoffs(nurse),
                                                  ctx.handoffs.arrived_since(nurse, midnight)),
        "poll: clock feed / deadline board (15 s)": lambda i: ctx.deadlines.board(doctor),
        "poll: alert feed (60 s)": lambda i: (ctx.alerts.scan(admin), ctx.alerts.open_alerts(admin)),
        "poll: work counts, nurse (15 s)": lambda i: counts.counts(nurse),
        "poll: work counts, doctor (15 s)": lambda i: counts.counts(doctor),
        "poll: work counts, admin (15 s)": lambda i: counts.counts(admin),
        "poll: untaken feed (5 s)": lambda i: ctx.untaken.untaken(doctor),
        "poll: gate inside (3 s)": lambda i: ctx.gate.inside(gate, "内科门岗"),
    }
    for name, fn in polls.items():
        table.add_timed(name + PG, n, table.timed(fn, ROUNDS), target=20, baseline=marker)
    ctx.close()


def test_bench_pg_fever_clinic_page(seeded_pg: BenchDB) -> None:
    """The page's refresh every 15 s (ui/pages/fever_clinic.py: untaken, hand-overs, waiting, open cases)
    with 50 open cases."""
    ctx = seeded_pg.open()
    doctor = ctx.users.authenticate("doctor", PASSWORD, "fever-room")
    cases = ctx.cases
    opened = len(cases.open_cases(doctor, mine_only=False))
    measured = table.timed(lambda i: (ctx.untaken.untaken(doctor), cases.handovers_for(doctor), cases.waiting(doctor),
                                      cases.open_cases(doctor, mine_only=False)), 10)
    table.add_timed("fever-clinic page refresh, 50 open cases" + PG, seeded_pg.visits, measured, target=100,
                    note=f"{opened:,} open")
    ctx.close()


def test_bench_pg_daily_report(seeded_pg: BenchDB) -> None:
    """Yesterday's counts, and its A4 with the 28-day chart as the report page prints it; baseline: the
    counts the report starts from, in plain SQL."""
    from app.printing.daily_report import CHART_DAYS, daily_report_pdf
    from app.reporting.series import EARS_LEAD, fever_clinic_series

    ctx = seeded_pg.open()
    admin = ctx.users.authenticate("boss", PASSWORD, "office")
    day = _midnight(ctx).date() - timedelta(days=1)
    clinic_info = ctx.clinic.get()
    with _raw(seeded_pg) as raw:
        def plain(i: int) -> None:
            for sql in ("SELECT count(*) FROM screenings WHERE clinic_day = %s",
                        "SELECT decision, count(*) FROM screenings WHERE clinic_day = %s GROUP BY decision",
                        "SELECT count(*) FROM visits WHERE clinic_day = %s",
                        "SELECT count(*) FROM pharmacy_purchases WHERE clinic_day = %s"):
                raw.execute(sql, (day,)).fetchall()

        base = table.timed(plain, ROUNDS)
    table.add_timed("daily report counts" + PG, seeded_pg.visits,
                    table.timed(lambda i: ctx.reports.preview(admin, day), ROUNDS), target=50, baseline=base)

    def pdf(i: int) -> bytes:
        draft = ctx.reports.preview(admin, day)
        series = fever_clinic_series(ctx.db, day, days=CHART_DAYS + EARS_LEAD)
        return daily_report_pdf(clinic_info, day, draft.counts, zero_report=draft.zero_report, status="draft",
                                version=None, series=series, audit_seq=draft.audit_seq, audit_hash=draft.audit_hash,
                                printed_at=ctx.clock.now(), open_alerts=len(ctx.alerts.open_alerts(admin)),
                                reporter="王院长", contacts=ctx.transfers.contacts()[0])

    table.add_timed("daily report counts + A4 PDF" + PG, seeded_pg.visits, table.timed(pdf, 10), target=200)
    ctx.close()


def test_bench_pg_save_and_lookup(seeded_pg: BenchDB) -> None:
    """Saving a screening and a registration, and the patient look-ups, beside the same rows written (and the
    same prefix read) in plain SQL on the same server. Targets as on SQLite: save ≤ 3 × raw, look-up ≤ 30 ms."""
    n, samples, rounds = seeded_pg.visits, seeded_pg.samples, 100
    ctx = seeded_pg.open()
    nurse = ctx.users.authenticate("nurse", PASSWORD, "desk-1")
    rng = random.Random(3)
    fever = ScreeningInput(38.3, symptoms=frozenset({"fever", "cough"}), health_code="green")
    save = table.timed(lambda i: ctx.screening.record(nurse, fever), rounds, warm=0)
    waiting = [ctx.screening.record(nurse, fever).id for _ in range(rounds)]
    registration = table.timed(lambda i: ctx.registration.register(nurse, screening_id=waiting[i], patient=PatientInput(
        name="测试患者", id_type="passport", id_number=f"E{i:08d}", sex="male")), rounds, warm=0)
    by_id = table.timed(lambda i: ctx.registration.search_patients(nurse, rng.choice(samples)[0][:10]), rounds)
    by_phone = table.timed(lambda i: ctx.registration.search_patients(nurse, rng.choice(samples)[1][:7]), rounds)
    by_name = table.timed(lambda i: ctx.registration.search_patients(nurse, rng.choice(samples)[2][:2]), rounds)
    by_initials = table.timed(lambda i: ctx.registration.search_patients(nurse, "wlj"), rounds)
    ctx.close()

    raw = _raw(seeded_pg)
    raw_screenings: list[int] = []
    new_hash = "md5(random()::text) || md5(random()::text)"

    def raw_audit() -> None:  # the audit row and the chain head every service save writes
        raw.execute("INSERT INTO audit_events (seq, at, user_id, username, roles, workstation, action, entity, "
                    "entity_id, summary, outcome, prev_hash, hash, row_digest) SELECT seq + 1, now(), 1, 'nurse', "
                    f"'triage_nurse', 'desk-1', 'raw', 'raw', '1', '{{}}', 'success', hash, {new_hash}, {new_hash} "
                    "FROM audit_head WHERE id = 1 FOR UPDATE")
        raw.execute(f"UPDATE audit_head SET seq = seq + 1, hash = {new_hash} WHERE id = 1")

    def raw_save(i: int) -> None:  # the same rows as the service's save, in one transaction
        with raw.transaction():
            row = raw.execute(
                "INSERT INTO screenings (screened_at, clinic_day, username, workstation, source, temperature_c, "
                "temp_method, symptoms, travel, contact_case, cluster, health_code, occupation, antipyretic, "
                "computed_decision, decision, reasons) VALUES (now(), current_date, 'nurse', 'desk-1', 'desk', 38.3, "
                "'forehead', 'cough,fever', '[]', false, false, 'green', 'none', false, 'fever_clinic', "
                "'fever_clinic', 'fever,symptoms') RETURNING id").fetchone()
            raw_screenings.append(row[0] if row else 0)
            raw_audit()

    def raw_register(i: int) -> None:  # patient, visit number, visit and audit row in one transaction
        with raw.transaction():
            number = raw.execute("INSERT INTO counters (name, value) VALUES ('raw', 1) ON CONFLICT (name) DO UPDATE "
                                 "SET value = counters.value + 1 RETURNING value").fetchone()
            patient = raw.execute("INSERT INTO patients (name, name_initials, id_type, id_number, sex, address, "
                                  "occupation, workplace, created_at, updated_at, version) VALUES ('测试', 'cs', "
                                  "'passport', %s, 'male', '', '', '', now(), now(), 1) RETURNING id",
                                  (f"R{i:08d}",)).fetchone()
            raw.execute("INSERT INTO visits (visit_no, clinic_day, patient_id, screening_id, registered_at, user_id, "
                        "username, workstation) VALUES (%s, current_date, %s, %s, now(), 1, 'nurse', 'desk-1')",
                        (f"RAW-{number[0] if number else 0:06d}", patient[0] if patient else None, raw_screenings[i]))
            raw_audit()

    def raw_lookup(column: str, value: str) -> None:
        raw.execute(f"SELECT * FROM patients WHERE {column} >= %s AND {column} < %s LIMIT 8",
                    (value, value + "\U0010ffff")).fetchall()

    rows = [
        ("save screening", save, table.timed(raw_save, rounds), None),
        ("save registration", registration, table.timed(raw_register, rounds, warm=0), None),
        ("look-up by ID prefix", by_id, table.timed(lambda i: raw_lookup("id_number", rng.choice(samples)[0][:10]),
                                                    rounds), 30),
        ("look-up by phone prefix", by_phone, table.timed(lambda i: raw_lookup("phone", rng.choice(samples)[1][:7]),
                                                          rounds), 30),
        ("look-up by name prefix", by_name, table.timed(lambda i: raw_lookup("name", rng.choice(samples)[2][:2]),
                                                        rounds), 30),
        ("look-up by pinyin initials", by_initials, table.timed(lambda i: raw_lookup("name_initials", "wlj"), rounds),
         30),
    ]
    raw.close()
    for name, measured, baseline, target in rows:
        table.add_timed(name + PG, n, measured, baseline=baseline, target=target if target else 3 * baseline[1],
                        note="target = 3 × raw" if target is None else "")
