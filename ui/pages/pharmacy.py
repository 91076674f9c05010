"""退热药品登记: buyers of fever, cough or diarrhoea medicine. A buyer with a fever (or symptoms)
is screened like any walk-in; when that sends them to the fever clinic, registration opens next."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.triage.pharmacy_service import PurchaseInput, PurchaseRecord
from app.triage.vocab import Decision, DrugCategory, Symptom, TempMethod
from ui.fields import TemperatureEdit
from ui.forms import FieldErrors, Page, error_label, field_with_error, tidy_form
from ui.labels import DECISION_COLORS, decision_name, drug_category_name, symptom_name, temp_method_name
from ui.pages.screening_form import PendingScreening
from ui.session import Session


class PharmacyPage(Page):
    """Emits ``register_requested(PendingScreening)`` for a buyer sent to the fever clinic."""

    register_requested = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.last: PurchaseRecord | None = None
        self._busy = False
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.buyer = QLineEdit()
        self.buyer.setMaxLength(64)
        self.phone = QLineEdit()
        self.phone.setMaxLength(20)
        self.category = QComboBox()
        for code in DrugCategory:
            self.category.addItem("", code.value)
        self.drug = QLineEdit()
        self.drug.setMaxLength(100)
        self.temperature = TemperatureEdit()
        self.temperature.setMaximumWidth(120)
        self.method = QComboBox()
        for code in TempMethod:
            self.method.addItem("", code.value)
        self.symptom_box = QGroupBox()
        grid = QGridLayout(self.symptom_box)
        self.symptoms: dict[str, QCheckBox] = {}
        for i, code in enumerate(Symptom):
            box = QCheckBox()
            self.symptoms[code.value] = box
            grid.addWidget(box, i // 3, i % 3)
        self.general_error = error_label()
        self.errors = FieldErrors(self.general_error)
        self.form_box = QGroupBox()
        form = QFormLayout(self.form_box)
        tidy_form(form)
        self._labels: dict[str, QLabel] = {}
        temp_row = QWidget()
        temp_layout = QHBoxLayout(temp_row)
        temp_layout.setContentsMargins(0, 0, 0, 0)
        temp_layout.addWidget(self.temperature)
        temp_layout.addWidget(QLabel("°C"))
        temp_layout.addWidget(self.method)
        temp_layout.addStretch(1)
        for key, widget, focus in (("buyer_name", self.buyer, self.buyer), ("phone", self.phone, self.phone),
                                   ("drug_category", self.category, self.category),
                                   ("drug_name", self.drug, self.drug),
                                   ("temperature", temp_row, self.temperature)):
            box, err = field_with_error(widget)
            self._labels[key] = QLabel()
            self._labels[key].setBuddy(focus)
            form.addRow(self._labels[key], box)
            self.errors.add(key, focus, err)
        form.addRow(self.symptom_box)
        self.save_button = QPushButton()
        self.save_button.setStyleSheet("font-size: 13pt; font-weight: bold; padding: 6px 18px;")
        self.save_button.clicked.connect(self.submit)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet("font-size: 12pt;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.general_error, 1)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        self.form_box.setMaximumWidth(760)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explain)
        layout.addWidget(self.form_box)
        layout.addWidget(self.status)
        layout.addStretch(1)
        chain = [self.buyer, self.phone, self.category, self.drug, self.temperature, self.method,
                 *self.symptoms.values(), self.save_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Medicine purchases")

    def activated(self) -> None:
        self.buyer.setFocus()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Fever, cough and diarrhoea medicine register"))
        self.explain.setText(self.tr("Record everyone who buys these medicines. Take the temperature: a buyer "
                                     "with fever is screened and registered like a walk-in patient."))
        self.form_box.setTitle(self.tr("Purchase"))
        texts = {"buyer_name": self.tr("&Buyer's name:"), "phone": self.tr("&Phone:"),
                 "drug_category": self.tr("&Kind of medicine:"), "drug_name": self.tr("&Medicine:"),
                 "temperature": self.tr("&Temperature:")}
        for key, label in self._labels.items():
            label.setText(texts[key])
        for i in range(self.category.count()):
            self.category.setItemText(i, drug_category_name(self.category.itemData(i)))
        for i in range(self.method.count()):
            self.method.setItemText(i, temp_method_name(self.method.itemData(i)))
        self.drug.setPlaceholderText(self.tr("e.g. 布洛芬缓释胶囊"))
        self.temperature.setPlaceholderText("36.5")
        self.symptom_box.setTitle(self.tr("Symptoms"))
        for code, box in self.symptoms.items():
            box.setText(symptom_name(code))
        self.save_button.setText(self.tr("&Record purchase (Enter)"))
        self._show_status()

    def purchase_input(self) -> PurchaseInput:
        return PurchaseInput(
            buyer_name=self.buyer.text(), drug_category=str(self.category.currentData()), drug_name=self.drug.text(),
            phone=self.phone.text() or None, temperature_c=self.temperature.value(),
            temp_method=str(self.method.currentData()),
            symptoms=frozenset(c for c, b in self.symptoms.items() if b.isChecked()))

    def submit(self) -> None:
        if self._busy:
            return
        self.errors.clear()
        try:
            purchase = self.purchase_input()
        except (ValidationError, ValueError):
            self.errors.show(ValidationError("temperature_range", field="temperature", minimum=34.0, maximum=43.0))
            return
        self._busy = True
        pharmacy, actor = self.session.ctx.pharmacy, self.session.actor
        self.session.runner.run(lambda: pharmacy.record(actor, purchase),
                                lambda record: self._recorded(record, purchase), self._failed, parent=self)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.errors.show(exc)

    def _recorded(self, record: PurchaseRecord, purchase: PurchaseInput) -> None:
        self._busy = False
        self.last = record
        self.clear()
        self._show_status()
        if record.screening_id is not None and record.decision not in (None, Decision.GENERAL.code):
            self.register_requested.emit(PendingScreening(
                record.screening_id, str(record.decision), purchase.temperature_c, ("fever",) if record.febrile
                else ("symptoms",)))

    def _show_status(self) -> None:
        r = self.last
        if r is None:
            self.status.clear()
            return
        if r.decision and r.decision != Decision.GENERAL.code:
            self.status.setText(self.tr("Recorded. {name} must go to the {decision}: register now.")
                                .format(name=r.buyer_name, decision=decision_name(r.decision)))
            self.status.setStyleSheet(f"font-size: 12pt; font-weight: bold; color: {DECISION_COLORS[r.decision]};")
        else:
            self.status.setText(self.tr("Recorded: {name}, {category}.").format(
                name=r.buyer_name, category=drug_category_name(r.drug_category)))
            self.status.setStyleSheet("font-size: 12pt; color: #1b6e20;")

    def clear(self) -> None:
        for edit in (self.buyer, self.phone, self.drug, self.temperature):
            edit.clear()
        for box in self.symptoms.values():
            box.setChecked(False)
        self.category.setCurrentIndex(0)
        self.method.setCurrentIndex(0)
        self.buyer.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            self.errors.clear()
            event.accept()
            return
        super().keyPressEvent(event)
