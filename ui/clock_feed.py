"""One poll of the open deadline clocks for the whole window: the deadline board shows them, the
status bar counts the overdue ones. Polled every ~15 s through the runner; between polls the
board and the badge count down locally from the clinic clock (a 1 s tick), so a clock turns
amber or red on time without another database read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from app.casework.records import BoardPage
from app.casework.vocab import ClockState
from ui.session import Session

POLL_MS = 15_000


@dataclass(frozen=True)
class ClockSnapshot:
    page: BoardPage
    polled_at: datetime

    @property
    def complete(self) -> bool:
        """Every open clock is in the page (the board asks for the 200 most urgent)."""
        return self.page.open_total <= len(self.page.entries)

    def counts(self, now: datetime) -> tuple[int, int, int]:
        """(open, warning, overdue) at ``now``: recounted locally when the page holds every clock."""
        if not self.complete:
            return self.page.open_total, self.page.warning, self.page.overdue
        states = [e.clock.state(now) for e in self.page.entries]
        return (len(states), states.count(ClockState.WARNING), states.count(ClockState.OVERDUE))


class ClockFeed(QObject):
    updated = Signal(object)  # ClockSnapshot
    failed = Signal(object)

    def __init__(self, session: Session, parent: QObject | None = None, interval_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.session = session
        self.snapshot: ClockSnapshot | None = None
        self._busy = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)

    def start(self) -> None:
        self._timer.start()
        self.poll()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def now(self) -> datetime:
        return self.session.ctx.clock.now()

    def overdue_now(self) -> int:
        return self.snapshot.counts(self.now())[2] if self.snapshot is not None else 0

    def poll(self) -> None:
        if self._busy:
            return
        self._busy = True
        deadlines, actor, clock = self.session.ctx.deadlines, self.session.actor, self.session.ctx.clock

        def read() -> ClockSnapshot:
            now = clock.now()
            return ClockSnapshot(deadlines.board(actor), now)

        self.session.runner.run(read, self._done, self._failed, parent=self)

    def _done(self, snapshot: ClockSnapshot) -> None:
        self._busy = False
        self.snapshot = snapshot
        self.updated.emit(snapshot)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.failed.emit(exc)
