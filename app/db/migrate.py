"""Run Alembic migrations at start-up: a new database is created at head, an old one upgraded."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.db.engine import Database

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"  # the bundle keeps the same layout
HEAD = "0008"  # the newest revision; a test keeps it equal to Alembic's head


def upgrade_if_needed(db: Database) -> None:
    """At start-up: a database already at HEAD is left alone without loading Alembic at all."""
    try:
        with db.engine.connect() as conn:
            current = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:
        current = None  # a new database (no table yet): Alembic creates it
    if current != HEAD:
        upgrade(db)


def _config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database, revision: str = "head") -> None:
    """Upgrade inside one write transaction, so two desks starting at once queue, not clash."""
    from alembic import command

    cfg = _config()
    with db.engine.execution_options(fever_sentinel_write=True).begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
