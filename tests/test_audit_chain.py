"""The responsibility trail: append-only in the database, and tampering found by `audit verify`."""

from __future__ import annotations

import importlib
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from app import audit
from app.actor import Actor
from app.cli import main as cli_main
from app.context import AppContext
from app.db.models import AuditEvent

initial = importlib.import_module("app.db.migrations.versions.0001_clinic_users_audit")


def make_rows(ctx: AppContext, admin: Actor, n: int = 6) -> None:
    for i in range(n):
        ctx.users.create(admin, username=f"staff{i}", full_name=f"员工{i}", roles=["doctor"], password=f"pass-word-{i}")


@contextmanager
def raw(ctx: AppContext) -> Iterator[Connection]:
    """An attacker with direct database access: the append-only triggers dropped for the edit."""
    is_pg = ctx.db.engine.dialect.name == "postgresql"
    with ctx.db.engine.begin() as conn:
        if is_pg:
            conn.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
        else:
            conn.execute(text("DROP TRIGGER audit_events_no_update"))
            conn.execute(text("DROP TRIGGER audit_events_no_delete"))
        yield conn
        if is_pg:
            conn.execute(text("ALTER TABLE audit_events ENABLE TRIGGER USER"))
        else:
            for statement in initial.SQLITE_TRIGGERS:
                conn.execute(text(statement))


def verify_cli(ctx: AppContext, db_url: str) -> tuple[int, dict]:
    out = io.StringIO()
    code = cli_main(["--data-dir", str(ctx.paths.root), "--db-url", db_url, "audit", "verify", "--json"], out=out)
    return code, json.loads(out.getvalue())


def test_intact_chain_verifies(ctx: AppContext, admin: Actor, db_url: str) -> None:
    before = ctx.audit.count(admin)  # set-up, log-in (and, since issue 13, the desk key's registration)
    make_rows(ctx, admin)
    code, report = verify_cli(ctx, db_url)
    assert code == 0 and report["ok"] and report["rows"] == report["head_seq"] == before + 6


def test_database_refuses_update_and_delete(ctx: AppContext, admin: Actor) -> None:
    for statement in ("UPDATE audit_events SET username = 'someone' WHERE seq = 1",
                      "DELETE FROM audit_events WHERE seq = 1"):
        with pytest.raises(DBAPIError, match="append-only"):
            with ctx.db.engine.begin() as conn:
                conn.execute(text(statement))


def test_edited_row_is_named(ctx: AppContext, admin: Actor, db_url: str) -> None:
    make_rows(ctx, admin)
    with raw(ctx) as conn:
        conn.execute(text("UPDATE audit_events SET username = 'nobody' WHERE seq = 4"))
    code, report = verify_cli(ctx, db_url)
    assert code == 1 and report["first_broken_seq"] == 4 and report["problem"] == "edited"


def test_edit_with_recomputed_hash_breaks_the_next_link(ctx: AppContext, admin: Actor, db_url: str) -> None:
    make_rows(ctx, admin)
    with ctx.db.read() as s:
        row = s.get(AuditEvent, 3)
        assert row is not None
        forged = audit.row_hash(seq=row.seq, at=row.at, user_id=row.user_id, username="nobody", roles=row.roles,
                                workstation=row.workstation, action=row.action, entity=row.entity,
                                entity_id=row.entity_id, summary=row.summary, outcome=row.outcome,
                                prev_hash=row.prev_hash, row_digest=row.row_digest)
    with raw(ctx) as conn:
        conn.execute(text("UPDATE audit_events SET username = 'nobody', hash = :h WHERE seq = 3"), {"h": forged})
    code, report = verify_cli(ctx, db_url)
    assert code == 1 and report["first_broken_seq"] == 4


def test_deleted_row_is_named(ctx: AppContext, admin: Actor, db_url: str) -> None:
    make_rows(ctx, admin)
    with raw(ctx) as conn:
        conn.execute(text("DELETE FROM audit_events WHERE seq = 5"))
    code, report = verify_cli(ctx, db_url)
    assert code == 1 and report["first_broken_seq"] == 5 and report["problem"] == "missing"


def test_deleted_last_row_is_named(ctx: AppContext, admin: Actor, db_url: str) -> None:
    make_rows(ctx, admin)
    with raw(ctx) as conn:
        conn.execute(text("DELETE FROM audit_events WHERE seq = 8"))
    code, report = verify_cli(ctx, db_url)
    assert code == 1 and report["first_broken_seq"] == 8


def test_row_inserted_out_of_band_is_named(ctx: AppContext, admin: Actor, db_url: str) -> None:
    make_rows(ctx, admin, n=2)
    with ctx.db.read() as s:
        head = s.execute(text("SELECT seq, hash FROM audit_head")).one()
        at = s.get(AuditEvent, 1).at  # type: ignore[union-attr]
    fields = dict(seq=head.seq + 1, at=at, user_id=None, username="intruder", roles="admin", workstation="x",
                  action="user.create", entity="user", entity_id="99", summary="{}", outcome="success",
                  prev_hash=head.hash)
    digest = audit.row_hash(**fields)  # a well-formed row: only the head gives it away
    with raw(ctx) as conn:
        conn.execute(text("INSERT INTO audit_events (seq, at, user_id, username, roles, workstation, action, entity, "
                          "entity_id, summary, outcome, prev_hash, hash) VALUES (:seq, :at, :user_id, :username, "
                          ":roles, :workstation, :action, :entity, :entity_id, :summary, :outcome, :prev_hash, :hash)"),
                     {**fields, "at": at.replace(tzinfo=None) if ctx.db.is_sqlite else at, "hash": digest})
    code, report = verify_cli(ctx, db_url)
    assert code == 1 and report["first_broken_seq"] == head.seq + 1


def test_inserted_in_the_middle_is_named(ctx: AppContext, admin: Actor, db_url: str) -> None:
    make_rows(ctx, admin, n=3)
    with raw(ctx) as conn:  # shift rows up to make room, as a careful forger would
        conn.execute(text("UPDATE audit_events SET seq = seq + 100 WHERE seq >= 3"))
        conn.execute(text("UPDATE audit_events SET seq = seq - 99 WHERE seq >= 103"))
        conn.execute(text("INSERT INTO audit_events (seq, at, user_id, username, roles, workstation, action, entity, "
                          "entity_id, summary, outcome, prev_hash, hash) SELECT 3, at, user_id, 'intruder', roles, "
                          "workstation, action, entity, entity_id, summary, outcome, prev_hash, hash "
                          "FROM audit_events WHERE seq = 2"))
    code, report = verify_cli(ctx, db_url)
    assert code == 1 and report["first_broken_seq"] == 3
