"""CSV export for the list pages, in one place so every export behaves alike: ask where, add ".csv",
write in the background as UTF-8 with a BOM (so Excel reads the Chinese), report in a status line."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QWidget

from ui.forms import ERROR_STYLE, describe
from ui.ops import Runner

translate = QCoreApplication.translate  # lupdate extracts translate("CsvExport", ...)


def export_csv(page: QWidget, runner: Runner, name: str, write: Callable[[TextIO], int], button: QPushButton,
               status: QLabel) -> None:
    """Ask for a file (``name`` proposed), then run ``write(out)`` (it returns the row count) on ``runner``.

    ``button`` is disabled while writing, so a second click cannot start a second export."""
    path, _f = QFileDialog.getSaveFileName(page, translate("CsvExport", "Export CSV"), name,
                                           translate("CsvExport", "CSV files (*.csv)"))
    if not path:
        return
    if not path.lower().endswith(".csv"):
        path += ".csv"

    def run() -> int:
        with open(path, "w", encoding="utf-8-sig", newline="") as out:  # BOM: Excel then reads Chinese
            return write(out)

    def done(n: int) -> None:
        button.setEnabled(True)
        status.setText(translate("CsvExport", "{count} rows exported to {path}").format(count=n, path=path))

    def failed(exc: BaseException) -> None:
        button.setEnabled(True)
        status.setStyleSheet(ERROR_STYLE)
        status.setText(describe(exc) if not isinstance(exc, OSError)
                       else translate("CsvExport", "The file could not be written. Choose another folder."))

    button.setEnabled(False)
    status.setStyleSheet("")
    status.setText(translate("CsvExport", "Exporting…"))
    runner.run(run, done, failed, parent=page)
