"""Run Alembic migrations at start-up: a new database is created at head, an old one upgraded.

Several desks may start at once on one PostgreSQL database (a fresh one, or one an upgrade made older):
each migration runs in one transaction that first takes a PostgreSQL advisory lock
(``pg_advisory_xact_lock``, released at commit or roll-back), then reads the revision again, so the
first desk migrates and the others wait, find the schema at head and do nothing — no ``DuplicateTable``
or ``UniqueViolation`` on ``alembic_version`` (issue 14). SQLite needs no lock: the transaction begins
with BEGIN IMMEDIATE, which already queues a second writer.

One ``Migrations`` per database kind, each with its own scripts: the clinic's (``CLINIC``, below; the
module-level functions are its) and the county hub's (app.hub.migrate).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import inspect, text

from app.db.engine import Database
from app.errors import StorageError

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection, MetaData

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"  # the bundle keeps the same layout
HEAD = "0023"  # the newest revision; a test keeps it equal to Alembic's head


@dataclass(frozen=True)
class Migrations:
    """An Alembic environment: the folder of its scripts and its newest revision."""

    directory: Path
    head: str  # a test keeps it equal to Alembic's head: the start-up shortcut relies on it
    lock_name: str = "clinic"  # names the PostgreSQL advisory lock: one per kind of database

    @property
    def lock_key(self) -> int:
        """The advisory lock's number: stable across releases (every release must take the same lock)."""
        return zlib.crc32(f"fever-sentinel migrations {self.lock_name}".encode())

    def upgrade_if_needed(self, db: Database) -> None:
        """At start-up: a database already at ``head`` is left alone without loading Alembic at all."""
        stored = self.stored_revision(db)
        if stored != self.head:
            self.refuse_if_newer(db, stored)
            self.upgrade(db)

    @contextmanager
    def locked(self, db: Database) -> Iterator[Connection]:
        """One write transaction holding this kind's migration lock (PostgreSQL: an advisory lock until
        commit; SQLite: BEGIN IMMEDIATE). Connection failures leave as typed errors (db_unreachable...)."""
        with db.connect(write=True) as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": self.lock_key})
            yield conn

    @staticmethod
    def revision_on(conn: Connection) -> str | None:
        """The revision in alembic_version on ``conn``; None when there is no such table (asked first, so a
        PostgreSQL transaction is not aborted by a failing SELECT)."""
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()

    def refuse_if_newer(self, db: Database, stored: str | None) -> None:
        """A revision no script here names was written by a newer release (an older bundle installed over
        a newer one): refuse with a reason, change nothing."""
        if stored is not None and not self.knows(stored):
            raise StorageError("db_newer_than_app", revision=stored, head=self.head, database=db.display_url)

    def stored_revision(self, db: Database) -> str | None:
        """The revision in alembic_version, read without Alembic; None when there is no such table (a new
        database: Alembic creates it). A database that cannot be reached is a typed error, not "new"."""
        with db.connect() as conn:
            return self.revision_on(conn)

    def config(self) -> Config:
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(self.directory))
        return cfg

    def head_revision(self) -> str:
        from alembic.script import ScriptDirectory

        head = ScriptDirectory.from_config(self.config()).get_current_head()
        assert head is not None
        return head

    def knows(self, revision: str) -> bool:
        """False for a revision no script here names: a newer release wrote it."""
        from alembic.script import ScriptDirectory

        return any(s.revision == revision for s in ScriptDirectory.from_config(self.config()).walk_revisions())

    def current_revision(self, db: Database) -> str | None:
        from alembic.runtime.migration import MigrationContext

        with db.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def upgrade(self, db: Database, revision: str = "head") -> None:
        """Upgrade inside one locked write transaction, so desks starting at once queue, not clash: the
        revision is read again under the lock, and a desk that waited finds the work done."""
        from alembic import command

        with self.locked(db) as conn:
            stored = self.revision_on(conn)
            if revision == "head" and stored == self.head:
                return  # another desk migrated while this one waited
            self.refuse_if_newer(db, stored)
            self.run(conn, command.upgrade, revision)

    def run(self, conn: Connection, command: Any, *args: Any, **kwargs: Any) -> None:
        """An Alembic command (``alembic.command.upgrade``, ``stamp``...) on the caller's connection and
        transaction: env.py (``run_env``) takes the connection from here."""
        cfg = self.config()
        cfg.attributes["connection"] = conn
        command(cfg, *args, **kwargs)


def run_env(target_metadata: MetaData) -> None:
    """The body of every env.py: run on the connection ``Migrations.run`` handed over, never one of its own."""
    from alembic import context

    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run migrations through app.db.migrate, which passes a connection")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def differences(conn: Connection, metadata: MetaData) -> list[str]:
    """Where the database's tables differ from ``metadata`` (Alembic's autogenerate comparison, types
    included), one line each, e.g. ``missing table hub_lists``; tables ``metadata`` does not name are not
    looked at. Empty: they match."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    def ours(name: str | None, type_: str, _parent: Any) -> bool:
        return type_ != "table" or name in metadata.tables

    context = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": ours})
    return [_describe(diff) for diff in compare_metadata(context, metadata)]


def _describe(diff: Any) -> str:
    """One of compare_metadata's differences, as seen from the database: ``missing column t.c``."""
    if isinstance(diff, list):  # the modify_* changes of one column
        return ", ".join(_describe(d) for d in diff)
    op, *rest = diff
    if op.startswith("modify_"):  # (op, schema, table, column, existing, database's, metadata's)
        return f"{rest[1]}.{rest[2]} {op.removeprefix('modify_')} is {rest[4]!r}, expected {rest[5]!r}"
    change, _, kind = op.partition("_")
    state = "missing" if change == "add" else "unexpected"
    if kind == "column":  # (op, schema, table, column)
        return f"{state} column {rest[1]}.{rest[2].name}"
    obj = rest[0]  # a table, an index or a constraint
    if kind == "table":
        return f"{state} table {obj.name}"
    name = obj.name or "(" + ", ".join(c.name for c in obj.columns) + ")"
    return f"{state} {type(obj).__name__} {obj.table.name}.{name}"


CLINIC = Migrations(MIGRATIONS_DIR, HEAD)
upgrade_if_needed = CLINIC.upgrade_if_needed
head_revision = CLINIC.head_revision
current_revision = CLINIC.current_revision
upgrade = CLINIC.upgrade
