"""Seeded clinics shared by the benchmarks: one per size (10⁴ and 10⁵ screenings always, and the size in
FEVER_SENTINEL_BENCH_VISITS when CI asks for 10⁶), each built once per run; the 10⁵ clinic on PostgreSQL
too when FEVER_SENTINEL_TEST_PG_URL names a server (``seeded_pg``); the bench table is written when the
session ends. ``bench_db``: one bench on every database — SQLite at each size, then that PostgreSQL clinic;
its rows' metric names end in " (PostgreSQL)" there (``BenchDB.metric``). FEVER_SENTINEL_BENCH_ANALYZE=0 leaves the
planner's statistics ungathered, as the app does."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.actor import Actor
from app.context import AppContext, open_context
from app.passwords import OWASP_FLOOR
from app.paths import DataPaths
from tests.bench import table
from tests.bench.seed import SeedResult, describe, seed_clinic
from tests.conftest import NO_PG_REASON, PG_ENV, fresh_pg_database

PASSWORD = "bench-pass-1"
CLINIC = "YC01"
USERS = (("nurse", ["triage_nurse"]), ("nurse_li", ["triage_nurse"]), ("nurse_zhao", ["triage_nurse"]),
         ("doctor", ["doctor"]), ("doctor_chen", ["doctor"]), ("doctor_wu", ["doctor"]), ("gate", ["gatekeeper"]))
PG_VISITS = 100_000  # CI's PostgreSQL clinic: the size the desks' figures are judged at, in ~15 s of seeding
ANALYZE = os.environ.get("FEVER_SENTINEL_BENCH_ANALYZE", "1") != "0"


def bench_sizes() -> list[int]:
    """10⁴ and 10⁵ always; FEVER_SENTINEL_BENCH_VISITS adds one more (CI: 1000000)."""
    extra = os.environ.get("FEVER_SENTINEL_BENCH_VISITS")
    return sorted({10_000, 100_000, *([int(extra)] if extra else [])})


@dataclass(frozen=True)
class BenchDB:
    paths: DataPaths
    visits: int  # screenings (人次) of the three years
    seed: SeedResult
    url: str | None = None  # the PostgreSQL database's; None: the SQLite file in ``paths``

    @property
    def samples(self) -> list[tuple[str, str, str]]:
        return self.seed.samples

    @property
    def database(self) -> str:
        return "PostgreSQL" if self.url else "SQLite"

    def open(self) -> AppContext:
        return open_context(self.paths, self.url, argon2=OWASP_FLOOR)

    def metric(self, name: str) -> str:
        """The bench table's metric name: PostgreSQL rows say so, so that both stay comparable run to run."""
        return f"{name} (PostgreSQL)" if self.url else name

    @contextmanager
    def raw(self) -> Iterator[Any]:
        """A bare DB-API connection to the same database for the baselines (sqlite3, or psycopg; both in
        autocommit), closed after the block; write its SQL with ``?`` and pass it through ``sql``."""
        conn: Any = (psycopg.connect(make_url(self.url).set(drivername="postgresql")
                                     .render_as_string(hide_password=False), autocommit=True) if self.url
                     else sqlite3.connect(self.paths.database, isolation_level=None))
        try:
            yield conn
        finally:
            conn.close()

    def sql(self, statement: str) -> str:
        """``?`` placeholders as this database's driver writes them."""
        return statement.replace("?", "%s") if self.url else statement


def make_clinic(root: Path, n: int, *, open_cases: int = 50, url: str | None = None,
                now: datetime | None = None) -> BenchDB:
    """An initialised clinic with its users, then the seed; the services' own reads once as a smoke check.
    ``url``: a PostgreSQL database, opened the way ``--db-url`` opens it (the data directory keeps the keys)."""
    paths = DataPaths(root / "data")
    ctx = open_context(paths, url, argon2=OWASP_FLOOR)
    system = Actor.system()
    ctx.clinic.initialize(system, code=CLINIC, name="岳池县新场镇卫生院", level="township", admin_username="boss",
                          admin_full_name="王院长", admin_password=PASSWORD)
    for name, roles in USERS:
        ctx.users.create(system, username=name, full_name=name, roles=roles, password=PASSWORD)
    ctx.close()
    result = seed_clinic(url or paths.database, n, CLINIC, now=now or datetime.now(timezone.utc),
                         open_cases=open_cases, analyze=ANALYZE)
    print(f"\n[seed] {n:,} screenings, {open_cases:,} open cases, {'PostgreSQL' if url else 'SQLite'}"
          f"{'' if ANALYZE else ' (not analysed)'}: {result.seconds:.1f} s — {describe(result)}")
    from tests.bench.smoke import smoke_check

    smoke_check(paths, url)
    return BenchDB(paths, n, result, url)


_CLINICS: dict[tuple[int, int], BenchDB] = {}


def clinic(factory: pytest.TempPathFactory, n: int, open_cases: int = 50) -> BenchDB:
    """The seeded clinic of this size (built on first use in the run)."""
    key = (n, open_cases)
    if key not in _CLINICS:
        _CLINICS[key] = make_clinic(factory.mktemp(f"bench-{n}-{open_cases}"), n, open_cases=open_cases)
    return _CLINICS[key]


@pytest.fixture(scope="session", params=bench_sizes(), ids=lambda n: f"{n}")
def seeded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> BenchDB:
    return clinic(tmp_path_factory, request.param)


@pytest.fixture(scope="session")
def seeded_pg(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BenchDB]:
    """The 10⁵ clinic on the PostgreSQL server of FEVER_SENTINEL_TEST_PG_URL, in a database of its own
    (bench_100000_…) dropped when the session ends."""
    admin = os.environ.get(PG_ENV)
    if not admin:
        pytest.skip(NO_PG_REASON)
    with fresh_pg_database(admin, f"bench_{PG_VISITS}") as url:
        engine = create_engine(url)
        with engine.connect() as conn:
            table.machine["PostgreSQL"] = str(conn.execute(text("SHOW server_version")).scalar()).split()[0]
        engine.dispose()
        yield make_clinic(tmp_path_factory.mktemp("bench-pg"), PG_VISITS, url=url)


@pytest.fixture(scope="session", params=[*bench_sizes(), pytest.param("pg", marks=pytest.mark.postgres)],
                ids=lambda p: "postgresql" if p == "pg" else f"{p}")
def bench_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> BenchDB:
    """The same bench on each SQLite clinic, then on the 10⁵ clinic on PostgreSQL (``seeded_pg``; skipped with
    the reason when no server is set)."""
    if request.param == "pg":
        db: BenchDB = request.getfixturevalue("seeded_pg")
        return db
    return clinic(tmp_path_factory, request.param)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Every row the benches added, printed and appended to bench-results/ once the run ends."""
    text = table.finish(latest=ANALYZE)  # a run without ANALYZE is an experiment, not the table
    if text:
        terminalreporter.write_line(text)
