"""退热药品登记: the pharmacy counter's register of fever reducers, antivirals, antibiotics and cough medicine.

"无二级以上医疗机构医生处方不得出售退烧药物…对购买退烧药物的顾客需进行登记，并引导到就近发热门诊就诊".
Two tabs. *Register*: every buyer (phone required, ID number optional, the prescription); the service
decides whether the sale may be made, and the desk says so in red when it may not; the buyer's guide
slip to the fever clinic opens for printing after every save. A buyer with a fever (or symptoms) is
screened like any walk-in; when that sends them to the fever clinic, registration opens next.
*Follow-up*: buyers not yet seen at a fever clinic nor called back, oldest first; the nurse records
each call's outcome.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.printing.guide_slip import SLIP_SIZES, BuyerSlip, buyer_slip_pdf, purchase_number
from app.settings import SLIP_PAPER
from app.triage.pharmacy_service import BuyerGuide, CallbackRecord, FollowUpRecord, PurchaseInput, PurchaseRecord
from app.triage.vocab import CallbackOutcome, Decision, DrugCategory, Prescription, Symptom, TempMethod
from ui.fields import TemperatureEdit, TemperatureHint
from ui.forms import FieldErrors, error_label, field_with_error, tidy_form
from ui.labels import (
    callback_outcome_name,
    decision_name,
    drug_category_name,
    prescription_name,
    sale_outcome_name,
    symptom_name,
    temp_method_name,
)
from ui.pages.screening_form import PendingScreening
from ui.print_preview import PrintPreviewDialog, open_preview
from ui.session import Session
from ui.widgets import palette
from ui.widgets.page import Page

translate = QCoreApplication.translate  # lupdate extracts translate("Printing", ...)
Index = QModelIndex | QPersistentModelIndex
REFUSED_STYLE = f"font-size: 12pt; font-weight: bold; color: {palette.DANGER};"
OK_STYLE = f"font-size: 12pt; color: {palette.OK};"
NOT_SOLD_FG = QColor(palette.DANGER)


def buyer_slip(session: Session, guide: BuyerGuide) -> BuyerSlip:
    return BuyerSlip(clinic_name=session.clinic.name, purchase_id=guide.purchase_id, buyer_name=guide.buyer_name,
                     drug_category=guide.drug_category, at=guide.at, timezone=session.clinic.timezone,
                     sold=guide.outcome == "sold", clinic_mode=guide.clinic_mode, hospital_name=guide.hospital_name,
                     hospital_address=guide.hospital_address, hospital_phone=guide.hospital_phone)


def preview_buyer_slip(session: Session, parent: QWidget, purchase_id: int, size: str, on_open: Any) -> None:
    pharmacy, actor = session.ctx.pharmacy, session.actor

    def make() -> bytes:
        return buyer_slip_pdf(buyer_slip(session, pharmacy.guide(actor, purchase_id)), size)

    number = purchase_number(purchase_id)
    open_preview(session, parent, make, translate("Printing", "Buyer's guide slip {number}").format(number=number),
                 f"buyer-guide-slip-{number}.pdf", on_open)


class FollowUpModel(QAbstractTableModel):
    """Buyers still to follow up: bought at, name, phone, medicine, sale, calls so far, last call."""

    AT, BUYER, PHONE, MEDICINE, SALE, CALLS, LAST = range(7)
    COLUMNS = 7

    def __init__(self, zone: ZoneInfo, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._zone = zone
        self._rows: list[FollowUpRecord] = []

    def set_rows(self, rows: list[FollowUpRecord]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def record_at(self, row: int) -> FollowUpRecord | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.COLUMNS - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [self.tr("Bought at"), self.tr("Buyer"), self.tr("Phone"), self.tr("Medicine"), self.tr("Sale"),
                self.tr("Calls"), self.tr("Last call")][section]

    def _time(self, at: datetime | None) -> str:
        return at.astimezone(self._zone).strftime("%m-%d %H:%M") if at else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r = self.record_at(index.row()) if index.isValid() else None
        if r is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return {self.AT: self._time(r.at), self.BUYER: r.buyer_name, self.PHONE: r.phone or "",
                    self.MEDICINE: drug_category_name(r.drug_category), self.SALE: sale_outcome_name(r.outcome),
                    self.CALLS: str(r.calls), self.LAST: self._time(r.last_call_at)}[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == self.SALE and r.outcome == "not_sold":
            return QBrush(NOT_SOLD_FG)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.CALLS:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class FollowUpTab(QWidget):
    """The follow-up list and the call-back form. Emits ``changed(count)`` when the list was reloaded."""

    changed = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.model = FollowUpModel(session.zone, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((110, 110, 130, 130, 90, 60)):
            self.view.setColumnWidth(column, width)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.empty = QLabel()
        self.outcome = QComboBox()
        for code in CallbackOutcome:
            self.outcome.addItem("", code.value)
        self.note = QLineEdit()
        self.note.setMaxLength(200)
        self.call_button = QPushButton()
        self.call_button.clicked.connect(self.record_call)
        self.reload_button = QPushButton()
        self.reload_button.clicked.connect(self.reload)
        self.general_error = error_label()
        self.errors = FieldErrors(self.general_error)
        self.call_box = QGroupBox()
        form = QFormLayout(self.call_box)
        tidy_form(form)
        self.selected = QLabel()
        self.selected.setStyleSheet("font-weight: bold;")
        self._labels: dict[str, QLabel] = {}
        form.addRow(self.selected)
        for key, widget in (("outcome", self.outcome), ("note", self.note)):
            box, err = field_with_error(widget)
            self._labels[key] = QLabel()
            self._labels[key].setBuddy(widget)
            form.addRow(self._labels[key], box)
            self.errors.add(key, widget, err)
        buttons = QHBoxLayout()
        buttons.addWidget(self.general_error, 3)
        buttons.addStretch(1)
        buttons.addWidget(self.reload_button)
        buttons.addWidget(self.call_button)
        form.addRow(buttons)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.call_box)
        layout.addWidget(self.status)
        self.retranslate()
        self._selected()

    def retranslate(self) -> None:
        self.explain.setText(self.tr("Every buyer stays on this list until they are registered at the fever clinic "
                                     "(matched by phone or ID number) or you have called them back. Oldest first."))
        self.empty.setText(self.tr("Nobody to follow up."))
        self.call_box.setTitle(self.tr("Call back"))
        self._labels["outcome"].setText(self.tr("&Outcome:"))
        self._labels["note"].setText(self.tr("No&te:"))
        self.note.setPlaceholderText(self.tr("e.g. seen at the county hospital's fever clinic"))
        for i in range(self.outcome.count()):
            self.outcome.setItemText(i, callback_outcome_name(self.outcome.itemData(i)))
        self.call_button.setText(self.tr("&Record call"))
        self.reload_button.setText(self.tr("Re&load"))
        self.model.retranslate()
        self._selected()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def current(self) -> FollowUpRecord | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.record_at(rows[0].row()) if rows else None

    def _selected(self) -> None:
        r = self.current()
        self.call_button.setEnabled(r is not None)
        self.selected.setText(self.tr("{name}, {phone}: {medicine}, {time}").format(
            name=r.buyer_name, phone=r.phone or "", medicine=drug_category_name(r.drug_category),
            time=r.at.astimezone(self.session.zone).strftime("%m-%d %H:%M")) if r is not None
            else self.tr("Choose a buyer in the list."))

    def reload(self) -> None:
        pharmacy, actor = self.session.ctx.pharmacy, self.session.actor
        self.session.runner.run(lambda: pharmacy.open_followups(actor), self._loaded, self.errors.show, parent=self)

    def _loaded(self, rows: list[FollowUpRecord]) -> None:
        keep = self.current()
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        ids = [r.purchase_id for r in rows]
        if keep is not None and keep.purchase_id in ids:
            self.view.selectRow(ids.index(keep.purchase_id))
        elif rows:
            self.view.selectRow(0)
        self._selected()
        self.changed.emit(len(rows))

    def record_call(self) -> None:
        r = self.current()
        if r is None:
            return
        self.errors.clear()
        pharmacy, actor, outcome, note = (self.session.ctx.pharmacy, self.session.actor,
                                          str(self.outcome.currentData()), self.note.text())
        self.session.runner.run(lambda: pharmacy.record_callback(actor, r.purchase_id, outcome, note),
                                lambda call: self._called(call, r), self._failed, parent=self)

    def _failed(self, exc: BaseException) -> None:
        self.errors.show(exc)
        self.reload()  # e.g. the buyer has just been registered at the fever clinic

    def _called(self, call: CallbackRecord, r: FollowUpRecord) -> None:
        self.note.clear()
        self.outcome.setCurrentIndex(0)
        text = (self.tr("{name}: {outcome}. Off the follow-up list.") if call.closed
                else self.tr("{name}: {outcome}. Still on the list: call again later."))
        self.status.setText(text.format(name=r.buyer_name, outcome=callback_outcome_name(call.outcome)))
        self.reload()


class PharmacyPage(Page):
    """Emits ``register_requested(PendingScreening)`` for a buyer sent to the fever clinic."""

    register_requested = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.last: PurchaseRecord | None = None
        self.preview: PrintPreviewDialog | None = None
        self._busy = False
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.buyer = QLineEdit()
        self.buyer.setMaxLength(64)
        self.phone = QLineEdit()
        self.phone.setMaxLength(20)
        self.id_number = QLineEdit()
        self.id_number.setMaxLength(18)
        self.category = QComboBox()
        for code in DrugCategory:  # the retired "antidiarrhoeal" is no longer offered
            self.category.addItem("", code.value)
        self.drug = QLineEdit()
        self.drug.setMaxLength(100)
        self.prescription = QComboBox()
        for prescription in Prescription:
            self.prescription.addItem("", prescription.value)
        self.prescriber = QLineEdit()
        self.prescriber.setMaxLength(64)
        self.institution = QLineEdit()
        self.institution.setMaxLength(100)
        self.rule_hint = QLabel()
        self.rule_hint.setWordWrap(True)
        self.rule_hint.setStyleSheet(f"color: {palette.DANGER}; font-weight: bold;")
        self.temperature = TemperatureEdit()
        self.temperature.setMaximumWidth(120)
        self.temp_hint = TemperatureHint(self.temperature)
        self.method = QComboBox()
        for method in TempMethod:
            self.method.addItem("", method.value)
        self.symptom_box = QGroupBox()
        grid = QGridLayout(self.symptom_box)
        self.symptoms: dict[str, QCheckBox] = {}
        for i, symptom in enumerate(Symptom):
            tick = QCheckBox()
            self.symptoms[symptom.value] = tick
            grid.addWidget(tick, i // 2, i % 2)
        self.slip_size = QComboBox()
        for size in SLIP_SIZES:
            self.slip_size.addItem(size, size)
        self.slip_size.setCurrentIndex(max(0, self.slip_size.findData(session.ctx.settings.get(SLIP_PAPER))))
        self.general_error = error_label()
        self.errors = FieldErrors(self.general_error)
        self.form_box = QGroupBox()
        left, right = QFormLayout(), QFormLayout()  # the buyer and the sale | the temperature and symptoms
        tidy_form(left)
        tidy_form(right)
        self._labels: dict[str, QLabel] = {}
        temp_row = QWidget()
        temp_layout = QHBoxLayout(temp_row)
        temp_layout.setContentsMargins(0, 0, 0, 0)
        temp_layout.addWidget(self.temperature)
        temp_layout.addWidget(QLabel("°C"))
        temp_layout.addWidget(self.method)
        temp_layout.addStretch(1)
        for key, widget, focus in (("buyer_name", self.buyer, self.buyer), ("phone", self.phone, self.phone),
                                   ("id_number", self.id_number, self.id_number),
                                   ("drug_category", self.category, self.category),
                                   ("drug_name", self.drug, self.drug),
                                   ("prescription", self.prescription, self.prescription),
                                   ("prescriber", self.prescriber, self.prescriber),
                                   ("prescriber_institution", self.institution, self.institution),
                                   ("temperature", temp_row, self.temperature)):
            box, err = field_with_error(widget)
            self._labels[key] = QLabel()
            self._labels[key].setBuddy(focus)
            (right if key == "temperature" else left).addRow(self._labels[key], box)
            self.errors.add(key, focus, err)
        left.addRow(self.rule_hint)
        right.addRow("", self.temp_hint)
        right.addRow(self.symptom_box)
        form = QGridLayout(self.form_box)
        form.addLayout(left, 0, 0)
        form.addLayout(right, 0, 1, Qt.AlignmentFlag.AlignTop)
        form.setColumnStretch(0, 3)
        form.setColumnStretch(1, 2)
        form.setHorizontalSpacing(18)
        self.save_button = QPushButton()
        self.save_button.setStyleSheet("font-size: 13pt; font-weight: bold; padding: 6px 18px;")
        self.save_button.clicked.connect(self.submit)
        self.reprint_button = QPushButton()
        self.reprint_button.clicked.connect(self.print_slip)
        self.slip_label = QLabel()
        self.slip_label.setBuddy(self.slip_size)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet("font-size: 12pt;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.general_error, 3)
        buttons.addStretch(1)
        buttons.addWidget(self.slip_label)
        buttons.addWidget(self.slip_size)
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.save_button)
        form.addLayout(buttons, 1, 0, 1, 2)
        self.form_box.setMaximumWidth(1200)
        register = QWidget()
        register_layout = QVBoxLayout(register)
        register_layout.addWidget(self.explain)
        register_layout.addWidget(self.form_box)
        register_layout.addWidget(self.status)
        register_layout.addStretch(1)
        self.followups = FollowUpTab(session)
        self.followups.changed.connect(self._count_followups)
        self._followup_count: int | None = None
        self.tabs = QTabWidget()
        self.tabs.addTab(register, "")
        self.tabs.addTab(self.followups, "")
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        chain = [self.buyer, self.phone, self.id_number, self.category, self.drug, self.prescription, self.prescriber,
                 self.institution, self.temperature, self.method, *self.symptoms.values(), self.slip_size,
                 self.reprint_button, self.save_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        self.category.currentIndexChanged.connect(self._prescription_changed)
        self.prescription.currentIndexChanged.connect(self._prescription_changed)
        self.retranslate()
        self._prescription_changed()

    def title(self) -> str:
        return self.tr("Medicine purchases")

    def activated(self) -> None:
        self.buyer.setFocus()
        self.followups.reload()
        config = self.session.ctx.triage_config  # the clinic's "unusually low/high" bounds, as at the desk
        self.session.runner.run(lambda: config.rules()[0], self.temp_hint.set_rules, lambda _exc: None, parent=self)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Fever-reducer, antiviral, antibiotic and cough medicine register"))
        self.explain.setText(self.tr("Register everyone who buys these medicines and give every buyer the guide "
                                     "slip to the fever clinic. Fever reducers are sold only on a prescription "
                                     "from a doctor at a level-2 or higher institution. Take the temperature: a "
                                     "buyer with fever is screened and registered like a walk-in patient."))
        self.form_box.setTitle(self.tr("Purchase"))
        texts = {"buyer_name": self.tr("&Buyer's name:"), "phone": self.tr("&Phone (required):"),
                 "id_number": self.tr("&ID number (optional):"), "drug_category": self.tr("&Kind of medicine:"),
                 "drug_name": self.tr("&Medicine:"), "prescription": self.tr("Pres&cription:"),
                 "prescriber": self.tr("Prescribing &doctor:"),
                 "prescriber_institution": self.tr("Prescribing i&nstitution:"),
                 "temperature": self.tr("&Temperature:")}
        for key, label in self._labels.items():
            label.setText(texts[key])
        for i in range(self.category.count()):
            self.category.setItemText(i, drug_category_name(self.category.itemData(i)))
        for i in range(self.prescription.count()):
            self.prescription.setItemText(i, prescription_name(self.prescription.itemData(i)))
        for i in range(self.method.count()):
            self.method.setItemText(i, temp_method_name(self.method.itemData(i)))
        self.drug.setPlaceholderText(self.tr("e.g. 布洛芬缓释胶囊"))
        self.id_number.setPlaceholderText(self.tr("18-digit resident ID"))
        self.institution.setPlaceholderText(self.tr("e.g. 县人民医院"))
        self.temperature.setPlaceholderText("36.5")
        self.temp_hint.refresh()
        self.symptom_box.setTitle(self.tr("Symptoms"))
        for code, box in self.symptoms.items():
            box.setText(symptom_name(code))
        self.slip_label.setText(self.tr("S&lip:"))
        self.reprint_button.setText(self.tr("Print slip a&gain"))
        self.save_button.setText(self.tr("&Record purchase (Enter)"))
        self._count_followups(self._followup_count)
        self.tabs.setTabText(0, self.tr("Register a purchase"))
        self._prescription_changed()
        self._show_status()

    def _count_followups(self, count: int | None) -> None:
        self._followup_count = count
        self.tabs.setTabText(1, self.tr("Follow-up ({count})").format(count=count) if count is not None
                             else self.tr("Follow-up"))

    def _tab_changed(self, index: int) -> None:
        if index == 1:
            self.followups.reload()
            self.followups.view.setFocus()
        else:
            self.buyer.setFocus()

    def _prescription_changed(self) -> None:
        has = self.prescription.currentData() != Prescription.NONE.value
        self.prescriber.setEnabled(has)
        self.institution.setEnabled(has)
        refused = (self.category.currentData() == DrugCategory.ANTIPYRETIC.value
                   and self.prescription.currentData() != Prescription.LEVEL2_PLUS.value)
        self.rule_hint.setText(self.tr("Without a prescription from a level-2 or higher institution's doctor, a "
                                       "fever reducer is not sold: the buyer is still registered and guided to the "
                                       "fever clinic."))
        self.rule_hint.setVisible(refused)

    def purchase_input(self) -> PurchaseInput:
        return PurchaseInput(
            buyer_name=self.buyer.text(), drug_category=str(self.category.currentData()), drug_name=self.drug.text(),
            phone=self.phone.text() or None, temperature_c=self.temperature.value(),
            temp_method=str(self.method.currentData()),
            symptoms=frozenset(c for c, b in self.symptoms.items() if b.isChecked()),
            id_number=self.id_number.text() or None, prescription=str(self.prescription.currentData()),
            prescriber=self.prescriber.text() if self.prescriber.isEnabled() else "",
            prescriber_institution=self.institution.text() if self.institution.isEnabled() else "")

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
        self.followups.reload()
        self.print_slip()  # every buyer gets the guide slip to the fever clinic
        if record.screening_id is not None and record.decision not in (None, Decision.GENERAL.code):
            carry = record.carry
            self.register_requested.emit(PendingScreening(
                record.screening_id, str(record.decision), purchase.temperature_c,
                carry.reasons if carry and carry.reasons else ("fever",) if record.febrile else ("symptoms",),
                carried=carry))

    def print_slip(self) -> None:
        if self.last is not None:
            preview_buyer_slip(self.session, self, self.last.id, str(self.slip_size.currentData()), self._opened)

    def _opened(self, dialog: PrintPreviewDialog) -> None:
        if self.preview is not None:
            self.preview.deleteLater()
        self.preview = dialog

    def _show_status(self) -> None:
        r = self.last
        self.reprint_button.setEnabled(r is not None)
        if r is None:
            self.status.clear()
            return
        if not r.sold:
            text = self.tr("Do NOT sell: {name} has no prescription for a fever reducer from a doctor at a level-2 "
                           "or higher institution. The buyer is registered: give them the guide slip to the fever "
                           "clinic.").format(name=r.buyer_name)
            if r.decision and r.decision != Decision.GENERAL.code:
                text += " " + self.tr("{name} must go to the {decision}: register now.").format(
                    name=r.buyer_name, decision=decision_name(r.decision))
            self.status.setText(text)
            self.status.setStyleSheet(REFUSED_STYLE)
        elif r.decision and r.decision != Decision.GENERAL.code:
            self.status.setText(self.tr("Recorded. {name} must go to the {decision}: register now.")
                                .format(name=r.buyer_name, decision=decision_name(r.decision)))
            colour = palette.DECISION_COLORS[r.decision]
            self.status.setStyleSheet(f"font-size: 12pt; font-weight: bold; color: {colour};")
        else:
            self.status.setText(self.tr("Recorded: {name}, {category}. Give the guide slip to the fever clinic.")
                                .format(name=r.buyer_name, category=drug_category_name(r.drug_category)))
            self.status.setStyleSheet(OK_STYLE)

    def clear(self) -> None:
        for edit in (self.buyer, self.phone, self.id_number, self.drug, self.prescriber, self.institution,
                     self.temperature):
            edit.clear()
        for box in self.symptoms.values():
            box.setChecked(False)
        self.category.setCurrentIndex(0)
        self.prescription.setCurrentIndex(0)
        self.method.setCurrentIndex(0)
        self.buyer.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.tabs.currentIndex() == 0:
            self.submit()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape and self.tabs.currentIndex() == 0:
            self.clear()
            self.errors.clear()
            event.accept()
            return
        super().keyPressEvent(event)
