"""NEWS2 and the emergency triage level of one set of vital signs (issue 17: "adds < 1 ms to a save"): the
readings checked (``Vitals``), NEWS2 scored from its chart and the level from its figures, over varied readings.
No history involved, so no seeded clinic (size "-"), and no baseline: nothing plainer does the same work (an
if-chain NEWS2 total alone takes ~0.3 µs, checks and level left out). Figures in the bench table, not assertions.

The desk's save with the other readings beside the save with the temperature alone, on the seeded 10⁴ clinic
(``save screening with vital signs``: its baseline is the temperature-only save of the same run, measured in
turn with it so both see the same load): what the set written to ``vital_signs`` costs a save; the temperature
alone already gets its NEWS2 and level (app/triage/screening_service.py)."""

from __future__ import annotations

import random
import statistics
import time
from dataclasses import replace

import pytest

from app.severity.triage_level import triage_level
from app.severity.vitals import Vitals
from app.triage.records import ScreeningInput
from tests.bench import table
from tests.bench.conftest import PASSWORD, clinic

ROUNDS = 5000


@pytest.mark.slow
def test_bench_news2_and_triage_level() -> None:
    rng = random.Random(17)
    readings = [(rng.randint(6, 40), rng.randint(75, 100), rng.random() < 0.2, rng.randint(70, 220),
                 rng.randint(40, 180), rng.choice("AAAAACVPU"), round(rng.uniform(35.0, 41.0), 1))
                for _ in range(ROUNDS)]

    def computed(i: int) -> None:
        rr, spo2, oxygen, sbp, hr, avpu, temp = readings[i]
        triage_level(Vitals(temperature_c=temp, respiratory_rate=rr, spo2=spo2, oxygen=oxygen, systolic_bp=sbp,
                            heart_rate=hr, consciousness=avpu))

    measured = table.timed(computed, ROUNDS, warm=50)
    table.add_timed("NEWS2 + triage level", None, measured, target=1,
                    note="readings checked, NEWS2 from its chart, level from its figures")


SAVES = 300


def _p50_p95(times: list[float]) -> tuple[float, float]:
    """As ``table.timed`` reports them."""
    times = sorted(times)
    return statistics.median(times), times[max(0, round(len(times) * 0.95) - 1)]


@pytest.mark.slow
def test_bench_screening_save_with_vital_signs(tmp_path_factory: pytest.TempPathFactory) -> None:
    seeded = clinic(tmp_path_factory, 10_000)
    ctx = seeded.open()
    nurse = ctx.users.authenticate("nurse", PASSWORD, "desk-1")
    plain = ScreeningInput(38.3, symptoms=frozenset({"fever", "cough"}), health_code="green")
    rng = random.Random(17)
    sets = [replace(plain, spo2=rng.randint(85, 100), respiratory_rate=rng.randint(10, 30),
                    heart_rate=rng.randint(50, 140), systolic_bp=rng.randint(85, 180), consciousness=rng.choice("AAAAC"),
                    oxygen=rng.random() < 0.1) for _ in range(SAVES)]
    ctx.screening.record(nurse, plain)
    ctx.screening.record(nurse, sets[0])  # warm both paths
    times: dict[str, list[float]] = {"plain": [], "vitals": []}
    for i in range(SAVES):  # in turn, so both see the same load
        for key, inputs in (("plain", plain), ("vitals", sets[i])):
            t0 = time.perf_counter()
            ctx.screening.record(nurse, inputs)
            times[key].append((time.perf_counter() - t0) * 1000)
    ctx.close()
    alone, with_set = _p50_p95(times["plain"]), _p50_p95(times["vitals"])
    table.add_timed("save screening, temperature only", seeded.visits, alone,
                    note="NEWS2 and level from the temperature alone; no vital_signs row")
    table.add_timed("save screening with vital signs", seeded.visits, with_set, baseline=alone,
                    note=f"six readings, NEWS2 + level, the set written: +{with_set[0] - alone[0]:.2f} ms p50 "
                         "(issue 17: < 1 ms)")
