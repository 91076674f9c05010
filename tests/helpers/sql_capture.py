"""The SELECT statements a service runs, captured from the engine, so plan tests explain the SQL that really
runs rather than a retyped copy (tests/test_query_plans.py, tests/reporting/test_report_counts_plan.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from app.context import AppContext


@contextmanager
def captured(ctx: AppContext) -> Iterator[list[tuple[str, Any]]]:
    """The SELECT (and WITH) statements the engine runs inside the block, with their parameters."""
    statements: list[tuple[str, Any]] = []

    def before(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, executemany: bool) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")) and not executemany:
            statements.append((statement, parameters))

    event.listen(ctx.db.engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", before)
