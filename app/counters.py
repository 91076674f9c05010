"""Named counters that never hand out the same value twice, on SQLite and PostgreSQL.

One upsert statement increments and returns under a row lock, so two desks saving at once get
different numbers. ``next_value`` is gap-free (rolls back with the caller's transaction);
``reserve`` commits at once, so a number is never reused even after a failed save.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.db.engine import Database

_NEXT = text(
    "INSERT INTO counters (name, value) VALUES (:name, 1) "
    "ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value"
)


def next_value(session: Session, name: str) -> int:
    return int(session.execute(_NEXT, {"name": name}).scalar_one())


def reserve(db: Database, name: str) -> int:
    """Take a number in its own committed transaction: if the save that uses it fails, the
    number stays used (a gap), so a number once shown or printed is never given to anyone else."""
    with db.write() as session:
        return next_value(session, name)
