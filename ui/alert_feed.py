"""One poll of the early-warning alerts for the whole window: a scan (which raises whatever the
records now call for; nothing is written when there is nothing new), then the open alerts. The
alerts page shows them, the status bar counts them. Polled every ~60 s through the runner; a tick whose
change marker did not move reads nothing (ui/poller.py), and the scan runs at least every minute anyway for
what turns with time alone (a patient untaken past the limit: the untaken banner shows it within 30 s,
the alert within the minute). That re-read is cheap: with nothing written the service reads only the
waiting patients and two index look-ups of the open alerts; after writes, also the trail's rows since its last
scan and what they touched (app/reporting/alerts.py ``TOUCHES``), never the windows again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject

from app.reporting.alerts import AlertRecord
from ui.poller import Poller
from ui.session import Session

POLL_MS = 60_000


@dataclass(frozen=True)
class AlertSnapshot:
    open: list[AlertRecord]
    raised: int  # how many this poll's scan raised
    polled_at: datetime


class AlertFeed(Poller):
    snapshot: AlertSnapshot | None

    def __init__(self, session: Session, parent: QObject | None = None, interval_ms: int = POLL_MS) -> None:
        super().__init__(session, parent, interval_ms)

    def open_count(self) -> int:
        return len(self.snapshot.open) if self.snapshot is not None else 0

    def reader(self) -> Callable[[], AlertSnapshot]:
        alerts, actor, clock = self.session.ctx.alerts, self.session.actor, self.session.ctx.clock

        def read() -> AlertSnapshot:
            raised = alerts.scan(actor)
            return AlertSnapshot(alerts.open_alerts(actor), len(raised), clock.now())

        return read
