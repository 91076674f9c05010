"""Issue 16: a triage save on SQLite relies on the roles its desk read at the audit head it wrote last, checked in
the save's own audit statement — one read less per save — and reads them again whenever anything was written since:
an account disabled or a role taken away, at this desk or another, stops the very next save (SQLite and
PostgreSQL; PostgreSQL reads the roles at every save)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, func, select

from app.actor import Actor
from app.clock import FixedClock
from app.context import AppContext, open_context
from app.db.engine import Database
from app.db.models import AuditEvent
from app.errors import PermissionDenied
from app.passwords import OWASP_FLOOR
from app.paths import DataPaths
from app.triage.records import ScreeningInput
from app.triage.tables import Screening

FEVER = ScreeningInput(38.6, symptoms=frozenset({"fever", "cough"}), health_code="green")


@contextmanager
def role_reads(db: Database) -> Iterator[list[str]]:
    """The reads of an account's roles that ``db`` sends meanwhile."""
    seen: list[str] = []

    def before(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "user_roles" in statement:
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", before)


def screenings(ctx: AppContext) -> int:
    with ctx.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Screening)) or 0)


def last_outcome(ctx: AppContext) -> tuple[str, str, str]:
    with ctx.db.read() as s:
        e = s.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).one()
        return e.action, e.outcome, e.username


def test_consecutive_saves_at_one_desk_read_the_roles_once(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse = staff["nurse"]
    with role_reads(ctx.db) as seen:
        for _ in range(3):
            ctx.screening.record(nurse, FEVER)
    assert len(seen) == (1 if ctx.db.is_sqlite else 3)


def test_an_account_disabled_at_this_desk_stops_the_next_save(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse = staff["nurse"]
    ctx.screening.record(nurse, FEVER)
    ctx.screening.record(nurse, FEVER)
    ctx.users.set_active(staff["admin"], "nurse", False)
    before = screenings(ctx)
    with pytest.raises(PermissionDenied) as exc:
        ctx.screening.record(nurse, FEVER)
    assert exc.value.code == "account_disabled"
    assert screenings(ctx) == before
    assert last_outcome(ctx) == ("triage.screen", "denied", "nurse")


def test_a_role_taken_away_at_another_desk_stops_the_next_save(ctx: AppContext, staff: dict[str, Actor],
                                                              paths: DataPaths, db_url: str, clock: FixedClock
                                                              ) -> None:
    """The other desk's edit is audited: the head moves, so this desk's next save reads the roles again — after
    its own work, before its commit — and is refused and rolled back whole."""
    nurse = staff["nurse"]
    ctx.screening.record(nurse, FEVER)
    ctx.screening.record(nurse, FEVER)
    other_desk = open_context(paths, db_url, clock=clock, argon2=OWASP_FLOOR)
    try:
        [info] = [u for u in other_desk.users.list(staff["admin"]) if u.username == "nurse"]
        other_desk.users.update(staff["admin"], username="nurse", expected_version=info.version,
                                full_name=info.full_name, roles=["doctor"])
    finally:
        other_desk.close()
    before = screenings(ctx)
    with pytest.raises(PermissionDenied) as exc:
        ctx.screening.record(nurse, FEVER)
    assert exc.value.code == "permission_denied"
    assert screenings(ctx) == before
    assert last_outcome(ctx) == ("triage.screen", "denied", "nurse")


def test_a_refusal_is_never_remembered(ctx: AppContext, staff: dict[str, Actor]) -> None:
    """The doctor may not screen: refused at every attempt, each time after reading the roles."""
    doctor = staff["doctor"]
    with role_reads(ctx.db) as seen:
        for _ in range(2):
            with pytest.raises(PermissionDenied):
                ctx.screening.record(doctor, FEVER)
    assert len(seen) == 2
