"""The change marker (app/changes.py, issue 16) on SQLite and PostgreSQL: it moves with every audited write
(another desk's included), not with reads; a read within the sharing window is not asked again."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from app.actor import Actor
from app.changes import ChangeMarker
from app.context import AppContext


def test_the_marker_moves_with_a_write_and_not_with_a_read(ctx: AppContext, admin: Actor) -> None:
    marker = ChangeMarker(ctx.db, share_s=0)
    before = marker.read()
    assert ctx.users.list(admin)  # a read
    assert marker.read() == before
    ctx.users.create(admin, username="nurse", full_name="李娜", roles=["triage_nurse"], password="nurse-pass-1")
    assert marker.read() > before


def test_reads_within_the_sharing_window_ask_once(ctx: AppContext, admin: Actor) -> None:
    ticks = [100.0]
    marker = ChangeMarker(ctx.db, share_s=0.5, monotonic=lambda: ticks[0])
    asked: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "audit_head" in statement:
            asked.append(statement)

    event.listen(ctx.db.engine, "before_cursor_execute", record)
    try:
        first = marker.read()
        ctx.users.create(admin, username="nurse", full_name="李娜", roles=["triage_nurse"], password="nurse-pass-1")
        asked.clear()
        assert marker.read() == first and asked == []  # shared: the same answer, no query
        ticks[0] += 0.6
        assert marker.read() > first and len(asked) == 1
        marker.forget()
        marker.read()
        assert len(asked) == 2
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", record)


def test_one_marker_per_database(ctx: AppContext) -> None:
    assert ChangeMarker.of(ctx.db) is ChangeMarker.of(ctx.db)
