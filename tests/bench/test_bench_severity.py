"""NEWS2 and the emergency triage level of one set of vital signs (issue 17: "adds < 1 ms to a save"): the
readings checked (``Vitals``), NEWS2 scored from its chart and the level from its figures, over varied readings.
No history involved, so no seeded clinic (size "-"), and no baseline: nothing plainer does the same work (an
if-chain NEWS2 total alone takes ~0.3 µs, checks and level left out). Figures in the bench table, not assertions."""

from __future__ import annotations

import random

import pytest

from app.severity.triage_level import triage_level
from app.severity.vitals import Vitals
from tests.bench import table

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
