"""A cheap change marker for the desks' polls (issue 16): one primary-key read that moves whenever anything
a feed shows may have changed, so a poll whose marker did not move skips its query.

The marker is the audit head's sequence number (``audit_head.seq``, row id 1): every business write appends
its audit row in the same transaction (app/audit.py), so a hand-off sent, a case taken, a gate passage or an
alert raised at any desk moves it as it commits. A restore replaces the database: the marker then differs
too (it is compared for equality, never for order).

What does NOT move it, and how the feeds cope:
- time alone (a clock turning overdue at 10:00, a patient waiting past the limit, midnight): each feed
  re-evaluates its last rows in memory with the new time, or re-reads when its own time-driven state says
  so (ui/poller.py ``Poller.stale``), and every feed re-reads at least every ``REFRESH_S`` anyway;
- bookkeeping without an audit row (the outbox's delivery state, the settled-day mark, a visit number
  reserved before its registration): the sync and backup feeds do not skip; anything else shows at the
  next ``REFRESH_S`` re-read at the latest.

Several feeds of one window poll within the same second: a read younger than ``share_s`` is shared."""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable

from sqlalchemy import select

from app.db.engine import Database
from app.db.models import AuditHead

REFRESH_S = 60.0  # every feed re-reads at least this often, marker or not


class ChangeMarker:
    """``read()``: the audit head's sequence number, one indexed read (shared for ``share_s`` seconds)."""

    _markers: weakref.WeakKeyDictionary[Database, ChangeMarker] = weakref.WeakKeyDictionary()
    _markers_lock = threading.Lock()

    def __init__(self, db: Database, share_s: float = 0.5, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.db = db
        self.share_s = share_s
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._last: tuple[float, int] | None = None  # (when read, value)

    @classmethod
    def of(cls, db: Database) -> ChangeMarker:
        """The one marker of this database in this process (every feed of every window shares it)."""
        with cls._markers_lock:
            marker = cls._markers.get(db)
            if marker is None:
                marker = cls._markers[db] = cls(db)
            return marker

    def read(self) -> int:
        """The current marker; raises the database's StorageError when it does not answer."""
        with self._lock:
            now = self._monotonic()
            if self._last is not None and now - self._last[0] < self.share_s:
                return self._last[1]
            with self.db.read() as s:
                value = int(s.scalar(select(AuditHead.seq).where(AuditHead.id == 1)) or 0)
            self._last = (self._monotonic(), value)
            return value

    def forget(self) -> None:
        """The next read goes to the database (after a write on this desk, so its own feeds see it at once)."""
        with self._lock:
            self._last = None
