"""Shared fixtures: a throw-away data directory, a context with fast (OWASP-floor) hashing,
and databases on SQLite and, when FEVER_SENTINEL_TEST_PG_URL is set, PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.actor import Actor
from app.clock import FixedClock
from app.context import AppContext, open_context
from app.passwords import OWASP_FLOOR
from app.paths import DataPaths

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PG_ENV = "FEVER_SENTINEL_TEST_PG_URL"
ADMIN_PASSWORD = "admin-pass-1"
NO_PG_REASON = f"no PostgreSQL server configured: set {PG_ENV} (scripts/test.sh starts one)"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 23, 1, 0, tzinfo=timezone.utc))


@pytest.fixture
def paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, paths: DataPaths) -> Iterator[str]:
    """The same test on the SQLite default and on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield paths.sqlite_url()
        return
    admin = os.environ.get(PG_ENV)
    if not admin:
        pytest.skip(NO_PG_REASON)
    with fresh_pg_database(admin, "fs_test") as url:
        yield url


@contextmanager
def fresh_pg_database(admin_url: str, prefix: str) -> Iterator[str]:
    """A new, empty PostgreSQL database on the test server (its URL), dropped afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture
def ctx(paths: DataPaths, db_url: str, clock: FixedClock) -> Iterator[AppContext]:
    context = open_context(paths, db_url, clock=clock, argon2=OWASP_FLOOR)
    yield context
    context.close()


@pytest.fixture
def sqlite_ctx(paths: DataPaths, clock: FixedClock) -> Iterator[AppContext]:
    context = open_context(paths, clock=clock, argon2=OWASP_FLOOR)
    yield context
    context.close()


def init_clinic(context: AppContext) -> Actor:
    """Set up a clinic and return its admin, logged in."""
    context.clinic.initialize(Actor.system("test-ws"), code="XH01", name="新河镇卫生院", level="township",
                              admin_username="boss", admin_full_name="王院长", admin_password=ADMIN_PASSWORD)
    return context.users.authenticate("boss", ADMIN_PASSWORD, "test-ws")


@pytest.fixture
def admin(ctx: AppContext) -> Actor:
    return init_clinic(ctx)


@pytest.fixture
def sqlite_admin(sqlite_ctx: AppContext) -> Actor:
    return init_clinic(sqlite_ctx)
