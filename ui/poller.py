"""A read of the services repeated on a timer, through the runner (off the UI thread): one read
at a time; the latest result kept in ``snapshot`` and announced with ``updated``, an error with
``failed``. Each feed (clocks, hand-offs, alerts, sync, gate) says only what it reads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from ui.session import Session


class Poller(QObject):
    updated = Signal(object)
    failed = Signal(object)

    def __init__(self, session: Session, parent: QObject | None = None, interval_ms: int = 15_000) -> None:
        super().__init__(parent)
        self.session = session
        self.snapshot: Any = None
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

    @property
    def busy(self) -> bool:
        return self._busy

    def poll(self) -> None:
        if self._busy:
            return
        self._busy = True
        self.session.runner.run(self.reader(), self._done, self._failed, parent=self)

    def reader(self) -> Callable[[], Any]:
        """The read to run off the UI thread (capture what it needs; touch no widget)."""
        raise NotImplementedError

    def keep(self, result: Any) -> Any:
        """Turn a finished read into the snapshot (a feed may keep extra state from it)."""
        return result

    def _done(self, result: Any) -> None:
        self._busy = False
        self.snapshot = self.keep(result)
        self.updated.emit(self.snapshot)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.failed.emit(exc)
