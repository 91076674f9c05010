"""Log-in: user name and password, Enter submits, Esc cancels; the clinic (and DEMO) is shown.

The window may show before the database is open (the clinic drawn from its banner file): the log-in
job waits for the database on the worker thread, never on the window.

A failed log-in shows the service's one answer for an unknown user name, a wrong password and a locked
account alike (app/services/users.py authenticate; PIPL: the screen must not tell whether an account
exists); a disabled account is told so only after the right password.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.actor import Actor
from app.clinic_info import ClinicBanner, ClinicInfo
from app.services.demo import DEMO_PASSWORD, DEMO_USERS
from app.settings import SettingsStore
from ui.forms import Dialog, describe, error_label, grow_to_fit, password_edit, tidy_form
from ui.labels import level_name
from ui.language import LanguagePicker
from ui.ops import Runner
from ui.session import Session, workstation_name
from ui.widgets import palette

if TYPE_CHECKING:
    from app.context import AppContext

DEMO_MARK = "演示 / DEMO"  # deliberately bilingual and untranslated: it must never be missed


def demo_badge() -> QLabel:
    badge = QLabel(DEMO_MARK)
    badge.setObjectName("demoBadge")
    badge.setStyleSheet(f"background: {palette.DEMO_BADGE_BG}; color: black; font-weight: bold; padding: 2px 8px;"
                        "border-radius: 4px;")
    return badge


class LoginDialog(Dialog):
    """Emits ``logged_in(Session)``; rejecting (Esc, Cancel) means the user wants to quit.

    ``context`` returns the open database context; it runs on the worker thread and may block there
    until the database is ready (see ui.app.GuiFlow).
    """

    logged_in = Signal(object)

    def __init__(self, context: Callable[[], AppContext], settings: SettingsStore, runner: Runner,
                 banner: ClinicBanner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._settings = settings
        self._runner = runner
        self.setMinimumWidth(460)

        self.clinic_name = QLabel()
        self.clinic_name.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.clinic_name.setWordWrap(True)
        self.clinic_level = QLabel()
        self.demo_badge = demo_badge()
        self.demo_hint = QLabel()
        self.demo_hint.setWordWrap(True)
        self.language = LanguagePicker(settings)

        head = QHBoxLayout()
        head.addWidget(self.clinic_name, 1)
        head.addWidget(self.demo_badge, 0, Qt.AlignmentFlag.AlignTop)

        self.username = QLineEdit()
        self.username.setMaxLength(32)
        self.password = password_edit()
        self.username_label = QLabel()
        self.username_label.setBuddy(self.username)
        self.password_label = QLabel()
        self.password_label.setBuddy(self.password)
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language)
        form = QFormLayout()
        tidy_form(form)
        form.addRow(self.username_label, self.username)
        form.addRow(self.password_label, self.password)
        form.addRow(self.language_label, self.language)
        self.error = error_label()

        self.buttons = QDialogButtonBox()
        self.submit = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.submit.setDefault(True)
        self.submit.clicked.connect(self.submit_form)
        self.cancel.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.clinic_level)
        layout.addWidget(self.demo_hint)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        QWidget.setTabOrder(self.username, self.password)  # as laid out; the button box orders its buttons
        QWidget.setTabOrder(self.password, self.language)
        self.set_banner(banner)
        self.username.setFocus()

    def set_banner(self, banner: ClinicBanner) -> None:
        """Show this clinic: at start from the banner file, then as the database has it."""
        self.banner = banner
        self.clinic_name.setText(banner.name)
        self.demo_badge.setVisible(banner.is_demo)
        self.demo_hint.setVisible(banner.is_demo)
        self.retranslate()
        if self.isVisible():
            grow_to_fit(self)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Fever Sentinel — log in"))
        self.clinic_level.setText(level_name(self.banner.level))
        self.username_label.setText(self.tr("&User name:"))
        self.password_label.setText(self.tr("&Password:"))
        self.language_label.setText(self.tr("Lan&guage:"))
        self.submit.setText(self.tr("&Log in"))
        self.cancel.setText(self.tr("&Quit"))
        self.demo_hint.setText(self.tr("Demo clinic for exploring only. Accounts: {users}; password: {password}.")
                               .format(users=", ".join(u.username for u in DEMO_USERS), password=DEMO_PASSWORD))

    def submit_form(self) -> None:
        self.error.hide()
        username, password = self.username.text(), self.password.text()
        if not username.strip():
            self.username.setFocus()
            return
        context, workstation = self._context, workstation_name(self._settings)

        def login() -> tuple[AppContext, Actor, str, ClinicInfo]:
            ctx = context()
            actor = ctx.users.authenticate(username, password, workstation)
            return ctx, actor, ctx.users.full_name_of(actor), ctx.clinic.get()

        self.submit.setEnabled(False)
        self._runner.run(login, self._done, self._failed, parent=self)

    def _done(self, result: tuple[AppContext, Actor, str, ClinicInfo]) -> None:
        self.submit.setEnabled(True)
        ctx, actor, full_name, clinic = result
        self.password.clear()
        self.logged_in.emit(Session(ctx, actor, self._runner, clinic, full_name))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.submit.setEnabled(True)
        self.error.setText(describe(exc))
        self.error.show()
        grow_to_fit(self)
        self.password.setFocus()
        self.password.selectAll()  # kept, but the next keystroke replaces it
