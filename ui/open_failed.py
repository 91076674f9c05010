"""The database could not be opened at start-up (issue 14): say what to check, offer 重试 / 退出.

A PostgreSQL server that is down, refuses the user or password, has no such database, or a database URL
that is not valid: the sentence (ui/messages.py) says what to check; below it, which server, port,
database and user were tried (never the password) and where the log file is. Retry opens the database
again (the server may be back); Quit ends the app. A URL that is not valid cannot get better by trying
again, so it offers Quit only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from app import logfile
from app.errors import StorageError
from ui.messages import error_text

CONNECTION_CODES = frozenset({"db_unreachable", "db_auth_failed", "db_missing", "db_url_malformed", "db_busy"})
RETRYABLE = CONNECTION_CODES - {"db_url_malformed"}


def is_connection_problem(exc: BaseException) -> bool:
    return isinstance(exc, StorageError) and exc.code in CONNECTION_CODES


class OpenFailedDialog(QMessageBox):
    """Modal: ``exec()`` then ``wants_retry()``."""

    def __init__(self, exc: StorageError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.exc = exc
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(self.tr("The database cannot be opened"))
        self.setText(error_text(exc))
        self.setInformativeText(self._where(exc.details))
        self.retry_button: QPushButton | None = None
        if exc.code in RETRYABLE:
            self.retry_button = self.addButton(self.tr("&Retry"), QMessageBox.ButtonRole.AcceptRole)
        self.quit_button = self.addButton(self.tr("&Quit"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.retry_button or self.quit_button)
        self.setEscapeButton(self.quit_button)

    def _where(self, d: dict[str, Any]) -> str:
        lines = []
        if d.get("host"):
            lines.append(self.tr("Server: {host}, port {port}").format(host=d["host"], port=d.get("port", "")))
        if d.get("database"):
            lines.append(self.tr("Database: {database}").format(database=d["database"]))
        if d.get("user"):
            lines.append(self.tr("User: {user}").format(user=d["user"]))
        log = logfile.current_path()
        if log is not None:
            lines.append(self.tr("Log file: {path}").format(path=log))
        return "\n".join(lines)

    def wants_retry(self) -> bool:
        return self.retry_button is not None and self.clickedButton() is self.retry_button


def ask_retry(exc: StorageError) -> bool:
    """Show the dialog (modal); True when the user chose Retry."""
    dialog = OpenFailedDialog(exc)
    dialog.exec()
    return dialog.wants_retry()
