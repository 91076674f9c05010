"""转运设置 (administrator): the hospitals patients are transferred to (add, edit, accepting or
not), the transfer time targets (version-checked), and the clinics whose signed QR codes this site
trusts: the list (pick one to correct its name or key), add one, or stop trusting one with a reason;
with this clinic's own public key to give to the others.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.clinic_contacts import LIMITS as CONTACT_LIMITS, ClinicContacts
from app.errors import NotFound, StaleEdit
from app.transfer.records import HospitalRecord, TrustedClinicInfo
from app.transfer.targets import TransferTargets
from app.transfer.vocab import HospitalKind
from ui.forms import describe, scrolling
from ui.labels import hospital_kind_name
from ui.messages import error_title
from ui.pages.transfer_models import HospitalModel, TrustedClinicModel
from ui.session import Session
from ui.widgets import palette
from ui.widgets.dialog import FormDialog, text_edit
from ui.widgets.form import FormBox
from ui.widgets.page import Page
from ui.widgets.table import record_table


def framed(form: FormBox) -> QGroupBox:
    """``form`` in a group whose title the page sets."""
    group = QGroupBox()
    QVBoxLayout(group).addWidget(form)
    return group


class DistrustDialog(FormDialog):
    """Stop trusting one clinic, with a reason (kept in the audit trail). Emits ``saved(code)``, or
    ``gone`` when the clinic was already removed at another desk."""

    gone = Signal()

    def __init__(self, session: Session, clinic: TrustedClinicInfo, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.clinic = clinic
        self.reason = text_edit(200)
        self.add_field("reason", self.reason)
        self.retranslate()
        self.reason.setFocus()

    def retranslate(self) -> None:
        c = self.clinic
        self.setWindowTitle(self.tr("Stop trusting a clinic"))
        self.explain.setText(self.tr("Stop trusting {name} ({code}, key id {key_id})? From now on its handover "
                                     "forms and receipts are refused here. It can be trusted again later with "
                                     "its key.").format(name=c.name, code=c.code, key_id=c.key_id))
        self.labels["reason"].setText(self.tr("R&eason:"))
        self.reason.setPlaceholderText(self.tr("e.g. key leaked, clinic closed"))
        self.retranslate_buttons(self.tr("&Stop trusting"))

    def submit(self) -> None:
        self.errors.clear()
        transfers, actor, code, reason = self.session.ctx.transfers, self.session.actor, self.clinic.code, \
            self.reason.text()
        self.session.runner.run(lambda: transfers.distrust_clinic(actor, code, reason),
                                lambda _none: self.done_with(code), self._failed, parent=self)

    def _failed(self, exc: BaseException) -> None:
        self.errors.show(exc)
        if isinstance(exc, NotFound):
            self.ok.setEnabled(False)
            self.gone.emit()


class TransferAdminPage(Page):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.editing: HospitalRecord | None = None
        self.targets_version = 0
        self.distrust_dialog: DistrustDialog | None = None

        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        # ----- hospitals ----------------------------------------------------------------------
        self.hospital_group = QGroupBox()
        self.hospital_model = HospitalModel(session.zone, self)
        self.table = record_table(self.hospital_model, (150, 90, 60, 150), row_height=None)
        self.table.selectionModel().selectionChanged.connect(self._pick_hospital)
        self.hospital_form = FormBox()
        self.name = self.hospital_form.add("name", QLineEdit())
        self.name.setMaxLength(100)
        self.kind = QComboBox()
        for k in HospitalKind:
            self.kind.addItem("", k.value)
        self.hospital_form.add("kind", self.kind)
        self.address = self.hospital_form.add("address", QLineEdit())
        self.address.setMaxLength(200)
        self.phone = self.hospital_form.add("phone", QLineEdit())
        self.phone.setMaxLength(30)
        self.accepting = QCheckBox()
        self.accepting.setChecked(True)
        self.hospital_form.add("accepting", self.accepting)
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new_hospital)
        self.hospital_form.buttons.insertWidget(1, self.new_button)
        self.hospital_form.button.clicked.connect(self.save_hospital)
        hl = QVBoxLayout(self.hospital_group)
        hl.addWidget(self.table, 1)
        self.hospital_form_group = framed(self.hospital_form)
        hl.addWidget(self.hospital_form_group)

        # ----- targets ------------------------------------------------------------------------
        self.targets_form = FormBox()
        self.minutes: dict[str, QSpinBox] = {}
        for key in ("request_minutes", "departure_minutes", "handover_minutes"):
            spin = QSpinBox()
            spin.setRange(5, 24 * 60)
            spin.setSingleStep(5)
            self.minutes[key] = spin
            self.targets_form.add(key, spin)
        self.targets_form.button.clicked.connect(self.save_targets)

        # ----- the clinic's contacts on paper (issue 15) -----------------------------------------
        self.contacts_version = 0
        self.contacts_form = FormBox()
        self.contact_edits: dict[str, QLineEdit] = {}
        for key, maximum in CONTACT_LIMITS.items():
            edit = self.contacts_form.add(key, QLineEdit())
            edit.setMaxLength(maximum)
            self.contact_edits[key] = edit
        self.contacts_form.button.clicked.connect(self.save_contacts)

        # ----- trusted clinics ----------------------------------------------------------------
        self.trust_form = FormBox()
        self.trust_model = TrustedClinicModel(session.zone, self)
        self.trusted = record_table(self.trust_model, (70, 150, 140), row_height=None)
        self.trusted.setMinimumHeight(96)
        self.trusted.selectionModel().selectionChanged.connect(self._pick_trusted)
        self.distrust_button = QPushButton()
        self.distrust_button.setEnabled(False)
        self.distrust_button.clicked.connect(self.distrust)
        self.trust_hint = QLabel()
        self.trust_hint.setWordWrap(True)
        self.trust_hint.setStyleSheet(f"color: {palette.HINT};")
        trusted_row = QHBoxLayout()
        trusted_row.addWidget(self.trust_hint, 1)
        trusted_row.addWidget(self.distrust_button)
        self.trust_code = self.trust_form.add("code", QLineEdit())
        self.trust_code.setMaxLength(20)
        self.trust_name = self.trust_form.add("name", QLineEdit())
        self.trust_name.setMaxLength(100)
        self.trust_key = QPlainTextEdit()
        self.trust_key.setFixedHeight(58)
        self.trust_key.setTabChangesFocus(True)
        self.trust_form.add("public_key", self.trust_key)
        self.trust_form.button.clicked.connect(self.trust)
        self.trust_code.textChanged.connect(self._trust_button_text)
        self.trust_clear_button = QPushButton()
        self.trust_clear_button.clicked.connect(self.clear_trust_form)
        self.trust_form.buttons.insertWidget(1, self.trust_clear_button)
        self.own_label = QLabel()
        self.own_label.setWordWrap(True)
        self.own_key = QLineEdit(session.clinic.public_key)
        self.own_key.setReadOnly(True)
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.copy_own_key)
        own_row = QHBoxLayout()
        own_row.addWidget(self.own_key, 1)
        own_row.addWidget(self.copy_button)
        trust_layout = self.trust_form.body
        trust_layout.insertWidget(0, self.trusted, 1)
        trust_layout.insertLayout(1, trusted_row)
        trust_layout.addSpacing(6)
        trust_layout.addWidget(self.own_label)
        trust_layout.addLayout(own_row)

        right = QVBoxLayout()
        self.targets_group, self.trust_group = framed(self.targets_form), framed(self.trust_form)
        self.contacts_group = framed(self.contacts_form)
        right.addWidget(self.targets_group)
        right.addWidget(self.contacts_group)
        right.addWidget(self.trust_group, 1)
        body = QHBoxLayout()
        body.addWidget(self.hospital_group, 11)
        body.addLayout(right, 9)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(scrolling(body), 1)  # fits a 1366×768 screen less the taskbar
        self.retranslate()

    def title(self) -> str:
        return self.tr("Transfer settings")

    def activated(self) -> None:
        self.reload()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Transfer settings: hospitals, time targets, trusted clinics"))
        self.hospital_group.setTitle(self.tr("Hospitals patients are transferred to"))
        f = self.hospital_form
        self.hospital_form_group.setTitle(self.tr("New hospital") if self.editing is None else
                                          self.tr("Edit {name}").format(name=self.editing.name))
        f.labels["name"].setText(self.tr("&Name:"))
        f.labels["kind"].setText(self.tr("&Kind:"))
        for i in range(self.kind.count()):
            self.kind.setItemText(i, hospital_kind_name(self.kind.itemData(i)))
        f.labels["address"].setText(self.tr("&Address:"))
        f.labels["phone"].setText(self.tr("Phon&e:"))
        f.labels["accepting"].setText(self.tr("Status:"))
        self.accepting.setText(self.tr("Acceptin&g patients"))
        self.new_button.setText(self.tr("Ne&w"))
        f.button.setText(self.tr("Save hosp&ital"))
        t = self.targets_form
        self.targets_group.setTitle(self.tr("Transfer time targets (minutes)"))
        t.labels["request_minutes"].setText(self.tr("Classification → &request:"))
        t.labels["departure_minutes"].setText(self.tr("Request → &departure:"))
        t.labels["handover_minutes"].setText(self.tr("Departure → hand&over:"))
        for spin in self.minutes.values():
            spin.setSuffix(self.tr(" min"))
        t.button.setText(self.tr("Sa&ve targets"))
        k = self.contacts_form
        self.contacts_group.setTitle(self.tr("This clinic on paper (handover form, daily report)"))
        k.labels["phone"].setText(self.tr("Phone (for call-&backs):"))
        k.labels["reviewer"].setText(self.tr("Report veri&fied by:"))
        k.labels["head"].setText(self.tr("Head of the clinic:"))
        self.contact_edits["phone"].setPlaceholderText(self.tr("where the receiving hospital calls back"))
        for key in ("reviewer", "head"):
            self.contact_edits[key].setPlaceholderText(self.tr("full name; empty: a blank line to sign"))
        k.button.setText(self.tr("Save contacts"))  # no Alt letter left here: Enter in a field saves
        c = self.trust_form
        self.trust_group.setTitle(self.tr("Trusted clinics (their QR codes are accepted here)"))
        c.labels["code"].setText(self.tr("Clinic &code:"))
        c.labels["name"].setText(self.tr("Clinic na&me:"))
        c.labels["public_key"].setText(self.tr("&Public key:"))
        self.trust_key.setPlaceholderText(self.tr("paste the key the other clinic gives you"))
        self.trust_hint.setText(self.tr("Pick a clinic to correct its name or key below."))
        self.distrust_button.setText(self.tr("Stop tr&usting…"))
        self.trust_clear_button.setText(self.tr("C&lear"))
        self._trust_button_text()
        self.trust_model.retranslate()
        self.own_label.setText(self.tr("This clinic's public key ({code}): give it to the hospitals that receive "
                                       "your transfers.").format(code=self.session.clinic.code))
        self.copy_button.setText(self.tr("Cop&y"))
        self.hospital_model.retranslate()

    # ----- hospitals ------------------------------------------------------------------------
    def reload(self) -> None:
        transfers, actor = self.session.ctx.transfers, self.session.actor
        self.session.runner.run(lambda: transfers.hospitals(actor), self._show_hospitals, parent=self)
        self.session.runner.run(transfers.targets, self._show_targets, parent=self)
        self.session.runner.run(transfers.contacts, self._show_contacts, parent=self)
        self.reload_trusted()

    def _show_hospitals(self, hospitals: list[HospitalRecord]) -> None:
        self.hospital_model.set_rows(hospitals)
        row = self.hospital_model.row_of(self.editing.id) if self.editing is not None else -1
        if row >= 0:  # the one being edited stays selected, without refilling the form
            selection = self.table.selectionModel()
            selection.blockSignals(True)
            self.table.selectRow(row)
            selection.blockSignals(False)

    def _pick_hospital(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        h = self.hospital_model.record_at(rows[0].row()) if rows else None
        if h is None:
            return
        self.editing = h
        self.name.setText(h.name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(h.kind)))
        self.address.setText(h.address)
        self.phone.setText(h.phone)
        self.accepting.setChecked(h.accepting)
        self.hospital_form.errors.clear()
        self.hospital_form.status.clear()
        self.retranslate()

    def new_hospital(self) -> None:
        self.editing = None
        self.table.clearSelection()
        for edit in (self.name, self.address, self.phone):
            edit.clear()
        self.kind.setCurrentIndex(0)
        self.accepting.setChecked(True)
        self.hospital_form.errors.clear()
        self.hospital_form.status.clear()
        self.retranslate()
        self.name.setFocus()

    def save_hospital(self) -> None:
        transfers, actor, editing = self.session.ctx.transfers, self.session.actor, self.editing
        values = dict(name=self.name.text(), kind=self.kind.currentData(), address=self.address.text(),
                      phone=self.phone.text(), accepting=self.accepting.isChecked())

        def save() -> HospitalRecord:
            if editing is None:
                return transfers.save_hospital(actor, **values)
            return transfers.save_hospital(actor, **values, hospital_id=editing.id, expected_version=editing.version)

        def done(h: HospitalRecord) -> None:
            self.editing = h
            self.hospital_form.done(self.tr("✓ {name} saved.").format(name=h.name))
            self.reload()
            self.retranslate()

        def failed(exc: BaseException) -> None:
            self.hospital_form.errors.show(exc)
            if isinstance(exc, StaleEdit):
                self.reload()

        self.session.runner.run(save, done, failed, parent=self)

    # ----- targets --------------------------------------------------------------------------
    def _show_targets(self, result: tuple[TransferTargets, int]) -> None:
        targets, self.targets_version = result
        for key, spin in self.minutes.items():
            spin.setValue(getattr(targets, key))

    def save_targets(self) -> None:
        transfers, actor, version = self.session.ctx.transfers, self.session.actor, self.targets_version
        values = {key: spin.value() for key, spin in self.minutes.items()}

        def save() -> int:
            return transfers.update_targets(actor, TransferTargets(**values), version)

        def done(new_version: int) -> None:
            self.targets_version = new_version
            self.targets_form.done(self.tr("✓ Time targets saved. They apply to clocks started from now on."))

        def failed(exc: BaseException) -> None:
            self.targets_form.errors.show(exc)
            if isinstance(exc, StaleEdit):
                QMessageBox.information(self, error_title(exc), describe(exc))
                self.session.runner.run(transfers.targets, self._show_targets, parent=self)

        self.session.runner.run(save, done, failed, parent=self)

    # ----- the clinic's contacts ------------------------------------------------------------
    def _show_contacts(self, result: tuple[ClinicContacts, int]) -> None:
        contacts, self.contacts_version = result
        for key, edit in self.contact_edits.items():
            edit.setText(getattr(contacts, key))

    def save_contacts(self) -> None:
        transfers, actor, version = self.session.ctx.transfers, self.session.actor, self.contacts_version
        values = {key: edit.text() for key, edit in self.contact_edits.items()}

        def save() -> int:
            return transfers.update_contacts(actor, ClinicContacts.cleaned(**values), version)

        def done(new_version: int) -> None:
            self.contacts_version = new_version
            self.contacts_form.done(self.tr("✓ Saved. The next handover form and daily report print them."))

        def failed(exc: BaseException) -> None:
            self.contacts_form.errors.show(exc)
            if isinstance(exc, StaleEdit):
                QMessageBox.information(self, error_title(exc), describe(exc))
                self.session.runner.run(transfers.contacts, self._show_contacts, parent=self)

        self.session.runner.run(save, done, failed, parent=self)

    # ----- trusted clinics ------------------------------------------------------------------
    def reload_trusted(self) -> None:
        transfers, actor = self.session.ctx.transfers, self.session.actor
        self.session.runner.run(lambda: transfers.trusted_clinics(actor), self._show_trusted, self._trust_failed,
                                parent=self)

    def _trust_failed(self, exc: BaseException) -> None:
        self.trust_form.errors.show(exc)

    def _show_trusted(self, clinics: list[TrustedClinicInfo]) -> None:
        picked = self.selected_trusted()
        self.trust_model.set_rows(clinics)
        if picked is not None and self.selected_trusted() is None:  # the list changed: keep the pick if it is there
            row = self.trust_model.row_of(picked.code)
            if row >= 0:
                self.trusted.selectRow(row)
        self.distrust_button.setEnabled(self.selected_trusted() is not None)
        self._trust_button_text()

    def selected_trusted(self) -> TrustedClinicInfo | None:
        rows = self.trusted.selectionModel().selectedRows()
        return self.trust_model.record_at(rows[0].row()) if rows else None

    def _pick_trusted(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        """A clinic picked in the list fills the form, so a new key or a corrected name can be saved."""
        c = self.selected_trusted()
        self.distrust_button.setEnabled(c is not None)
        if c is None:
            return
        self.trust_code.setText(c.code)
        self.trust_name.setText(c.name)
        self.trust_key.setPlainText(c.public_key)
        self.trust_form.errors.clear()
        self.trust_form.status.clear()

    def _trust_button_text(self) -> None:
        known = self.trust_model.row_of(self.trust_code.text().strip().upper()) >= 0
        self.trust_form.button.setText(self.tr("Sa&ve changes") if known else self.tr("&Trust this clinic"))

    def clear_trust_form(self) -> None:
        self.trusted.clearSelection()
        for edit in (self.trust_code, self.trust_name):
            edit.clear()
        self.trust_key.clear()
        self.trust_form.errors.clear()
        self.trust_form.status.clear()

    def trust(self) -> None:
        transfers, actor = self.session.ctx.transfers, self.session.actor
        code, name, key = self.trust_code.text(), self.trust_name.text(), self.trust_key.toPlainText()

        def done(_none: object) -> None:
            self.clear_trust_form()
            self.trust_form.done(self.tr("✓ {code} is trusted: its handover forms and receipts are accepted here.")
                                 .format(code=code.strip().upper()))
            self.reload_trusted()

        self.session.runner.run(lambda: transfers.trust_clinic(actor, code=code, name=name, public_key=key),
                                done, self._trust_failed, parent=self)

    def distrust(self) -> None:
        c = self.selected_trusted()
        if c is None:
            return
        if self.distrust_dialog is not None:
            self.distrust_dialog.deleteLater()
        dialog = self.distrust_dialog = DistrustDialog(self.session, c, self)
        dialog.saved.connect(self._distrusted)
        dialog.gone.connect(self.reload_trusted)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()

    def _distrusted(self, code: str) -> None:
        self.clear_trust_form()
        self.trust_form.done(self.tr("✓ {code} is no longer trusted: its handover forms and receipts are refused "
                                     "here from now on.").format(code=code))
        self.reload_trusted()

    def copy_own_key(self) -> None:
        QGuiApplication.clipboard().setText(self.own_key.text())
        self.trust_form.status.setText(self.tr("✓ Public key copied."))
