"""Every "open now" read is independent of history (issue 16): the SQL each read runs (captured from the
engine, not retyped) is explained, and a full scan of a history table fails — on SQLite ``SCAN <table>``
without an index or through an index that holds the whole history (only a partial index, which holds
what is open, may be walked whole); on PostgreSQL ``Seq Scan on <table>`` with sequential scans disabled,
so the planner's choice on a small test database is the one it makes on a large one (and an index scan
without a condition, on an index of the whole history, counts as a full scan too)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Connection

from tests.helpers.sql_capture import captured
from app.actor import Actor
from app.context import AppContext
from app.triage.common import clinic_day
from app.triage.lists import ListQuery
from app.triage.records import PatientInput, ScreeningInput
from app.work_counts import WorkCountsService
from tests.casework.conftest import arrive, observed_with_tests

#: The tables that grow with every day of the clinic's life.
HISTORY = frozenset({"visits", "screenings", "handoffs", "cases", "clocks", "lab_tests", "audit_events",
                     "gate_events", "case_handovers", "transfers", "vital_signs"})
#: The partial indexes that hold only what is open now: the one kind of index a read may walk whole.
OPEN_NOW_INDEXES = frozenset({"ix_handoffs_escorting", "ix_handoffs_waiting", "ix_clocks_open_due",
                              "ix_case_handovers_pending"})
SQLITE_SCAN = re.compile(r"^SCAN (\w+?)(?:_\d+)?(?: USING (?:COVERING )?INDEX (\w+))?(?: \(.*\))?$")

Read = Callable[[], object]


def open_now_indexes(conn: Connection) -> frozenset[str]:
    """OPEN_NOW_INDEXES, each checked to be partial in this database (a renamed index fails here)."""
    if conn.dialect.name == "sqlite":
        sql = "SELECT name FROM sqlite_master WHERE type = 'index' AND upper(sql) LIKE '% WHERE %'"
    else:
        sql = "SELECT indexname FROM pg_indexes WHERE upper(indexdef) LIKE '% WHERE %'"
    partial = frozenset(conn.execute(text(sql)).scalars())
    assert OPEN_NOW_INDEXES <= partial, OPEN_NOW_INDEXES - partial
    return OPEN_NOW_INDEXES


def full_scans(conn: Connection, statement: str, parameters: Any) -> list[str]:
    """The plan's steps that read a history table whole."""
    if conn.dialect.name == "sqlite":
        partial = open_now_indexes(conn)
        steps = [row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
        found = []
        for step in steps:
            m = SQLITE_SCAN.match(step)
            if m and m[1] in HISTORY and m[2] not in partial:
                found.append(step)
        return found
    conn.exec_driver_sql("SET enable_seqscan = off")
    [[plan]] = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement, parameters).all()
    return [f"{n['Node Type']} on {n['Relation Name']}" + (f" using {n['Index Name']}" if "Index Name" in n else "")
            for n in pg_nodes(plan[0]["Plan"]) if n.get("Relation Name") in HISTORY and pg_walks_whole(n)]


def pg_nodes(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for child in node.get("Plans", []):
        yield from pg_nodes(child)


def pg_walks_whole(node: dict[str, Any]) -> bool:
    """A sequential scan, or an index scan with no condition on an index that holds the whole history."""
    if node["Node Type"] in ("Seq Scan", "Parallel Seq Scan"):
        return True
    return (node["Node Type"] in ("Index Scan", "Index Only Scan", "Bitmap Index Scan") and "Index Cond" not in node
            and node.get("Index Name") not in OPEN_NOW_INDEXES)


def scans_of(ctx: AppContext, read: Read) -> dict[str, list[str]]:
    """Run the read, then explain each statement it ran: {statement: its full scans of history}."""
    with captured(ctx) as statements:
        read()
    assert statements, "the read ran no SELECT: nothing was checked"
    found: dict[str, list[str]] = {}
    with ctx.db.engine.connect() as conn:
        for statement, parameters in statements:
            if scans := full_scans(conn, statement, parameters):
                found[" ".join(statement.split())[:400]] = scans
        conn.rollback()
    return found


@pytest.fixture
def desk(ctx: AppContext, admin: Actor) -> dict[str, Actor]:
    """A clinic with something of each kind open now: a patient taken with running clocks (王一), one
    received and waiting for a doctor (李二), one on the way to the fever clinic (张三)."""
    for name, roles in (("nurse", ["triage_nurse"]), ("doc", ["doctor"]), ("gate", ["gatekeeper"])):
        ctx.users.create(admin, username=name, full_name=name, roles=roles, password=f"{name}-pass-1")
    people = {n: ctx.users.authenticate(n, f"{n}-pass-1", f"ws-{n}") for n in ("nurse", "doc", "gate")}
    nurse, doc = people["nurse"], people["doc"]
    taken = arrive(ctx, nurse, doc, "王一", "11010519491231002X")
    ctx.cases.take(doc, taken)
    observed_with_tests(ctx, doc, taken)
    arrive(ctx, nurse, doc, "李二", "110105194912310046")
    screening = ctx.screening.record(nurse, ScreeningInput(38.2, symptoms=frozenset({"fever"}), health_code="green"))
    visit = ctx.registration.register(nurse, screening_id=screening.id, patient=PatientInput(
        name="张三", id_type="resident_id", id_number="110105194912310062"))
    ctx.handoffs.send(nurse, visit.visit_no, "导医 陈")
    return people | {"admin": admin}


def open_now_reads(ctx: AppContext, people: dict[str, Actor]) -> dict[str, Read]:
    nurse, doc, admin = people["nurse"], people["doc"], people["admin"]
    with ctx.db.read() as s:
        today = ListQuery(day=clinic_day(s, ctx.clock.now()))
    newest = ctx.lists.page(nurse, today)
    counts = WorkCountsService(ctx.db, ctx.clock)
    [first_case] = ctx.cases.case_list(doc, limit=1)
    return {
        "list today (count)": lambda: ctx.lists.count(nurse, today),
        "list today (page)": lambda: ctx.lists.page(nurse, today),
        "list today (next page)": lambda: ctx.lists.page(nurse, today, before_id=newest[0].screening_id),
        "arrived since": lambda: ctx.handoffs.arrived_since(nurse, ctx.clock.now() - timedelta(hours=1)),
        "open hand-offs": lambda: ctx.handoffs.open_handoffs(nurse),
        "open cases": lambda: ctx.cases.open_cases(doc, include_admitted=True),
        "my open cases": lambda: ctx.cases.open_cases(doc, mine_only=True),
        "waiting": lambda: ctx.cases.waiting(doc),
        "hand-overs for me": lambda: ctx.cases.handovers_for(doc),
        "case list (count)": lambda: ctx.cases.count_open(doc),
        "case list (page)": lambda: ctx.cases.case_list(doc),
        "case list (next page)": lambda: ctx.cases.case_list(doc, after=first_case.cursor),
        "my case list (count)": lambda: ctx.cases.count_open(doc, mine_only=True),
        "my case list (page)": lambda: ctx.cases.case_list(doc, mine_only=True),
        "my case list (next page)": lambda: ctx.cases.case_list(doc, mine_only=True, after=first_case.cursor),
        "untaken": lambda: ctx.untaken.untaken(doc),
        "open clocks": lambda: ctx.deadlines.board(doc),
        "overdue count": lambda: ctx.deadlines.overdue_count(doc),
        "work counts (doctor)": lambda: counts.counts(doc),
        "work counts (admin)": lambda: counts.counts(admin),
        "gate inside": lambda: ctx.gate.inside(people["gate"]),
        "transfer board": lambda: ctx.transfers.open_transfers(doc),
    }


def test_every_open_now_read_avoids_a_full_scan_of_history(ctx: AppContext, desk: dict[str, Actor]) -> None:
    found = {name: scans for name, read in open_now_reads(ctx, desk).items() if (scans := scans_of(ctx, read))}
    assert found == {}


def test_the_reads_see_what_is_open(ctx: AppContext, desk: dict[str, Actor]) -> None:
    """The reads the plans are checked for answer from the open rows (so the check is of real reads)."""
    doc = desk["doc"]
    assert [w.patient_name for w in ctx.cases.waiting(doc)] == ["李二"]
    assert [c.patient_name for c in ctx.cases.open_cases(doc)] == ["王一"]
    assert [c.patient_name for c in ctx.cases.case_list(doc, mine_only=True)] == ["王一"]
    assert ctx.cases.count_open(doc) == ctx.cases.count_open(doc, mine_only=True) == 1
    assert [h.visit_no for h in ctx.handoffs.open_handoffs(desk["nurse"])] != []
    assert ctx.untaken.untaken(doc).count == 0  # waiting, but not yet past the limit
    ctx.clock.advance(minutes=11)  # type: ignore[attr-defined]
    assert [p.visit_no for p in ctx.untaken.untaken(doc).patients] == [w.visit_no for w in ctx.cases.waiting(doc)]


def test_taking_the_case_ends_the_wait_in_the_same_transaction(ctx: AppContext, desk: dict[str, Actor]) -> None:
    doc = desk["doc"]
    [waiting] = ctx.cases.waiting(doc)
    ctx.cases.take(doc, waiting.visit_no)
    assert ctx.cases.waiting(doc) == []
    assert WorkCountsService(ctx.db, ctx.clock).counts(doc).waiting == 0


def plan_text(ctx: AppContext, read: Read) -> str:
    with captured(ctx) as statements:
        read()
    with ctx.db.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            return "\n".join(row[3] for st, params in statements
                             for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + st, params))
        conn.exec_driver_sql("SET enable_seqscan = off")
        return "\n".join(row[0] for st, params in statements for row in conn.exec_driver_sql("EXPLAIN " + st, params))


def test_the_check_fails_when_an_index_is_missing(ctx: AppContext, desk: dict[str, Actor]) -> None:
    """Without an index on the open cases, the open-case reads scan every case ever taken: the check sees it."""
    with ctx.db.engine.begin() as conn:
        for index in ("ix_cases_closed_taken", "ix_cases_doctor_open"):
            conn.execute(text(f"DROP INDEX {index}"))
    for read in (lambda: ctx.cases.open_cases(desk["doc"]), lambda: ctx.cases.case_list(desk["doc"]),
                 lambda: ctx.cases.count_open(desk["doc"], mine_only=True)):
        found = scans_of(ctx, read)
        assert any(re.search(r"\bcases\b", step) for scans in found.values() for step in scans), found


@pytest.mark.parametrize("read, index", [
    ("waiting", "ix_handoffs_waiting"), ("untaken", "ix_handoffs_waiting"),
    ("open hand-offs", "ix_handoffs_escorting"), ("list today (page)", "ix_handoffs_visit_latest"),
    ("open cases", "ix_cases_closed_taken"), ("overdue count", "ix_clocks_open_due"),
    ("hand-overs for me", "ix_case_handovers_pending"), ("case list (count)", "ix_cases_closed_taken"),
    ("case list (page)", "ix_cases_closed_taken"), ("case list (next page)", "ix_cases_closed_taken"),
    ("my case list (page)", "ix_cases_doctor_open"), ("my case list (next page)", "ix_cases_doctor_open"),
])
def test_each_open_now_read_uses_its_own_index(ctx: AppContext, desk: dict[str, Actor], read: str, index: str) -> None:
    """Not only no full scan: the read starts from the index that holds what is open now (an index of the
    whole history, e.g. hand-offs by state, would pass the scan check and still grow with the years)."""
    assert index in plan_text(ctx, open_now_reads(ctx, desk)[read])


@pytest.mark.parametrize("read", ["case list (page)", "case list (next page)", "my case list (page)",
                                  "my case list (next page)"])
def test_a_page_of_the_case_list_is_read_in_its_order(ctx: AppContext, desk: dict[str, Actor], read: str) -> None:
    """A page of the fever-clinic list is the first rows of an index range already in the list's order: no step
    sorts every open case (20 000 of them at the worst) to return 200."""
    plan = plan_text(ctx, open_now_reads(ctx, desk)[read])
    assert "TEMP B-TREE FOR ORDER BY" not in plan and "Sort Key: cases" not in plan, plan


def test_the_list_shows_each_visits_current_hand_off(ctx: AppContext, desk: dict[str, Actor]) -> None:
    """The per-row look-up of the latest hand-off gives what the grouping gave: the newest state."""
    nurse = desk["nurse"]
    with ctx.db.read() as s:
        today = ListQuery(day=clinic_day(s, ctx.clock.now()))
    states = {r.patient_name: r.handoff_state for r in ctx.lists.page(nurse, today)}
    assert states == {"王一": "arrived", "李二": "arrived", "张三": "escorting"}
    assert ctx.lists.count(nurse, today) == 3
    assert ctx.lists.count(nurse, ListQuery(day=today.day, text="李")) == 1


def test_the_alert_scan_reads_only_its_windows(ctx: AppContext, desk: dict[str, Actor]) -> None:
    """The early-warning scan (app/reporting/alerts.py) as a desk runs it after a write anywhere (a service that
    remembers nothing reads every signal): classifications and arrivals of the last 14 days, visits of the last
    21, daily counts of the last 28, the raised keys and the open alerts, each by its index — no history."""
    from app.reporting.alerts import AlertService

    doc, admin = desk["doc"], desk["admin"]
    [case] = ctx.cases.open_cases(doc)
    ctx.cases.classify(doc, case.visit_no, case.version, "suspected")
    ctx.clock.advance(days=8)  # type: ignore[attr-defined]  # a clinic a week old has its EARS series
    reads: dict[str, Read] = {"alert scan": lambda: AlertService(ctx.db, ctx.clock).scan(admin),
                              "open alerts": lambda: AlertService(ctx.db, ctx.clock).open_alerts(admin)}
    plan = plan_text(ctx, reads["alert scan"])
    used = set(re.findall(r"\b(ix_\w+)", plan))
    assert {"ix_case_classifications_at", "ix_pharmacy_purchases_clinic_day"} <= used, plan  # outside HISTORY
    assert used & {"ix_visits_clinic_day", "ix_visits_queue"}, plan  # both lead with clinic_day
    found = {name: scans for name, read in reads.items() if (scans := scans_of(ctx, read))}
    assert found == {}


def test_the_alert_scan_after_a_write_reads_the_trail_by_its_key(ctx: AppContext, desk: dict[str, Actor]) -> None:
    """A desk's scan after writes reads the trail's rows between the two heads (a key range) and, for a
    classification, that visit's events by its key: no window, no history."""
    doc, admin = desk["doc"], desk["admin"]
    alerts = ctx.alerts
    alerts.scan(admin)
    [case] = ctx.cases.open_cases(doc)
    ctx.cases.classify(doc, case.visit_no, case.version, "suspected")
    with captured(ctx) as statements:
        [raised] = alerts.scan(admin)
    assert raised.dedupe_key == f"case:{case.visit_no}:suspected"
    with ctx.db.engine.connect() as conn:
        found = {st: scans for st, params in statements if (scans := full_scans(conn, st, params))}
        conn.rollback()
    assert found == {}
    read = "\n".join(st for st, _ in statements)
    assert "FROM audit_events" in read and "visits.clinic_day >=" not in read, read


def test_the_listed_hand_offs_are_the_records_the_rows_give(ctx: AppContext, desk: dict[str, Actor]) -> None:
    """The feed reads columns, not ORM rows: each record equals what ``handoff_record`` makes of its row, so a
    field added to HandoffRecord and not to the feed's columns fails here."""
    from sqlalchemy import select

    from app.triage.common import handoff_record
    from app.triage.tables import Handoff

    nurse = desk["nurse"]
    listed = {h.id: h for h in (*ctx.handoffs.open_handoffs(nurse),
                                *ctx.handoffs.arrived_since(nurse, ctx.clock.now() - timedelta(days=1)))}
    with ctx.db.read() as s:
        rows = {r.id: handoff_record(r) for r in s.scalars(select(Handoff).where(Handoff.id.in_(listed)))}
    assert len(listed) == 3 and all(h.queue_no is not None for h in listed.values())
    assert {i: h.__class__(**{**h.__dict__, "received_by_name": None}) for i, h in listed.items()} == rows
    from app.triage.handoff_service import _LISTED
    from app.triage.records import HandoffRecord

    assert list(_LISTED.selected_columns.keys()) == list(HandoffRecord.__dataclass_fields__)  # built positionally
