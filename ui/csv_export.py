"""CSV export for the list pages, in one place so every export behaves alike: ask where, add ".csv",
write in the background as UTF-8 with a BOM (so Excel reads the Chinese), report in a status line.

Privacy (app/access_log.py, app/files.py): the file is created owner-only (0600) and only at the service's
first write — the service records the export in the audit trail first, so a refused or failed record
leaves no file behind."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any, TextIO

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QWidget

from app.files import open_private
from ui.forms import ERROR_STYLE, describe
from ui.ops import Runner

translate = QCoreApplication.translate  # lupdate extracts translate("CsvExport", ...)


class FileOnFirstWrite:
    """A text stream that creates its file (0600, UTF-8 with BOM) at the first ``write``: nothing is
    created until the service has recorded the export and starts writing."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._opened: Any = None
        self._fh: IO[str] | None = None

    def write(self, text: str) -> int:
        if self._fh is None:
            self._opened = open_private(self.path, "w", encoding="utf-8-sig", newline="")
            self._fh = self._opened.__enter__()  # BOM: Excel then reads Chinese
        return self._fh.write(text)

    def close(self) -> None:
        if self._opened is not None:
            self._opened.__exit__(None, None, None)
            self._opened = self._fh = None


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
        out = FileOnFirstWrite(path)
        try:
            return write(out)  # type: ignore[arg-type]
        finally:
            out.close()

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
