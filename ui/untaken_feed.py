"""首诊负责制 on screen: patients received at the fever clinic whom no doctor has taken within the county's
limit (CaseworkFigures.untaken_minutes). One poll (``UntakenFeed``, every few seconds, through the runner)
feeds a red banner (``UntakenBanner``) on the fever-clinic desk and the triage desk; it stays until someone
takes the case. The banner polls only while the page it sits on is shown. A tick whose change marker did not
move reads nothing (ui/poller.py) while nobody waits past the limit; a patient crossing the limit by time
alone shows at the next re-read (``refresh_ms``); while someone waits, every tick reads (the minutes shown)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel, QWidget

from app.casework.untaken import UntakenReport
from ui.poller import Poller
from ui.session import Session
from ui.widgets import palette

POLL_MS = 5000
SHOWN = {"fever_clinic": 3, "triage": 2}  # patients named in the banner (the desk's form needs the room)
BANNER_STYLE = (f"background: {palette.DANGER}; color: white; font-size: 11pt; font-weight: bold; padding: 6px 12px; "
                "border-radius: 6px;")


class UntakenFeed(Poller):
    snapshot: UntakenReport | None
    refresh_ms = 30_000  # a patient crossing the limit with no write shows within 30 s

    def __init__(self, session: Session, parent: QObject | None = None, interval_ms: int = POLL_MS) -> None:
        super().__init__(session, parent, interval_ms)

    def reader(self) -> Callable[[], UntakenReport]:
        service, actor = self.session.ctx.untaken, self.session.actor
        return lambda: service.untaken(actor)

    def stale(self, previous: UntakenReport) -> bool:
        """Someone waits: the banner's minutes move on."""
        return bool(previous.patients)


class UntakenBanner(QLabel):
    """Hidden while nobody waits past the limit. ``desk`` ("fever_clinic" or "triage") picks what to do next."""

    def __init__(self, session: Session, desk: str, watch: QWidget, feed: UntakenFeed | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.own_feed = feed is None
        self.feed = feed or UntakenFeed(session, self)
        self.feed.updated.connect(lambda _r: self.show_report())
        self.setWordWrap(True)
        self.setStyleSheet(BANNER_STYLE)
        self.setObjectName("untakenBanner")
        self.hide()
        watch.installEventFilter(self)  # poll while the page is shown, stop when it is hidden

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.own_feed:
            if event.type() == QEvent.Type.Show and not self.feed.running:
                self.feed.start()
            elif event.type() == QEvent.Type.Hide:
                self.feed.stop()
        return False

    def refresh(self) -> None:
        """Poll now (e.g. right after a case was taken here)."""
        self.feed.poll()

    @property
    def report(self) -> UntakenReport | None:
        return self.feed.snapshot

    def count(self) -> int:
        return self.report.count if self.report is not None else 0

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.show_report()
        super().changeEvent(event)

    def show_report(self) -> None:
        report = self.report
        if report is None or not report.patients:
            self.clear()
            self.hide()
            return
        lines = [self.tr("⚠ First-diagnosis responsibility: {count} patient(s) waiting more than {limit} min "
                         "with no doctor").format(count=report.count, limit=report.limit_minutes)]
        shown = SHOWN.get(self.desk, 2)
        for p in report.patients[:shown]:
            lines.append(self.tr("Patient {name} ({visit_no}) has been at the fever clinic for {minutes} min and "
                                 "no doctor has taken the case").format(name=p.masked_name, visit_no=p.visit_no,
                                                                        minutes=p.minutes_waited))
        if report.count > shown:
            lines.append(self.tr("… and {count} more").format(count=report.count - shown))
        lines.append(self.tr("Take the patient now: select them below and press Enter.") if self.desk == "fever_clinic"
                     else self.tr("Call the fever clinic's doctor on duty; tell the head nurse if nobody answers."))
        self.setText("\n".join(lines))
        self.show()
