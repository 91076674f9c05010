"""Named counters that never hand out the same value twice, on SQLite and PostgreSQL.

One upsert statement increments and returns under a row lock, so two desks saving at once get
different numbers. The number is taken inside the save's own transaction (issue 16: one commit per
save): it rolls back with a refused or failed save, so no attempt wastes a number, and nobody sees a
number before the row holding it is committed. On PostgreSQL the row lock holds until that commit, so
concurrent saves get consecutive numbers; take it late in the transaction to hold the lock briefly.
"""

from __future__ import annotations

from sqlalchemy import Integer, text
from sqlalchemy.orm import Session

from app.db.engine import connection_of
from app.db.prepared import Prepared

_NEXT = Prepared(text(
    "INSERT INTO counters (name, value) VALUES (:name, 1) "
    "ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value"
).columns(value=Integer))


def next_value(session: Session, name: str) -> int:
    """The next value of ``name``, in the caller's transaction (gap-free: it rolls back with it)."""
    return int(_NEXT.one(connection_of(session), {"name": name}).value)
