"""Migration 0019 (issue 15): the transfer request's handover facts. A database at 0018 gains the three
columns, empty for the transfers it already holds; the downgrade takes them away again."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect
from sqlalchemy.engine.interfaces import ReflectedColumn

from app.db import migrate
from app.db.engine import Database
from app.paths import DataPaths

NEW = {"underlying_conditions", "lines_medication", "documents"}


def _columns(db: Database) -> dict[str, ReflectedColumn]:
    return {c["name"]: c for c in inspect(db.engine).get_columns("transfers")}


def test_0019_adds_the_handover_facts_and_takes_them_away(paths: DataPaths, db_url: str) -> None:
    paths.ensure()
    db = Database(db_url)
    try:
        migrate.upgrade(db, "0018")
        assert not NEW & set(_columns(db))
        migrate.upgrade(db, "0019")
        assert migrate.current_revision(db) == "0019"
        columns = _columns(db)
        for name in NEW:
            assert not columns[name]["nullable"] and "''" in str(columns[name]["default"]), name
        with migrate.CLINIC.locked(db) as conn:
            migrate.CLINIC.run(conn, command.downgrade, "0018")
        assert migrate.current_revision(db) == "0018" and not NEW & set(_columns(db))
    finally:
        db.dispose()
