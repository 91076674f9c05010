"""引导交接: the hand-off board, used at the fever clinic and at the desk.

The scan box keeps the focus: a keyboard-wedge scanner types the slip's visit number and Enter,
which confirms the arrival; typed numbers work the same. Up/Down in the scan box move through
the open hand-offs, and Enter on an empty box confirms the selected one. Overdue rows are red.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.permissions import Perm
from app.triage.handoff_service import Arrival
from app.triage.records import HandoffRecord
from ui.forms import Dialog, FieldErrors, describe, error_label, field_with_error, tidy_form
from ui.handoff_feed import HandoffFeed, HandoffSnapshot
from ui.pages.handoff_model import HandoffTableModel
from ui.scan_field import ScanField
from ui.session import Session
from ui.untaken_feed import UntakenBanner
from ui.widgets import palette
from ui.widgets.page import Page
from ui.widgets.table import record_table

OK_STYLE = f"font-size: 13pt; font-weight: bold; color: {palette.OK};"
BAD_STYLE = f"font-size: 13pt; font-weight: bold; color: {palette.DANGER};"
ALREADY_STYLE = f"font-size: 13pt; font-weight: bold; color: {palette.INFO};"  # neither success nor failure


class LeftDialog(Dialog):
    """Report that a patient left on the way without permission (an incident). Emits ``saved(record)``."""

    saved = Signal(object)

    def __init__(self, session: Session, record: HandoffRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.record = record
        self.setMinimumWidth(480)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.noticed_by = QLineEdit()
        self.noticed_by.setMaxLength(64)
        self.reported_to = QLineEdit()
        self.reported_to.setMaxLength(64)
        self.note = QLineEdit()
        self.note.setMaxLength(300)
        self.general_error = error_label()
        self.errors = FieldErrors(self.general_error)
        form = QFormLayout()
        tidy_form(form)
        self._labels: dict[str, QLabel] = {}
        for key, widget in (("noticed_by", self.noticed_by), ("reported_to", self.reported_to),
                            ("note", self.note)):
            box, err = field_with_error(widget)
            self._labels[key] = QLabel()
            self._labels[key].setBuddy(widget)
            form.addRow(self._labels[key], box)
            self.errors.add(key, widget, err)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.setDefault(True)
        self.ok.clicked.connect(self.submit)
        self.cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.noticed_by.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Left without permission"))
        self.explain.setText(self.tr("Visit {visit_no} ({name}) left on the way to the fever clinic. This is "
                                     "recorded as an incident and closes the hand-off.")
                             .format(visit_no=self.record.visit_no, name=self.record.patient_name))
        self._labels["noticed_by"].setText(self.tr("&Noticed by:"))
        self._labels["reported_to"].setText(self.tr("&Reported to:"))
        self._labels["note"].setText(self.tr("N&ote:"))
        self.reported_to.setPlaceholderText(self.tr("e.g. infection control, the duty director"))
        self.ok.setText(self.tr("Record &incident"))
        self.cancel.setText(self.tr("Cancel"))

    def submit(self) -> None:
        self.errors.clear()
        handoffs, actor, visit_no = self.session.ctx.handoffs, self.session.actor, self.record.visit_no
        noticed, reported, note = self.noticed_by.text(), self.reported_to.text(), self.note.text()
        self.session.runner.run(
            lambda: handoffs.report_left(actor, visit_no, noticed_by=noticed, reported_to=reported, note=note),
            self._done, self.errors.show, parent=self)

    def _done(self, record: HandoffRecord) -> None:
        self.saved.emit(record)
        self.accept()


class HandoffBoardPage(Page):
    def __init__(self, session: Session, parent: QWidget | None = None, feed: HandoffFeed | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.can_receive = session.can(Perm.RECEIVE_PATIENTS)
        self.own_feed = feed is None
        self.feed = feed or HandoffFeed(session, self)
        self.feed.updated.connect(self.show_snapshot)
        self.feed.failed.connect(self._poll_failed)
        self.dialog: LeftDialog | None = None
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.untaken = UntakenBanner(session, "triage", self)  # arrived, but no doctor took them (首诊负责制)
        self.scan_label = QLabel()
        self.scan = ScanField(64, "font-size: 16pt; padding: 4px;")
        self.scan.scanned.connect(self.scanned)
        self.scan.installEventFilter(self)
        self.scan_label.setBuddy(self.scan)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.open_label = QLabel()
        self.open_label.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.open_model = HandoffTableModel(session.zone, parent=self)
        widths = (210, 90, 150, 90, 190)  # out of the Tab chain: the scan box keeps the keyboard
        self.open_view = record_table(self.open_model, widths, focus=False, row_height=None)
        self.open_view.doubleClicked.connect(lambda _i: self.confirm_selected())
        self.arrived_label = QLabel()
        self.arrived_label.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.arrived_model = HandoffTableModel(session.zone, arrived=True, parent=self)
        self.arrived_view = record_table(self.arrived_model, widths, focus=False, row_height=None, selectable=False)
        self.confirm_button = QPushButton()
        self.confirm_button.clicked.connect(self.confirm_selected)
        self.left_button = QPushButton()
        self.left_button.clicked.connect(self.report_left)
        self.open_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan_label)
        scan_row.addWidget(self.scan, 1)
        open_row = QHBoxLayout()
        open_row.addWidget(self.open_label, 1)
        open_row.addWidget(self.confirm_button)
        open_row.addWidget(self.left_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.untaken)
        layout.addLayout(scan_row)
        layout.addWidget(self.result)
        layout.addLayout(open_row)
        layout.addWidget(self.open_view, 3)
        layout.addWidget(self.arrived_label)
        layout.addWidget(self.arrived_view, 2)
        for widget in (self.scan_label, self.scan, self.confirm_button, self.left_button):
            widget.setVisible(self.can_receive)
        self.retranslate()
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Hand-offs")

    def activated(self) -> None:
        if self.own_feed and not self.feed.running:
            self.feed.start()
        else:
            self.feed.poll()
        if self.feed.snapshot is not None:
            self.show_snapshot(self.feed.snapshot)
        self.scan.setFocus()

    def stop(self) -> None:
        if self.own_feed:
            self.feed.stop()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Escorted hand-offs to the fever clinic"))
        self.scan_label.setText(self.tr("Sc&an slip:"))
        self.scan.setPlaceholderText(self.tr("Scan the guide slip's QR code, or type the visit number and "
                                             "press Enter"))
        self.confirm_button.setText(self.tr("&Confirm arrival"))
        self.left_button.setText(self.tr("Left &without permission…"))
        self.open_model.retranslate()
        self.arrived_model.retranslate()
        self._show_counts()

    def _show_counts(self) -> None:
        snap = self.feed.snapshot
        n_open = len(snap.open) if snap else 0
        n_over = len(snap.overdue()) if snap else 0
        text = self.tr("On the way: {count}").format(count=n_open)
        if n_over:
            text += "  " + self.tr("({count} overdue)").format(count=n_over)
        self.open_label.setText(text)
        self.open_label.setStyleSheet("font-size: 12pt; font-weight: bold;"
                                      + (f" color: {palette.DANGER};" if n_over else ""))
        self.arrived_label.setText(self.tr("Arrived today: {count}").format(count=len(snap.arrived_today) if snap
                                                                              else 0))

    # ----- data -----------------------------------------------------------------------------
    def show_snapshot(self, snap: HandoffSnapshot) -> None:
        selected = self.selected()
        self.open_model.set_rows(snap.open, snap.now)
        self.arrived_model.set_rows(snap.arrived_today, snap.now)
        if selected is not None:
            self.select(selected.visit_no)
        self._show_counts()
        self._update_buttons()

    def _poll_failed(self, exc: BaseException) -> None:
        self._say(describe(exc), ok=False)

    def selected(self) -> HandoffRecord | None:
        rows = self.open_view.selectionModel().selectedRows()
        return self.open_model.record_at(rows[0].row()) if rows else None

    def select(self, visit_no: str) -> None:
        row = self.open_model.row_of(visit_no)
        if row >= 0:
            self.open_view.selectionModel().select(
                self.open_model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.open_view.setCurrentIndex(self.open_model.index(row, 0))

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        self.confirm_button.setEnabled(has)
        self.left_button.setEnabled(has)

    def _say(self, text: str, *, ok: bool) -> None:
        self.result.setText(text)
        self.result.setStyleSheet(OK_STYLE if ok else BAD_STYLE)

    # ----- actions --------------------------------------------------------------------------
    def scanned(self, text: str) -> None:
        if not text:
            self.confirm_selected()
            return
        self.confirm(text)

    def confirm_selected(self) -> None:
        record = self.selected()
        if record is not None:
            self.confirm(record.visit_no)

    def confirm(self, visit_no: str) -> None:
        if not self.can_receive:
            return
        handoffs, actor = self.session.ctx.handoffs, self.session.actor
        self.session.runner.run(lambda: handoffs.confirm_arrival(actor, visit_no), self._arrived,
                                self._refused, parent=self)

    def _arrived(self, record: HandoffRecord) -> None:
        if isinstance(record, Arrival) and record.already_arrived:  # a slip scanned twice: no failure
            self._say_already(record)
            self.scan.setFocus()
            return
        minutes = int((record.received_at - record.sent_at).total_seconds() // 60) if record.received_at else 0
        self._say(self.tr("✓ Received {visit_no} ({name}) after {minutes} min.")
                  .format(visit_no=record.visit_no, name=record.patient_name, minutes=minutes), ok=True)
        self.feed.poll()
        self.scan.setFocus()

    def _say_already(self, record: Arrival) -> None:
        at = ""
        if record.received_at is not None:
            local = record.received_at.astimezone(self.session.zone)
            today = self.session.ctx.clock.now().astimezone(self.session.zone).date()
            at = local.strftime("%H:%M") if local.date() == today else local.strftime("%Y-%m-%d %H:%M")
        self.result.setText(self.tr("Already arrived: {visit_no} ({name}) was received at {time} by {who}. "
                                    "Nothing more to do.")
                            .format(visit_no=record.visit_no, name=record.patient_name, time=at,
                                    who=record.received_by_name or record.received_by or ""))
        self.result.setStyleSheet(ALREADY_STYLE)

    def _refused(self, exc: BaseException) -> None:
        self._say("× " + describe(exc), ok=False)  # no message box: the scanner's next Enter would close it
        self.scan.setFocus()

    def report_left(self) -> None:
        record = self.selected()
        if record is None:
            return
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = LeftDialog(self.session, record, self)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.saved.connect(self._left_recorded)
        self.dialog.finished.connect(lambda _r: self.scan.setFocus())
        self.dialog.show()

    def _left_recorded(self, record: HandoffRecord) -> None:
        self._say(self.tr("Incident recorded: {visit_no} left without permission.").format(visit_no=record.visit_no),
                  ok=False)
        self.feed.poll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scan and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.open_model.rowCount():
                current = self.open_view.currentIndex().row()
                step = -1 if event.key() == Qt.Key.Key_Up else 1
                row = min(max(0, current + step), self.open_model.rowCount() - 1) if current >= 0 else 0
                self.select(self.open_model.record_at(row).visit_no)  # type: ignore[union-attr]
                return True
        return super().eventFilter(watched, event)
