"""工作站密钥: every desk's signing key with its state; enrol a waiting desk, revoke one (with a reason).

Shown on the maintenance page to an administrator (Perm.MANAGE_CLINIC_SETTINGS). Enrolling signs with the
clinic key, so it works only on the desk where the clinic was set up; elsewhere the service refuses with
``clinic_key_not_here`` and the box says so. The rules live in app/desk_keys.py.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.desk_keys import DeskKeyInfo
from ui.labels import desk_key_state_name, desk_purpose_name
from ui.ops import report_error
from ui.session import Session


class DeskKeysBox(QGroupBox):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.desks: list[DeskKeyInfo] = []
        #: asks the reason for a revocation (a test replaces it): (accepted, text)
        self.ask_reason: Callable[[str], tuple[str, bool]] = self._ask_reason
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(140)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.enrol_button = QPushButton()
        self.enrol_button.clicked.connect(self.enrol)
        self.revoke_button = QPushButton()
        self.revoke_button.clicked.connect(self.revoke)
        self.status = QLabel()
        self.status.setWordWrap(True)
        box = QVBoxLayout(self)
        box.addWidget(self.note)
        box.addWidget(self.table)
        row = QHBoxLayout()
        row.addWidget(self.enrol_button)
        row.addWidget(self.revoke_button)
        row.addStretch(1)
        box.addLayout(row)
        box.addWidget(self.status)
        self.retranslate()
        self._selection_changed()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Workstation keys"))
        self.note.setText(self.tr(
            "Each desk signs permits, transfer forms and reports with its own key. A new desk waits until an "
            "administrator enrols it here, on the desk where the clinic was set up. Revoke the key of a lost or "
            "retired computer: what it signed is refused from the next scan."))
        self.table.setHorizontalHeaderLabels([self.tr("Workstation"), self.tr("Key"), self.tr("State"),
                                              self.tr("May sign"), self.tr("Enrolled / revoked")])
        self.enrol_button.setText(self.tr("&Enrol"))
        self.revoke_button.setText(self.tr("Re&voke…"))
        self._fill()

    # ----- loading ------------------------------------------------------------------------------
    def load(self) -> None:
        service, actor = self.session.ctx.desk_keys, self.session.actor
        self.session.runner.run(lambda: service.list(actor), self._loaded, self._failed, parent=self)

    def _loaded(self, desks: list[DeskKeyInfo]) -> None:
        self.desks = desks
        self._fill()

    def _fill(self) -> None:
        zone = self.session.zone
        self.table.setRowCount(len(self.desks))
        for i, d in enumerate(self.desks):
            name = d.workstation + (self.tr(" (this desk)") if d.this_desk else "")
            state = desk_key_state_name(d.state)
            if d.state == "enrolled" and not d.enrolment_valid:
                state = self.tr("Enrolment does not verify")
            when = ""
            if d.revoked_at is not None:
                when = self.tr("revoked {at} by {who}: {reason}").format(
                    at=f"{d.revoked_at.astimezone(zone):%Y-%m-%d %H:%M}", who=d.revoked_by or "",
                    reason=d.revoke_reason or "")
            elif d.enrolled_at is not None:
                when = self.tr("enrolled {at} by {who}").format(
                    at=f"{d.enrolled_at.astimezone(zone):%Y-%m-%d %H:%M}", who=d.enrolled_by or "")
            cells = (name, d.key_id, state, "、".join(desk_purpose_name(p) for p in d.purposes), when)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, d.key_id)
                self.table.setItem(i, col, item)
        self._selection_changed()

    def selected(self) -> DeskKeyInfo | None:
        rows = {i.row() for i in self.table.selectedItems()}
        return self.desks[rows.pop()] if len(rows) == 1 and self.desks else None

    def _selection_changed(self) -> None:
        d = self.selected()
        self.enrol_button.setEnabled(d is not None and d.state == "pending")
        self.revoke_button.setEnabled(d is not None and d.state != "revoked")

    # ----- acting -------------------------------------------------------------------------------
    def enrol(self) -> None:
        d = self.selected()
        if d is None:
            return
        service, actor = self.session.ctx.desk_keys, self.session.actor
        self.session.runner.run(lambda: service.enrol(actor, d.key_id), self._done, self._failed, parent=self)

    def revoke(self) -> None:
        d = self.selected()
        if d is None:
            return
        reason, ok = self.ask_reason(d.workstation)
        if not ok:
            return
        service, actor = self.session.ctx.desk_keys, self.session.actor
        self.session.runner.run(lambda: service.revoke(actor, d.key_id, reason), self._done, self._failed,
                                parent=self)

    def _ask_reason(self, workstation: str) -> tuple[str, bool]:
        return QInputDialog.getText(self, self.tr("Revoke desk key"), self.tr(
            "Why is the key of {desk} revoked (e.g. computer lost)?").format(desk=workstation))

    def _done(self, d: DeskKeyInfo) -> None:
        self.status.setText(self.tr("{desk}: {state}.").format(desk=d.workstation,
                                                              state=desk_key_state_name(d.state)))
        self.load()

    def _failed(self, exc: BaseException) -> None:
        report_error(self, exc)
        self.load()
