"""One poll of the open hand-offs for the whole window: the board shows them, the status bar
counts the overdue ones. Polled every ~1.5 s through the runner, so a hand-off sent from another
desk (another process on the same database) shows within a couple of seconds. A tick whose change marker
did not move reads nothing (ui/poller.py): the hand-offs it holds are re-timed in memory, announced again
only when a minute turned or one became overdue; a new clinic day reads again (today's arrivals)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, time, timezone

from PySide6.QtCore import QObject

from app.triage.records import HandoffRecord
from ui.poller import Poller
from ui.session import Session

POLL_MS = 1500


@dataclass(frozen=True)
class HandoffSnapshot:
    open: list[HandoffRecord]
    arrived_today: list[HandoffRecord]
    now: datetime

    def overdue(self) -> list[HandoffRecord]:
        return [h for h in self.open if h.due_at <= self.now]


class HandoffFeed(Poller):
    snapshot: HandoffSnapshot | None

    def __init__(self, session: Session, parent: QObject | None = None, interval_ms: int = POLL_MS) -> None:
        super().__init__(session, parent, interval_ms)

    def reader(self) -> Callable[[], HandoffSnapshot]:
        handoffs, actor, clock, zone = (self.session.ctx.handoffs, self.session.actor, self.session.ctx.clock,
                                        self.session.zone)

        def read() -> HandoffSnapshot:
            now = clock.now()
            midnight = datetime.combine(now.astimezone(zone).date(), time(0), zone).astimezone(timezone.utc)
            return HandoffSnapshot(handoffs.open_handoffs(actor), handoffs.arrived_since(actor, midnight), now)

        return read

    def stale(self, previous: HandoffSnapshot) -> bool:
        """A new clinic day: "arrived today" must be read again."""
        zone = self.session.zone
        return self.session.ctx.clock.now().astimezone(zone).date() != previous.now.astimezone(zone).date()

    def again(self, previous: HandoffSnapshot) -> HandoffSnapshot | None:
        """The same hand-offs at the current time; None when neither the minute nor the overdue ones changed."""
        fresh = replace(previous, now=self.session.ctx.clock.now())
        same_minute = fresh.now.replace(second=0, microsecond=0) == previous.now.replace(second=0, microsecond=0)
        return None if same_minute and len(fresh.overdue()) == len(previous.overdue()) else fresh
