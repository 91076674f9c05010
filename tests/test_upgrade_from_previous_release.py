"""Upgrading the app keeps the data: a database written by release 0.1.0 (schema "0002") opens in this
release, is migrated to head at start-up, and its people, log-ins and audit chain carry on.

The fixture is tests/fixtures/release-0.1.0.sqlite3; tests/fixtures/make_release_fixture.py rebuilds it.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.context import open_context
from app.db import migrate
from app.passwords import OWASP_FLOOR
from app.paths import DataPaths
from app.triage.records import ScreeningInput
from tests.fixtures import make_release_fixture as release

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "release-0.1.0.sqlite3"


def old_audit_rows(db_file: Path) -> list[tuple[int, str, str]]:
    with sqlite3.connect(db_file) as conn:
        rows = conn.execute("SELECT seq, action, hash FROM audit_events ORDER BY seq").fetchall()
    conn.close()
    return rows


@pytest.fixture
def upgraded_paths(tmp_path: Path) -> DataPaths:
    """A data directory holding a copy of the old release's database (the fixture itself stays untouched)."""
    paths = DataPaths(tmp_path / "data")
    paths.ensure()
    shutil.copyfile(FIXTURE, paths.database)
    return paths


def test_fixture_is_what_release_0_1_0_shipped() -> None:
    with sqlite3.connect(FIXTURE) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(release.RELEASE_REVISION,)]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    assert {"clinic", "users", "audit_events", "counters", "clinic_settings"} <= tables
    assert "screenings" not in tables and "visits" not in tables  # triage arrived in a later release


def test_old_database_is_migrated_and_keeps_working(upgraded_paths: DataPaths) -> None:
    before = old_audit_rows(upgraded_paths.database)
    assert len(before) >= 6
    clock = FixedClock(datetime(2026, 11, 23, 1, 0, tzinfo=timezone.utc))
    ctx = open_context(upgraded_paths, clock=clock, argon2=OWASP_FLOOR)  # start-up migrates to head
    try:
        assert migrate.current_revision(ctx.db) == migrate.head_revision() != release.RELEASE_REVISION
        clinic = ctx.clinic.get()
        assert (clinic.code, clinic.name) == (release.CLINIC_CODE, release.CLINIC_NAME)

        admin = ctx.users.authenticate(release.ADMIN, release.ADMIN_PASSWORD, "new-pc")
        nurse = ctx.users.authenticate(release.NURSE, release.NURSE_PASSWORD, "new-pc")
        assert admin.roles == {"admin"} and nurse.roles == {"triage_nurse"}
        assert {u.username: u.active for u in ctx.users.list(admin)}["temp_doc"] is False

        chain = ctx.audit.verify(admin)
        assert chain.ok, chain.problem

        screening = ctx.screening.record(nurse, ScreeningInput(38.5, symptoms=frozenset({"fever", "cough"}),
                                                               health_code="green"))
        assert screening.decision != "general"
        chain = ctx.audit.verify(admin)
        assert chain.ok, chain.problem
        assert chain.rows == len(before) + 3  # two log-ins and the screening, on top of the old rows
    finally:
        ctx.close()
    assert old_audit_rows(upgraded_paths.database)[: len(before)] == before  # the old trail is untouched
