"""Issue 16: a save advances the audit head it last wrote without reading it first (one statement less), and
reads it when another desk appended, a save rolled back or the head was rewound — the chain holds every time
(SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, text

from app import audit
from app.actor import Actor
from app.context import AppContext
from app.db.engine import Database
from app.triage.records import ScreeningInput

FEVER = ScreeningInput(38.6, symptoms=frozenset({"fever", "cough"}), health_code="green")


@contextmanager
def head_statements(db: Database) -> Iterator[list[str]]:
    """The statements touching audit_head that ``db`` sends meanwhile."""
    seen: list[str] = []

    def before(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if "audit_head" in statement:
            seen.append(statement.split(None, 1)[0].upper())

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", before)


def chain_ok(ctx: AppContext) -> audit.ChainReport:
    with ctx.db.read() as s:
        return audit.verify_all(s)


def test_the_desk_that_wrote_the_head_advances_it_without_reading_it(ctx: AppContext, staff: dict[str, Actor]
                                                                     ) -> None:
    nurse = staff["nurse"]
    ctx.screening.record(nurse, FEVER)
    with head_statements(ctx.db) as seen:
        ctx.screening.record(nurse, FEVER)
    assert seen == ["UPDATE"]
    assert chain_ok(ctx).ok


def test_another_desks_append_makes_the_next_save_read_the_head(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse = staff["nurse"]
    ctx.screening.record(nurse, FEVER)
    other = Database(ctx.db.url)  # a second desk on the same database
    try:
        for _ in range(2):
            with other.write() as s:
                audit.append(s, ctx.clock.now(), Actor.system("desk-2"), "test.other_desk", "database", None, {})
            with head_statements(ctx.db) as seen:
                ctx.screening.record(nurse, FEVER)
            assert seen == ["UPDATE", "SELECT", "UPDATE"]  # the guess missed, the head was read and advanced
    finally:
        other.dispose()
    report = chain_ok(ctx)
    assert report.ok and report.rows == report.head_seq


def test_a_rolled_back_append_is_not_built_upon(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse = staff["nurse"]
    ctx.screening.record(nurse, FEVER)
    with pytest.raises(RuntimeError), ctx.db.write() as s:
        audit.append(s, ctx.clock.now(), nurse, "test.rolled_back", "database", None, {})
        raise RuntimeError("the save fails after its audit row")
    record = ctx.screening.record(nurse, FEVER)
    report = chain_ok(ctx)
    assert report.ok and report.rows == report.head_seq
    with ctx.db.read() as s:
        actions = [r[0] for r in s.execute(text("SELECT action FROM audit_events ORDER BY seq DESC LIMIT 2"))]
    assert actions == ["triage.screen", "triage.screen"] and record.id


def test_a_head_changed_behind_the_desk_is_read_not_trusted(ctx: AppContext, staff: dict[str, Actor]) -> None:
    """The head this desk remembers is only a guess: one changed behind it (a restore puts another database's
    head in place; here the hash is set by hand) is read, and the next row chains onto it as the database holds
    it — never onto the one remembered."""
    nurse = staff["nurse"]
    ctx.screening.record(nurse, FEVER)
    with ctx.db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_head SET hash = :hash WHERE id = 1"), {"hash": "f" * 64})
    with head_statements(ctx.db) as seen:
        ctx.screening.record(nurse, FEVER)
    assert seen == ["UPDATE", "SELECT", "UPDATE"]
    with ctx.db.read() as s:
        seq, _ = audit.head(s)
        prev = s.execute(text("SELECT prev_hash FROM audit_events WHERE seq = :seq"), {"seq": seq}).scalar_one()
    assert prev == "f" * 64
