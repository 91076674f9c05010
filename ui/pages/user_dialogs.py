"""Add/edit an account and reset a password: keyboard-first dialogs with inline errors.

Edits carry the version the admin loaded; if someone else saved the account meanwhile, the
service refuses with StaleEdit, the dialog reloads the account and says so, and the admin's
own typing stays in the fields to save again on purpose.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import StaleEdit, ValidationError
from app.permissions import Role
from app.services.users import UserInfo
from ui.forms import (
    Dialog,
    FieldErrors,
    error_label,
    field_with_error,
    grow_to_fit,
    password_edit,
    tidy_form,
)
from ui.labels import role_name, role_names
from ui.session import Session


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
        self.notice.setStyleSheet("color: #8a5a00;")
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
