"""Seeded clinics shared by the benchmarks: one per size (10⁴ and 10⁵ screenings always, and the size in
FEVER_SENTINEL_BENCH_VISITS when CI asks for 10⁶), each built once per run; the bench table is written
when the session ends."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pytest

from app.actor import Actor
from app.context import open_context
from app.passwords import OWASP_FLOOR
from app.paths import DataPaths
from tests.bench import table
from tests.bench.seed import SeedResult, describe, seed_clinic

PASSWORD = "bench-pass-1"
CLINIC = "YC01"
USERS = (("nurse", ["triage_nurse"]), ("nurse_li", ["triage_nurse"]), ("nurse_zhao", ["triage_nurse"]),
         ("doctor", ["doctor"]), ("doctor_chen", ["doctor"]), ("doctor_wu", ["doctor"]), ("gate", ["gatekeeper"]))


def bench_sizes() -> list[int]:
    """10⁴ and 10⁵ always; FEVER_SENTINEL_BENCH_VISITS adds one more (CI: 1000000)."""
    extra = os.environ.get("FEVER_SENTINEL_BENCH_VISITS")
    return sorted({10_000, 100_000, *([int(extra)] if extra else [])})


@dataclass(frozen=True)
class BenchDB:
    paths: DataPaths
    visits: int  # screenings (人次) of the three years
    seed: SeedResult

    @property
    def samples(self) -> list[tuple[str, str, str]]:
        return self.seed.samples


def make_clinic(root: Path, n: int, *, open_cases: int = 50) -> BenchDB:
    """An initialised clinic with its users, then the seed; the services' own reads once as a smoke check."""
    paths = DataPaths(root / "data")
    ctx = open_context(paths, argon2=OWASP_FLOOR)
    system = Actor.system()
    ctx.clinic.initialize(system, code=CLINIC, name="岳池县新场镇卫生院", level="township", admin_username="boss",
                          admin_full_name="王院长", admin_password=PASSWORD)
    for name, roles in USERS:
        ctx.users.create(system, username=name, full_name=name, roles=roles, password=PASSWORD)
    ctx.close()
    result = seed_clinic(paths.database, n, CLINIC, now=datetime.now(timezone.utc), open_cases=open_cases)
    print(f"\n[seed] {n:,} screenings, {open_cases:,} open cases: {result.seconds:.1f} s — {describe(result)}")
    from tests.bench.smoke import smoke_check

    smoke_check(paths)
    return BenchDB(paths, n, result)


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


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Every row the benches added, printed and appended to bench-results/ once the run ends."""
    text = table.finish()
    if text:
        terminalreporter.write_line(text)
