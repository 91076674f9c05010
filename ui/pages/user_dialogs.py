"""Add/edit an account and reset a password: keyboard-first dialogs with inline errors; a doctor's open cases
(or every orphaned case) and their reassignment by the medical director.

Edits carry the version the admin loaded; if someone else saved the account meanwhile, the
service refuses with StaleEdit, the dialog reloads the account and says so, and the admin's
own typing stays in the fields to save again on purpose.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.casework.reassign import OpenCase
from app.errors import StaleEdit, ValidationError
from app.permissions import Role
from app.services.users import ColleagueInfo, UserInfo
from ui.forms import (
    Dialog,
    FieldErrors,
    describe,
    error_label,
    field_with_error,
    grow_to_fit,
    password_edit,
    tidy_form,
)
from ui.labels import classification_name, role_name, role_names
from ui.session import Session
from ui.widgets import palette
from ui.widgets.dialog import FormDialog, text_edit


def _buttons(dialog: QDialog) -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
    box = QDialogButtonBox()
    ok = box.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
    cancel = box.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
    ok.setDefault(True)
    cancel.clicked.connect(dialog.reject)
    return box, ok, cancel


class UserDialog(Dialog):
    """Add (``user is None``) or edit an account. Emits ``saved(UserInfo)``; ``reloaded`` on StaleEdit."""

    saved = Signal(object)
    reloaded = Signal()

    def __init__(self, session: Session, user: UserInfo | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.user = user
        self.setMinimumWidth(520)
        self.username = QLineEdit(user.username if user else "")
        self.username.setMaxLength(32)
        self.username.setReadOnly(user is not None)
        if user is not None:  # shown, not edited: Tab goes past it
            self.username.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.full_name = QLineEdit(user.full_name if user else "")
        self.full_name.setMaxLength(64)
        self.role_boxes: dict[str, QCheckBox] = {}
        roles_widget = QWidget()
        roles_layout = QVBoxLayout(roles_widget)
        roles_layout.setContentsMargins(0, 0, 0, 0)
        for role in Role:
            box = QCheckBox()
            box.setChecked(bool(user and role.value in user.roles))
            self.role_boxes[role.value] = box
            roles_layout.addWidget(box)
        self.password = password_edit()
        self.password_confirm = password_edit()

        self.general_error = error_label()
        self.errors = FieldErrors(self.general_error)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(f"color: {palette.AMBER};")
        self.notice.hide()
        form = QFormLayout()
        tidy_form(form)
        self._labels: dict[str, QLabel] = {}
        rows: list[tuple[str, QWidget, QWidget]] = [
            ("username", self.username, self.username), ("full_name", self.full_name, self.full_name),
            ("roles", roles_widget, next(iter(self.role_boxes.values()))),
        ]
        if user is None:
            rows += [("password", self.password, self.password),
                     ("password_confirm", self.password_confirm, self.password_confirm)]
        for key, widget, focus in rows:
            container, err = field_with_error(widget)
            self._labels[key] = QLabel()
            self._labels[key].setBuddy(focus)
            form.addRow(self._labels[key], container)
            self.errors.add(key, focus, err)
        self.buttons, self.ok, self.cancel = _buttons(self)
        self.ok.clicked.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.retranslate()
        (self.full_name if user else self.username).setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add account") if self.user is None else self.tr("Edit account"))
        texts = {"username": self.tr("&User name:"), "full_name": self.tr("&Full name:"),
                 "roles": self.tr("Roles:"), "password": self.tr("&Password:"),
                 "password_confirm": self.tr("Confir&m password:")}
        for key, label in self._labels.items():
            label.setText(texts[key])
        for role, box in self.role_boxes.items():
            box.setText(role_name(role))
        self.password.setPlaceholderText(self.tr("at least 8 characters"))
        self.ok.setText(self.tr("&Save"))
        self.cancel.setText(self.tr("Cancel"))

    def chosen_roles(self) -> list[str]:
        return [role for role, box in self.role_boxes.items() if box.isChecked()]

    def submit(self) -> None:
        self.errors.clear()
        users, actor = self.session.ctx.users, self.session.actor
        full_name, roles = self.full_name.text(), self.chosen_roles()
        work: Callable[[], UserInfo]
        if self.user is None:
            if self.password.text() != self.password_confirm.text():
                self.errors.show(ValidationError("passwords_differ", field="password_confirm"))
                return
            username, password = self.username.text(), self.password.text()
            work = lambda: users.create(actor, username=username, full_name=full_name,  # noqa: E731
                                        roles=roles, password=password)
        else:
            username, version = self.user.username, self.user.version
            work = lambda: users.update(actor, username=username, expected_version=version,  # noqa: E731
                                        full_name=full_name, roles=roles)
        self.ok.setEnabled(False)
        self.session.runner.run(work, self._done, self._failed, parent=self)

    def _done(self, info: UserInfo) -> None:
        self.ok.setEnabled(True)
        self.saved.emit(info)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        self.errors.show(exc)
        if isinstance(exc, StaleEdit) and self.user is not None:
            self._reload()

    def _reload(self) -> None:
        """Fetch the account as saved now; keep the admin's typing, show what changed."""
        users, actor, username = self.session.ctx.users, self.session.actor, self.user.username if self.user else ""
        self.session.runner.run(lambda: next((u for u in users.list(actor) if u.username == username), None),
                                self._rebased, self._show_error, parent=self)

    def _show_error(self, exc: BaseException) -> None:
        self.errors.show(exc)

    def _rebased(self, fresh: UserInfo | None) -> None:
        if fresh is None:
            return
        self.user = fresh
        self.notice.setText(self.tr("Saved now: {name}; roles: {roles}. Check your changes and save again.")
                            .format(name=fresh.full_name, roles=role_names(fresh.roles)))
        self.notice.show()
        grow_to_fit(self)
        self.reloaded.emit()


class ResetPasswordDialog(Dialog):
    """An administrator sets a new password for an account (this also clears a lockout)."""

    saved = Signal(object)

    def __init__(self, session: Session, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.user = user
        self.setMinimumWidth(480)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.password = password_edit()
        self.password_confirm = password_edit()
        self.general_error = error_label()
        self.errors = FieldErrors(self.general_error)
        form = QFormLayout()
        tidy_form(form)
        self._labels: dict[str, QLabel] = {}
        for key, field in (("password", self.password), ("password_confirm", self.password_confirm)):
            container, err = field_with_error(field)
            self._labels[key] = QLabel()
            self._labels[key].setBuddy(field)
            form.addRow(self._labels[key], container)
            self.errors.add(key, field, err)
        self.buttons, self.ok, self.cancel = _buttons(self)
        self.ok.clicked.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Reset password"))
        self.intro.setText(self.tr("Set a new password for {name} ({username}). Any lock-out is lifted.")
                           .format(name=self.user.full_name, username=self.user.username))
        self._labels["password"].setText(self.tr("&New password:"))
        self._labels["password_confirm"].setText(self.tr("Confir&m password:"))
        self.password.setPlaceholderText(self.tr("at least 8 characters"))
        self.ok.setText(self.tr("&Reset password"))
        self.cancel.setText(self.tr("Cancel"))

    def submit(self) -> None:
        self.errors.clear()
        if self.password.text() != self.password_confirm.text():
            self.errors.show(ValidationError("passwords_differ", field="password_confirm"))
            return
        users, actor, username, password = (self.session.ctx.users, self.session.actor, self.user.username,
                                            self.password.text())
        self.ok.setEnabled(False)
        self.session.runner.run(lambda: users.reset_password(actor, username, password), self._done,
                                self._failed, parent=self)

    def _done(self, info: UserInfo) -> None:
        self.ok.setEnabled(True)
        self.saved.emit(info)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        self.errors.show(exc)


# ----- open cases of a doctor, orphaned cases, reassignment (issue 12) ---------------------------------------
class ReassignDialog(FormDialog):
    """The medical director gives one open case to an active doctor, with a reason (audited as case.reassign).
    Emits ``saved(OpenCase)``."""

    def __init__(self, session: Session, case: OpenCase, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.case = case
        self.service = session.ctx.reassign
        self.doctor = QComboBox()
        self.reason = text_edit(200)
        self.add_field("to_username", self.doctor)
        self.add_field("reason", self.reason)
        self.retranslate()
        service, actor = self.service, session.actor
        session.runner.run(lambda: service.doctors(actor), self._doctors, self.errors.show, parent=self)
        self.doctor.setFocus(Qt.FocusReason.OtherFocusReason)

    def retranslate(self) -> None:
        c = self.case
        self.setWindowTitle(self.tr("Reassign case {visit_no}").format(visit_no=c.visit_no))
        text = self.tr("Patient {patient} ({classification}), responsible doctor {doctor}.").format(
            patient=c.patient_name, classification=classification_name(c.classification), doctor=c.doctor_name)
        if c.handover_to:
            text += " " + self.tr("The hand-over waiting for {doctor} is cancelled.").format(doctor=c.handover_to)
        self.explain.setText(text)
        self.labels["to_username"].setText(self.tr("&New responsible doctor:"))
        self.labels["reason"].setText(self.tr("&Reason:"))
        self.reason.setPlaceholderText(self.tr("e.g. the doctor has left; recorded in the audit trail"))
        self.retranslate_buttons(self.tr("&Reassign"))

    def _doctors(self, doctors: list[ColleagueInfo]) -> None:
        self.doctor.clear()
        for d in doctors:
            self.doctor.addItem(f"{d.full_name} ({d.username})", d.username)
        mine = self.doctor.findData(self.case.doctor_username)
        if mine >= 0 and self.case.handover_to is None:  # reassigning to the same doctor changes nothing
            self.doctor.removeItem(mine)

    def submit(self) -> None:
        self.errors.clear()
        service, actor = self.service, self.session.actor
        visit_no, to, reason = self.case.visit_no, self.doctor.currentData() or "", self.reason.text()
        self.ok.setEnabled(False)
        self.session.runner.run(lambda: service.reassign(actor, visit_no, to, reason), self._done, self._failed,
                                parent=self)

    def _done(self, case: OpenCase) -> None:
        self.ok.setEnabled(True)
        self.done_with(case)

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        self.errors.show(exc)


class OpenCasesDialog(Dialog):
    """The open cases of a doctor about to be disabled (``user`` given), or every orphaned case (``user`` None):
    each can be reassigned; for a doctor, "Disable anyway" disables the account with the list seen.
    Emits ``disabled(UserInfo)``."""

    disabled = Signal(object)

    COLUMNS = 6

    def __init__(self, session: Session, user: UserInfo | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.user = user
        self.service = session.ctx.reassign
        self.cases: list[OpenCase] = []
        self.dialog: ReassignDialog | None = None
        self.setMinimumSize(820, 420)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.reassign())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.general_error = error_label()
        self.reassign_button = QPushButton()
        self.disable_button = QPushButton()
        self.close_button = QPushButton()
        self.reassign_button.clicked.connect(self.reassign)
        self.disable_button.clicked.connect(self.disable)
        self.close_button.clicked.connect(self.reject)
        self.disable_button.setVisible(user is not None)
        self.disable_button.setStyleSheet(f"color: {palette.DANGER};")
        buttons = QHBoxLayout()
        buttons.addWidget(self.reassign_button)
        buttons.addStretch(1)
        buttons.addWidget(self.disable_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        if self.user is None:
            self.setWindowTitle(self.tr("Orphaned cases"))
            self.intro.setText(self.tr(
                "Open cases whose responsible doctor's account is disabled, or whose hand-over waits for such an "
                "account: nobody can work on them. Reassign each to an active doctor.") if self.cases else
                self.tr("No orphaned cases: every open case has an active responsible doctor."))
        else:
            u = self.user
            self.setWindowTitle(self.tr("Open cases of {name}").format(name=u.full_name))
            self.intro.setText(self.tr(
                "{name} ({username}) is still responsible for {count} open case(s). Reassign each to another "
                "doctor before disabling the account. If you disable it anyway, the cases are listed as "
                "orphaned until you reassign them.").format(name=u.full_name, username=u.username,
                                                           count=len(self.cases)) if self.cases else
                self.tr("{name} ({username}) has no open cases left: the account can be disabled.").format(
                    name=u.full_name, username=u.username))
            self.disable_button.setText(self.tr("&Disable anyway") if self.cases else self.tr("&Disable"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Visit number"), self.tr("Patient"), self.tr("Classification"), self.tr("Taken at"),
            self.tr("Responsible doctor"), self.tr("Note")])
        self.reassign_button.setText(self.tr("&Reassign…"))
        self.close_button.setText(self.tr("Close"))
        self._fill()

    def reload(self) -> None:
        service, actor = self.service, self.session.actor
        username = self.user.username if self.user else None
        work = (lambda: service.open_cases_of(actor, username)) if username else (lambda: service.orphaned(actor))
        self.session.runner.run(work, self._loaded, self._failed, parent=self)

    def _loaded(self, cases: list[OpenCase]) -> None:
        self.cases = cases
        self.retranslate()
        if cases:
            self.table.selectRow(0)
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        self.general_error.setText(describe(exc))
        self.general_error.show()
        grow_to_fit(self)

    def _note(self, c: OpenCase) -> str:
        notes = []
        if not c.doctor_able:
            notes.append(self.tr("Responsible doctor's account is disabled"))
        if c.handover_to:
            notes.append(self.tr("Hand-over waiting for {doctor}").format(doctor=c.handover_to)
                         + ("" if c.handover_to_able else self.tr(" (account disabled)")))
        if c.in_ward:
            notes.append(self.tr("In a ward"))
        return self.tr("; ").join(notes)

    def _fill(self) -> None:
        self.table.setRowCount(len(self.cases))
        zone = self.session.zone
        for row, c in enumerate(self.cases):
            values = (c.visit_no, c.patient_name, classification_name(c.classification),
                      c.taken_at.astimezone(zone).strftime("%m-%d %H:%M"), f"{c.doctor_name} ({c.doctor_username})",
                      self._note(c))
            for col, value in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(value))

    def selected(self) -> OpenCase | None:
        rows = self.table.selectionModel().selectedRows()
        return self.cases[rows[0].row()] if rows and rows[0].row() < len(self.cases) else None

    def _update_buttons(self) -> None:
        self.reassign_button.setEnabled(self.selected() is not None)

    def reassign(self) -> None:
        case = self.selected()
        if case is None:
            return
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = ReassignDialog(self.session, case, self)
        self.dialog.saved.connect(lambda _c: self.reload())
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.show()

    def disable(self) -> None:
        if self.user is None:
            return
        users, actor, username, seen = self.session.ctx.users, self.session.actor, self.user.username, bool(self.cases)
        self.disable_button.setEnabled(False)
        self.session.runner.run(lambda: users.set_active(actor, username, False, open_cases_seen=seen),
                                self._disabled, self._disable_failed, parent=self)

    def _disabled(self, info: UserInfo) -> None:
        self.disable_button.setEnabled(True)
        self.disabled.emit(info)
        self.accept()

    def _disable_failed(self, exc: BaseException) -> None:
        self.disable_button.setEnabled(True)
        self._failed(exc)
        self.reload()  # new cases may have come in meanwhile: the list is shown again
