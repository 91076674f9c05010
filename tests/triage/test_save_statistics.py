"""The app never gathers the planner's statistics on SQLite (no ``PRAGMA optimize``, no ANALYZE; see
app/db/engine.py ``_sqlite_pragmas``): gathered on a young clinic's small tables they turn the open-now reads
into full scans of history. Saving, reading and closing leave no statistics table behind."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from app.actor import Actor
from app.context import AppContext
from app.triage.records import ScreeningInput


def test_saving_and_closing_gather_no_statistics(sqlite_ctx: AppContext, sqlite_admin: Actor) -> None:
    ctx = sqlite_ctx
    ctx.users.create(sqlite_admin, username="nurse", full_name="李娜", roles=["triage_nurse"], password="nurse-pass-1")
    nurse = ctx.users.authenticate("nurse", "nurse-pass-1", "desk-1")
    for _ in range(3):
        ctx.screening.record(nurse, ScreeningInput(38.6, symptoms=frozenset({"fever"}), health_code="green"))
    ctx.registration.search_patients(nurse, "张")
    ctx.db.dispose()
    with closing(sqlite3.connect(ctx.paths.database)) as conn:
        stats = conn.execute("SELECT name FROM sqlite_master WHERE name LIKE 'sqlite_stat%'").fetchall()
    assert stats == []
