"""The gate's poll of who is inside, every few seconds through the runner.

Each poll also reports how many scans decided offline still wait to be written back, writes them
back when the database answers again, and refreshes the gate's offline copy (keys, revocation
list, which gates serve which ward) every couple of minutes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal

from app.wards.gate import GateStation
from app.wards.records import InsideRecord
from ui.session import Session

POLL_MS = 3000
CACHE_REFRESH = timedelta(minutes=2)


@dataclass(frozen=True)
class InsideSnapshot:
    inside: list[InsideRecord] | None  # None: the database did not answer
    pending: int
    now: datetime


class InsideFeed(QObject):
    updated = Signal(object)  # InsideSnapshot

    def __init__(self, session: Session, station: GateStation, parent: QObject | None = None,
                 interval_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.session = session
        self.station = station
        self.snapshot: InsideSnapshot | None = None
        self._busy = False
        self._refreshed: datetime | None = None
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
        station, actor, clock = self.station, self.session.actor, self.session.ctx.clock
        gate = station.service
        refreshed = self._refreshed

        def read() -> tuple[InsideSnapshot, datetime | None]:
            now = clock.now()
            done = refreshed
            try:
                inside: list[InsideRecord] | None = gate.inside(actor)
            except Exception:  # noqa: BLE001 - offline: the gate keeps working from its cache
                inside = None
            if inside is not None:
                try:
                    if station.pending():
                        station.flush_pending()
                    if refreshed is None or now - refreshed > CACHE_REFRESH:
                        station.refresh_cache()
                        done = now
                except Exception:  # noqa: BLE001 - tried again at the next poll
                    pass
            return InsideSnapshot(inside, len(station.pending()), now), done

        self.session.runner.run(read, self._done, self._failed, parent=self)

    def _done(self, result: tuple[InsideSnapshot, datetime | None]) -> None:
        self._busy = False
        self.snapshot, self._refreshed = result
        self.updated.emit(self.snapshot)

    def _failed(self, _exc: BaseException) -> None:
        self._busy = False
