"""日志 (the maintenance page's log box, issue 14): where the log file is, open its folder, export the logs.

The log (app/logfile.py) holds every unexpected error with its traceback; whoever supports the
workstation asks for it. 打开日志文件夹 opens the folder in the file manager; 导出日志… writes every log
file (the current one and the rotated ones) into one zip the user chooses, e.g. on a USB stick.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QGroupBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, \
    QWidget

from app import logfile
from ui.ops import report_error
from ui.session import Session


class LogBox(QGroupBox):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.root = session.ctx.paths.root
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.path = QLabel(logfile.describe_location(self.root))
        self.path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path.setStyleSheet("font-family: monospace;")
        self.path.setWordWrap(True)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_folder)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export)
        box = QVBoxLayout(self)
        box.addWidget(self.text)
        box.addWidget(self.path)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addWidget(self.export_button)
        row.addStretch(1)
        box.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Log"))
        self.text.setText(self.tr("Unexpected errors are written with their details to the log file. If the "
                                  "program misbehaves, export the log and send it to whoever supports this "
                                  "workstation. The log holds no patient data."))
        self.open_button.setText(self.tr("&Open log folder"))
        self.export_button.setText(self.tr("E&xport log…"))

    def folder(self) -> Path:
        return logfile.log_dir(self.root)

    def open_folder(self) -> bool:
        folder = self.folder()
        folder.mkdir(parents=True, exist_ok=True)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def export(self) -> None:
        stamp = self.session.ctx.clock.now().astimezone(self.session.zone).strftime("%Y%m%d-%H%M")
        proposed = str(Path.home() / f"fever-sentinel-logs-{stamp}.zip")
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Export log"), proposed,
                                                    self.tr("Zip archive (*.zip)"))
        if not path:
            return
        root = self.root
        self.export_button.setEnabled(False)
        self.session.runner.run(lambda: logfile.export(root, Path(path)), self._exported, self._failed, parent=self)

    def _exported(self, written: Path) -> None:
        self.export_button.setEnabled(True)
        QMessageBox.information(self, self.tr("Log exported"),
                                self.tr("The log files were saved in:\n{path}").format(path=written))

    def _failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        report_error(self, exc)
