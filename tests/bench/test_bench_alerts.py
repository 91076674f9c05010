"""The alert feed's poll after a write anywhere (issue 16). "poll: alert feed" (test_bench_desk.py) measures the
poll with nothing written, which re-reads only the waiting patients. After a write the scan reads the trail's rows
since its last scan and only what they touched (app/reporting/alerts.py ``TOUCHES``): here a screening saved, then
a registration (which touches the visits' window), in turn, the write itself untimed. A desk's first scan, or one
after a write the scan does not know, reads every signal's window (classifications and arrivals of 14 days,
visits of 21, daily counts of 28). Figures go to the bench table; nothing here asserts a time."""

from __future__ import annotations

import statistics
import time

import pytest

from app.reporting.alerts import AlertService
from app.triage.records import PatientInput, ScreeningInput
from tests.bench import table
from tests.bench.conftest import PASSWORD, BenchDB

ROUNDS = 30


@pytest.mark.slow
def test_bench_alert_scan_after_a_write(seeded: BenchDB) -> None:
    ctx = seeded.open()
    admin = ctx.users.authenticate("boss", PASSWORD, "office")
    nurse = ctx.users.authenticate("nurse", PASSWORD, "desk-1")
    ctx.alerts.scan(admin)  # the desk's first poll raises what the seeded fortnight calls for
    fever = ScreeningInput(38.3, symptoms=frozenset({"fever", "cough"}), health_code="green")

    def write(i: int) -> None:
        screening = ctx.screening.record(nurse, fever)
        if i % 2:
            ctx.registration.register(nurse, screening_id=screening.id, patient=PatientInput(
                name="测试患者", id_type="passport", id_number=f"AL{i + 1:08d}", sex="male"))

    def poll() -> object:
        return ctx.alerts.scan(admin), ctx.alerts.open_alerts(admin)

    write(-1)
    poll()
    times = []
    for i in range(ROUNDS):
        write(i)
        t0 = time.perf_counter()
        poll()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    table.add("poll: alert feed after a write anywhere", seeded.visits, statistics.median(times),
              times[max(0, round(len(times) * 0.95) - 1)], target=20,
              note="a screening, a registration in turn")

    def first_scan(i: int) -> object:
        return AlertService(ctx.db, ctx.clock).scan(admin), ctx.alerts.open_alerts(admin)  # remembers nothing

    table.add_timed("poll: alert feed, a desk's first scan", seeded.visits, table.timed(first_scan, ROUNDS),
                    note="every window read")
    ctx.close()
