"""The clinic database the migrations make is the schema the models describe (issue 15): tables, columns (type,
nullability), primary keys, indexes (names, columns, unique, partial ``WHERE``), unique and foreign-key
constraints — on SQLite and, when FEVER_SENTINEL_TEST_PG_URL is set, PostgreSQL. The models follow the
migrations: a difference found here is fixed in the model, unless the migration itself is wrong.

Alembic's own comparison (``app.db.migrate.differences``, as the hub's test does) covers tables, columns, types,
nullability, indexes and constraints; this file adds what Alembic leaves out: SQLite's unnamed unique constraints,
partial-index conditions, primary keys and the ``ON DELETE`` of foreign keys. On SQLite a type is compared by its
affinity (SQLite ignores ``VARCHAR`` lengths; revisions 0005 and 0011 widen two columns on PostgreSQL only).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Index, MetaData, Table, UniqueConstraint, inspect
from sqlalchemy.dialects import sqlite

from app.db import migrate
from app.db.engine import Database
from app.db.models import Base

APP = Path(migrate.__file__).resolve().parents[1]


def table_modules() -> list[str]:
    """Every module of app/ that declares a table (``class X(Base)``): the metadata is complete only when all
    of them are imported, and a new one is found without editing this list."""
    found = []
    for path in sorted(APP.rglob("*.py")):
        if re.search(r"^class \w+\(Base\)", path.read_text(encoding="utf-8"), re.MULTILINE):
            parts = path.relative_to(APP.parent).with_suffix("").parts
            found.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


def models() -> MetaData:
    for module in table_modules():
        importlib.import_module(module)
    return Base.metadata


@pytest.fixture
def migrated(db_url: str) -> Iterator[Connection]:
    db = Database(db_url)
    try:
        migrate.upgrade(db)
        with db.engine.connect() as conn:
            yield conn
    finally:
        db.dispose()


def sqlite_affinity(type_name: str) -> str:
    """SQLite's column affinity for a declared type (https://www.sqlite.org/datatype3.html, 3.1)."""
    name = type_name.upper()
    if "INT" in name:
        return "INTEGER"
    if any(word in name for word in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    if "BLOB" in name or not name:
        return "BLOB"
    if any(word in name for word in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "NUMERIC"


def same_on_sqlite(diff: Any) -> bool:
    """A ``modify_type`` SQLite cannot tell apart: both types have the same affinity (a length, say)."""
    if not isinstance(diff, tuple) or diff[0] != "modify_type":
        return False
    found, expected = diff[5], diff[6]
    dialect = sqlite.dialect()
    return sqlite_affinity(found.compile(dialect=dialect)) == sqlite_affinity(expected.compile(dialect=dialect))


def alembic_differences(conn: Connection, metadata: MetaData) -> list[str]:
    """``app.db.migrate.differences``, with SQLite's same-affinity types let through."""
    def ours(name: str | None, type_: str, _parent: Any) -> bool:
        return type_ != "table" or name in metadata.tables

    context = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": ours})
    found = []
    for diff in compare_metadata(context, metadata):
        changes = diff if isinstance(diff, list) else [diff]
        if conn.dialect.name == "sqlite":
            changes = [change for change in changes if not same_on_sqlite(change)]
        found += [migrate._describe(change) for change in changes]
    return found


def condition(text: object) -> str | None:
    """A partial index's WHERE, comparable across spellings: ``(met_at IS NULL)`` == ``met_at is null``."""
    if text is None:
        return None
    words = re.sub(r"\s+", " ", str(text)).strip().lower()
    while words.startswith("(") and words.endswith(")"):
        words = words[1:-1].strip()
    return words


def model_shape(table: Table, dialect: str) -> dict[str, object]:
    indexes = {index.name: condition(index.dialect_options[dialect].get("where"))
               for index in table.indexes if isinstance(index, Index)}
    uniques = {tuple(c.name for c in constraint.columns) for constraint in table.constraints
               if isinstance(constraint, UniqueConstraint)}
    foreign_keys = {(tuple(fk.column_keys), fk.referred_table.name,
                     tuple(e.column.name for e in fk.elements), (fk.ondelete or "NO ACTION").upper())
                    for fk in table.foreign_key_constraints}
    return {"primary key": [c.name for c in table.primary_key.columns], "partial indexes": indexes,
            "unique constraints": uniques, "foreign keys": foreign_keys}


def database_shape(conn: Connection, table: str) -> dict[str, object]:
    found = inspect(conn)
    dialect = conn.dialect.name
    indexes = {ix["name"]: condition(ix.get("dialect_options", {}).get(f"{dialect}_where"))
               for ix in found.get_indexes(table) if not ix.get("duplicates_constraint")}
    uniques = {tuple(uc["column_names"]) for uc in found.get_unique_constraints(table)}
    foreign_keys = {(tuple(fk["constrained_columns"]), fk["referred_table"], tuple(fk["referred_columns"]),
                     (fk.get("options", {}).get("ondelete") or "NO ACTION").upper())
                    for fk in found.get_foreign_keys(table)}
    return {"primary key": found.get_pk_constraint(table)["constrained_columns"], "partial indexes": indexes,
            "unique constraints": uniques, "foreign keys": foreign_keys}


def test_every_table_module_is_found() -> None:
    """The discovery above sees the table modules a reader knows of (it would otherwise pass vacuously)."""
    assert {"app.db.models", "app.triage.tables", "app.casework.tables", "app.transfer.tables",
            "app.wards.tables", "app.reporting.tables", "app.reporting.alert_tables"} <= set(table_modules())


def test_migrated_tables_are_the_models_tables(migrated: Connection) -> None:
    metadata = models()
    assert set(inspect(migrated).get_table_names()) == {*metadata.tables, "alembic_version"}


def test_migrated_columns_indexes_and_constraints_are_the_models(migrated: Connection) -> None:
    """Alembic's comparison: columns, types, nullability, indexes, unique and foreign-key constraints."""
    assert alembic_differences(migrated, models()) == []


def test_keys_and_partial_indexes_are_the_models(migrated: Connection) -> None:
    """What Alembic does not compare, table by table."""
    metadata = models()
    dialect = migrated.dialect.name
    drift = {name: (shape, model) for name, table in sorted(metadata.tables.items())
             if (shape := database_shape(migrated, name)) != (model := model_shape(table, dialect))}
    assert drift == {}


def test_the_comparison_sees_drift(migrated: Connection) -> None:
    """Both checks fail on models that have drifted from the migrations (so an empty answer means something)."""
    dialect = migrated.dialect.name
    drifted = MetaData()
    for table in models().tables.values():
        table.to_metadata(drifted)
    clocks = drifted.tables["clocks"]
    clocks.c.due_at.nullable = not clocks.c.due_at.nullable
    Index("ix_clocks_invented", clocks.c.kind, unique=True)  # joins the table's indexes
    open_due = next(index for index in clocks.indexes if index.name == "ix_clocks_open_due")
    open_due.dialect_options[dialect]["where"] = "met_at IS NOT NULL"
    received = drifted.tables["received_transfers"]
    for constraint in [c for c in received.constraints if isinstance(c, UniqueConstraint)]:
        received.constraints.remove(constraint)

    found = alembic_differences(migrated, drifted)
    assert any(line.startswith("clocks.due_at nullable") for line in found), found
    assert "missing Index clocks.ix_clocks_invented" in found, found
    assert model_shape(clocks, dialect)["partial indexes"] != database_shape(migrated, "clocks")["partial indexes"]
    assert model_shape(received, dialect)["unique constraints"] != \
        database_shape(migrated, "received_transfers")["unique constraints"]
