"""Users: accounts and roles, for administrators (Perm.MANAGE_USERS)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.casework.reassign import OpenCase
from app.errors import Conflict
from app.permissions import Perm
from app.services.users import UserInfo
from ui.ops import report_error
from ui.pages.user_dialogs import OpenCasesDialog, ResetPasswordDialog, UserDialog
from ui.pages.users_model import UserTableModel
from ui.session import Session
from ui.widgets.page import Page
from ui.widgets.table import record_table


class UsersPage(Page):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.dialog: QDialog | None = None
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.model = UserTableModel(session.ctx.clock.now, session.zone, self)
        self.table = record_table(self.model, fit=True, striped=True, row_height=None)
        self.table.doubleClicked.connect(lambda _i: self.edit_user())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.add_button = QPushButton()
        self.edit_button = QPushButton()
        self.active_button = QPushButton()
        self.reset_button = QPushButton()
        self.refresh_button = QPushButton()
        self.orphans_button = QPushButton()  # cases of disabled doctors: reassigned by the medical director
        self.orphans_button.setVisible(session.can(Perm.REASSIGN_CASES))
        self.orphans_button.clicked.connect(self.show_orphans)
        self.add_button.clicked.connect(self.add_user)
        self.edit_button.clicked.connect(self.edit_user)
        self.active_button.clicked.connect(self.toggle_active)
        self.reset_button.clicked.connect(self.reset_password)
        self.refresh_button.clicked.connect(self.reload)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self.edit_user,
                  context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence.StandardKey.New, self, self.add_user,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.reload,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.active_button, self.reset_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.orphans_button)
        buttons.addWidget(self.refresh_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.retranslate()
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Users")

    def activated(self) -> None:
        self.reload()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Users and roles"))
        self.add_button.setText(self.tr("&Add…"))
        self.edit_button.setText(self.tr("&Edit…"))
        self.reset_button.setText(self.tr("Reset &password…"))
        self.refresh_button.setText(self.tr("Re&fresh"))
        self.orphans_button.setText(self.tr("&Orphaned cases…"))
        self.model.retranslate()
        self._update_buttons()

    # ----- data -----------------------------------------------------------------------------
    def selected_user(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.user_at(rows[0].row()) if rows else None

    def select_username(self, username: str) -> None:
        row = self.model.row_of(username)
        if row >= 0:
            self.table.selectionModel().select(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.table.setCurrentIndex(self.model.index(row, 0))

    def reload(self, select: str | None = None) -> None:
        current = self.selected_user()
        keep = select or (current.username if current else None)
        users, actor = self.session.ctx.users, self.session.actor
        self.session.runner.run(lambda: users.list(actor), lambda rows: self._loaded(rows, keep), parent=self)

    def _loaded(self, rows: list[UserInfo], keep: str | None) -> None:
        self.model.set_users(rows)
        if keep:
            self.select_username(keep)
        self._update_buttons()

    def _update_buttons(self) -> None:
        user = self.selected_user()
        for button in (self.edit_button, self.active_button, self.reset_button):
            button.setEnabled(user is not None)
        self.active_button.setText(self.tr("E&nable") if user is not None and not user.active
                                   else self.tr("&Disable"))

    # ----- actions --------------------------------------------------------------------------
    def _open(self, dialog: QDialog) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)  # kept on re-show after an idle lock
        dialog.show()

    def add_user(self) -> None:
        dialog = UserDialog(self.session, None, self)
        dialog.saved.connect(lambda info: self.reload(info.username))
        self._open(dialog)

    def edit_user(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        dialog = UserDialog(self.session, user, self)
        dialog.saved.connect(lambda info: self.reload(info.username))
        dialog.reloaded.connect(lambda: self.reload(user.username))
        self._open(dialog)

    def reset_password(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        dialog = ResetPasswordDialog(self.session, user, self)
        dialog.saved.connect(lambda info: self._password_reset(info))
        self._open(dialog)

    def _password_reset(self, info: UserInfo) -> None:
        self.reload(info.username)
        QMessageBox.information(self, self.tr("Password reset"),
                                self.tr("The new password for {username} is set. Tell the user in person.")
                                .format(username=info.username))

    def show_orphans(self) -> None:
        self._open(OpenCasesDialog(self.session, None, self))

    def toggle_active(self) -> None:
        """Disabling a doctor shows their open cases first (to reassign each); anyone else is asked to confirm."""
        user = self.selected_user()
        if user is None:
            return
        if user.active and "doctor" in user.roles and self.session.can(Perm.REASSIGN_CASES):
            service = self.session.ctx.reassign
            actor, username = self.session.actor, user.username
            self.session.runner.run(lambda: service.open_cases_of(actor, username),
                                    lambda cases: self._confirm_disable(user, cases), parent=self)
            return
        self._confirm_disable(user, [])

    def _open_cases(self, user: UserInfo) -> None:
        dialog = OpenCasesDialog(self.session, user, self)
        dialog.disabled.connect(lambda info: self.reload(info.username))
        self._open(dialog)

    def _confirm_disable(self, user: UserInfo, cases: list[OpenCase]) -> None:
        if cases:
            self._open_cases(user)
            return
        enable = not user.active
        if not enable:
            answer = QMessageBox.question(
                self, self.tr("Disable account"),
                self.tr("Disable the account {username} ({name})? The user can no longer log in.")
                .format(username=user.username, name=user.full_name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        users, actor, username = self.session.ctx.users, self.session.actor, user.username
        self.session.runner.run(lambda: users.set_active(actor, username, enable),
                                lambda info: self.reload(info.username),
                                lambda exc: self._set_active_failed(user, exc), parent=self)

    def _set_active_failed(self, user: UserInfo, exc: BaseException) -> None:
        if isinstance(exc, Conflict) and exc.code == "doctor_has_open_cases":  # cases came in meanwhile
            self._open_cases(user)
            return
        report_error(self, exc)
