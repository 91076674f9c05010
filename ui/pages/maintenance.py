"""Data maintenance (数据维护): back up the database to a file, or restore one (Perm.MANAGE_BACKUPS).

After a restore every open screen may show data that no longer exists, so the page asks the
main window to log out; the user logs in again against the restored database.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.files import private_dir
from app.services.backup import BackupResult, RestoreResult
from app.permissions import Perm
from ui.forms import Page
from ui.pages.desk_keys import DeskKeysBox
from ui.ops import report_error
from ui.session import Session


def default_backup_name(session: Session) -> str:
    stamp = session.ctx.clock.now().astimezone(session.zone).strftime("%Y%m%d-%H%M")
    return f"fever-sentinel-{stamp}.sqlite3"


def human_size(size: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return str(size)


class MaintenancePage(Page):
    """Emits ``restored`` after a successful restore (the window then returns to log-in)."""

    restored = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.backup_box = QGroupBox()
        self.backup_text = QLabel()
        self.backup_text.setWordWrap(True)
        self.backup_button = QPushButton()
        self.backup_button.clicked.connect(self.backup)
        self.last_result = QLabel()
        self.last_result.setWordWrap(True)
        self.folder = QLabel(str(session.ctx.paths.backups))
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder.setStyleSheet("font-family: monospace;")
        box = QVBoxLayout(self.backup_box)
        box.addWidget(self.backup_text)
        box.addWidget(self.folder)
        row = QHBoxLayout()
        row.addWidget(self.backup_button)
        row.addStretch(1)
        box.addLayout(row)
        box.addWidget(self.last_result)

        self.restore_box = QGroupBox()
        self.restore_text = QLabel()
        self.restore_text.setWordWrap(True)
        self.restore_button = QPushButton()
        self.restore_button.clicked.connect(self.restore)
        box = QVBoxLayout(self.restore_box)
        box.addWidget(self.restore_text)
        row = QHBoxLayout()
        row.addWidget(self.restore_button)
        row.addStretch(1)
        box.addLayout(row)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.backup_box)
        layout.addWidget(self.restore_box)
        self.desk_keys: DeskKeysBox | None = None  # 工作站密钥 (ui/pages/desk_keys.py), for administrators
        if session.can(Perm.MANAGE_CLINIC_SETTINGS):
            self.desk_keys = DeskKeysBox(session, self)
            self.desk_keys.setMaximumWidth(860)
            layout.addWidget(self.desk_keys)
        layout.addStretch(1)
        for widget in (self.backup_box, self.restore_box):
            widget.setMaximumWidth(860)
        self._last: BackupResult | None = None
        self.retranslate()

    def title(self) -> str:
        return self.tr("Data maintenance")

    def activated(self) -> None:
        """Nothing to load but the desk keys: the page acts only when asked."""
        if self.desk_keys is not None:
            self.desk_keys.load()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Data maintenance"))
        self.backup_box.setTitle(self.tr("Backup"))
        self.backup_text.setText(self.tr("Copy the whole database into one file, checked after writing. Back up "
                                         "at least daily and keep copies on a USB disk stored elsewhere. Backups "
                                         "are kept in:"))
        self.backup_button.setText(self.tr("&Back up now…"))
        self.restore_box.setTitle(self.tr("Restore"))
        self.restore_text.setText(self.tr("Replace ALL current data with a backup file. Everything recorded since "
                                          "that backup is lost. Everyone must log in again afterwards."))
        self.restore_button.setText(self.tr("&Restore from a backup…"))
        if getattr(self, "desk_keys", None) is not None:
            self.desk_keys.retranslate()  # type: ignore[union-attr]
        self._show_last()

    def _show_last(self) -> None:
        if self._last is None:
            self.last_result.clear()
            return
        self.last_result.setText(self.tr("Last backup: {path} ({size}).")
                                 .format(path=self._last.path, size=human_size(self._last.size_bytes)))

    # ----- backup ---------------------------------------------------------------------------
    def backup(self) -> None:
        folder = self.session.ctx.paths.backups
        private_dir(folder)  # owner-only: backups hold every patient (app/files.py)
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save backup as"), str(folder / default_backup_name(self.session)),
            self.tr("Fever Sentinel backup (*.sqlite3)"))
        if not path:
            return
        backup, actor = self.session.ctx.backup, self.session.actor
        self.backup_button.setEnabled(False)
        self.session.runner.run(lambda: backup.backup(actor, Path(path)), self._backed_up,
                                self._backup_failed, parent=self)

    def _backed_up(self, result: BackupResult) -> None:
        self.backup_button.setEnabled(True)
        self._last = result
        self._show_last()
        QMessageBox.information(self, self.tr("Backup done"),
                                self.tr("The backup was written and checked:\n{path}\n{size}")
                                .format(path=result.path, size=human_size(result.size_bytes)))

    def _backup_failed(self, exc: BaseException) -> None:
        self.backup_button.setEnabled(True)
        report_error(self, exc)

    # ----- restore --------------------------------------------------------------------------
    def restore(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose a backup to restore"), str(self.session.ctx.paths.backups),
            self.tr("Fever Sentinel backup (*.sqlite3);;All files (*)"))
        if not path:
            return
        answer = QMessageBox.question(
            self, self.tr("Restore backup"),
            self.tr("Replace ALL current data with the backup\n{path}?\n\nEverything recorded after that backup "
                    "is lost, and everyone must log in again.").format(path=path),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        backup, actor = self.session.ctx.backup, self.session.actor
        self.restore_button.setEnabled(False)
        self.session.runner.run(lambda: backup.restore(actor, Path(path)), self._restored,
                                self._restore_failed, parent=self)

    def _restored(self, result: RestoreResult) -> None:
        self.restore_button.setEnabled(True)
        QMessageBox.information(self, self.tr("Restore done"),
                                self.tr("The backup was restored ({rows} trail entries checked). Please log in "
                                        "again.").format(rows=result.audit_rows))
        self.restored.emit()

    def _restore_failed(self, exc: BaseException) -> None:
        self.restore_button.setEnabled(True)
        report_error(self, exc)
