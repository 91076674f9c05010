"""Named counters that never hand out the same value twice, on SQLite and PostgreSQL.

One upsert statement increments and returns in the caller's transaction; the value is taken
from a row lock, so two desks saving at once get different numbers.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

_NEXT = text(
    "INSERT INTO counters (name, value) VALUES (:name, 1) "
    "ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value"
)


def next_value(session: Session, name: str) -> int:
    return int(session.execute(_NEXT, {"name": name}).scalar_one())
