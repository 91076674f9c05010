"""Dialogs of the wards page: admit a patient (from a visit number, or directly with the patient's
identity, with the patient's nucleic-acid sample — 新入院患者落实应检尽检), add or edit a ward (admin)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.wards.records import AdmissionRecord, WardRecord
from app.wards.vocab import NursingLevel, WardType
from ui.fields import TimeField
from ui.forms import Dialog, FieldErrors, error_label, field_with_error, tidy_form
from ui.labels import nursing_level_name, test_result_name, ward_type_name
from ui.session import Session
from ui.widgets import palette
from ui.widgets.identity import IdentityFields


def _buttons(dialog: Dialog) -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
    buttons = QDialogButtonBox()
    ok = buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
    cancel = buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
    ok.setDefault(True)
    cancel.clicked.connect(dialog.reject)
    return buttons, ok, cancel


class AdmitDialog(Dialog):
    """Emits ``saved(AdmissionRecord)``."""

    saved = Signal(object)

    def __init__(self, session: Session, wards: list[WardRecord], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setMinimumWidth(560)
        self.from_visit = QRadioButton()
        self.direct = QRadioButton()
        self.mode = QButtonGroup(self)
        self.mode.addButton(self.from_visit)
        self.mode.addButton(self.direct)
        self.from_visit.setChecked(True)
        self.visit_no = QLineEdit()
        self.visit_no.setMaxLength(32)
        self.ward = QComboBox()
        for w in wards:
            self.ward.addItem(w.name, w.id)
        self.bed = QLineEdit()
        self.bed.setMaxLength(16)
        self.nursing = QComboBox()
        for level in NursingLevel:
            self.nursing.addItem("", level.value)
        self.nursing.setCurrentIndex(2)
        # the patient's nucleic-acid test: recorded here unless the visit's fever-clinic case has one
        self.nat_taken = QCheckBox()
        self.nat_sampled_at = TimeField(session.zone)
        self.nat_sampled_at.set_value(session.ctx.clock.now())
        self.nat_sampled_at.setEnabled(False)
        self.nat_taken.toggled.connect(self.nat_sampled_at.setEnabled)
        self.nat_result = QComboBox()
        for code in (None, "negative", "positive"):
            self.nat_result.addItem("", code)
        self.nat_hint = QLabel()
        self.nat_hint.setWordWrap(True)
        self.nat_hint.setStyleSheet(f"color: {palette.HINT};")
        self.general_error = error_label()
        self.errors = FieldErrors(self.general_error)
        place = QFormLayout()
        tidy_form(place)
        self._labels: dict[str, QLabel] = {}
        sample = QWidget()
        sample_row = QHBoxLayout(sample)
        sample_row.setContentsMargins(0, 0, 0, 0)
        sample_row.addWidget(self.nat_taken)
        sample_row.addWidget(self.nat_sampled_at, 1)
        for key, widget, buddy in (("ward", self.ward, self.ward), ("bed", self.bed, self.bed),
                                   ("nursing_level", self.nursing, self.nursing),
                                   ("nat_sampled_at", sample, self.nat_taken),
                                   ("nat_result", self.nat_result, self.nat_result)):
            box, err = field_with_error(widget)
            self._labels[key] = QLabel()
            self._labels[key].setBuddy(buddy)
            place.addRow(self._labels[key], box)
            self.errors.add(key, buddy, err)
        place.addRow(self.nat_hint)
        self.visit_form = QFormLayout()
        tidy_form(self.visit_form)
        box, err = field_with_error(self.visit_no)
        self._labels["visit_no"] = QLabel()
        self._labels["visit_no"].setBuddy(self.visit_no)
        self.visit_form.addRow(self._labels["visit_no"], box)
        self.errors.add("visit_no", self.visit_no, err)
        self.visit_box = QWidget()
        self.visit_box.setLayout(self.visit_form)
        self.identity_box = QWidget()
        identity_form = QFormLayout(self.identity_box)
        tidy_form(identity_form)
        self.identity = IdentityFields(identity_form, self.errors, self._today, with_sex=True, parent=self)
        self.errors.add("patient", self.identity.name, self.general_error)
        self.buttons, self.ok, self.cancel = _buttons(self)
        self.ok.clicked.connect(self.submit)
        modes = QHBoxLayout()
        modes.addWidget(self.from_visit)
        modes.addWidget(self.direct)
        modes.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(modes)
        layout.addWidget(self.visit_box)
        layout.addWidget(self.identity_box)
        layout.addLayout(place)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.from_visit.toggled.connect(self._mode_changed)
        self._mode_changed()
        self.retranslate()
        self.visit_no.setFocus()

    def _today(self) -> date:
        return self.session.ctx.clock.now().astimezone(self.session.zone).date()

    def _mode_changed(self) -> None:
        visit = self.from_visit.isChecked()
        self.visit_box.setVisible(visit)
        self.identity_box.setVisible(not visit)
        (self.visit_no if visit else self.identity.name).setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Admit a patient"))
        self.from_visit.setText(self.tr("From a &visit number"))
        self.direct.setText(self.tr("&Direct admission (identity)"))
        self._labels["visit_no"].setText(self.tr("Visit n&o.:"))
        self._labels["ward"].setText(self.tr("&Ward:"))
        self._labels["bed"].setText(self.tr("&Bed:"))
        self._labels["nursing_level"].setText(self.tr("Nursing &level:"))
        self.visit_no.setPlaceholderText(self.tr("Scan or type the visit number"))
        for i in range(self.nursing.count()):
            self.nursing.setItemText(i, nursing_level_name(self.nursing.itemData(i)))
        self._labels["nat_sampled_at"].setText(self.tr("NAT &sample taken at:"))
        self._labels["nat_result"].setText(self.tr("NAT res&ult:"))
        self.nat_taken.setText(self.tr("Sampled"))
        for i in range(self.nat_result.count()):
            code = self.nat_result.itemData(i)
            self.nat_result.setItemText(i, test_result_name(code) if code else self.tr("Not known yet"))
        self.nat_hint.setText(self.tr("Every new inpatient is tested. A fever-clinic visit uses its own nucleic "
                                      "acid test. Until a negative result, the patient goes to the buffer ward "
                                      "(single room) or the isolation observation ward; a suspected or positive "
                                      "patient is transferred, not admitted."))
        self.identity.retranslate()
        self.ok.setText(self.tr("&Admit"))
        self.cancel.setText(self.tr("Cancel"))

    def submit(self) -> None:
        self.errors.clear()
        wards, actor = self.session.ctx.wards, self.session.actor
        ward_id, bed, level = self.ward.currentData(), self.bed.text(), str(self.nursing.currentData())
        if ward_id is None:
            self.errors.show(ValidationError("required", field="ward"))
            return
        sampled = self.nat_sampled_at.value() if self.nat_taken.isChecked() else None
        result = self.nat_result.currentData()
        if self.from_visit.isChecked():
            visit_no = self.visit_no.text().strip()
            if not visit_no:
                self.errors.show(ValidationError("required", field="visit_no"))
                return
            self.session.runner.run(lambda: wards.admit(actor, ward_id=ward_id, bed=bed, nursing_level=level,
                                                        visit_no=visit_no, nat_sampled_at=sampled,
                                                        nat_result=result), self._done, self.errors.show,
                                    parent=self)
        else:
            patient = self.identity.patient_input()
            self.session.runner.run(lambda: wards.admit(actor, ward_id=ward_id, bed=bed, nursing_level=level,
                                                        patient=patient, nat_sampled_at=sampled,
                                                        nat_result=result), self._done, self.errors.show,
                                    parent=self)

    def _done(self, record: AdmissionRecord) -> None:
        self.saved.emit(record)
        self.accept()


class WardDialog(Dialog):
    """Add (``ward`` None) or edit a ward. Emits ``saved(WardRecord)``."""

    saved = Signal(object)

    def __init__(self, session: Session, ward: WardRecord | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ward = ward
        self.setMinimumWidth(480)
        self.name = QLineEdit(ward.name if ward else "")
        self.name.setMaxLength(64)
        self.name.setReadOnly(ward is not None)
        if ward is not None:  # shown, not edited: Tab goes past it
            self.name.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.type = QComboBox()
        for kind in WardType:
            self.type.addItem("", kind.value)
        if ward is not None:
            self.type.setCurrentIndex(max(0, self.type.findData(ward.type)))
        self.gates = QLineEdit("、".join(ward.gates) if ward else "")
        self.gates.setMaxLength(200)
        self.general_error = error_label()
        self.errors = FieldErrors(self.general_error)
        form = QFormLayout()
        tidy_form(form)
        self._labels: dict[str, QLabel] = {}
        for key, widget in (("name", self.name), ("type", self.type), ("gates", self.gates)):
            box, err = field_with_error(widget)
            self._labels[key] = QLabel()
            self._labels[key].setBuddy(widget)
            form.addRow(self._labels[key], box)
            self.errors.add(key, widget, err)
        self.buttons, self.ok, self.cancel = _buttons(self)
        self.ok.clicked.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.retranslate()
        (self.type if ward else self.name).setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Edit ward") if self.ward else self.tr("Add a ward"))
        self._labels["name"].setText(self.tr("&Name:"))
        self._labels["type"].setText(self.tr("&Type:"))
        self._labels["gates"].setText(self.tr("&Gates:"))
        self.gates.setPlaceholderText(self.tr("Gate names, separated by commas, e.g. 缓冲门岗"))
        for i in range(self.type.count()):
            self.type.setItemText(i, ward_type_name(self.type.itemData(i)))
        self.ok.setText(self.tr("&Save"))
        self.cancel.setText(self.tr("Cancel"))

    def submit(self) -> None:
        self.errors.clear()
        wards, actor = self.session.ctx.wards, self.session.actor
        name, kind = self.name.text(), str(self.type.currentData())
        gates = [g.strip() for g in self.gates.text().replace("、", ",").replace("，", ",").split(",") if g.strip()]
        ward_id = self.ward.id if self.ward else None
        version = self.ward.version if self.ward else None
        self.session.runner.run(lambda: wards.save_ward(actor, name=name, type=kind, gates=gates, ward_id=ward_id,
                                                        expected_version=version),
                                self._done, self.errors.show, parent=self)

    def _done(self, record: WardRecord) -> None:
        self.saved.emit(record)
        self.accept()
