"""The gate's poll of who is inside (the wards this gate serves), every few seconds through the runner.

Each poll also reports the station's status (how many scans decided offline still wait, how old the
offline copy is, how many unreadable records were set aside), writes the waiting scans back when the
database answers again (each checked again against the live data), and refreshes the gate's offline
copy (everything the rules need offline) every couple of minutes. A tick whose change marker did not move
reads nothing (ui/poller.py; the page times overstays itself every second) — unless the database did not
answer last time, scans wait to be written back, or the offline copy is due for its refresh. That work
(``GateStation.upkeep``, with the checkpoint of the database's log) runs here and never in a scan."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QObject

from app.wards.gate import COPY_EVERY, GateStation
from app.wards.records import GateStatus, InsideRecord
from ui.poller import Poller
from ui.session import Session

POLL_MS = 3000


@dataclass(frozen=True)
class InsideSnapshot:
    inside: list[InsideRecord] | None  # None: the database did not answer
    pending: int
    now: datetime
    status: GateStatus | None = None


class InsideFeed(Poller):
    snapshot: InsideSnapshot | None

    def __init__(self, session: Session, station: GateStation, parent: QObject | None = None,
                 interval_ms: int = POLL_MS) -> None:
        super().__init__(session, parent, interval_ms)
        self.station = station
        self._refreshed: datetime | None = None

    def reader(self) -> Callable[[], tuple[InsideSnapshot, datetime | None]]:
        station, actor, clock = self.station, self.session.actor, self.session.ctx.clock
        gate = station.service
        refreshed = self._refreshed

        def read() -> tuple[InsideSnapshot, datetime | None]:
            now = clock.now()
            done = refreshed
            try:
                inside: list[InsideRecord] | None = gate.inside(actor, station.gate)
            except Exception:  # noqa: BLE001 - offline: the gate keeps working from its cache
                inside = None
            if inside is not None:
                try:
                    done = station.upkeep(actor)  # write-back, offline copy, checkpoint: never in a scan
                except Exception:  # noqa: BLE001 - tried again at the next poll
                    pass
            status = station.status()
            return InsideSnapshot(inside, status.pending, now, status), done

        return read

    def stale(self, previous: InsideSnapshot) -> bool:
        if previous.inside is None or previous.pending:
            return True
        refreshed = self._refreshed
        return refreshed is None or not timedelta(0) <= self.session.ctx.clock.now() - refreshed < COPY_EVERY

    def keep(self, result: tuple[InsideSnapshot, datetime | None]) -> InsideSnapshot:
        snapshot, self._refreshed = result
        return snapshot
