"""时限看板: every open time limit of every case — the 2 h direct network report, the 24 h
epidemiological investigation, the nucleic-acid turnaround — most urgent first. Amber when due
soon, red when overdue, with the responsible doctor. The clocks are read every ~15 s (the shared
ClockFeed); between reads a 1 s tick counts down from the clinic clock. Enter or a double-click
opens the case.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.casework.records import BoardEntry
from ui.clock_feed import ClockFeed, ClockSnapshot
from ui.forms import describe
from ui.pages.case_models import BoardModel
from ui.pages.case_page import CaseDialog, open_case
from ui.session import Session
from ui.widgets import palette
from ui.widgets.page import Page
from ui.widgets.table import local, record_table

CHIP = "font-size: 13pt; font-weight: bold; padding: 4px 14px; border-radius: 6px;"


class DeadlineBoardPage(Page):
    def __init__(self, session: Session, parent: QWidget | None = None, feed: ClockFeed | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.own_feed = feed is None
        self.feed = feed or ClockFeed(session, self)
        self.feed.updated.connect(self.show_snapshot)
        self.feed.failed.connect(self._poll_failed)
        self.case_dialog: CaseDialog | None = None
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.open_chip = QLabel()
        self.open_chip.setStyleSheet(CHIP + f" background: {palette.NEUTRAL_BG}; color: {palette.SLATE_DARK};")
        self.warning_chip = QLabel()
        self.overdue_chip = QLabel()
        self.updated_label = QLabel()
        self.updated_label.setStyleSheet(f"color: {palette.MUTED};")
        self.error_label = QLabel()
        self.error_label.setStyleSheet(f"color: {palette.DANGER}; font-weight: bold;")
        self.error_label.hide()
        self.model = BoardModel(session.zone, self)
        self.view = record_table(self.model, (190, 90, 250, 110, 110, 200))  # visit no., masked name beside it
        self.view.verticalHeader().setDefaultSectionSize(30)
        self.view.setStyleSheet("QTableView { font-size: 11pt; }")
        self.view.activated.connect(lambda _i: self.open_selected())
        self.view.doubleClicked.connect(lambda _i: self.open_selected())
        self.hint = QLabel()
        self.hint.setStyleSheet(f"color: {palette.MUTED};")
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_selected)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.feed.poll)
        counts = QHBoxLayout()
        counts.addWidget(self.overdue_chip)
        counts.addWidget(self.warning_chip)
        counts.addWidget(self.open_chip)
        counts.addStretch(1)
        counts.addWidget(self.updated_label)
        counts.addWidget(self.refresh_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(counts)
        layout.addWidget(self.error_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self._tick_timer = QTimer(self)
        self._tick_timer.setInterval(1000)
        self._tick_timer.timeout.connect(self.tick)
        self.retranslate()
        if self.feed.snapshot is not None:
            self.show_snapshot(self.feed.snapshot)

    def title(self) -> str:
        return self.tr("Time limits")

    def activated(self) -> None:
        if self.own_feed and not self.feed.running:
            self.feed.start()
        else:
            self.feed.poll()
        if not self._tick_timer.isActive():
            self._tick_timer.start()
        self.view.setFocus()

    def stop(self) -> None:
        self._tick_timer.stop()
        if self.own_feed:
            self.feed.stop()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Time limits of open cases, most urgent first"))
        self.hint.setText(self.tr("Amber: due soon. Red: overdue. Enter or double-click opens the case."))
        self.open_button.setText(self.tr("&Open case"))
        self.refresh_button.setText(self.tr("Re&fresh"))
        self.model.retranslate()
        self.tick()

    # ----- data -----------------------------------------------------------------------------
    def show_snapshot(self, snap: ClockSnapshot) -> None:
        self.error_label.hide()
        selected = self.selected()
        self.model.set_rows(snap.page.entries, self.session.ctx.clock.now())
        if selected is not None:
            row = next((i for i, e in enumerate(self.model.rows()) if e.clock.id == selected.clock.id), -1)
            if row >= 0:
                self.view.selectRow(row)
        self.updated_label.setText(self.tr("Read at {time}").format(time=local(snap.polled_at, self.session.zone,
                                                                              "%H:%M:%S")))
        self.tick()

    def tick(self) -> None:
        """Count down locally from the clinic clock; recolour rows and the counts."""
        now = self.session.ctx.clock.now()
        self.model.set_now(now)
        snap = self.feed.snapshot
        total, warning, overdue = snap.counts(now) if snap is not None else (0, 0, 0)
        self.open_chip.setText(self.tr("Open: {count}").format(count=total))
        self.warning_chip.setText(self.tr("Due soon: {count}").format(count=warning))
        self.overdue_chip.setText(self.tr("Overdue: {count}").format(count=overdue))
        for chip, state, n in ((self.warning_chip, "warning", warning), (self.overdue_chip, "overdue", overdue)):
            if n:
                colours = palette.style(palette.CLOCK_COLORS[state], palette.CLOCK_BACKGROUNDS[state])
                chip.setStyleSheet(f"{CHIP} {colours}")
            else:
                chip.setStyleSheet(f"{CHIP} background: {palette.FAINT_BG}; color: {palette.FAINT};")

    def _poll_failed(self, exc: BaseException) -> None:
        self.error_label.setText(describe(exc))
        self.error_label.show()

    def selected(self) -> BoardEntry | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.record_at(rows[0].row()) if rows else None

    # ----- opening a case -------------------------------------------------------------------
    def open_selected(self) -> None:
        entry = self.selected()
        if entry is not None and entry.clock.visit_no:  # a key-post staff test (issue 18) has no case to open
            open_case(self.session, self, entry.clock.visit_no, self._opened)

    def _opened(self, dialog: CaseDialog) -> None:
        if self.case_dialog is not None:
            self.case_dialog.deleteLater()
        self.case_dialog = dialog
        dialog.changed.connect(lambda _r: self.feed.poll())
