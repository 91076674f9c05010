"""The hub's database under Alembic: a new one is made by the migrations and equals the models; one made
by create_all (before the hub had migrations) is adopted with its rows; one from a newer hub is refused."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, MetaData, inspect, text

from app import cli
from app.db.engine import Database
from app.errors import StorageError
from app.hub import migrate
from app.hub.store import HubBase, get_list, open_hub, reports_on, status_on

AT = datetime(2026, 11, 20, 0, 30, tzinfo=timezone.utc)
DAY = date(2026, 11, 19)


def schema_differences(conn: Connection, metadata: MetaData) -> list[object]:
    """Alembic's own comparison, types included, every table in the database looked at."""
    return compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)


def test_start_up_shortcut_knows_the_newest_revision() -> None:
    """upgrade_if_needed skips Alembic when the database is at HEAD: HEAD must be Alembic's head."""
    assert migrate.HEAD == migrate.HUB.head_revision()


def test_a_new_hub_database_is_the_models_schema(db_url: str) -> None:
    db = open_hub(db_url)
    try:
        assert migrate.HUB.current_revision(db) == migrate.HEAD
        with db.engine.connect() as conn:
            assert schema_differences(conn, HubBase.metadata) == []
            assert set(inspect(conn).get_table_names()) == {*HubBase.metadata.tables, "alembic_version"}
    finally:
        db.dispose()
    open_hub(db_url).dispose()  # the next start finds it at head


def test_revision_0001_is_what_create_all_made(db_url: str) -> None:
    """The schema adoption checks for (frozen in app.hub.migrate) is the one revision 0001 makes."""
    db = Database(db_url)
    try:
        migrate.HUB.upgrade(db, migrate.ADOPTED_AT)
        with db.engine.connect() as conn:
            assert schema_differences(conn, migrate.CREATE_ALL_ERA) == []
    finally:
        db.dispose()


def test_a_hub_database_made_by_create_all_is_adopted_with_its_rows(db_url: str) -> None:
    old = Database(db_url)
    migrate.CREATE_ALL_ERA.create_all(old.engine)  # what open_hub did before the hub had migrations
    tables = migrate.CREATE_ALL_ERA.tables
    counts = {"screened": 40, "fever_registered": 4}
    report = {"type": "daily_report", "clinic": "OLD01", "date": DAY.isoformat(), "version": 1,
              "zero_report": False, "automatic": False, "counts": counts}
    with old.engine.begin() as conn:
        conn.execute(tables["hub_clinics"].insert(), [dict(code="OLD01", name="旧版卫生院", public_key="AAAA",
                                                           key_id="k1", added_at=AT)])
        conn.execute(tables["hub_reports"].insert(), [dict(
            clinic_code="OLD01", report_date=DAY, version=1, idempotency_key="old-key", body_sha256="0" * 64,
            body=json.dumps(report), zero_report=False, automatic=False, received_at=AT)])
        conn.execute(tables["hub_lists"].insert(), [dict(name="hospitals", version=3, published_at=AT,
                                                         items='[{"name": "县人民医院"}]')])
    old.dispose()

    db = open_hub(db_url)
    try:
        assert migrate.HUB.current_revision(db) == migrate.HEAD
        assert [(s.code, s.name, s.status, s.counts) for s in status_on(db, DAY)] == \
            [("OLD01", "旧版卫生院", "reported", counts)]
        assert reports_on(db, DAY)[0]["received_at"] == AT.isoformat()
        assert get_list(db, "hospitals")["version"] == 3
        with db.engine.connect() as conn:
            assert schema_differences(conn, HubBase.metadata) == []
    finally:
        db.dispose()


def test_a_hub_database_whose_tables_differ_is_refused_unchanged(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    other = Database(url)
    with other.engine.begin() as conn:  # hub_clinics without its key columns, no other hub table
        conn.execute(text("CREATE TABLE hub_clinics (code VARCHAR(20) NOT NULL PRIMARY KEY, "
                          "name VARCHAR(100) NOT NULL, added_at VARCHAR(26) NOT NULL)"))
    other.dispose()
    with pytest.raises(StorageError) as refused:
        open_hub(url)
    assert refused.value.code == "db_schema_unrecognised"
    found = refused.value.details["differences"]
    assert "missing column hub_clinics.public_key" in found and "missing table hub_reports" in found
    db = Database(url)
    try:
        assert set(inspect(db.engine).get_table_names()) == {"hub_clinics"}  # not stamped, nothing created
    finally:
        db.dispose()


def test_a_hub_database_from_a_newer_release_is_refused(db_url: str, tmp_path: Path, capsys) -> None:
    open_hub(db_url).dispose()
    db = Database(db_url)
    with db.engine.begin() as conn:  # as a later hub release, with a revision this one lacks, leaves it
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    db.dispose()
    with pytest.raises(StorageError) as refused:
        open_hub(db_url)
    assert refused.value.code == "db_newer_than_app"
    assert (refused.value.details["revision"], refused.value.details["head"]) == ("0099", migrate.HEAD)

    lists = tmp_path / "hospitals.json"
    lists.write_text("[]", encoding="utf-8")
    assert cli.main(["hub", "publish", "hospitals", str(lists), "--db-url", db_url]) == 1  # a line, no traceback
    assert capsys.readouterr().err.startswith("error [db_newer_than_app]")
    db = Database(db_url)
    try:
        assert migrate.HUB.stored_revision(db) == "0099"  # left as it was
    finally:
        db.dispose()
