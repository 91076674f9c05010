"""The save path's prepared statements (app/db/prepared.py) give what SQLAlchemy's own execution gives, on
SQLite and PostgreSQL: the same rows and values, the same typed errors, every statement seen by a listener."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any, cast

import pytest
from sqlalchemy import Table, bindparam, create_engine, event, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import NullPool

from app.context import AppContext
from app.db.engine import connection_of
from app.db.prepared import Prepared
from app.services.base import insert_row
from app.triage.tables import SCREENINGS, Patient

AT = datetime(2026, 3, 1, 8, 30, 15, 123456, tzinfo=timezone.utc)
SCREENING = dict(screened_at=AT, clinic_day=date(2026, 3, 1), username="nurse", workstation="desk-1",
                 temperature_c=37.0, temp_method="forehead", symptoms="cough", contact_case=True, cluster=False,
                 health_code="green", occupation="none", antipyretic=False, computed_decision="fever_clinic",
                 decision="fever_clinic", reasons="fever")


def test_an_insert_returns_the_row_a_select_reads(ctx: AppContext) -> None:
    """Types both ways: an aware UTC time, a day, booleans, a whole-number REAL, a column left to its default."""
    with ctx.db.write() as s:
        row = insert_row(s, SCREENINGS, dict(SCREENING))
        read = connection_of(s).execute(select(SCREENINGS).where(SCREENINGS.c.id == row.id)).one()
    assert row._mapping == dict(read._mapping)
    assert row.screened_at == AT and row.clinic_day == date(2026, 3, 1)
    assert row.contact_case is True and row.cluster is False
    assert isinstance(row.temperature_c, float) and row.temperature_c == 37.0
    assert row.source == "desk"  # the column's default, sent by the plan
    assert row.urgent is False


def test_a_select_with_a_literal_and_a_parameter(ctx: AppContext) -> None:
    table = cast(Table, Patient.__table__)
    query = Prepared(select(table.c.id, table.c.name).where(table.c.id_type == "passport",
                                                            table.c.id_number == bindparam("number")))
    with ctx.db.write() as s:
        made = insert_row(s, table, dict(name="王小明", name_initials="wxm", id_type="passport", id_number="E1",
                                         sex="male", created_at=AT, updated_at=AT))
        conn = connection_of(s)
        assert [tuple(r) for r in query.rows(conn, {"number": "E1"})] == [(made.id, "王小明")]
        assert query.first(conn, {"number": "E2"}) is None
        assert query.one(conn, {"number": "E1"}).name == "王小明"


def test_update_counts_its_rows(ctx: AppContext) -> None:
    change = Prepared(update(SCREENINGS).where(SCREENINGS.c.id == bindparam("sid")).values(
        decision=bindparam("d")))
    with ctx.db.write() as s:
        row = insert_row(s, SCREENINGS, dict(SCREENING))
        assert change.rowcount(connection_of(s), {"sid": row.id, "d": "general"}) == 1
        assert change.rowcount(connection_of(s), {"sid": row.id + 1000, "d": "general"}) == 0


def test_a_driver_error_is_sqlalchemys(ctx: AppContext) -> None:
    """A duplicate key leaves as sqlalchemy's IntegrityError (services and Database.guard rely on it), and the
    unit of work rolls back whole."""
    duplicate = Prepared(insert(SCREENINGS))
    with pytest.raises(IntegrityError):
        with ctx.db.write() as s:
            row = insert_row(s, SCREENINGS, dict(SCREENING))
            duplicate.rowcount(connection_of(s), {**SCREENING, "id": row.id})
    with ctx.db.read() as s:
        assert connection_of(s).execute(select(SCREENINGS.c.id)).first() is None


def test_a_listener_sees_every_statement(ctx: AppContext) -> None:
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(ctx.db.engine, "before_cursor_execute", record)
    try:
        with ctx.db.write() as s:
            insert_row(s, SCREENINGS, dict(SCREENING))
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", record)
    assert any(statement.startswith("INSERT INTO screenings") for statement in seen)


def test_what_it_cannot_prepare_runs_through_sqlalchemy(ctx: AppContext) -> None:
    """An expanding IN list has no fixed SQL: SQLAlchemy runs it, with the same result."""
    query = Prepared(select(SCREENINGS.c.id).where(SCREENINGS.c.decision.in_(bindparam("d", expanding=True))))
    with ctx.db.write() as s:
        row = insert_row(s, SCREENINGS, dict(SCREENING))
        assert [r.id for r in query.rows(connection_of(s), {"d": ["fever_clinic", "isolate"]})] == [row.id]


def test_a_connection_dropped_while_idle_is_replaced(ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL: a pooled connection idle past PING_AFTER_IDLE_S is pinged first; the server having dropped it
    (a restart, a broken link), the unit of work runs on a new one instead of failing."""
    from app.db import engine as engine_module

    if ctx.db.is_sqlite:
        pytest.skip("PostgreSQL's pool")
    with ctx.db.read() as s:
        pid = connection_of(s).exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
    killer = create_engine(ctx.db.url, poolclass=NullPool)  # another client ends its server process
    with killer.connect() as other:
        other.exec_driver_sql(f"SELECT pg_terminate_backend({int(pid)})")
        other.commit()
    killer.dispose()
    monkeypatch.setattr(engine_module, "PING_AFTER_IDLE_S", 0.0)
    for _ in range(3):  # whichever pooled connection comes out, every unit of work succeeds
        with ctx.db.write() as s:
            insert_row(s, SCREENINGS, dict(SCREENING))
    with ctx.db.read() as s:
        assert len(connection_of(s).execute(select(SCREENINGS.c.id)).all()) == 3
