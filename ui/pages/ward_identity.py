"""Identity fields shared by the ward and permit dialogs: name, document, number (checked as typed,
like the registration form: a resident ID's birth date and check digit), sex when no resident ID,
phone. Errors from the services land next to these fields through ``FieldErrors``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from app.errors import ValidationError
from app.triage.identity import parse_resident_id
from app.triage.records import PatientInput
from app.triage.vocab import IdType, Sex
from ui.forms import FieldErrors, field_with_error
from ui.labels import id_type_name, sex_name


class IdentityFields(QObject):
    """Adds its rows to ``form``; ``with_sex`` for a patient (a holder's sex is not asked)."""

    def __init__(self, form: QFormLayout, errors: FieldErrors, today: Callable[[], date], *, with_sex: bool,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.errors = errors
        self.name = QLineEdit()
        self.name.setMaxLength(64)
        self.id_type = QComboBox()
        for code in IdType:
            self.id_type.addItem("", code.value)
        self.id_number = QLineEdit()
        self.id_number.setMaxLength(30)
        self.id_missing_reason = QLineEdit()
        self.id_missing_reason.setMaxLength(100)
        self.sex = QComboBox()
        self.sex.addItem("", None)
        for code in Sex:
            self.sex.addItem("", code.value)
        self.phone = QLineEdit()
        self.phone.setMaxLength(20)
        self.labels: dict[str, QLabel] = {}
        self.rows: dict[str, tuple[QLabel, QWidget]] = {}
        fields: list[tuple[str, QWidget]] = [("name", self.name), ("id_type", self.id_type),
                                             ("id_number", self.id_number), ("id_missing_reason",
                                                                             self.id_missing_reason)]
        if with_sex:
            fields.append(("sex", self.sex))
        fields.append(("phone", self.phone))
        self.with_sex = with_sex
        for key, widget in fields:
            box, err = field_with_error(widget)
            label = QLabel()
            label.setBuddy(widget)
            self.labels[key] = label
            self.rows[key] = (label, box)
            form.addRow(label, box)
            errors.add(key, widget, err)
        self.id_type.currentIndexChanged.connect(self._id_changed)
        self.id_number.editingFinished.connect(self._id_changed)
        self.id_number.textChanged.connect(lambda _t: self._id_changed(quiet=True))
        self._id_changed(quiet=True)

    def retranslate(self) -> None:
        texts = {"name": self.tr("&Name:"), "id_type": self.tr("ID &type:"), "id_number": self.tr("&ID number:"),
                 "id_missing_reason": self.tr("Why no ID:"), "sex": self.tr("Se&x:"), "phone": self.tr("&Phone:")}
        for key, label in self.labels.items():
            label.setText(texts[key])
        for i in range(self.id_type.count()):
            self.id_type.setItemText(i, id_type_name(self.id_type.itemData(i)))
        for i in range(self.sex.count()):
            self.sex.setItemText(i, sex_name(self.sex.itemData(i)) if self.sex.itemData(i) else "")

    def _id_changed(self, *_args: object, quiet: bool = False) -> None:
        resident = self.id_type.currentData() == IdType.RESIDENT_ID.value
        other = self.id_type.currentData() == IdType.OTHER.value
        label, box = self.rows["id_missing_reason"]
        label.setVisible(other)
        box.setVisible(other)
        if "sex" in self.rows:
            label, box = self.rows["sex"]
            label.setVisible(not resident)
            box.setVisible(not resident)
        number = "".join(self.id_number.text().split())
        if resident and len(number) == 18:
            try:
                parse_resident_id(number, self._today())
            except ValidationError as exc:
                self.errors.show(exc)
                self.id_number.setFocus()
        elif resident and number and not quiet:
            self.errors.show(ValidationError("id_format", field="id_number"))

    def patient_input(self) -> PatientInput:
        resident = self.id_type.currentData() == IdType.RESIDENT_ID.value
        return PatientInput(name=self.name.text(), id_type=str(self.id_type.currentData()),
                            id_number="".join(self.id_number.text().split()) or None,
                            id_missing_reason=self.id_missing_reason.text() or None,
                            sex=None if resident or not self.with_sex else self.sex.currentData(),
                            phone=self.phone.text().strip() or None)
