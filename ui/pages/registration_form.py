"""发热病人登记: the fever-patient registration form, with returning-patient suggestions.

A resident ID fills and locks sex and birth date (lower-case x accepted). While the nurse types a
name, ID or phone number, returning patients are looked up (debounced, through the runner) and
listed in a model/view list; picking one fills the form and registers the visit against that
patient record (id + version, so a concurrent edit is detected).
"""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import Conflict, ValidationError
from app.privacy import mask_id_number
from app.triage.records import PatientInput, PatientRecord, VisitDetail
from app.triage.vocab import HealthCode, IdType
from ui.fields import DateField, debouncer
from ui.forms import FieldErrors, error_label, field_with_error, tidy_form
from ui.labels import (
    decision_name,
    reason_names,
    sex_name,
)
from ui.pages.screening_form import HealthCodeChoice, PendingScreening
from ui.session import Session
from ui.widgets import palette
from ui.widgets.identity import DerivedIdentity, IdentityFields

Index = QModelIndex | QPersistentModelIndex
SEARCH_DELAY_MS = 250


class PatientSuggestionModel(QAbstractListModel):
    """Returning patients matching what is typed: one line each, the record under UserRole."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PatientRecord] = []

    def set_patients(self, rows: list[PatientRecord]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def patient_at(self, row: int) -> PatientRecord | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        p = self.patient_at(index.row()) if index.isValid() else None
        if p is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            first = [p.name, sex_name(p.sex)]  # two short lines: nothing is cut off in the narrow list
            if p.birth_date:
                first.append(p.birth_date.isoformat())
            second = []
            if p.id_number:
                second.append(mask_id_number(p.id_number))
            if p.phone:
                second.append(p.phone[:3] + "****" + p.phone[-4:] if len(p.phone) == 11 else p.phone)
            lines = ["  ·  ".join(first), "  ·  ".join(second)]
            if p.last_visit_no:
                lines.append(self.tr("last visit {visit_no}").format(visit_no=p.last_visit_no))
            return "\n".join(line for line in lines if line)
        if role == Qt.ItemDataRole.UserRole:
            return p
        return None


class RegistrationForm(QWidget):
    """Emits ``registered(VisitDetail)``; ``cancelled()`` when the nurse leaves without saving."""

    registered = Signal(object)
    cancelled = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.pending: PendingScreening | None = None
        self.patient: PatientRecord | None = None  # a returning patient picked from the suggestions
        self._busy = False
        self._search_seq = 0
        self._search_text = ""
        self._search_timer = debouncer(self, SEARCH_DELAY_MS, self.search_now)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")

        today = self._today
        self.address = QLineEdit()
        self.address.setMaxLength(200)
        self.occupation = QLineEdit()
        self.occupation.setMaxLength(64)
        self.workplace = QLineEdit()
        self.workplace.setMaxLength(100)
        self.onset = DateField(today, "onset_date")
        self.doses = QSpinBox()
        self.doses.setRange(-1, 10)
        self.doses.setValue(-1)
        # a buyer sent from the pharmacy counter had only the temperature taken: the code is checked here
        self.health_code = HealthCodeChoice()

        self.general_error = error_label()
        self.errors = FieldErrors(self.general_error)
        self._labels: dict[str, QLabel] = {}
        self.form_box = QGroupBox()
        form = QFormLayout(self.form_box)
        tidy_form(form)
        self._rows: dict[str, tuple[QLabel, QWidget]] = {}
        self._add_rows(form, [("health_code", self.health_code)])
        # the identity rows: a resident ID fills and locks sex and birth date (ui/widgets/identity.py)
        self.identity = IdentityFields(form, self.errors, today, with_sex=True, with_birth_date=True, parent=self)
        assert self.identity.birth_date is not None
        self.name, self.id_type, self.id_number = self.identity.name, self.identity.id_type, self.identity.id_number
        self.id_missing_reason, self.sex = self.identity.id_missing_reason, self.identity.sex
        self.birth_date, self.phone = self.identity.birth_date, self.identity.phone
        self._add_rows(form, [
            ("address", self.address), ("occupation", self.occupation), ("workplace", self.workplace),
            ("onset_date", self.onset), ("vaccination_doses", self.doses),
        ])
        self.health_note_error = error_label()
        cast(QVBoxLayout, self._rows["health_code"][1].layout()).addWidget(self.health_note_error)
        self.errors.add("health_code_note", self.health_code.note, self.health_note_error)
        self.errors.add("decision", self.name, self.general_error)

        # ----- returning patients
        self.suggest_box = QGroupBox()
        self.suggest_hint = QLabel()
        self.suggest_hint.setWordWrap(True)
        self.suggestions = PatientSuggestionModel(self)
        self.suggest_view = QListView()
        self.suggest_view.setModel(self.suggestions)
        self.suggest_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.suggest_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.suggest_view.setAlternatingRowColors(True)
        self.suggest_view.setSpacing(2)
        self.suggest_view.activated.connect(lambda index: self.pick(index.row()))
        self.suggest_view.clicked.connect(lambda index: self.pick(index.row()))
        self.suggest_view.installEventFilter(self)
        self.picked_label = QLabel()
        self.picked_label.setWordWrap(True)
        self.picked_label.setStyleSheet(f"color: {palette.INFO}; font-weight: bold;")
        self.new_patient_button = QPushButton()
        self.new_patient_button.clicked.connect(self.forget_patient)
        suggest_layout = QVBoxLayout(self.suggest_box)
        suggest_layout.addWidget(self.suggest_hint)
        suggest_layout.addWidget(self.suggest_view, 1)
        suggest_layout.addWidget(self.picked_label)
        suggest_layout.addWidget(self.new_patient_button)

        self.save_button = QPushButton()
        self.save_button.setStyleSheet("font-size: 13pt; font-weight: bold; padding: 6px 18px;")
        self.save_button.clicked.connect(self.submit)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.general_error, 1)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        body = QHBoxLayout()
        body.addWidget(self.form_box, 3)
        body.addWidget(self.suggest_box, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.heading)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)

        chain = [*self.health_code.buttons.values(), self.health_code.note,  # as laid out: the form's column,
                 self.name, self.id_type, self.id_number, self.id_missing_reason, self.sex, self.birth_date,
                 self.phone, self.address, self.occupation, self.workplace, self.onset, self.doses,
                 self.suggest_view, self.new_patient_button,  # the returning patients beside it,
                 self.cancel_button, self.save_button]  # the buttons beneath
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        for edit in (self.name, self.id_number, self.phone):
            edit.textEdited.connect(lambda text, e=edit: self.schedule_search(text))
            edit.installEventFilter(self)
        self.retranslate()

    def _add_rows(self, form: QFormLayout, rows: list[tuple[str, QWidget]]) -> None:
        for key, widget in rows:
            box, err = field_with_error(widget)
            label = QLabel()
            label.setBuddy(widget)
            self._labels[key] = label
            form.addRow(label, box)
            self._rows[key] = (label, box)
            self.errors.add(key, widget, err)

    @property
    def derived(self) -> DerivedIdentity | None:
        """Sex and birth date read from a valid resident ID."""
        return self.identity.derived

    def _today(self) -> date:
        return self.session.ctx.clock.now().astimezone(self.session.zone).date()

    # ----- texts ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(self.tr("Fever patient registration"))
        texts = {
            "address": self.tr("A&ddress:"),
            "occupation": self.tr("Occ&upation:"), "workplace": self.tr("&Workplace / school:"),
            "onset_date": self.tr("&Onset date:"), "vaccination_doses": self.tr("&Vaccine doses:"),
            "health_code": self.tr("&Health code:"),
        }
        for key, label in self._labels.items():
            label.setText(texts[key])
        self.identity.retranslate()
        self.onset.setPlaceholderText(self.tr("YYYY-MM-DD, or days ago (0 = today)"))
        self.doses.setSpecialValueText(self.tr("not asked"))
        self.health_code.retranslate()
        self.suggest_box.setTitle(self.tr("Returning patients"))
        self.suggest_hint.setText(self.tr("Typing a name, pinyin initials, ID or phone number lists earlier "
                                          "patients. Press ↓ to choose, Enter to use."))
        self.new_patient_button.setText(self.tr("Register as a &new patient instead"))
        self.save_button.setText(self.tr("&Save registration (Enter)"))
        self.cancel_button.setText(self.tr("Cancel (Esc)"))
        self._show_banner()
        self._show_picked()

    def _show_banner(self) -> None:
        p = self.pending
        if p is None:
            self.banner.clear()
            return
        reasons = reason_names(p.reasons)
        temp = f"{p.temperature_c:.1f} °C" if p.temperature_c is not None else ""
        text = self.tr("{decision} — register, then escort the patient. {temperature} {reasons}").format(
            decision=decision_name(p.decision), temperature=temp, reasons=reasons)
        if p.carried is not None:
            at = p.carried.at.astimezone(self.session.zone).strftime("%H:%M")
            text += "\n" + self.tr("From the pharmacy register at {time}: name, phone, ID number and temperature "
                                   "are carried over. Check them with the patient.").format(time=at)
        if self.checks_health_code():
            text += "\n" + self.tr("From the pharmacy counter: check the health code here.")
        self.banner.setText(text)
        self.banner.setStyleSheet(
            "font-size: 13pt; font-weight: bold; padding: 6px;"
            f" color: {palette.DECISION_COLORS.get(p.decision, palette.TEXT)};"
            f" background: {palette.DECISION_BACKGROUNDS.get(p.decision, palette.WHITE)}; border-radius: 4px;")

    def _show_picked(self) -> None:
        p = self.patient
        self.new_patient_button.setVisible(p is not None)
        if p is None:
            self.picked_label.clear()
            return
        self.picked_label.setText(self.tr("Returning patient: {name}. This visit is added to their record.")
                                  .format(name=p.name))

    # ----- start / reset --------------------------------------------------------------------
    def start(self, pending: PendingScreening) -> None:
        self.clear()
        self.pending = pending
        self.onset.set_value(pending.onset_date)
        self._carry_in(pending)
        self._show_health_code()
        self._show_banner()
        self.first_empty().setFocus()

    def _carry_in(self, pending: PendingScreening) -> None:
        """A buyer from the pharmacy counter: their name, phone and ID number are not typed twice."""
        c = pending.carried
        if c is None:
            return
        self.name.setText(c.buyer_name)
        self.phone.setText(c.phone or "")
        if c.id_number:
            self.id_type.setCurrentIndex(max(0, self.id_type.findData(IdType.RESIDENT_ID.value)))
            self.id_number.setText(c.id_number)
        key = c.id_number or c.phone or c.buyer_name
        if key:  # an earlier visit of the same person is offered at once
            self.schedule_search(key)

    def first_empty(self) -> QWidget:
        """Where the nurse types next: the first empty identity field (the name on a blank form)."""
        for edit in (self.name, self.id_number, self.phone, self.address):
            if not edit.text().strip():
                return edit
        return self.address

    def checks_health_code(self) -> bool:
        """The screening came from the pharmacy counter with the health code not checked."""
        return self.pending is not None and self.pending.health_code == HealthCode.NOT_CHECKED.value

    def _show_health_code(self) -> None:
        label, box = self._rows["health_code"]
        label.setVisible(self.checks_health_code())
        box.setVisible(self.checks_health_code())

    def clear(self) -> None:
        for edit in (self.address, self.occupation, self.workplace, self.onset):
            edit.clear()
        self.identity.clear()
        self.doses.setValue(-1)
        self.health_code.clear()
        self.patient = None
        self.suggestions.set_patients([])
        self.errors.clear()
        self._busy = False
        self._show_picked()
        self._show_health_code()

    # ----- returning patients ---------------------------------------------------------------
    def schedule_search(self, text: str) -> None:
        self._search_text = text
        self._search_timer.start()

    def search_now(self) -> None:
        self._search_timer.stop()
        self._search_seq += 1
        seq, text = self._search_seq, self._search_text
        registration, actor = self.session.ctx.registration, self.session.actor
        self.session.runner.run(lambda: registration.search_patients(actor, text),
                                lambda rows: self._found(seq, rows), lambda _exc: None, parent=self)

    def _found(self, seq: int, rows: list[PatientRecord]) -> None:
        if seq == self._search_seq:
            self.suggestions.set_patients(rows)
            if rows:
                self.suggest_view.setCurrentIndex(self.suggestions.index(0))

    def pick(self, row: int) -> None:
        p = self.suggestions.patient_at(row)
        if p is None:
            return
        self.use_patient(p)

    def use_patient(self, p: PatientRecord) -> None:
        """Fill the form from a returning patient; the visit is registered against that record."""
        self.patient = p
        self.name.setText(p.name)
        self.id_type.setCurrentIndex(max(0, self.id_type.findData(p.id_type)))
        self.id_number.setText(p.id_number or "")
        self.id_missing_reason.setText(p.id_missing_reason or "")
        if p.id_type != IdType.RESIDENT_ID.value:
            self.sex.setCurrentIndex(max(0, self.sex.findData(p.sex)))
            self.birth_date.set_value(p.birth_date)
        self.phone.setText(p.phone or "")
        self.address.setText(p.address)
        self.occupation.setText(p.occupation)
        self.workplace.setText(p.workplace)
        self.suggestions.set_patients([])
        self.errors.clear()
        self._show_picked()
        self.phone.setFocus()  # the usual thing to check on a return visit

    def forget_patient(self) -> None:
        self.patient = None
        self._show_picked()
        self.name.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if watched in (self.name, self.id_number, self.phone) and key == Qt.Key.Key_Down \
                    and self.suggestions.rowCount():
                self.suggest_view.setFocus()
                self.suggest_view.setCurrentIndex(self.suggestions.index(0))
                return True
            if watched is self.suggest_view and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                index = self.suggest_view.currentIndex()
                if index.isValid():
                    self.pick(index.row())
                return True
        return super().eventFilter(watched, event)

    # ----- saving ---------------------------------------------------------------------------
    def patient_input(self) -> PatientInput:
        return self.identity.patient_input(address=self.address.text(), occupation=self.occupation.text(),
                                           workplace=self.workplace.text())

    def submit(self) -> None:
        if self._busy or self.pending is None:
            return
        self.errors.clear()
        try:
            patient = self.patient_input()
            onset = self.onset.value()
        except ValidationError as exc:
            self.errors.show(exc)
            return
        doses = self.doses.value() if self.doses.value() >= 0 else None
        picked = self.patient
        self._register(patient, picked.id if picked else None, picked.version if picked else None, onset, doses)

    def _register(self, patient: PatientInput, patient_id: int | None, version: int | None, onset: date | None,
                  doses: int | None) -> None:
        assert self.pending is not None
        self._busy = True
        registration, actor, screening_id = self.session.ctx.registration, self.session.actor, self.pending.screening_id
        code, note = ((self.health_code.value(), self.health_code.note_text()) if self.checks_health_code()
                      else (None, None))
        self.session.runner.run(
            lambda: registration.register(actor, screening_id=screening_id, patient=patient, patient_id=patient_id,
                                          patient_version=version, onset_date=onset, vaccination_doses=doses,
                                          health_code=code, health_code_note=note),
            self._registered, lambda exc: self._failed(exc, patient, onset, doses), parent=self)

    def _registered(self, detail: VisitDetail) -> None:
        self._busy = False
        self.pending = None
        self.registered.emit(detail)

    def _failed(self, exc: BaseException, patient: PatientInput, onset: date | None, doses: int | None) -> None:
        self._busy = False
        if isinstance(exc, Conflict) and exc.code == "patient_exists":
            self._offer_existing(int(exc.details["patient_id"]), patient, onset, doses)
            return
        if isinstance(exc, Conflict) and exc.code == "id_number_taken":
            self._offer_taken_record(exc)
            return
        self.errors.show(exc)

    def _offer_taken_record(self, exc: Conflict) -> None:
        """A returning patient's ID number was corrected to one another record has: offer that record
        instead (the form is filled from it, to check and save), or keep editing the number."""
        registration, actor, number = self.session.ctx.registration, self.session.actor, self.id_number.text()
        other = int(exc.details["patient_id"])

        def found(rows: list[PatientRecord]) -> None:
            known = next((r for r in rows if r.id == other), None)
            if known is None:
                self.errors.show(exc)
                return
            answer = QMessageBox.question(
                self, self.tr("ID number of another patient"),
                self.tr("This ID number belongs to another patient record: {name} (last visit {visit_no}). Use "
                        "that record for this visit instead? The form is filled from it for you to check and "
                        "save; the record you picked first is left unchanged.")
                .format(name=known.name, visit_no=known.last_visit_no or "—"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
            if answer == QMessageBox.StandardButton.Yes:
                self.use_patient(known)
                self.save_button.setFocus()
            else:
                self.errors.show(exc)

        self.session.runner.run(lambda: registration.search_patients(actor, "".join(number.split()).upper(),
                                                                     limit=20), found, parent=self)

    def _offer_existing(self, patient_id: int, patient: PatientInput, onset: date | None, doses: int | None) -> None:
        """The typed ID belongs to a known patient: offer to register this visit on that record."""
        registration, actor, number = self.session.ctx.registration, self.session.actor, patient.id_number or ""

        def found(rows: list[PatientRecord]) -> None:
            known = next((r for r in rows if r.id == patient_id), None)
            if known is None:
                self.errors.show(Conflict("patient_exists", patient_id=patient_id))
                return
            answer = QMessageBox.question(
                self, self.tr("Known patient"),
                self.tr("This ID number belongs to {name}, registered before (last visit {visit_no}). Register "
                        "this visit on that record, updating it with what you typed?")
                .format(name=known.name, visit_no=known.last_visit_no or "—"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
            if answer == QMessageBox.StandardButton.Yes:
                self.patient = known
                self._show_picked()
                self._register(patient, known.id, known.version, onset, doses)
            else:
                self.errors.show(Conflict("patient_exists", field="id_number", patient_id=patient_id))

        self.session.runner.run(lambda: registration.search_patients(actor, number.upper(), limit=20), found,
                                parent=self)

    def cancel(self) -> None:
        if self.pending is not None:
            answer = QMessageBox.question(
                self, self.tr("Leave without registering?"),
                self.tr("The screening stays counted, but this patient is not registered or escorted. Leave "
                        "the registration?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.pending = None
        self.cancelled.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.focusWidget() is not self.suggest_view:
                self.submit()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            event.accept()
            return
        super().keyPressEvent(event)



