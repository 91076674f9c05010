"""Polls that cost nothing when nothing changed (issue 16): a feed reads the change marker (app/changes.py)
first and skips its query when the marker did not move; a write at another desk moves it; time alone (a
hand-off turning overdue) is re-evaluated in memory; the gate keeps its offline copy in memory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from app.actor import Actor
from app.changes import ChangeMarker
from app.context import AppContext, open_context
from app.passwords import OWASP_FLOOR
from tests.ui.triage_support import NURSE_PASSWORD, make_visit, session_for
from ui.handoff_feed import HandoffFeed
from ui.session import Session


class Statements:
    """Every SQL statement the context's engine runs while attached."""

    def __init__(self, ctx: AppContext) -> None:
        self.engine = ctx.db.engine
        self.seen: list[str] = []
        event.listen(self.engine, "before_cursor_execute", self._record)

    def _record(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        self.seen.append(statement)

    def on(self, table: str) -> list[str]:
        return [s for s in self.seen if f"FROM {table}" in s or f"JOIN {table}" in s]

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._record)


@pytest.fixture
def statements(nurse_session: Session) -> Iterator[Statements]:
    counter = Statements(nurse_session.ctx)
    yield counter
    counter.close()


@pytest.fixture
def feed(qtbot: Any, nurse_session: Session) -> HandoffFeed:
    ChangeMarker.of(nurse_session.ctx.db).share_s = 0  # every poll asks the database (no sharing in a test)
    feed = HandoffFeed(nurse_session)
    feed.poll()
    assert feed.reads == 1
    return feed


def test_a_poll_does_not_query_when_the_marker_did_not_move(feed: HandoffFeed, statements: Statements) -> None:
    announced: list[Any] = []
    feed.updated.connect(announced.append)
    for _ in range(3):
        feed.poll(force=False)
    assert feed.reads == 1
    assert statements.on("handoffs") == [] and len(statements.on("audit_head")) == 3
    assert announced == []  # nothing a person sees changed: nothing is announced either
    feed.poll()  # a page asking (after its own write) reads whatever the marker says
    assert feed.reads == 2 and statements.on("handoffs")


def test_a_write_at_another_desk_is_read_at_the_next_tick(feed: HandoffFeed, nurse_session: Session,
                                                          data_paths: Any, clock: Any) -> None:
    other = open_context(data_paths, argon2=OWASP_FLOOR, clock=clock)  # another desk on the same database
    try:
        nurse = other.users.authenticate("nurse", NURSE_PASSWORD, "desk-2")
        sent = make_visit(other, nurse, name="钱七")
    finally:
        other.close()
    feed.poll(force=False)
    assert feed.reads == 2
    assert feed.snapshot is not None and [h.visit_no for h in feed.snapshot.open] == [sent.visit_no]


def test_a_hand_off_turning_overdue_shows_without_a_write(feed: HandoffFeed, nurse_session: Session,
                                                          statements: Statements, clock: Any) -> None:
    make_visit(nurse_session.ctx, nurse_session.actor)
    feed.poll()
    assert feed.snapshot is not None and feed.snapshot.overdue() == []
    reads = feed.reads
    statements.seen.clear()
    clock.advance(minutes=16)  # past the hand-off's due time; nothing is written
    announced: list[Any] = []
    feed.updated.connect(announced.append)
    feed.poll(force=False)
    assert feed.reads == reads and statements.on("handoffs") == []
    assert len(announced) == 1 and len(announced[0].overdue()) == 1


def test_a_new_day_reads_again(feed: HandoffFeed, clock: Any) -> None:
    clock.advance(hours=24)  # "arrived today" is another day's list
    feed.poll(force=False)
    assert feed.reads == 2


def test_the_gate_parses_its_offline_copy_once_not_per_scan(nurse_session: Session, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from app.wards.gate import GateStation

    ctx = nurse_session.ctx
    station = GateStation(ctx.gate, ctx.clock, tmp_path, "东门")
    station.refresh_cache()
    parsed: list[Path] = []
    read_text = Path.read_text

    def counting(self: Path, *args: Any, **kwargs: Any) -> str:
        if self == station.cache_path:
            parsed.append(self)
        return read_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", counting)
    for _ in range(5):
        station.check(Actor.system("gate-desk"), "not a permit")
        station.status()
    assert parsed == []  # the refreshed copy is kept in memory as it was written
    restarted = GateStation(ctx.gate, ctx.clock, tmp_path, "东门")
    for _ in range(5):
        restarted.status()
    assert len(parsed) == 1  # after a start: read once
