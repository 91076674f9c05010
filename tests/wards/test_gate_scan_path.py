"""Issue 16, what one scan costs: a recorded scan is one write transaction with one commit (the gate event
and its audit row together), a dry check writes nothing, and the work that grows with the clinic (the
offline copy) or that a checkpoint needs runs from the gate's idle poll (``GateStation.upkeep``), never in
a scan. Scans queued offline are written back before the next online decision, so it knows them."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, select, update

from app import audit
from app.context import AppContext
from app.db.engine import Database
from app.wards.gate import GateService, GateStation
from app.wards.tables import GateEvent
from tests.wards.conftest import Ward, escort, visitor

UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1"
GATE = "内科门岗"


@contextmanager
def counted(db: Database) -> Iterator[dict[str, int]]:
    """Commits and writing statements sent to the database meanwhile."""
    seen = {"commits": 0, "writes": 0}

    def on_commit(_conn: Any) -> None:
        seen["commits"] += 1

    def on_statement(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if statement.lstrip().split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE", "BEGIN"):
            if not statement.startswith("BEGIN") or "IMMEDIATE" in statement:
                seen["writes"] += 1

    event.listen(db.engine, "commit", on_commit)
    event.listen(db.engine, "before_cursor_execute", on_statement)
    try:
        yield seen
    finally:
        event.remove(db.engine, "commit", on_commit)
        event.remove(db.engine, "before_cursor_execute", on_statement)


def later(ctx: AppContext, **kw: float) -> None:
    ctx.clock.advance(**kw)  # type: ignore[attr-defined]


def test_a_recorded_scan_is_one_transaction_and_a_dry_check_writes_nothing(ctx: AppContext, hospital: Ward,
                                                                           tmp_path: Path) -> None:
    p = escort(ctx, hospital)
    station = GateStation(ctx.gate, ctx.clock, tmp_path, GATE)
    station.upkeep(hospital.gatekeeper)
    with counted(ctx.db) as dry:
        assert station.check(hospital.gatekeeper, p.payload, record=False).outcome == "admit"
    assert dry["writes"] == 0
    for text, direction, outcome in ((p.payload, "in", "admit"), (p.payload, "in", "repeat"),
                                     ("FSP1:GARBAGE", "in", "deny")):
        with counted(ctx.db) as seen:
            assert station.check(hospital.gatekeeper, text, direction).outcome == outcome
        assert seen["commits"] == 1, (outcome, seen)  # the event, who is inside and the audit row: one commit
    later(ctx, minutes=1)
    with counted(ctx.db) as seen:
        assert station.check(hospital.gatekeeper, p.payload, "out").outcome == "exit"
    assert seen["commits"] == 1
    with ctx.db.read() as s:  # each audit row keeps the digest of its gate event as the database holds it
        assert audit.verify_all(s).ok
    with ctx.db.write() as s:
        s.execute(update(GateEvent).where(GateEvent.outcome == "exit").values(gate="东门"))
    with ctx.db.read() as s:
        report = audit.verify_all(s)
    assert (report.ok, report.problem, report.edited and report.edited.entity) == (False, "business_row_edited",
                                                                                   "gate_event")


def test_the_offline_copy_is_refreshed_by_the_idle_poll_never_by_a_scan(ctx: AppContext, hospital: Ward,
                                                                        tmp_path: Path) -> None:
    p = escort(ctx, hospital)
    station = GateStation(ctx.gate, ctx.clock, tmp_path, GATE)
    taken: list[str] = []
    snapshot = ctx.gate.snapshot

    def counting() -> dict[str, Any]:
        copy = snapshot()
        taken.append(copy["taken_at"])
        return copy

    ctx.gate.snapshot = counting  # type: ignore[method-assign]
    assert station.check(hospital.gatekeeper, p.payload).outcome == "admit"  # no copy yet: still none taken
    later(ctx, hours=2)
    assert station.check(hospital.gatekeeper, p.payload, "out").outcome == "exit"
    assert taken == [] and not station.cache_path.exists()
    first = ctx.clock.now()
    assert station.upkeep(hospital.gatekeeper) == first  # no copy: taken now
    assert len(taken) == 1 and station.cache_path.exists() and station.status().data_taken_at == first
    later(ctx, minutes=1)
    assert station.upkeep(hospital.gatekeeper) == first and len(taken) == 1  # fresh: kept
    restarted = GateStation(ctx.gate, ctx.clock, tmp_path, GATE)  # the copy on the disk counts after a restart
    assert restarted.upkeep(hospital.gatekeeper) == first and len(taken) == 1
    later(ctx, minutes=1, seconds=1)
    assert station.upkeep(hospital.gatekeeper) == ctx.clock.now() and len(taken) == 2  # due after two minutes


def test_scans_queued_offline_are_written_back_before_the_next_online_decision(ctx: AppContext, hospital: Ward,
                                                                               tmp_path: Path) -> None:
    v = visitor(ctx, hospital)
    online = GateStation(ctx.gate, ctx.clock, tmp_path, GATE)
    online.upkeep(hospital.gatekeeper)
    down = GateStation(GateService(Database(UNREACHABLE), ctx.clock), ctx.clock, tmp_path, GATE)
    assert down.check(hospital.gatekeeper, v.payload).outcome == "admit"  # decided offline, queued
    later(ctx, minutes=1)
    again = online.check(hospital.gatekeeper, v.payload)  # the database answers again
    assert (again.outcome, again.reason, again.offline) == ("deny", "visit_used", False)
    assert online.pending() == []
    later(ctx, minutes=1)
    out = online.check(hospital.gatekeeper, v.payload, "out")
    assert out.outcome == "exit" and "not_inside" not in out.flags  # the queued entry counts


def test_the_idle_poll_checkpoints_the_write_ahead_log(ctx: AppContext, hospital: Ward, tmp_path: Path) -> None:
    """On SQLite the scans' pages go back into the database file from the poll, so no scan's commit carries
    a checkpoint; PostgreSQL has nothing to do."""
    p = escort(ctx, hospital)
    station = GateStation(ctx.gate, ctx.clock, tmp_path, GATE)
    station.upkeep(hospital.gatekeeper)
    for i in range(6):
        later(ctx, seconds=11)
        station.check(hospital.gatekeeper, p.payload, "out" if i % 2 else "in")
    station.upkeep(hospital.gatekeeper)
    if not ctx.db.is_sqlite:
        assert ctx.db.checkpoint() is None
        return
    assert ctx.db.sqlite_path is not None
    alone = tmp_path / "file-alone.sqlite3"  # the database file without its log: what was checkpointed
    shutil.copyfile(ctx.db.sqlite_path, alone)
    with closing(sqlite3.connect(alone)) as conn:
        in_file = conn.execute("SELECT count(*) FROM gate_events").fetchone()[0]
    with ctx.db.read() as s:
        assert in_file == s.scalar(select(func.count()).select_from(GateEvent)) == 6
