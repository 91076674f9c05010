"""The county hub's database at start-up: created or upgraded to head by its own Alembic scripts
(app/hub/migrations), through the clinic's machinery (app.db.migrate).

Two cases the clinic does not have:
- a hub database made before the hub had migrations (``HubBase.metadata.create_all``: hub tables, no
  alembic_version) is adopted: its tables are checked against what create_all made then, which is
  revision 0001, and it is stamped at 0001 (then upgraded like any other); tables that differ are refused
  (``db_schema_unrecognised``), nothing changed;
- a database a newer hub release has migrated (a revision no script here names) is refused
  (``db_newer_than_app``), not half-upgraded.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Boolean, Column, Connection, Date, Index, Integer, MetaData, String, Table, Text, \
    UniqueConstraint, inspect

from app.db.engine import Database
from app.db.migrate import Migrations, differences
from app.db.types import UTCDateTime
from app.errors import StorageError

HEAD = "0004"  # the newest revision; a test keeps it equal to Alembic's head
HUB = Migrations(Path(__file__).resolve().parent / "migrations", HEAD, lock_name="hub")  # the bundle keeps the same layout
ADOPTED_AT = "0001"

# What HubBase.metadata.create_all made before the hub had migrations (revision 0001 makes the same; a
# test compares them). Frozen here: HubBase follows the newest revision, the old databases do not.
CREATE_ALL_ERA = MetaData()
Table("hub_clinics", CREATE_ALL_ERA,
      Column("code", String(20), primary_key=True),
      Column("name", String(100), nullable=False),
      Column("public_key", String(64), nullable=False),
      Column("key_id", String(16), nullable=False),
      Column("added_at", UTCDateTime(), nullable=False))
Table("hub_reports", CREATE_ALL_ERA,
      Column("id", Integer, primary_key=True),
      Column("clinic_code", String(20), nullable=False),
      Column("report_date", Date, nullable=False),
      Column("version", Integer, nullable=False),
      Column("idempotency_key", String(64), nullable=False, unique=True),
      Column("body_sha256", String(64), nullable=False),
      Column("body", Text, nullable=False),
      Column("zero_report", Boolean, nullable=False),
      Column("automatic", Boolean, nullable=False),
      Column("received_at", UTCDateTime(), nullable=False),
      UniqueConstraint("clinic_code", "report_date", "version"),
      Index("ix_hub_reports_clinic_code", "clinic_code"),
      Index("ix_hub_reports_report_date", "report_date"))
Table("hub_lists", CREATE_ALL_ERA,
      Column("name", String(32), primary_key=True),
      Column("version", Integer, nullable=False),
      Column("published_at", UTCDateTime(), nullable=False),
      Column("items", Text, nullable=False))


def upgrade_if_needed(db: Database) -> None:
    """At start-up: at HEAD, nothing loads Alembic; otherwise create, adopt or upgrade, in one write
    transaction (two hub processes starting at once queue)."""
    stored = HUB.stored_revision(db)
    if stored == HEAD:
        return
    HUB.refuse_if_newer(db, stored)
    from alembic import command

    with HUB.locked(db) as conn:  # PostgreSQL: an advisory lock; read again under it (app/db/migrate.py)
        stored = HUB.revision_on(conn)
        if stored == HEAD:
            return
        HUB.refuse_if_newer(db, stored)
        if _made_by_create_all(conn):
            adopt(conn, db.display_url)
        HUB.run(conn, command.upgrade, "head")


def _made_by_create_all(conn: Connection) -> bool:
    tables = set(inspect(conn).get_table_names())
    return "alembic_version" not in tables and bool(tables & set(CREATE_ALL_ERA.tables))


def adopt(conn: Connection, database: str) -> None:
    """Stamp a create_all-made hub database at ADOPTED_AT, once its tables are what create_all made."""
    from alembic import command

    found = differences(conn, CREATE_ALL_ERA)
    if found:
        raise StorageError("db_schema_unrecognised", database=database, differences="; ".join(found))
    HUB.run(conn, command.stamp, ADOPTED_AT)
