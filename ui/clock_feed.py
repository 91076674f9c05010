"""One poll of the open deadline clocks for the whole window: the deadline board shows them, the
status bar counts the overdue ones. Polled every ~15 s through the runner; between polls the
board and the badge count down locally from the clinic clock (a 1 s tick), so a clock turns
amber or red on time without another database read. A tick whose change marker did not move reads
nothing (ui/poller.py) — unless the board holds only the most urgent clocks: then the counts come from
the database and every tick reads, as before."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject

from app.casework.records import BoardPage
from app.casework.vocab import ClockState
from ui.poller import Poller
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


class ClockFeed(Poller):
    snapshot: ClockSnapshot | None

    def __init__(self, session: Session, parent: QObject | None = None, interval_ms: int = POLL_MS) -> None:
        super().__init__(session, parent, interval_ms)

    def now(self) -> datetime:
        return self.session.ctx.clock.now()

    def overdue_now(self) -> int:
        return self.snapshot.counts(self.now())[2] if self.snapshot is not None else 0

    def reader(self) -> Callable[[], ClockSnapshot]:
        deadlines, actor, clock = self.session.ctx.deadlines, self.session.actor, self.session.ctx.clock
        return lambda: ClockSnapshot(deadlines.board(actor), clock.now())

    def stale(self, previous: ClockSnapshot) -> bool:
        """Counts recounted locally need every open clock; a partial page's counts age with time."""
        return not previous.complete
