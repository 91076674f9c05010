"""One poll of the open hand-offs for the whole window: the board shows them, the status bar
counts the overdue ones. Polled every ~1.5 s through the runner, so a hand-off sent from another
desk (another process on the same database) shows within a couple of seconds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timezone

from PySide6.QtCore import QObject, QTimer, Signal

from app.triage.records import HandoffRecord
from ui.session import Session

POLL_MS = 1500


@dataclass(frozen=True)
class HandoffSnapshot:
    open: list[HandoffRecord]
    arrived_today: list[HandoffRecord]
    now: datetime

    def overdue(self) -> list[HandoffRecord]:
        return [h for h in self.open if h.due_at <= self.now]


class HandoffFeed(QObject):
    updated = Signal(object)  # HandoffSnapshot
    failed = Signal(object)

    def __init__(self, session: Session, parent: QObject | None = None, interval_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.session = session
        self.snapshot: HandoffSnapshot | None = None
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

    def poll(self) -> None:
        if self._busy:
            return
        self._busy = True
        handoffs, actor, clock, zone = (self.session.ctx.handoffs, self.session.actor, self.session.ctx.clock,
                                        self.session.zone)

        def read() -> HandoffSnapshot:
            now = clock.now()
            midnight = datetime.combine(now.astimezone(zone).date(), time(0), zone).astimezone(timezone.utc)
            return HandoffSnapshot(handoffs.open_handoffs(actor), handoffs.arrived_since(actor, midnight), now)

        self.session.runner.run(read, self._done, self._failed, parent=self)

    def _done(self, snapshot: HandoffSnapshot) -> None:
        self._busy = False
        self.snapshot = snapshot
        self.updated.emit(snapshot)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.failed.emit(exc)
