"""One poll of the early-warning alerts for the whole window: a scan (which raises whatever the
records now call for; nothing is written when there is nothing new), then the open alerts. The
alerts page shows them, the status bar counts them. Polled every ~60 s through the runner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from app.reporting.alerts import AlertRecord
from ui.session import Session

POLL_MS = 60_000


@dataclass(frozen=True)
class AlertSnapshot:
    open: list[AlertRecord]
    raised: int  # how many this poll's scan raised
    polled_at: datetime


class AlertFeed(QObject):
    updated = Signal(object)  # AlertSnapshot
    failed = Signal(object)

    def __init__(self, session: Session, parent: QObject | None = None, interval_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.session = session
        self.snapshot: AlertSnapshot | None = None
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

    def open_count(self) -> int:
        return len(self.snapshot.open) if self.snapshot is not None else 0

    def poll(self) -> None:
        if self._busy:
            return
        self._busy = True
        alerts, actor, clock = self.session.ctx.alerts, self.session.actor, self.session.ctx.clock

        def read() -> AlertSnapshot:
            raised = alerts.scan(actor)
            return AlertSnapshot(alerts.open_alerts(actor), len(raised), clock.now())

        self.session.runner.run(read, self._done, self._failed, parent=self)

    def _done(self, snapshot: AlertSnapshot) -> None:
        self._busy = False
        self.snapshot = snapshot
        self.updated.emit(snapshot)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.failed.emit(exc)
