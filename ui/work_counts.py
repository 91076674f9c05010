"""My work at a glance (issue 15): live counts beside the sidebar's pages, and the page a user lands on.

One cheap read of counts for the whole window (``app.work_counts.WorkCountsService``: counts only, from open
rows) every ~15 s through the shared poller; where the window already polls a fresher list (hand-offs every
1.5 s, the clocks' 1 s local tick, the alerts) the sidebar takes that feed's number instead — no page adds a
poll of its own. A page with work shows a pill with the count ("引导交接 ②"), red when something is overdue.
After log-in the user lands on the page with the most urgent work, unless they already started on another.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem, QStyledItemDelegate, QWidget

from app.permissions import Perm
from app.work_counts import WorkCounts, WorkCountsService
from ui.gate_station import GateStationPage
from ui.pages.alerts_page import AlertsPage
from ui.pages.deadline_board import DeadlineBoardPage
from ui.pages.fever_clinic import FeverClinicPage
from ui.pages.handoff_board import HandoffBoardPage
from ui.pages.permit_page import PermitsPage
from ui.pages.triage_desk import TriageDeskPage
from ui.pages.ward_page import WardsPage
from ui.poller import Poller
from ui.session import Session
from ui.widgets import palette

POLL_MS = 15_000
COUNT_ROLE = int(Qt.ItemDataRole.UserRole) + 41  # the badge's number on a sidebar item (0: none)
URGENT_ROLE = int(Qt.ItemDataRole.UserRole) + 42  # True: the badge is red
URGENT_BADGE = QColor(palette.DANGER)  # as the status bar's overdue badges
PLAIN_BADGE = QColor(palette.BADGE_PLAIN)
BADGE_TEXT = QColor(palette.WHITE)

Index = QModelIndex | QPersistentModelIndex


class WorkCountsFeed(Poller):
    """The counts for the user logged in, every ~15 s (one read, counts only) when the change marker moved;
    at least every 30 s anyway, as some counts turn with time alone (waiting past the limit, overstays)."""

    snapshot: WorkCounts | None
    refresh_ms = 30_000

    def __init__(self, session: Session, parent: QObject | None = None, interval_ms: int = POLL_MS) -> None:
        super().__init__(session, parent, interval_ms)
        self.service = WorkCountsService(session.ctx.db, session.ctx.clock)

    def reader(self) -> Callable[[], WorkCounts]:
        service, actor = self.service, self.session.actor
        return lambda: service.counts(actor)


@dataclass(frozen=True)
class Badge:
    count: int
    urgent: bool
    tip: str


class WorkBadges(QObject):
    """Which count shows beside which page, in words for the tooltip (translated, context "WorkBadges")."""

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session

    def badge(self, page: QWidget, c: WorkCounts) -> Badge | None:
        """The badge beside ``page``; None when nothing waits there."""
        if isinstance(page, HandoffBoardPage) and c.on_the_way:
            late = c.on_the_way_overdue or 0
            return Badge(c.on_the_way, late > 0, self.tr(
                "{count} patient(s) on the way to the fever clinic, {late} of them overdue").format(
                    count=c.on_the_way, late=late))
        if isinstance(page, FeverClinicPage):
            waiting, handovers, late = c.waiting or 0, c.handovers_to_me or 0, c.waiting_overdue or 0
            if waiting + handovers:
                return Badge(waiting + handovers, late > 0, self.tr(
                    "{waiting} patient(s) waiting for a doctor ({late} longer than {limit} min); "
                    "{handovers} hand-over(s) waiting for your answer").format(
                        waiting=waiting, late=late, limit=c.untaken_minutes, handovers=handovers))
            return None
        if isinstance(page, TriageDeskPage) and c.waiting_overdue and not self.session.can(Perm.CASEWORK):
            return Badge(c.waiting_overdue, True, self.tr(
                "{count} patient(s) at the fever clinic longer than {limit} min with no doctor: "
                "call the doctor on duty").format(count=c.waiting_overdue, limit=c.untaken_minutes))
        if isinstance(page, DeadlineBoardPage) and c.clocks_overdue:
            return Badge(c.clocks_overdue, True, self.tr("{count} time limit(s) overdue").format(
                count=c.clocks_overdue))
        if isinstance(page, AlertsPage) and c.alerts_open:
            return Badge(c.alerts_open, True, self.tr("{count} early-warning alert(s) not acknowledged").format(
                count=c.alerts_open))
        if isinstance(page, (WardsPage, PermitsPage, GateStationPage)) and c.visitors_overstaying:
            return Badge(c.visitors_overstaying, True, self.tr(
                "{count} visitor(s) still inside after the visit's end").format(count=c.visitors_overstaying))
        return None


#: The most urgent work first: (page kind, is there such work?). A user with none of it lands on the first page.
LANDING: tuple[tuple[type[QWidget], Callable[[WorkCounts], bool]], ...] = (
    (FeverClinicPage, lambda c: bool(c.handovers_to_me) or bool(c.waiting_overdue)),
    (HandoffBoardPage, lambda c: bool(c.on_the_way_overdue)),
    (FeverClinicPage, lambda c: bool(c.waiting)),
    (DeadlineBoardPage, lambda c: bool(c.clocks_overdue)),
    (WardsPage, lambda c: bool(c.visitors_overstaying)),
    (PermitsPage, lambda c: bool(c.visitors_overstaying)),
    (AlertsPage, lambda c: bool(c.alerts_open)),
)


def landing_row(pages: Sequence[QWidget], counts: WorkCounts | None) -> int:
    """The row of the page with this user's most urgent work, else 0 (the role's usual first page)."""
    if counts is None:
        return 0
    for kind, has_work in LANDING:
        if has_work(counts):
            row = next((i for i, p in enumerate(pages) if isinstance(p, kind)), -1)
            if row >= 0:
                return row
    return 0


def with_feeds(counts: WorkCounts | None, *, on_the_way: tuple[int, int] | None = None,
               clocks_overdue: int | None = None, alerts_open: int | None = None) -> WorkCounts | None:
    """The counts with the fresher numbers of the window's own feeds (each None when that feed has none)."""
    if counts is None:
        return None
    changes: dict[str, Any] = {}  # counts only; Any as replace() checks each keyword against its field
    if on_the_way is not None:
        changes["on_the_way"], changes["on_the_way_overdue"] = on_the_way
    if clocks_overdue is not None and counts.clocks_overdue is not None:
        changes["clocks_overdue"] = clocks_overdue
    if alerts_open is not None and counts.alerts_open is not None:
        changes["alerts_open"] = alerts_open
    return dataclasses.replace(counts, **changes) if changes else counts


class BadgeDelegate(QStyledItemDelegate):
    """Draws the sidebar item as usual, with its count in a pill at the right (red when urgent)."""

    def _pill(self, option: QStyleOptionViewItem, count: int) -> QRect:
        font = QFont(option.font)
        font.setBold(True)
        metrics = QFontMetrics(font)
        text = str(count) if count < 100 else "99+"
        width = max(metrics.horizontalAdvance(text) + 12, metrics.height() + 2)
        height = metrics.height() + 2
        rect: QRect = option.rect
        return QRect(rect.right() - width - 6, rect.center().y() - height // 2 + 1, width, height)

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        count = int(index.data(COUNT_ROLE) or 0)
        if count > 0:  # leave room for the pill: a long title is elided, never drawn under it
            room = option.rect.width() - self._pill(option, count).width() - 30
            option.text = QFontMetrics(option.font).elidedText(option.text, Qt.TextElideMode.ElideRight, max(room, 20))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        count = int(index.data(COUNT_ROLE) or 0)
        if count <= 0:
            return
        pill = self._pill(option, count)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(URGENT_BADGE if index.data(URGENT_ROLE) else PLAIN_BADGE)
        painter.drawRoundedRect(QRectF(pill), pill.height() / 2, pill.height() / 2)
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(BADGE_TEXT)
        painter.drawText(pill, int(Qt.AlignmentFlag.AlignCenter), str(count) if count < 100 else "99+")
        painter.restore()
