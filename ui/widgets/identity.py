"""The identity fields of a person, one set for registration, wards and permits: name, document, number,
why no document, sex and birth date (for a patient), phone.

A resident ID is checked as it is typed (birth date, check digit; a number cut short is pointed out when
the nurse leaves the field). One that reads fills sex and birth date and locks them: the card is the source,
nobody types them twice. Errors from the services land next to these fields through ``FieldErrors``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from app.errors import ValidationError
from app.triage.identity import parse_resident_id
from app.triage.records import PatientInput
from app.triage.vocab import IdType, Sex
from ui.fields import DateField
from ui.forms import FieldErrors, field_with_error
from ui.labels import id_type_name, sex_name


@dataclass(frozen=True)
class DerivedIdentity:
    """What a valid resident ID says about its holder."""

    sex: str
    birth_date: date


class IdentityFields(QObject):
    """Adds its rows to ``form`` where the caller is; ``with_sex`` for a patient (a permit holder's sex is
    not asked), ``with_birth_date`` where the birth date is recorded (registration)."""

    def __init__(self, form: QFormLayout, errors: FieldErrors, today: Callable[[], date], *, with_sex: bool,
                 with_birth_date: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.errors = errors
        self.with_sex = with_sex
        self.derived: DerivedIdentity | None = None
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
        for sex in Sex:
            self.sex.addItem("", sex.value)
        self.birth_date: DateField | None = DateField(today, "birth_date") if with_birth_date else None
        self.phone = QLineEdit()
        self.phone.setMaxLength(20)
        self.labels: dict[str, QLabel] = {}
        self.rows: dict[str, tuple[QLabel, QWidget]] = {}
        fields: list[tuple[str, QWidget]] = [("name", self.name), ("id_type", self.id_type),
                                             ("id_number", self.id_number),
                                             ("id_missing_reason", self.id_missing_reason)]
        if with_sex:
            fields.append(("sex", self.sex))
        if self.birth_date is not None:
            fields.append(("birth_date", self.birth_date))
        fields.append(("phone", self.phone))
        for key, widget in fields:
            box, err = field_with_error(widget)
            label = QLabel()
            label.setBuddy(widget)
            self.labels[key] = label
            self.rows[key] = (label, box)
            form.addRow(label, box)
            errors.add(key, widget, err)
        self.id_type.currentIndexChanged.connect(lambda _i: self._id_changed(quiet=True))
        self.id_number.textChanged.connect(lambda _t: self._id_changed(quiet=True))
        self.id_number.editingFinished.connect(self._id_changed)
        self._id_changed(quiet=True)

    def retranslate(self) -> None:
        texts = {"name": self.tr("&Name:"), "id_type": self.tr("ID &type:"), "id_number": self.tr("&ID number:"),
                 "id_missing_reason": self.tr("Why no ID:"), "sex": self.tr("Se&x:"),
                 "birth_date": self.tr("&Birth date:"), "phone": self.tr("&Phone:")}
        for key, label in self.labels.items():
            label.setText(texts[key])
        for i in range(self.id_type.count()):
            self.id_type.setItemText(i, id_type_name(self.id_type.itemData(i)))
        self.sex.setItemText(0, self.tr("— choose —"))
        for i in range(1, self.sex.count()):
            self.sex.setItemText(i, sex_name(self.sex.itemData(i)))
        if self.birth_date is not None:
            self.birth_date.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.phone.setPlaceholderText(self.tr("mobile or landline"))
        self.id_missing_reason.setPlaceholderText(self.tr("e.g. child without ID, card forgotten"))

    def resident(self) -> bool:
        return self.id_type.currentData() == IdType.RESIDENT_ID.value

    def number(self) -> str:
        """The ID number as typed, spaces dropped (a scanner or a careful nurse may group the digits)."""
        return "".join(self.id_number.text().split())

    def _id_changed(self, *_args: object, quiet: bool = False) -> None:
        resident = self.resident()
        other = self.id_type.currentData() == IdType.OTHER.value
        label, box = self.rows["id_missing_reason"]
        label.setVisible(other)
        box.setVisible(other)
        self.derived = None
        number = self.number()
        if resident and len(number) == 18:
            try:
                _n, sex, birth = parse_resident_id(number, self._today())
            except ValidationError as exc:
                self.errors.show(exc)
                self.id_number.setFocus()
            else:
                self.derived = DerivedIdentity(sex.value, birth)
        elif resident and number and not quiet:
            self.errors.show(ValidationError("id_format", field="id_number"))
        self._lock_derived(resident)

    def _lock_derived(self, resident: bool) -> None:
        """Sex and birth date come from a resident ID: shown as read, not typed."""
        derived = self.derived
        if derived is not None:
            self.sex.setCurrentIndex(max(0, self.sex.findData(derived.sex)))
        elif resident:
            self.sex.setCurrentIndex(0)
        self.sex.setEnabled(not resident)
        if self.birth_date is not None:
            if derived is not None:
                self.birth_date.set_value(derived.birth_date)
            elif resident:
                self.birth_date.clear()
            self.birth_date.setReadOnly(resident)
            self.birth_date.setEnabled(not resident or derived is not None)
            # read from the card, not typed: Tab passes it by
            self.birth_date.setFocusPolicy(Qt.FocusPolicy.NoFocus if resident else Qt.FocusPolicy.StrongFocus)

    def clear(self) -> None:
        for edit in (self.name, self.id_number, self.id_missing_reason, self.phone):
            edit.clear()
        if self.birth_date is not None:
            self.birth_date.clear()
        self.id_type.setCurrentIndex(0)
        self.sex.setCurrentIndex(0)
        self._id_changed(quiet=True)

    def patient_input(self, *, address: str = "", occupation: str = "", workplace: str = "") -> PatientInput:
        """What the services take; sex and birth date only when no resident ID says them."""
        resident = self.resident()
        birth = self.birth_date.value() if self.birth_date is not None and not resident else None
        return PatientInput(name=self.name.text(), id_type=str(self.id_type.currentData()),
                            id_number=self.number() or None,
                            id_missing_reason=self.id_missing_reason.text() or None,
                            sex=None if resident or not self.with_sex else self.sex.currentData(),
                            birth_date=birth, phone=self.phone.text().strip() or None,
                            address=address, occupation=occupation, workplace=workplace)
