"""Issue 16: the daily report's counts read one day, never the history — every statement's query plan is an
index range of the day (SQLite and PostgreSQL) — and they are the same numbers as a brute-force count
over every row, on the demo clinic and on a seeded month."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.helpers.sql_capture import captured
from app.actor import Actor
from app.casework.tables import Case, CaseClassification, Clock, LabTest, RuleException
from app.casework.vocab import POSITIVE_KINDS, REPORTABLE
from app.context import AppContext, open_context
from app.passwords import OWASP_FLOOR
from app.reporting.alert_tables import Alert
from app.reporting.daily import _DAY_COUNTS, DEFAULT_ITEM_NUMBER, DRUG_CATEGORIES, compute_counts
from app.reporting.series import EARS_LEAD, fever_clinic_series
from app.services.demo import create_demo
from app.staff.roster import due_on
from app.staff.tables import EnvSwab, StaffMember, StaffTest
from app.stock.tables import StockItem, StockMove
from app.transfer.tables import Transfer
from app.transfer.vocab import TransferClock
from app.triage.common import clinic_row
from app.triage.tables import Handoff, PharmacyPurchase, Screening, Visit
from app.wards.tables import GateEvent, Permit, PermitException

#: a plan step is bounded by the day when its index is searched on the day or a time column
_DAY_OR_TIME = re.compile(r"\b(clinic_day|at|\w+_at)\s*[=<>]")
#: issue 18: tables of the present state, one row a person or a stock item (not history), read whole; and one
#: setting read by its key (the figures in force: the testing interval, the days of cover)
_PRESENT = re.compile(r"^SCAN (staff_members|stock_items)\b|Seq Scan on (staff_members|stock_items)\b"
                      r"|^SEARCH clinic_settings USING \w*\s?INDEX \w+ \(key=\?\)"
                      r"|^SCAN CONSTANT ROW$")  # the one row the counts' sub-selects make (no table)


def full_reads(ctx: AppContext, seen: list[tuple[str, Any]]) -> list[str]:
    """Each statement whose plan reads a table whole, or an index not bounded by the day (SQLite: EXPLAIN
    QUERY PLAN; PostgreSQL: EXPLAIN with sequential scans priced out, so only a missing index shows)."""
    bad = []
    raw = ctx.db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        if ctx.db.is_sqlite:
            for sql, params in seen:
                for step in (row[3] for row in cursor.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()):
                    if _PRESENT.search(step):
                        continue
                    if step.startswith("SCAN") or (step.startswith("SEARCH") and not _DAY_OR_TIME.search(step)):
                        bad.append(f"{step}  <-  {' '.join(sql.split())}")
        else:
            cursor.execute("SET enable_seqscan = off")
            for sql, params in seen:
                cursor.execute("EXPLAIN " + sql, params)
                plan = "\n".join(row[0] for row in cursor.fetchall() if not _PRESENT.search(row[0]))
                if "Seq Scan" in plan:
                    bad.append(f"{plan}  <-  {' '.join(sql.split())}")
    finally:
        raw.close()
    return bad


def test_every_count_reads_an_index_range_of_the_day(ctx: AppContext, admin: Actor) -> None:
    day = ctx.clock.now().date() - timedelta(days=1)
    with ctx.db.read() as s:
        zone = ZoneInfo(clinic_row(s).timezone)
        with captured(ctx) as seen:
            compute_counts(s, day, zone, ctx.clock.now())
    with captured(ctx) as chart:
        fever_clinic_series(ctx.db, day, 28 + EARS_LEAD)
    seen += chart
    read = "\n".join(sql for sql, _params in seen)
    assert all(f"AS {key}" in read for key in _DAY_COUNTS.selected_columns.keys())  # every count ran (and was seen)
    assert full_reads(ctx, seen) == []


# --- brute force: every row loaded, each count by its definition in plain Python ---------------------

def _in(at: datetime | None, lo: datetime, hi: datetime) -> bool:
    return at is not None and lo <= at < hi


def _missed(c: Clock, now: datetime) -> bool:
    return (c.met_at is not None and c.met_at > c.due_at) or (c.met_at is None and c.due_at < now)


def every_row(s: Session) -> dict[type, list[Any]]:
    return {m: list(s.scalars(select(m))) for m in (Screening, Visit, CaseClassification, LabTest, Clock, Transfer,
                                                     Handoff, Alert, Case, RuleException, PermitException,
                                                     PharmacyPurchase, Permit, GateEvent, StaffMember, StaffTest,
                                                     EnvSwab, StockItem, StockMove)}


def brute_counts(rows: dict[type, list[Any]], day: date, zone: ZoneInfo, now: datetime) -> dict[str, int]:
    lo = datetime.combine(day, datetime.min.time(), zone)
    hi = datetime.combine(day + timedelta(days=1), datetime.min.time(), zone)
    screenings = [r for r in rows[Screening] if r.clinic_day == day]
    reportable = {cls.value for cls in REPORTABLE}
    classified = [e for e in rows[CaseClassification] if _in(e.at, lo, hi)]
    tests, clocks = rows[LabTest], rows[Clock]
    resulted = [t for t in tests if _in(t.result_at, lo, hi)]
    positive = [t for t in resulted if t.result == "positive"]
    transfer_kinds = {k.value for k in TransferClock}
    purchases = [p for p in rows[PharmacyPurchase] if p.clinic_day == day]
    c = {"screened": len(screenings),
         **{f"decision_{d}": sum(r.decision == d for r in screenings) for d in ("general", "fever_clinic", "isolate")},
         "fever_registered": sum(v.clinic_day == day for v in rows[Visit]),
         "new_cases": len({e.case_id for e in classified if e.after in reportable and e.before not in reportable}),
         **{f"classified_{k}": len({e.case_id for e in classified if e.after == k})
            for k in ("suspected", "confirmed", "asymptomatic", "excluded")},
         "tests_ordered": sum(_in(t.ordered_at, lo, hi) for t in tests),
         "tests_resulted": len(resulted), "tests_positive": len(positive),
         "positive_nat_antigen": sum(t.kind in {k.value for k in POSITIVE_KINDS} for t in positive),
         "tests_overdue": sum(k.kind == "result" and _in(k.due_at, lo, hi) and _missed(k, now) for k in clocks),
         "reported_within_2h": sum(k.kind == "report_2h" and _in(k.met_at, lo, hi) and k.met_at <= k.due_at
                                   and k.settled_reason is None for k in clocks if k.met_at is not None),
         "reported_late": sum(k.kind == "report_2h" and _in(k.due_at, lo, hi) and _missed(k, now) for k in clocks),
         "transfers_requested": sum(_in(t.requested_at, lo, hi) for t in rows[Transfer]),
         "transfers_handed_over": sum(_in(t.handed_over_at, lo, hi) for t in rows[Transfer]),
         "transfers_late": sum(k.kind in transfer_kinds and _in(k.due_at, lo, hi) and _missed(k, now) for k in clocks),
         "handoffs_unconfirmed": sum(_in(h.sent_at, lo, hi) and h.state == "escorting" for h in rows[Handoff]),
         "untaken_alarms": sum(a.clinic_day == day and a.kind == "untaken_patient" for a in rows[Alert]),
         "left_without_permission": (
             sum(_in(h.incident_at, lo, hi) and h.state == "left_without_permission" for h in rows[Handoff])
             + sum(_in(k.closed_at, lo, hi) and k.disposition == "left_without_permission" for k in rows[Case])),
         "deaths": sum(_in(k.closed_at, lo, hi) and k.disposition == "died" for k in rows[Case]),
         "exceptions_granted": (sum(_in(e.approved_at, lo, hi) for e in rows[RuleException])
                                + sum(_in(e.approved_at, lo, hi) for e in rows[PermitException])),
         "antipyretic_purchases": len(purchases),
         **{f"purchases_{k}": sum(p.drug_category == k for p in purchases) for k in DRUG_CATEGORIES},
         **{f"purchases_{p.drug_category}": sum(q.drug_category == p.drug_category for q in purchases)
            for p in purchases},
         "purchases_not_sold": sum(p.outcome == "not_sold" for p in purchases),
         "permits_issued": sum(_in(p.issued_at, lo, hi) for p in rows[Permit]),
         "permits_revoked": sum(_in(p.revoked_at, lo, hi) for p in rows[Permit]),
         "gate_denials": sum(_in(g.at, lo, hi) and g.outcome == "deny" for g in rows[GateEvent]),
         "visitor_overstays": sum(a.clinic_day == day and a.kind == "visitor_overstay" for a in rows[Alert]),
         "open_alerts": sum(a.raised_at < hi and (a.acknowledged_at is None or a.acknowledged_at >= hi)
                            for a in rows[Alert])}
    c |= brute_staff_and_stock(rows, day, hi)
    return c


def brute_staff_and_stock(rows: dict[type, list[Any]], day: date, hi: datetime) -> dict[str, int]:
    """Issue 18, by definition: a person is overdue when the day is after their due day (``due_on``, the
    default 3-day interval); an item's stock is the balance of its last move before the day ended."""
    tests = [t for t in rows[StaffTest] if t.clinic_day == day]
    swabs = [w for w in rows[EnvSwab] if w.clinic_day == day]
    overdue = off_duty = 0
    for m in rows[StaffMember]:
        earlier = sorted((t.clinic_day, t.id, t.result) for t in rows[StaffTest]
                         if t.staff_id == m.id and t.clinic_day <= day)
        positive = bool(earlier) and earlier[-1][2] == "positive"  # off duty: the latest test up to the day
        on_roster = m.active and m.added_on <= day
        off_duty += on_roster and positive
        overdue += (on_roster and not positive
                    and day > due_on(earlier[-1][0] if earlier else None, m.added_on, 3))
    c = {"staff_tested": len({t.staff_id for t in tests}),
         "staff_positive": len({t.staff_id for t in tests if t.result == "positive"}),
         "staff_overdue": overdue, "staff_off_duty": off_duty, "swabs_taken": len(swabs), "swabs_positive": sum(w.result == "positive" for w in swabs)}
    covers = []
    for item in (i for i in rows[StockItem] if i.active and i.daily_use > 0):
        moves = sorted((m for m in rows[StockMove] if m.item_id == item.id and m.at < hi), key=lambda m: (m.at, m.id))
        covers.append(((moves[-1].balance_after if moves else 0) / item.daily_use, item.code or ""))
    c |= {"stock_items_tracked": len(covers), "stock_items_short": sum(d < 30 for d, _code in covers)}
    if covers:
        days, code = min(covers, key=lambda dc: dc[0])
        c |= {"stock_lowest_cover_days": int(days), "stock_lowest_item": DEFAULT_ITEM_NUMBER.get(code, 0)}
    return c


def same_as_brute_force(ctx: AppContext, days: list[date]) -> dict[str, int]:
    """Asserts every day's counts; returns each count's total over the days (so a test can see it saw data)."""
    totals: dict[str, int] = {}
    with ctx.db.read() as s:
        zone, now, rows = ZoneInfo(clinic_row(s).timezone), ctx.clock.now(), every_row(s)
        for day in days:
            counts = compute_counts(s, day, zone, now)
            assert counts == brute_counts(rows, day, zone, now), day
            for key, n in counts.items():
                totals[key] = totals.get(key, 0) + n
    return totals


def test_demo_clinic_counts_equal_a_brute_force_count(ctx: AppContext) -> None:
    create_demo(ctx.clinic, ctx.users, Actor.system())
    with ctx.db.read() as s:
        first = s.scalar(select(Screening.clinic_day).order_by(Screening.clinic_day).limit(1))
    assert first is not None
    today = ctx.clock.now().date()
    totals = same_as_brute_force(ctx, [first + timedelta(days=i) for i in range(-1, (today - first).days + 2)])
    assert totals["screened"] and totals["fever_registered"] and totals["tests_ordered"]
    # the demo's roster and stockpile (issue 18): tests, someone off duty, someone overdue, an item short
    assert totals["staff_tested"] and totals["staff_off_duty"] and totals["staff_overdue"]
    assert totals["stock_items_short"]


def straddling_alerts(ctx: AppContext, day: date) -> None:
    """Alerts raised and acknowledged on either side of midnight (the "still open when the day ended" edge)."""
    zone = ZoneInfo(ctx.clinic.get().timezone)
    midnight = datetime.combine(day, datetime.min.time(), zone)
    with ctx.db.write() as s:
        for i, (raised, acknowledged) in enumerate([(-3, None), (-2, 1), (-1, -0.5), (0.5, 2), (-30, 30), (2, None)]):
            s.add(Alert(kind="cluster", dedupe_key=f"straddle:{day}:{i}", raised_at=midnight + timedelta(hours=raised),
                        clinic_day=(midnight + timedelta(hours=raised)).date(), evidence="{}",
                        acknowledged_at=None if acknowledged is None else midnight + timedelta(hours=acknowledged),
                        acknowledged_by=None if acknowledged is None else "boss"))


def test_a_seeded_month_counts_equal_a_brute_force_count(tmp_path: Path) -> None:
    """The benchmark's seed (every kind of record, in every state), its last 30 days."""
    from tests.bench.conftest import make_clinic

    clinic = make_clinic(tmp_path, 4000, open_cases=5)
    ctx = open_context(clinic.paths, argon2=OWASP_FLOOR)
    try:
        today = ctx.clock.now().date()
        straddling_alerts(ctx, today - timedelta(days=10))
        totals = same_as_brute_force(ctx, [today - timedelta(days=i) for i in range(30, -1, -1)])
    finally:
        ctx.close()
    busy = {k for k, n in totals.items() if n}
    assert {"screened", "fever_registered", "tests_ordered", "tests_resulted", "transfers_requested",
            "permits_issued", "open_alerts"} <= busy, sorted(busy)
