"""After seeding: the services' own reads, once, as each page and poll makes them — a seeded row the
services cannot read fails here, before any figure is taken."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from app.actor import Actor
from app.work_counts import WorkCountsService
from app.context import open_context
from app.passwords import OWASP_FLOOR
from app.paths import DataPaths
from app.triage.lists import ListQuery

PASSWORD = "bench-pass-1"


def smoke_check(paths: DataPaths, url: str | None = None) -> dict[str, int]:
    """How many rows each read returned (the caller may print them); raises on any unreadable row.
    ``url``: the clinic's PostgreSQL database, when it is not the SQLite file in ``paths``."""
    ctx = open_context(paths, url, argon2=OWASP_FLOOR)
    try:
        nurse = ctx.users.authenticate("nurse", PASSWORD, "desk-1")
        doctor = ctx.users.authenticate("doctor", PASSWORD, "fever-room")
        admin = ctx.users.authenticate("boss", PASSWORD, "office")
        gate = ctx.users.authenticate("gate", PASSWORD, "ward-gate")
        zone = ZoneInfo(ctx.clinic.get().timezone)
        today = ctx.clock.now().astimezone(zone).date()
        midnight = datetime.combine(today, time(0), zone)
        seen = {
            "list today": len(ctx.lists.page(nurse, ListQuery(day=today), before_id=None, limit=200)),
            "list count": ctx.lists.count(nurse, ListQuery(day=today)),
            "open hand-offs": len(ctx.handoffs.open_handoffs(nurse)),
            "arrived today": len(ctx.handoffs.arrived_since(nurse, midnight)),
            "waiting": len(ctx.cases.waiting(doctor)),
            "open cases": len(ctx.cases.open_cases(doctor, mine_only=False)),
            "handovers": len(ctx.cases.handovers_for(doctor)),
            "untaken": ctx.untaken.untaken(doctor).count,
            "board": ctx.deadlines.board(doctor).open_total,
            "open alerts": len(ctx.alerts.open_alerts(admin)),
            "inside": len(ctx.gate.inside(gate)),
            "report yesterday": ctx.reports.preview(Actor.system(), today - timedelta(days=1)).counts["screened"],
        }
        WorkCountsService(ctx.db, ctx.clock).counts(admin)
        rows = ctx.lists.page(nurse, ListQuery(), before_id=None, limit=200)
        numbers = [r.visit_no for r in rows if r.visit_no]
        if numbers:
            ctx.timelines.timeline(doctor, numbers[-1])
        return seen
    finally:
        ctx.close()
