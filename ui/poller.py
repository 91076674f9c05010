"""A read of the services repeated on a timer, through the runner (off the UI thread): one read
at a time; the latest result kept in ``snapshot`` and announced with ``updated``, an error with
``failed``. Each feed (clocks, hand-offs, alerts, sync, gate) says only what it reads.

Polls that cost nothing when nothing changed (issue 16): before its read, each poll reads the change
marker (app/changes.py: the audit head's sequence, one primary-key read shared by every feed of the
process). When the marker has not moved since the feed's last read, the read is skipped and the feed
re-evaluates what it already holds with the new time (``again``). A feed re-reads anyway when its own
time-driven state says so (``stale``: midnight, an offline gate...), at least every ``refresh_ms``
(writes the audit trail does not see, and state that turns with time alone), and on ``poll(force=True)``.
A write at another desk moves the marker, so it shows at the feed's next tick."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.changes import REFRESH_S, ChangeMarker
from app.errors import StorageError
from ui.session import Session


@dataclass(frozen=True)
class _Unchanged:
    """The worker's answer when the marker did not move: nothing was read."""

    marker: int


@dataclass(frozen=True)
class _Read:
    marker: int | None  # None: the marker could not be read (the read itself then said what it could)
    result: Any


class Poller(QObject):
    updated = Signal(object)
    failed = Signal(object)

    #: re-read at least this often even when the marker did not move
    refresh_ms: int = int(REFRESH_S * 1000)
    #: False: every tick reads (a feed whose work is more than a read of what the trail records)
    watches_marker: bool = True

    def __init__(self, session: Session, parent: QObject | None = None, interval_ms: int = 15_000) -> None:
        super().__init__(parent)
        self.session = session
        self.snapshot: Any = None
        self.reads = 0  # full reads done (the skipped ones are not counted)
        self.marker = ChangeMarker.of(session.ctx.db)
        self._busy = False
        self._follow = False
        self._seen: int | None = None  # the marker at the last full read
        self._read_at = 0.0  # time.monotonic() of the last full read
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._timer.start()
        self.poll()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    @property
    def busy(self) -> bool:
        return self._busy

    def _tick(self) -> None:
        self.poll(force=False)

    def poll(self, force: bool = True) -> None:
        """Read now (a page asking, e.g. right after a write on this desk); the timer's ticks pass
        ``force=False``: read only when the marker moved (or ``_must_read``). A forced poll asked while
        one runs follows it."""
        if self._busy:
            self._follow = self._follow or force
            return
        self._busy = True
        force = force or self._follow or self._must_read()
        self._follow = False
        marker, seen, read = self.marker, self._seen, self.reader()

        def work() -> _Unchanged | _Read:
            try:
                mark: int | None = marker.read()
            except StorageError:
                mark = None  # the read below meets the same failure, or works offline (the gate)
            if not force and mark is not None and mark == seen:
                return _Unchanged(mark)
            return _Read(mark, read())

        self.session.runner.run(work, self._done, self._failed, parent=self)

    def _must_read(self) -> bool:
        if not self.watches_marker or self.snapshot is None or self._seen is None:
            return True
        if (time.monotonic() - self._read_at) * 1000 >= self.refresh_ms:
            return True
        return self.stale(self.snapshot)

    def reader(self) -> Callable[[], Any]:
        """The read to run off the UI thread (capture what it needs; touch no widget)."""
        raise NotImplementedError

    def keep(self, result: Any) -> Any:
        """Turn a finished read into the snapshot (a feed may keep extra state from it)."""
        return result

    def stale(self, previous: Any) -> bool:
        """True when time alone made ``previous`` wrong in a way only a read can fix (e.g. a new day)."""
        return False

    def again(self, previous: Any) -> Any | None:
        """``previous`` re-evaluated in memory at the current time when nothing was read: a new snapshot
        to announce, or None when nothing a person sees changed."""
        return None

    def _done(self, result: _Unchanged | _Read) -> None:
        self._busy = False
        if isinstance(result, _Unchanged):
            fresh = self.again(self.snapshot)
            if fresh is not None:
                self.snapshot = fresh
                self.updated.emit(fresh)
        else:
            self._seen, self._read_at = result.marker, time.monotonic()
            self.reads += 1
            self.snapshot = self.keep(result.result)
            self.updated.emit(self.snapshot)
        if self._follow:
            self.poll(force=True)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self._seen = None  # read in full next time
        self.failed.emit(exc)
