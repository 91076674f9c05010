"""An idle desk after log-in (issue 16): the share of one core a logged-in main window uses while nobody
touches it (its polls only) and its resident memory, for a nurse, a doctor and an admin, on each seeded
clinic. Each in a process of its own, offscreen (tests/bench/idle_desk.py). Baseline: the same window
on a clinic without screening history (its wards and permits only). Targets at 10⁶: < 2 % of one core; ≤ 250 MB."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bench import table
from tests.bench.conftest import PASSWORD, BenchDB, clinic

ROOT = Path(__file__).resolve().parents[2]
SETTLE_S, MEASURE_S = 6, 20
ROLES = (("nurse", "nurse"), ("doctor", "doctor"), ("admin", "boss"))


def idle(data_dir: Path, username: str) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "tests.bench.idle_desk", str(data_dir), username, PASSWORD,
                           str(SETTLE_S), str(MEASURE_S)], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=SETTLE_S + MEASURE_S + 120)
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.slow
@pytest.mark.parametrize(("role", "username"), ROLES, ids=[r for r, _ in ROLES])
def test_bench_idle_desk(seeded: BenchDB, tmp_path_factory: pytest.TempPathFactory, role: str, username: str) -> None:
    empty = clinic(tmp_path_factory, 0)
    base = idle(empty.paths.root, username)
    got = idle(seeded.paths.root, username)
    table.add(f"idle desk after log-in, {role} (% of one core)", seeded.visits, got["cpu_percent"],
              got["cpu_percent"], target=2, baseline=base["cpu_percent"],
              note=f"one {MEASURE_S} s window; baseline: no screening history")
    table.add(f"memory after log-in, {role} (MB)", seeded.visits, got["rss_mb"], got["rss_mb"], target=250,
              baseline=base["rss_mb"], note="RSS; baseline: no screening history")
