"""自动备份 on the maintenance page: the folder (e.g. a USB drive), how many to keep and from what time of day this
desk makes its daily backup (per-desk settings, app/settings.py; done by ui/backup_feed.py), and the last one.
On PostgreSQL it says in words that the server is backed up with pg_dump by the administrator."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.auto_backup import AutoBackupStatus
from app.settings import AUTO_BACKUP_FOLDER, AUTO_BACKUP_KEEP, AUTO_BACKUP_TIME, AUTO_BACKUP_TIMES
from ui.backup_feed import age_text, auto_backup_of, config_of, reason_text
from ui.ops import report_error
from ui.session import Session
from ui.widgets import palette


class AutoBackupBox(QGroupBox):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.sqlite = session.ctx.db.is_sqlite
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.folder = QLineEdit(session.ctx.settings.get(AUTO_BACKUP_FOLDER))
        self.browse = QPushButton()
        self.browse.clicked.connect(self.choose_folder)
        self.keep = QSpinBox()
        self.keep.setRange(AUTO_BACKUP_KEEP.minimum or 1, AUTO_BACKUP_KEEP.maximum or 365)
        self.keep.setValue(session.ctx.settings.get(AUTO_BACKUP_KEEP))
        self.at = QComboBox()
        self.at.addItems(list(AUTO_BACKUP_TIMES))
        self.at.setCurrentText(session.ctx.settings.get(AUTO_BACKUP_TIME))
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        self.state = QLabel()
        self.state.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        self.form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.browse)
        self.folder_label, self.keep_label, self.at_label = QLabel(), QLabel(), QLabel()
        self.form.addRow(self.folder_label, row)
        when = QHBoxLayout()
        when.addWidget(self.keep)
        when.addSpacing(24)
        when.addWidget(self.at_label)
        when.addWidget(self.at)
        when.addStretch(1)
        self.form.addRow(self.keep_label, when)
        layout.addLayout(self.form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.state)
        for widget in (self.folder, self.browse, self.keep, self.at, self.save_button):
            widget.setEnabled(self.sqlite)
        self._status: AutoBackupStatus | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Automatic daily backup"))
        if self.sqlite:
            self.intro.setText(self.tr(
                "Once a day this desk backs up the database into the folder chosen here (best a USB drive kept "
                "plugged in) and keeps the newest ones. The status bar shows the last backup's age; it turns red "
                "after 48 hours or when the folder is missing. Signing keys are not in automatic backups: back "
                "them up once with 'fever-sentinel backup --with-key'."))
        else:
            self.intro.setText(self.tr(
                "This clinic's data is on a PostgreSQL server: the server is backed up there with pg_dump by the "
                "county's or the clinic's administrator. This desk makes no automatic backup."))
        self.folder_label.setText(self.tr("Folder:"))
        self.folder.setPlaceholderText(self.tr("empty: no automatic backup"))
        self.browse.setText(self.tr("Choose…"))
        self.keep_label.setText(self.tr("Keep the newest:"))
        self.keep.setSuffix(self.tr(" backups"))
        self.at_label.setText(self.tr("From (clinic time):"))
        self.save_button.setText(self.tr("Save"))
        self._show_state()

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the automatic backups"),
                                                  self.folder.text())
        if folder:
            self.folder.setText(folder)

    def save(self) -> None:
        settings = self.session.ctx.settings
        try:
            settings.set(AUTO_BACKUP_FOLDER, self.folder.text().strip())
            settings.set(AUTO_BACKUP_KEEP, self.keep.value())
            settings.set(AUTO_BACKUP_TIME, self.at.currentText())
            settings.save()
        except Exception as exc:  # noqa: BLE001 - a typed error or a full disk, shown as a sentence
            report_error(self, exc)
            return
        self.load()

    def load(self) -> None:
        """Read the status (off the UI thread)."""
        auto, config = auto_backup_of(self.session), config_of(self.session)
        self.session.runner.run(lambda: auto.status(config), self.show_status, lambda _exc: None, parent=self)

    def show_status(self, status: AutoBackupStatus) -> None:
        self._status = status
        self._show_state()

    def _show_state(self) -> None:
        status = self._status
        if not self.sqlite or status is None:
            self.state.clear()
            return
        if not status.enabled:
            self.state.setText(self.tr("No folder chosen: this desk makes no automatic backup."))
            self.state.setStyleSheet(f"color: {palette.DANGER};")
            return
        now = self.session.ctx.clock.now()
        age = status.age(now)
        parts = [self.tr("Last automatic backup: {file}, {age}.").format(
            file=status.last_file or "", age=age_text(age)) if age is not None
            else self.tr("No automatic backup yet.")]
        if status.error is not None:
            parts.append(self.tr("Last attempt failed: {reason}.").format(reason=reason_text(status.error)))
        self.state.setText(" ".join(parts))
        self.state.setStyleSheet(f"color: {palette.DANGER}; font-weight: bold;" if status.alarming(now) else "")
