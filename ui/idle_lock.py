"""Idle lock: after N idle minutes the session's windows are hidden behind a password prompt.

A shared desk is left unattended all the time; patient data must not stay on screen. The lock
hides windows rather than closing them, so every open form keeps exactly what was typed, and
unlocking shows them again as they were. Only the logged-in user's password unlocks (wrong
passwords count towards the normal lockout); "log out" is offered for a colleague taking over.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.actor import Actor
from app.errors import FeverSentinelError
from ui.forms import Dialog, describe, error_label, grow_to_fit, password_edit
from ui.session import Session

ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.InputMethod,
})


class LockDialog(Dialog):
    """Asks for the current user's password. Esc and the close button do nothing here."""

    unlocked = Signal()
    logout_requested = Signal()

    def __init__(self, session: Session) -> None:
        super().__init__(None, Qt.WindowType.Dialog | Qt.WindowType.WindowTitleHint
                         | Qt.WindowType.CustomizeWindowHint)
        self.session = session
        self.setMinimumWidth(460)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.who = QLabel()
        self.who.setWordWrap(True)
        self.password = password_edit()
        self.error = error_label()
        self.buttons = QDialogButtonBox()
        self.unlock_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.logout_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.logout_button.clicked.connect(self.ask_logout)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.who)
        layout.addWidget(self.password)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Fever Sentinel — locked"))
        self.title.setText(self.tr("Screen locked"))
        self.who.setText(self.tr("Locked after inactivity. {name} ({username}), enter your password to continue; "
                                 "your open forms are kept.").format(name=self.session.full_name,
                                                                     username=self.session.actor.username))
        self.password.setPlaceholderText(self.tr("Password"))
        self.unlock_button.setText(self.tr("&Unlock"))
        self.logout_button.setText(self.tr("&Log out…"))

    def reject(self) -> None:
        """Esc must not bypass the lock."""

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()

    def prepare(self) -> None:
        self.password.clear()
        self.error.hide()
        self.unlock_button.setEnabled(True)
        self.password.setFocus()

    def try_unlock(self) -> None:
        password = self.password.text()
        if not password:
            self.password.setFocus()
            return
        users, me = self.session.ctx.users, self.session.actor

        def check() -> Actor:
            actor = users.authenticate(me.username, password, me.workstation)
            if actor.user_id != me.user_id:  # cannot happen unless the account was replaced meanwhile
                raise FeverSentinelError("bad_credentials")
            return actor

        self.unlock_button.setEnabled(False)
        self.session.runner.run(check, lambda _a: self._ok(), self._failed, parent=self)

    def _ok(self) -> None:
        self.password.clear()
        self.unlocked.emit()

    def _failed(self, exc: BaseException) -> None:
        self.unlock_button.setEnabled(True)
        self.error.setText(describe(exc))
        self.error.show()
        grow_to_fit(self)
        self.password.selectAll()
        self.password.setFocus()

    def ask_logout(self) -> None:
        answer = QMessageBox.warning(
            self, self.tr("Log out"),
            self.tr("Log out now? Anything typed into open forms and not yet saved will be lost."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Yes:
            self.logout_requested.emit()


class IdleLock(QObject):
    """Watches input application-wide; locks after ``timeout_ms`` without any (injectable for tests)."""

    locked = Signal()
    unlocked = Signal()
    logout_requested = Signal()

    def __init__(self, session: Session, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(1, timeout_ms))
        self._timer.timeout.connect(self.lock)
        self._hidden: list[QWidget] = []
        self.dialog = LockDialog(session)
        self.dialog.unlocked.connect(self.unlock)
        self.dialog.logout_requested.connect(self.logout_requested)
        self._installed = False

    @property
    def is_locked(self) -> bool:
        return self.dialog.isVisible()

    @property
    def timeout_ms(self) -> int:
        return self._timer.interval()

    def set_timeout_ms(self, timeout_ms: int) -> None:
        self._timer.setInterval(max(1, timeout_ms))
        if not self.is_locked and self._installed:
            self._timer.start()

    def start(self) -> None:
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
        self._timer.start()

    def stop(self) -> None:
        """End of session: no more locking; the lock screen goes away."""
        self._timer.stop()
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False
        self._hidden.clear()
        self.dialog.hide()
        self.dialog.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and not self.is_locked:
            self._timer.start()  # restart the countdown
        return False

    def lock(self) -> None:
        if self.is_locked:
            return
        self._timer.stop()
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
        windows = [w for w in QApplication.topLevelWidgets()
                   if w.isVisible() and w is not self.dialog and not self._transient(w)]
        windows.sort(key=lambda w: w.parentWidget() is not None)  # parents first, so they re-show first
        self._hidden = windows
        for window in reversed(windows):
            window.hide()
        self.dialog.prepare()
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        self.locked.emit()

    @staticmethod
    def _transient(widget: QWidget) -> bool:
        kind = widget.windowType()
        return kind in (Qt.WindowType.Popup, Qt.WindowType.ToolTip, Qt.WindowType.SplashScreen)

    def unlock(self) -> None:
        if not self.is_locked:
            return
        self.dialog.hide()
        for window in self._hidden:
            window.show()
        if self._hidden:
            self._hidden[-1].raise_()
            self._hidden[-1].activateWindow()
        self._hidden = []
        self._timer.start()
        self.unlocked.emit()
