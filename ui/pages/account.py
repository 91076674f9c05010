"""My account: who is logged in, and changing one's own password."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import AuthError, ValidationError
from ui.forms import FieldErrors, error_label, field_with_error, password_edit, tidy_form
from ui.labels import role_names
from ui.session import Session
from ui.widgets.page import Page


class AccountPage(Page):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.who_box = QGroupBox()
        who = QFormLayout(self.who_box)
        tidy_form(who)
        self.name_label, self.name_value = QLabel(), QLabel()
        self.username_label, self.username_value = QLabel(), QLabel(session.actor.username)
        self.roles_label, self.roles_value = QLabel(), QLabel()
        self.workstation_label, self.workstation_value = QLabel(), QLabel(session.actor.workstation)
        for label, value in ((self.name_label, self.name_value), (self.username_label, self.username_value),
                             (self.roles_label, self.roles_value),
                             (self.workstation_label, self.workstation_value)):
            value.setWordWrap(True)
            who.addRow(label, value)

        self.password_box = QGroupBox()
        form = QFormLayout(self.password_box)
        tidy_form(form)
        self.old_password = password_edit()
        self.new_password = password_edit()
        self.confirm_password = password_edit()
        self.general_error = error_label()
        self.errors = FieldErrors(self.general_error)
        self._labels: dict[str, QLabel] = {}
        for key, field in (("old", self.old_password), ("password", self.new_password),
                           ("password_confirm", self.confirm_password)):
            box, err = field_with_error(field)
            self._labels[key] = QLabel()
            self._labels[key].setBuddy(field)
            form.addRow(self._labels[key], box)
            self.errors.add(key, field, err)
        self.change_button = QPushButton()
        self.change_button.clicked.connect(self.change_password)
        for field in (self.old_password, self.new_password, self.confirm_password):
            field.returnPressed.connect(self.change_password)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.change_button)
        form.addRow(self.general_error)
        form.addRow(row)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.who_box)
        layout.addWidget(self.password_box)
        layout.addStretch(1)
        self.password_box.setMaximumWidth(720)
        self.who_box.setMaximumWidth(720)
        self.retranslate()

    def title(self) -> str:
        return self.tr("My account")

    def activated(self) -> None:
        """Called when the page is shown."""

    def retranslate(self) -> None:
        self.heading.setText(self.tr("My account"))
        self.who_box.setTitle(self.tr("Logged in as"))
        self.name_label.setText(self.tr("Name:"))
        self.name_value.setText(self.session.full_name)
        self.username_label.setText(self.tr("User name:"))
        self.roles_label.setText(self.tr("Roles:"))
        self.roles_value.setText(role_names(self.session.actor.roles))
        self.workstation_label.setText(self.tr("Workstation:"))
        self.password_box.setTitle(self.tr("Change my password"))
        self._labels["old"].setText(self.tr("C&urrent password:"))
        self._labels["password"].setText(self.tr("&New password:"))
        self._labels["password_confirm"].setText(self.tr("&Repeat new password:"))
        self.new_password.setPlaceholderText(self.tr("at least 8 characters"))
        self.change_button.setText(self.tr("&Change password"))

    def change_password(self) -> None:
        self.errors.clear()
        old, new = self.old_password.text(), self.new_password.text()
        if not old:
            self.old_password.setFocus()
            return
        if new != self.confirm_password.text():
            self.errors.show(ValidationError("passwords_differ", field="password_confirm"))
            return
        users, actor = self.session.ctx.users, self.session.actor
        self.change_button.setEnabled(False)
        self.session.runner.run(lambda: users.change_own_password(actor, old, new), self._done, self._failed,
                                parent=self)

    def _done(self, _result: object) -> None:
        self.change_button.setEnabled(True)
        for field in (self.old_password, self.new_password, self.confirm_password):
            field.clear()
        QMessageBox.information(self, self.tr("Password changed"),
                                self.tr("Your password has been changed. Use it at your next log-in."))

    def _failed(self, exc: BaseException) -> None:
        self.change_button.setEnabled(True)
        if isinstance(exc, AuthError) and exc.code == "bad_credentials":
            self.errors.show_text("old", self.tr("The current password is wrong."))
        else:
            self.errors.show(exc)
