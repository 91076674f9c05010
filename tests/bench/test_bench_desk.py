"""What a desk does over and over, on a seeded clinic of each size (issue 16): the screening list (筛查列表),
every poll, the fever-clinic page's refresh, the daily report with its A4 PDF and the first sync poll after
log-in. Each beside a same-run baseline where an honest one exists, in plain SQL on the same database. The
list, the polls, the fever-clinic page and the daily report run on SQLite at each size and on PostgreSQL
(``bench_db``; rows ending in " (PostgreSQL)"). Figures go to the bench table (tests/bench/table.py); nothing
here asserts a time."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.context import AppContext
from app.reporting.automatic import automatic_actor
from app.triage.lists import ListQuery
from app.work_counts import WorkCountsService
from tests.bench import table
from tests.bench.conftest import PASSWORD, BenchDB, clinic

ROUNDS = 30


def _midnight(ctx: AppContext) -> tuple[datetime, ZoneInfo]:
    zone = ZoneInfo(ctx.clinic.get().timezone)
    return datetime.combine(ctx.clock.now().astimezone(zone).date(), time(0), zone), zone


@pytest.mark.slow
def test_bench_screening_list(bench_db: BenchDB) -> None:
    """The page's two calls (count, then a 200-row page) for today, a search, all days, one scroll."""
    db = bench_db
    ctx, n = db.open(), db.visits
    nurse = ctx.users.authenticate("nurse", PASSWORD, "desk-1")
    midnight, _ = _midnight(ctx)
    lists, today = ctx.lists, midnight.date()

    def open_page(q: ListQuery) -> list[object]:
        lists.count(nurse, q)
        return list(lists.page(nurse, q, before_id=None, limit=200))

    with db.raw() as raw:
        base = table.timed(lambda i: raw.execute(db.sql("SELECT * FROM screenings WHERE clinic_day = ? ORDER BY id "
                                                        "DESC LIMIT 200"), (today.isoformat(),)).fetchall(), ROUNDS)
    table.add_timed(db.metric("list: open today (count + 200 rows)"), n, table.timed(
        lambda i: open_page(ListQuery(day=today)), ROUNDS), target=50, baseline=base)
    table.add_timed(db.metric("list: search 王 today"), n, table.timed(
        lambda i: open_page(ListQuery(day=today, text="王")), ROUNDS), target=50, baseline=base)
    table.add_timed(db.metric("list: all days (count + 200 rows)"), n, table.timed(
        lambda i: open_page(ListQuery()), ROUNDS), target=50, baseline=base)
    pages = [lists.page(nurse, ListQuery(), before_id=None, limit=200)]
    for _ in range(ROUNDS + 1):
        pages.append(lists.page(nurse, ListQuery(), before_id=pages[-1][-1].screening_id, limit=200))
    table.add_timed(db.metric("list: scroll one 200-row page (all days)"), n, table.timed(
        lambda i: lists.page(nurse, ListQuery(), before_id=pages[i][-1].screening_id, limit=200), ROUNDS),
        target=50, baseline=base)
    ctx.close()


@pytest.mark.slow
def test_bench_polls(bench_db: BenchDB) -> None:
    """Each feed's service call, as ui/*_feed.py make it when the change marker moved (a tick whose marker did
    not move reads only the marker: the baseline, one primary-key read)."""
    db = bench_db
    ctx, n = db.open(), db.visits
    nurse = ctx.users.authenticate("nurse", PASSWORD, "desk-1")
    doctor = ctx.users.authenticate("doctor", PASSWORD, "fever-room")
    admin = ctx.users.authenticate("boss", PASSWORD, "office")
    gate = ctx.users.authenticate("gate", PASSWORD, "ward-gate")
    midnight, _ = _midnight(ctx)
    with db.raw() as raw:
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
        table.add_timed(db.metric(name), n, table.timed(fn, ROUNDS), target=20, baseline=marker)
    ctx.close()


def _fever_clinic(db: BenchDB, label: str) -> None:
    """What the page reads on a refresh of everyone's cases (ui/pages/fever_clinic.py ClinicFeed): the untaken
    banner, hand-overs, the waiting, the open cases' count and their first 200 rows; and one scroll."""
    ctx = db.open()
    doctor = ctx.users.authenticate("doctor", PASSWORD, "fever-room")
    cases = ctx.cases
    opened = cases.count_open(doctor)
    measured = table.timed(lambda i: (ctx.untaken.untaken(doctor), cases.handovers_for(doctor), cases.waiting(doctor),
                                      cases.count_open(doctor), cases.case_list(doctor)), ROUNDS)
    table.add_timed(db.metric(f"fever-clinic page refresh, {label} open cases"), db.visits, measured, target=100,
                    note=f"{opened:,} open")
    pages = [cases.case_list(doctor)]
    while len(pages) <= ROUNDS and len(pages[-1]) == 200:
        pages.append(cases.case_list(doctor, after=pages[-1][-1].cursor))
    if len(pages) > ROUNDS:  # a list long enough to scroll
        table.add_timed(db.metric(f"fever-clinic list: scroll 200 rows, {label} open"), db.visits, table.timed(
            lambda i: cases.case_list(doctor, after=pages[i][-1].cursor), ROUNDS), target=50)
    ctx.close()


@pytest.mark.slow
def test_bench_fever_clinic_page(bench_db: BenchDB, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The page's refresh every 15 s (ui/pages/fever_clinic.py: untaken, hand-overs, waiting, open cases),
    with 50 open cases and, on SQLite where the history has that many cases, 20 000."""
    _fever_clinic(bench_db, "50")
    if not bench_db.url and bench_db.seed.rows.get("cases", 0) > 25_000:
        _fever_clinic(clinic(tmp_path_factory, bench_db.visits, open_cases=20_000), "20 000")


@pytest.mark.slow
def test_bench_daily_report(bench_db: BenchDB) -> None:
    """Yesterday's counts, and its A4 with the 28-day chart as the report page prints it; baseline: the counts
    the report starts from, in plain SQL."""
    from app.printing.daily_report import CHART_DAYS, daily_report_pdf
    from app.reporting.series import EARS_LEAD, fever_clinic_series

    db = bench_db
    ctx = db.open()
    admin = ctx.users.authenticate("boss", PASSWORD, "office")
    midnight, _ = _midnight(ctx)
    day = midnight.date() - timedelta(days=1)
    clinic_info = ctx.clinic.get()
    with db.raw() as raw:
        def plain(i: int) -> None:
            for sql in ("SELECT count(*) FROM screenings WHERE clinic_day = ?",
                        "SELECT decision, count(*) FROM screenings WHERE clinic_day = ? GROUP BY decision",
                        "SELECT count(*) FROM visits WHERE clinic_day = ?",
                        "SELECT count(*) FROM pharmacy_purchases WHERE clinic_day = ?"):
                raw.execute(db.sql(sql), (day.isoformat(),)).fetchall()

        base = table.timed(plain, ROUNDS)
    table.add_timed(db.metric("daily report counts"), db.visits, table.timed(
        lambda i: ctx.reports.preview(admin, day), ROUNDS), target=50, baseline=base)

    def pdf(i: int) -> bytes:
        draft = ctx.reports.preview(admin, day)
        series = fever_clinic_series(ctx.db, day, days=CHART_DAYS + EARS_LEAD)
        return daily_report_pdf(clinic_info, day, draft.counts, zero_report=draft.zero_report, status="draft",
                                version=None, series=series, audit_seq=draft.audit_seq, audit_hash=draft.audit_hash,
                                printed_at=ctx.clock.now(), open_alerts=len(ctx.alerts.open_alerts(admin)),
                                reporter="王院长", contacts=ctx.transfers.contacts()[0])

    table.add_timed(db.metric("daily report counts + A4 PDF"), db.visits, table.timed(pdf, 10), target=200)
    ctx.close()


@pytest.mark.slow
def test_bench_first_sync_poll(seeded: BenchDB) -> None:
    """The sync feed's work right after log-in (ui/sync_feed.py): the automatic submission walks the past
    days (two are due in the seed), then the status. Once per size: the first poll is the one that costs."""
    import time as clock

    ctx = seeded.open()
    system = automatic_actor("desk-1")
    t0 = clock.perf_counter()
    submitted = ctx.reports.auto_submit_due(system)
    ctx.sync.status()
    first = (clock.perf_counter() - t0) * 1000
    second = table.timed(lambda i: (ctx.reports.auto_submit_due(system), ctx.sync.status()), 10)
    table.add("first sync poll after log-in", seeded.visits, first, first, target=1000,
              note=f"one run; {len(submitted)} days submitted")
    table.add_timed("later sync poll (nothing due)", seeded.visits, second, target=20)
    ctx.close()
