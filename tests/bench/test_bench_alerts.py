"""The alert feed's poll after a write anywhere (issue 16). "poll: alert feed" (test_bench_desk.py) measures the
poll with nothing written, which re-reads only the waiting patients; a write at any desk makes the next scan read
every signal's window again (classifications and arrivals of 14 days, visits of 21, daily counts of 28): the
cost a busy clinic's desk pays about once a minute. Figures go to the bench table; nothing here asserts a time."""

from __future__ import annotations

import pytest

from app.context import open_context
from app.passwords import OWASP_FLOOR
from app.reporting.alerts import AlertService
from tests.bench import table
from tests.bench.conftest import PASSWORD, BenchDB

ROUNDS = 30


@pytest.mark.slow
def test_bench_alert_scan_after_a_write(seeded: BenchDB) -> None:
    ctx = open_context(seeded.paths, argon2=OWASP_FLOOR)
    admin = ctx.users.authenticate("boss", PASSWORD, "office")
    ctx.alerts.scan(admin)  # the desk's first poll raises what the seeded fortnight calls for

    def after_a_write(i: int) -> object:
        scan = AlertService(ctx.db, ctx.clock).scan(admin)  # a scan that can trust nothing it read before
        return scan, ctx.alerts.open_alerts(admin)  # the open alerts did not change: their rows are kept

    table.add_timed("poll: alert feed after a write anywhere", seeded.visits, table.timed(after_a_write, ROUNDS),
                    note="every window re-read")
    ctx.close()
