"""One database with a million past visits, built once per run and shared by the benchmarks."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.actor import Actor
from app.context import open_context
from app.passwords import OWASP_FLOOR
from app.paths import DataPaths
from tests.bench.seed import bench_scale, seed_visits

PASSWORD = "bench-pass-1"


@dataclass(frozen=True)
class BenchDB:
    paths: DataPaths
    visits: int
    seed_seconds: float
    samples: list[tuple[str, str, str]]  # (id_number, phone, name) of some seeded patients


@pytest.fixture(scope="session")
def million_visits(tmp_path_factory: pytest.TempPathFactory) -> BenchDB:
    paths = DataPaths(Path(tmp_path_factory.mktemp("bench")) / "data")
    ctx = open_context(paths, argon2=OWASP_FLOOR)
    system = Actor.system()
    ctx.clinic.initialize(system, code="XH01", name="新河镇卫生院", level="township", admin_username="boss",
                          admin_full_name="王院长", admin_password=PASSWORD)
    for name, roles in (("nurse", ["triage_nurse"]), ("doctor", ["doctor"])):
        ctx.users.create(system, username=name, full_name=name, roles=roles, password=PASSWORD)
    ctx.close()
    n = bench_scale()
    t0 = time.perf_counter()
    samples = seed_visits(paths.database, n, "XH01")
    return BenchDB(paths, n, time.perf_counter() - t0, samples)
