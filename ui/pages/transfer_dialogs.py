"""申请转运定点医院: the responsible doctor's transfer request, opened from the case page.

Only hospitals that accept patients are offered, designated hospitals first, with their address
and phone. Whether a reason is required is the service's answer (TransferService.needs_reason: not
for a case that owes a transfer — suspected, confirmed, asymptomatic or positive — nor in a sentinel
room, which refers every patient). The request disposes the case as a transfer (from a ward too: any
doctor may ask for a ward patient who owes one); the case page then offers to print the handover form.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QWidget

from app.casework.records import CaseRecord
from app.transfer.records import HospitalRecord
from app.transfer.vocab import Condition
from ui.labels import classification_name, condition_name, hospital_kind_name
from ui.session import Session
from ui.widgets import palette
from ui.widgets.dialog import FormDialog, text_edit
from ui.widgets.palette import WARN_STYLE


def accepting_first(hospitals: list[HospitalRecord]) -> list[HospitalRecord]:
    """Accepting hospitals only, designated before backup, then by name."""
    return sorted((h for h in hospitals if h.accepting), key=lambda h: (h.kind != "designated", h.name))


class TransferRequestDialog(FormDialog):
    """Emits ``saved(TransferRecord)``."""

    def __init__(self, session: Session, case: CaseRecord, hospitals: list[HospitalRecord],
                 parent: QWidget | None = None, *, needs_reason: bool = False) -> None:
        super().__init__(session, parent)
        self.case = case
        self.needs_reason = needs_reason
        self.setMinimumWidth(640)
        self.hospitals = accepting_first(hospitals)
        self.hospital = QComboBox()
        for h in self.hospitals:
            self.hospital.addItem("", h.id)
        self.hospital_info = QLabel()
        self.hospital_info.setWordWrap(True)
        self.hospital_info.setStyleSheet(f"color: {palette.SLATE_TEXT};")
        self.hospital_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.condition = QComboBox()
        for cond in Condition:
            self.condition.addItem("", cond.value)
        self.oxygen = QCheckBox()
        self.precautions = text_edit(200)
        self.staff = text_edit(200)
        self.reason = text_edit(200)
        # what the handover form tells the receiving hospital that the case does not hold (issue 15)
        self.underlying_conditions = text_edit(200)
        self.lines_medication = text_edit(200)
        self.documents = text_edit(200)
        self.reason_note = QLabel()
        self.reason_note.setWordWrap(True)
        self.reason_note.setStyleSheet(WARN_STYLE)
        self.reason_note.setVisible(needs_reason)
        self.none_note = QLabel()
        self.none_note.setWordWrap(True)
        self.none_note.setStyleSheet(WARN_STYLE)
        self.none_note.setVisible(not self.hospitals)
        self.add_field("hospital_id", self.hospital)
        self.form.addRow("", self.hospital_info)
        self.add_field("condition", self.condition)
        self.add_field("oxygen", self.oxygen)
        self.add_field("precautions", self.precautions)
        self.add_field("staff", self.staff)
        self.add_field("reason", self.reason)
        self.add_field("underlying_conditions", self.underlying_conditions)
        self.add_field("lines_medication", self.lines_medication)
        self.add_field("documents", self.documents)
        self.body.insertWidget(1, self.none_note)
        self.body.insertWidget(3, self.reason_note)
        self.hospital.currentIndexChanged.connect(self._show_hospital)
        self.ok.setEnabled(bool(self.hospitals))
        self.retranslate()
        self.hospital.setFocus()

    def _show_hospital(self) -> None:
        h = next((h for h in self.hospitals if h.id == self.hospital.currentData()), None)
        if h is None:
            self.hospital_info.clear()
            return
        parts = [hospital_kind_name(h.kind)]
        if h.address:
            parts.append(self.tr("Address: {address}").format(address=h.address))
        if h.phone:
            parts.append(self.tr("Phone: {phone}").format(phone=h.phone))
        self.hospital_info.setText("  ·  ".join(parts))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Request transfer to designated hospital — {visit_no}").format(
            visit_no=self.case.visit_no))
        text = self.tr("{name}, classified as {classification}. The request books the transfer and closes the case "
                       "as \"transferred\"; the nurse then records the 120 dispatch on the transfer board. Cancelling "
                       "before departure reopens the case.").format(
            name=self.case.patient_name, classification=classification_name(self.case.classification))
        if self.case.in_ward:
            text += " " + self.tr("The patient is in a ward: any doctor may ask for the transfer.")
        self.explain.setText(text)
        for i, h in enumerate(self.hospitals):
            self.hospital.setItemText(i, f"{h.name}（{hospital_kind_name(h.kind)}）")
        for i in range(self.condition.count()):
            self.condition.setItemText(i, condition_name(self.condition.itemData(i)))
        self.labels["hospital_id"].setText(self.tr("&Destination:"))
        self.labels["condition"].setText(self.tr("Co&ndition:"))
        self.labels["oxygen"].setText(self.tr("Oxygen:"))
        self.oxygen.setText(self.tr("Needs &oxygen on the way"))
        self.labels["precautions"].setText(self.tr("Isolation &precautions:"))
        self.precautions.setPlaceholderText(self.tr("e.g. N95, protective gown, face shield, gloves"))
        self.labels["staff"].setText(self.tr("Accompanying &staff:"))
        self.staff.setPlaceholderText(self.tr("e.g. nurse Li Na"))
        self.labels["reason"].setText(self.tr("&Reason:"))
        self.reason.setPlaceholderText(self.tr("required: why this patient is transferred") if self.needs_reason
                                       else self.tr("optional"))
        self.labels["underlying_conditions"].setText(self.tr("&Underlying diseases / allergies:"))
        self.underlying_conditions.setPlaceholderText(self.tr("e.g. hypertension; penicillin allergy (optional)"))
        self.labels["lines_medication"].setText(self.tr("&Lines and medication:"))
        self.lines_medication.setPlaceholderText(self.tr("e.g. oxygen 3 L/min, IV line, drugs given (optional)"))
        self.labels["documents"].setText(self.tr("Documents sent &along:"))
        self.documents.setPlaceholderText(self.tr("e.g. case summary, lab reports, imaging (optional)"))
        self.reason_note.setText(self.tr("This case is not suspected, confirmed, asymptomatic or positive: write why "
                                         "it is transferred."))
        self.none_note.setText(self.tr("No hospital is accepting patients. An administrator sets the hospitals "
                                       "under Transfer settings."))
        self._show_hospital()
        self.retranslate_buttons(self.tr("Request &transfer"))

    def submit(self) -> None:
        self.errors.clear()
        transfers, actor, visit_no = self.session.ctx.transfers, self.session.actor, self.case.visit_no
        hospital_id = self.hospital.currentData()
        if hospital_id is None:
            return
        condition, oxygen = self.condition.currentData(), self.oxygen.isChecked()
        precautions, staff, reason = self.precautions.text(), self.staff.text(), self.reason.text()
        facts = {"underlying_conditions": self.underlying_conditions.text(),
                 "lines_medication": self.lines_medication.text(), "documents": self.documents.text()}
        self.session.runner.run(
            lambda: transfers.request(actor, visit_no, hospital_id=hospital_id, condition=condition, oxygen=oxygen,
                                      precautions=precautions, staff=staff, reason=reason, **facts),
            self.done_with, self.errors.show, parent=self)
