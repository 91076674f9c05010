"""病区与住院: inpatients (admit, discharge) and, for an administrator, the wards and their gates.

Discharging asks first: it also revokes the patient's escort and visitor permits, so every gate
(online or offline, after its next refresh) refuses them. A visitor still inside after the visit's
end is an overstay: listed in red at the top (polled, and raised as an alert once).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.permissions import Perm
from app.wards.records import AdmissionRecord, InsideRecord, WardRecord
from ui.forms import describe
from ui.pages.ward_dialogs import AdmitDialog, WardDialog
from ui.pages.ward_models import inpatient_model, overstay_minutes, ward_model
from ui.poller import Poller
from ui.session import Session
from ui.widgets import palette
from ui.widgets.page import Page
from ui.widgets.table import record_table

OVERSTAY_POLL_MS = 30_000
OVERSTAY_STYLE = (f"background: {palette.ALARM}; color: white; font-size: 12pt; font-weight: bold; padding: 6px;"
                  " border-radius: 6px;")


class OverstayFeed(Poller):
    """Visitors still inside after the visit's end, each raised as an alert once."""

    def reader(self) -> Callable[[], list[InsideRecord]]:
        gate, actor = self.session.ctx.gate, self.session.actor
        return lambda: gate.raise_overstays(actor)


class WardsPage(Page):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.can_admit = session.can(Perm.MANAGE_WARDS)
        self.can_edit_wards = session.can(Perm.MANAGE_CLINIC_SETTINGS)
        self.dialog: AdmitDialog | WardDialog | None = None
        self.ward_records: list[WardRecord] = []
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.overstay = QLabel()
        self.overstay.setWordWrap(True)
        self.overstay.setStyleSheet(OVERSTAY_STYLE)
        self.overstay.hide()
        self.overstays: list[InsideRecord] = []
        self.overstay_feed = OverstayFeed(session, self, OVERSTAY_POLL_MS)
        self.overstay_feed.updated.connect(self.show_overstays)
        self.inpatients = inpatient_model(session.zone, self)
        self.inpatient_view = record_table(self.inpatients, (110, 110, 70, 130, 110, 150, 160), striped=True,
                                           row_height=None)
        self.inpatient_view.doubleClicked.connect(lambda _i: self.discharge())
        self.admit_button = QPushButton()
        self.admit_button.clicked.connect(self.admit)
        self.discharge_button = QPushButton()
        self.discharge_button.clicked.connect(self.discharge)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.reload)
        self.inpatient_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.wards_box = QGroupBox()
        self.wards = ward_model(session.zone, self)
        self.ward_view = record_table(self.wards, (110, 120, 150), striped=True, row_height=None)
        self.ward_view.doubleClicked.connect(lambda _i: self.edit_ward())
        self.add_ward_button = QPushButton()
        self.add_ward_button.clicked.connect(lambda: self.edit_ward(new=True))
        self.edit_ward_button = QPushButton()
        self.edit_ward_button.clicked.connect(lambda: self.edit_ward())
        ward_buttons = QHBoxLayout()
        ward_buttons.addStretch(1)
        ward_buttons.addWidget(self.add_ward_button)
        ward_buttons.addWidget(self.edit_ward_button)
        ward_layout = QVBoxLayout(self.wards_box)
        ward_layout.addWidget(self.ward_view)
        ward_layout.addLayout(ward_buttons)
        self.wards_box.setVisible(self.can_edit_wards)

        buttons = QHBoxLayout()
        buttons.addWidget(self.heading, 1)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.admit_button)
        buttons.addWidget(self.discharge_button)
        left = QVBoxLayout()
        left.addLayout(buttons)
        left.addWidget(self.overstay)
        left.addWidget(self.message)
        left.addWidget(self.inpatient_view, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(self.wards_box, 2)
        self.admit_button.setVisible(self.can_admit)
        self.discharge_button.setVisible(self.can_admit)
        self.retranslate()
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Wards and inpatients")

    def activated(self) -> None:
        self.reload()
        if not self.overstay_feed.running:
            self.overstay_feed.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.overstay_feed.stop()
        super().hideEvent(event)

    def show_overstays(self, records: list[InsideRecord]) -> None:
        self.overstays = records
        self._show_overstays()

    def overstay_text(self, records: list[InsideRecord], now: datetime) -> str:
        who = "、".join(self.tr("{name} ({ward} {bed}), {minutes} min over").format(
            name=r.masked_name, ward=r.ward, bed=r.bed, minutes=overstay_minutes(r, now)) for r in records)
        return self.tr("⚠ Visitor overstay — still inside after the visit's end: {who}").format(who=who)

    def _show_overstays(self) -> None:
        if self.overstays:
            self.overstay.setText(self.overstay_text(self.overstays, self.session.ctx.clock.now()))
        self.overstay.setVisible(bool(self.overstays))

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Inpatients"))
        self.admit_button.setText(self.tr("&Admit…"))
        self.discharge_button.setText(self.tr("&Discharge…"))
        self.refresh_button.setText(self.tr("&Refresh"))
        self.wards_box.setTitle(self.tr("Wards (administrator)"))
        self.add_ward_button.setText(self.tr("Add &ward…"))
        self.edit_ward_button.setText(self.tr("&Edit ward…"))
        self.inpatients.retranslate()
        self.wards.retranslate()
        self._show_overstays()

    # ----- data -----------------------------------------------------------------------------
    def reload(self) -> None:
        wards, actor = self.session.ctx.wards, self.session.actor
        self.session.runner.run(lambda: (wards.wards(), wards.inpatients(actor)), self._loaded,
                                lambda exc: self._say(describe(exc), bad=True), parent=self)
        if self.overstay_feed.running:
            self.overstay_feed.poll()

    def _loaded(self, result: tuple[list[WardRecord], list[AdmissionRecord]]) -> None:
        self.ward_records, inpatients = result
        self.wards.set_rows(self.ward_records)
        self.inpatients.set_rows(inpatients)
        self._update_buttons()

    def selected(self) -> AdmissionRecord | None:
        rows = self.inpatient_view.selectionModel().selectedRows()
        return self.inpatients.record_at(rows[0].row()) if rows else None

    def selected_ward(self) -> WardRecord | None:
        rows = self.ward_view.selectionModel().selectedRows()
        return self.wards.record_at(rows[0].row()) if rows else None

    def select_row(self, row: int) -> None:
        self.inpatient_view.selectRow(row)

    def _update_buttons(self) -> None:
        self.discharge_button.setEnabled(self.selected() is not None)

    def _say(self, text: str, *, bad: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {palette.DANGER}; font-weight: bold;" if bad else f"color: {palette.OK};")

    # ----- actions --------------------------------------------------------------------------
    def _open(self, dialog: AdmitDialog | WardDialog) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()

    def admit(self) -> None:
        if not self.can_admit:
            return
        dialog = AdmitDialog(self.session, self.ward_records, self)
        dialog.saved.connect(self._admitted)
        self._open(dialog)

    def _admitted(self, record: AdmissionRecord) -> None:
        self._say(self.tr("{name} admitted to {ward}, bed {bed}.").format(
            name=record.patient_name, ward=record.ward_name, bed=record.bed))
        self.reload()

    def discharge(self) -> None:
        record = self.selected()
        if record is None or not self.can_admit:
            return
        answer = QMessageBox.question(
            self, self.tr("Discharge"),
            self.tr("Discharge {name} ({ward}, bed {bed})?\n\nAll of this patient's escort and visitor permits are "
                    "revoked at the same time: the gates will refuse them.").format(
                name=record.patient_name, ward=record.ward_name, bed=record.bed))
        if answer != QMessageBox.StandardButton.Yes:
            return
        wards, actor = self.session.ctx.wards, self.session.actor
        self.session.runner.run(lambda: wards.discharge(actor, record.id), self._discharged, parent=self)

    def _discharged(self, record: AdmissionRecord) -> None:
        self._say(self.tr("{name} discharged; the patient's permits were revoked.").format(name=record.patient_name))
        self.reload()

    def edit_ward(self, new: bool = False) -> None:
        if not self.can_edit_wards:
            return
        ward = None if new else self.selected_ward()
        if not new and ward is None:
            return
        dialog = WardDialog(self.session, ward, self)
        dialog.saved.connect(lambda _w: self.reload())
        self._open(dialog)
