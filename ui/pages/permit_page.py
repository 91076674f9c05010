"""陪护证/探视证: issue escort and visitor permits for an inpatient, and look after them.

Pick the inpatient, issue an escort permit (holder's identity, relation, the negative test's
sampling time and result) or a visitor permit (a reason, one visit of at most 30 minutes). The table
lists the permits with their state; revoke, reprint (a new card, the old one stops working), record a
newer negative result for an escort (which renews the permit), print the card (ID-card size CR80 by
default, or a 58/80 mm slip). An exception the rules need is approved by a second person.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.permissions import Perm
from app.wards.records import AdmissionRecord, PermitRecord
from app.wards.vocab import PermitKind, PermitState
from ui.forms import Dialog, describe
from ui.labels import permit_kind_name
from ui.pages.permit_dialogs import EscortTestDialog, ExceptionDialog, IssueDialog, ReasonDialog
from ui.pages.ward_models import permit_model
from ui.print_preview import PrintPreviewDialog, open_preview
from ui.session import Session
from ui.widgets import palette
from ui.widgets.page import Page
from ui.widgets.table import record_table

translate = QCoreApplication.translate  # lupdate extracts translate("Printing", ...)
CARD_SIZES = ("CR80", "58mm", "80mm")


def card_maker() -> Callable[..., bytes] | None:
    """``permit_card_pdf`` when the printing module is there (None on an older build)."""
    try:
        from app.printing.permit_card import permit_card_pdf
    except ImportError:
        return None
    return permit_card_pdf


def preview_card(session: Session, parent: QWidget, permit: PermitRecord, size: str,
                 on_open: Callable[[PrintPreviewDialog], None]) -> bool:
    make = card_maker()
    if make is None:
        return False
    clinic, ctx = session.clinic, session.ctx

    def card() -> bytes:  # checked against this clinic's enrolled desk keys, read now (app/desk_keys.py)
        from app.desk_keys import permit_keys_for_snapshot
        from app.keys import load_public_key

        with ctx.db.read() as s:
            keys = {kid: load_public_key(text) for kid, text in permit_keys_for_snapshot(s, ctx.clock.now()).items()}
        return make(permit, clinic, size=size, keys=keys)

    open_preview(session, parent, card,
                 translate("Printing", "{kind} {number}").format(kind=permit_kind_name(permit.kind),
                                                                 number=permit.number),
                 f"permit-{permit.number}.pdf", on_open)
    return True


class PermitsPage(Page):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.can_approve = session.can(Perm.APPROVE_EXCEPTIONS)
        self.dialog: Dialog | None = None
        self.preview: PrintPreviewDialog | None = None
        self.admissions: list[AdmissionRecord] = []
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.patient_label = QLabel()
        self.patient = QComboBox()
        self.patient.setMinimumWidth(320)
        self.patient_label.setBuddy(self.patient)
        self.escort_button = QPushButton()
        self.escort_button.clicked.connect(lambda: self.issue(PermitKind.ESCORT.value))
        self.visitor_button = QPushButton()
        self.visitor_button.clicked.connect(lambda: self.issue(PermitKind.VISITOR.value))
        self.exception_button = QPushButton()
        self.exception_button.clicked.connect(self.approve_exception)
        self.exception_button.setVisible(self.can_approve)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.active_only = QCheckBox()
        self.active_only.setChecked(True)
        self.active_only.toggled.connect(lambda _c: self.reload())
        clock = session.ctx.clock
        self.permits = permit_model(session.zone, clock.now, self)
        self.view = record_table(self.permits, (100, 90, 70, 140, 80, 130, 200, 170), striped=True, row_height=None)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.revoke_button = QPushButton()
        self.revoke_button.clicked.connect(lambda: self.reason(reprint=False))
        self.reprint_button = QPushButton()
        self.reprint_button.clicked.connect(lambda: self.reason(reprint=True))
        self.test_button = QPushButton()
        self.test_button.clicked.connect(self.update_test)
        self.card_size = QComboBox()
        for size in CARD_SIZES:
            self.card_size.addItem(size, size)
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.print_card)
        self.view.doubleClicked.connect(lambda _i: self.print_card())

        pick = QHBoxLayout()
        pick.addWidget(self.patient_label)
        pick.addWidget(self.patient, 1)
        pick.addWidget(self.escort_button)
        pick.addWidget(self.visitor_button)
        pick.addWidget(self.exception_button)
        actions = QHBoxLayout()
        actions.addWidget(self.active_only)
        actions.addStretch(1)
        actions.addWidget(self.revoke_button)
        actions.addWidget(self.reprint_button)
        actions.addWidget(self.test_button)
        actions.addWidget(self.card_size)
        actions.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(pick)
        layout.addWidget(self.message)
        layout.addLayout(actions)
        layout.addWidget(self.view, 1)
        self.retranslate()
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Escort and visitor permits")

    def activated(self) -> None:
        self.reload()
        self.patient.setFocus()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Escort and visitor permits"))
        self.patient_label.setText(self.tr("&Inpatient:"))
        self.escort_button.setText(self.tr("Issue &escort permit…"))
        self.visitor_button.setText(self.tr("Issue &visitor permit…"))
        self.exception_button.setText(self.tr("Approve e&xception…"))
        self.active_only.setText(self.tr("Valid permits &only"))
        self.revoke_button.setText(self.tr("&Revoke…"))
        self.reprint_button.setText(self.tr("Re&print (lost card)…"))
        self.test_button.setText(self.tr("Update escort's &test…"))
        self.print_button.setText(self.tr("Print &card…"))
        self.card_size.setToolTip(self.tr("Card size: CR80 is the size of an ID card; 58/80 mm for a slip printer"))
        if card_maker() is None:
            self.print_button.setToolTip(self.tr("Card printing is not available in this version."))
        self.permits.retranslate()

    # ----- data -----------------------------------------------------------------------------
    def reload(self) -> None:
        wards, permits, actor = self.session.ctx.wards, self.session.ctx.permits, self.session.actor
        state = PermitState.ACTIVE.value if self.active_only.isChecked() else None
        self.session.runner.run(lambda: (wards.inpatients(actor), permits.list(actor, state=state)), self._loaded,
                                lambda exc: self._say(describe(exc), bad=True), parent=self)

    def _loaded(self, result: tuple[list[AdmissionRecord], list[PermitRecord]]) -> None:
        admissions, permits = result
        current = self.patient.currentData()
        self.admissions = admissions
        self.patient.clear()
        for a in admissions:
            self.patient.addItem(f"{a.patient_name} · {a.ward_name} {a.bed}", a.id)
        if current is not None and self.patient.findData(current) >= 0:
            self.patient.setCurrentIndex(self.patient.findData(current))
        selected = self.selected()
        self.permits.set_rows(permits)
        if selected is not None:
            self.select(selected.number)
        self._update_buttons()

    def admission(self) -> AdmissionRecord | None:
        admission_id = self.patient.currentData()
        return next((a for a in self.admissions if a.id == admission_id), None)

    def choose_patient(self, admission_id: int) -> None:
        self.patient.setCurrentIndex(max(0, self.patient.findData(admission_id)))

    def selected(self) -> PermitRecord | None:
        rows = self.view.selectionModel().selectedRows()
        return self.permits.record_at(rows[0].row()) if rows else None

    def select(self, number: str) -> None:
        for row, p in enumerate(self.permits.rows()):
            if p.number == number:
                self.view.selectRow(row)
                return

    def _update_buttons(self) -> None:
        p = self.selected()
        active = p is not None and p.state == PermitState.ACTIVE
        self.revoke_button.setEnabled(active)
        self.reprint_button.setEnabled(active)
        self.test_button.setEnabled(active and p is not None and p.kind == PermitKind.ESCORT)
        self.print_button.setEnabled(active and card_maker() is not None)
        has = self.patient.count() > 0
        for button in (self.escort_button, self.visitor_button, self.exception_button):
            button.setEnabled(has)

    def _say(self, text: str, *, bad: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {palette.DANGER}; font-weight: bold;" if bad else f"color: {palette.OK}; "
                                                                                  "font-weight: bold;")

    # ----- actions --------------------------------------------------------------------------
    def _open(self, dialog: Dialog) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()

    def issue(self, kind: str) -> None:
        a = self.admission()
        if a is None:
            return
        dialog = IssueDialog(self.session, a, kind, self)
        dialog.issued.connect(self._issued)
        self._open(dialog)

    def _issued(self, record: PermitRecord) -> None:
        self._say(self.tr("{kind} {number} issued to {holder}. Print the card for the holder.").format(
            kind=permit_kind_name(record.kind), number=record.number, holder=record.holder_name))
        self.reload()
        self.select(record.number)

    def approve_exception(self) -> None:
        a = self.admission()
        if a is None or not self.can_approve:
            return
        dialog = ExceptionDialog(self.session, a, None, self)
        dialog.approved.connect(lambda eid: self._say(self.tr(
            "Exception #{id} approved. Another staff member issues the permit now: the exception is used "
            "once.").format(id=eid)))
        self._open(dialog)

    def reason(self, *, reprint: bool) -> None:
        p = self.selected()
        if p is None or p.state != PermitState.ACTIVE:
            return
        dialog = ReasonDialog(self.session, p, reprint, self)
        dialog.saved.connect(self._reprinted if reprint else self._revoked)
        self._open(dialog)

    def _revoked(self, record: PermitRecord) -> None:
        self._say(self.tr("{number} revoked: the gates refuse it from now on.").format(number=record.number))
        self.reload()

    def _reprinted(self, record: PermitRecord) -> None:
        self._say(self.tr("New card {number} issued; the old card no longer works. Print the new card.").format(
            number=record.number))
        self.reload()
        self.select(record.number)

    def update_test(self) -> None:
        p = self.selected()
        if p is None or p.kind != PermitKind.ESCORT:
            return
        dialog = EscortTestDialog(self.session, p, self)
        dialog.saved.connect(self._test_updated)
        self._open(dialog)

    def _test_updated(self, r: PermitRecord) -> None:
        self._say(self.tr("Negative result of {number} updated: valid until {until}.").format(
            number=r.number, until=r.valid_until.astimezone(self.session.zone).strftime("%m-%d %H:%M")))
        self.reload()

    def print_card(self) -> None:
        p = self.selected()
        if p is None or p.state != PermitState.ACTIVE:
            return
        if self.preview is not None:
            self.preview.deleteLater()
            self.preview = None
        preview_card(self.session, self, p, str(self.card_size.currentData()), self._preview_opened)

    def _preview_opened(self, dialog: PrintPreviewDialog) -> None:
        self.preview = dialog
