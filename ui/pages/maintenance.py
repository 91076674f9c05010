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
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.files import private_dir
from app.services.backup import BackupResult, RestoreResult
from app.permissions import Perm
from ui.pages.auto_backup_box import AutoBackupBox
from ui.pages.desk_keys import DeskKeysBox
from ui.pages.log_box import LogBox
from ui.ops import report_error
from ui.session import Session
from ui.widgets import palette
from ui.widgets.page import Page


def default_backup_name(session: Session) -> str:
    stamp = session.ctx.clock.now().astimezone(session.zone).strftime("%Y%m%d-%H%M")
    return f"fever-sentinel-{stamp}.sqlite3"


def human_size(size: int) -> str:
    amount = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if amount < 1024 or unit == "GB":
            return f"{amount:.0f} {unit}" if unit == "B" else f"{amount:.1f} {unit}"
        amount /= 1024
    return str(amount)


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
        self.keys_note = QLabel()  # issue 14: say plainly that the keys are not in a backup
        self.keys_note.setWordWrap(True)
        self.keys_note.setStyleSheet(f"color: {palette.WARNING};")
        box.addWidget(self.keys_note)
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

        content = QWidget()  # the boxes outgrow a 1366×768 screen: the page scrolls
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)
        layout = QVBoxLayout(content)
        layout.addWidget(self.heading)
        layout.addWidget(self.backup_box)
        layout.addWidget(self.restore_box)
        self.auto_backup = AutoBackupBox(session, self)  # issue 14: the daily backup to a chosen folder
        self.auto_backup.setMaximumWidth(860)
        layout.addWidget(self.auto_backup)
        self.desk_keys: DeskKeysBox | None = None  # 工作站密钥 (ui/pages/desk_keys.py), for administrators
        if session.can(Perm.MANAGE_CLINIC_SETTINGS):
            self.desk_keys = DeskKeysBox(session, self)
            self.desk_keys.setMaximumWidth(860)
            layout.addWidget(self.desk_keys)
        self.log_box = LogBox(session, self)  # 日志 (ui/pages/log_box.py): open or export the log file
        self.log_box.setMaximumWidth(860)
        layout.addWidget(self.log_box)
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
        self.auto_backup.load()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Data maintenance"))
        self.backup_box.setTitle(self.tr("Backup"))
        self.backup_text.setText(self.tr("Copy the whole database into one file, checked after writing. Back up "
                                         "at least daily and keep copies on a USB disk stored elsewhere. Backups "
                                         "are kept in:"))
        self.keys_note.setText(self.tr("The signing keys are NOT in this backup: keep the keys folder safe, or back "
                                       "them up with 'fever-sentinel backup --with-key' (encrypted with a "
                                       "passphrase)."))
        self.backup_button.setText(self.tr("&Back up now…"))
        self.restore_box.setTitle(self.tr("Restore"))
        self.restore_text.setText(self.tr("Replace ALL current data with a backup file. Everything recorded since "
                                          "that backup is lost (the current database is kept beside it as a dated "
                                          "copy). Everyone must log in again afterwards."))
        self.restore_button.setText(self.tr("&Restore from a backup…"))
        if getattr(self, "desk_keys", None) is not None:
            self.desk_keys.retranslate()  # type: ignore[union-attr]
        if getattr(self, "auto_backup", None) is not None:
            self.auto_backup.retranslate()
        if getattr(self, "log_box", None) is not None:
            self.log_box.retranslate()
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
        # the file dialog asked before replacing an existing file: overwriting it is what was chosen
        self.session.runner.run(lambda: backup.backup(actor, Path(path), overwrite=True), self._backed_up,
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
        code = self.session.clinic.code
        typed, ok = QInputDialog.getText(
            self, self.tr("Restore backup"),
            self.tr("Replace ALL current data with the backup\n{path}?\n\nEverything recorded after that backup "
                    "is lost (the current database is kept beside it as a dated copy), and everyone must log in "
                    "again.\n\nType the clinic code {code} to confirm:").format(path=path, code=code))
        if not ok:
            return
        backup, actor = self.session.ctx.backup, self.session.actor
        self.restore_button.setEnabled(False)  # the service checks the typed code (restore_not_confirmed)
        self.session.runner.run(lambda: backup.restore(actor, Path(path), confirm=typed), self._restored,
                                self._restore_failed, parent=self)

    def _restored(self, result: RestoreResult) -> None:
        self.restore_button.setEnabled(True)
        QMessageBox.information(self, self.tr("Restore done"),
                                self.tr("The backup was restored ({rows} trail entries checked). The replaced "
                                        "database is kept as {kept}. Please log in again.").format(
                                    rows=result.audit_rows, kept=result.kept_copy or "-"))
        self.restored.emit()

    def _restore_failed(self, exc: BaseException) -> None:
        self.restore_button.setEnabled(True)
        report_error(self, exc)
