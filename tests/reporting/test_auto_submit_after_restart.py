"""Issue 16: the first sync poll after a start does not walk the clinic's history. The automatic submission
remembers the last day it settled (a clinic setting, kept in the database, so it outlives the desk's
process): after a restart it reads neither the screenings' first day nor the reports before the mark, and a
day missed while every desk was off is still submitted."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import event

from app.actor import Actor
from app.clock import FixedClock
from app.context import open_context
from app.passwords import OWASP_FLOOR
from app.paths import DataPaths
from app.reporting.automatic import automatic_actor
from tests.reporting.test_reports_reach_the_hub import TODAY, add_nurse, at, screen_on, settled


def test_after_a_restart_the_walk_starts_at_the_mark_and_submits_the_missed_day(
        paths: DataPaths, db_url: str, admin: Actor, clock: FixedClock, ctx: Any) -> None:
    nurse = add_nurse(ctx, admin)
    first = TODAY - timedelta(days=30)
    screen_on(ctx, nurse, first)
    clock._now = at(TODAY, 9, 30)
    system = automatic_actor("desk-1")
    first_walk: list[str] = []
    event.listen(ctx.db.engine, "before_cursor_execute", lambda _c, _cur, statement, *_a: first_walk.append(statement))
    assert len(ctx.reports.auto_submit_due(system)) == 30  # the first walk: every day since the first screening
    assert [s for s in first_walk if "min(screenings.clinic_day)" in s]  # it looked for the first day
    assert settled(ctx) == (TODAY - timedelta(days=1)).isoformat()
    ctx.close()

    clock._now = at(TODAY + timedelta(days=1), 9, 30)  # the next morning: today's report was never sent
    restarted = open_context(paths, db_url, argon2=OWASP_FLOOR, clock=clock)
    statements: list[str] = []
    event.listen(restarted.db.engine, "before_cursor_execute",
                 lambda _c, _cur, statement, *_a: statements.append(statement))
    try:
        assert [r.day for r in restarted.reports.auto_submit_due(automatic_actor("desk-1"))] == [TODAY]
        assert not [s for s in statements if "min(screenings.clinic_day)" in s]  # no search for the first day
        assert restarted.reports.auto_submit_due(automatic_actor("desk-1")) == []
        assert settled(restarted) == TODAY.isoformat()
    finally:
        restarted.close()
