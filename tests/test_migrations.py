"""Migrations: a new database is created at head; one made at the first revision is upgraded."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import inspect, text

from app import audit
from app.actor import Actor
from app.db import migrate
from app.db.engine import Database
from app.errors import StorageError
from app.paths import DataPaths
from app.passwords import OWASP_FLOOR, Passwords
from app.context import open_context


def test_new_database_is_at_head(paths: DataPaths, db_url: str) -> None:
    ctx = open_context(paths, db_url, argon2=OWASP_FLOOR)
    try:
        assert migrate.current_revision(ctx.db) == migrate.head_revision()
        tables = set(inspect(ctx.db.engine).get_table_names())
        assert {"clinic", "users", "user_roles", "audit_events", "audit_head", "counters", "clinic_settings"} <= tables
    finally:
        ctx.close()


def test_database_from_first_revision_is_upgraded_with_its_data(paths: DataPaths, db_url: str) -> None:
    paths.ensure()
    db = Database(db_url)
    migrate.upgrade(db, "0001")
    assert migrate.current_revision(db) == "0001"
    at = datetime(2026, 1, 5, 8, 30, tzinfo=timezone.utc)
    stored_at = at.replace(tzinfo=None) if db.is_sqlite else at
    hashed = Passwords(OWASP_FLOOR).hash("old-release-pw")
    fields = dict(seq=1, at=at, user_id=None, username="cli:root", roles="system", workstation="old-pc",
                  action="clinic.initialize", entity="clinic", entity_id="OLD01", summary="{}", outcome="success",
                  prev_hash=audit.GENESIS_HASH)
    digest = audit.row_hash(**fields)
    with db.engine.begin() as conn:  # what release 0001 wrote, as raw rows
        conn.execute(text("INSERT INTO clinic (code, name, level, timezone, public_key, key_id, is_demo, created_at) "
                          "VALUES ('OLD01', '旧版卫生院', 'township', 'Asia/Shanghai', 'AAAA', 'k1', false, :at)"),
                     {"at": stored_at})
        conn.execute(text("INSERT INTO users (username, full_name, password_hash, active, failed_attempts, created_at, "
                          "password_changed_at, version) VALUES ('old', '老用户', :h, true, 0, :at, :at, 1)"),
                     {"h": hashed, "at": stored_at})
        conn.execute(text("INSERT INTO user_roles (user_id, role) SELECT id, 'admin' FROM users"))
        conn.execute(text("INSERT INTO audit_events (seq, at, user_id, username, roles, workstation, action, entity, "
                          "entity_id, summary, outcome, prev_hash, hash) VALUES (:seq, :at, :user_id, :username, "
                          ":roles, :workstation, :action, :entity, :entity_id, :summary, :outcome, :prev_hash, :h)"),
                     {**fields, "at": stored_at, "h": digest})
        conn.execute(text("UPDATE audit_head SET seq = 1, hash = :h"), {"h": digest})
    db.dispose()

    ctx = open_context(paths, db_url, argon2=OWASP_FLOOR)  # start-up migrates to head
    try:
        assert migrate.current_revision(ctx.db) == migrate.head_revision()
        assert ctx.clinic.get().name == "旧版卫生院"
        old = ctx.users.authenticate("old", "old-release-pw", "new-pc")
        assert old.roles == {"admin"}
        ctx.users.create(old, username="new", full_name="新用户", roles=["doctor"], password="new-release-pw")
        with ctx.db.read() as s:
            report = audit.verify(s)
        assert report.ok and report.rows == 3
    finally:
        ctx.close()


def test_start_up_twice_is_harmless(paths: DataPaths) -> None:
    for _ in range(2):
        ctx = open_context(paths, argon2=OWASP_FLOOR)
        assert migrate.current_revision(ctx.db) == migrate.head_revision()
        ctx.clinic.is_initialized()
        ctx.close()
    assert Actor.system().is_system


def test_start_up_shortcut_knows_the_newest_revision() -> None:
    """upgrade_if_needed skips Alembic when the database is at HEAD: HEAD must be Alembic's head."""
    assert migrate.HEAD == migrate.head_revision()


def test_database_of_a_newer_release_is_refused_untouched(paths: DataPaths, db_url: str) -> None:
    """An older bundle installed over a newer one: a reason (not Alembic's traceback), and the data stays."""
    ctx = open_context(paths, db_url, argon2=OWASP_FLOOR)
    ctx.clinic.initialize(Actor.system(), code="XH01", name="新河镇卫生院", level="township", admin_username="boss",
                          admin_full_name="王", admin_password="admin-pass-1")
    with ctx.db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    ctx.close()
    with pytest.raises(StorageError) as refused:
        open_context(paths, db_url, argon2=OWASP_FLOOR)
    assert refused.value.code == "db_newer_than_app"
    assert refused.value.details["revision"] == "0099" and refused.value.details["head"] == migrate.HEAD
    ctx = open_context(paths, db_url, argon2=OWASP_FLOOR, run_migrations=False)
    try:
        assert migrate.current_revision(ctx.db) == "0099" and ctx.clinic.get().code == "XH01"
    finally:
        ctx.close()
