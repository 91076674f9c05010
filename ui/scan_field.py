"""The scan box of the hand-off board and the ward gate.

A keyboard-wedge scanner "types" the code and then Enter, one scan after another; so on Enter
the box hands over the stripped text (empty when Enter alone was pressed) and is already empty
for the next scan. Typed codes work the same way.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget


class ScanField(QLineEdit):
    """Emits ``scanned(text)`` on Enter, after clearing itself."""

    scanned = Signal(str)

    def __init__(self, max_length: int, style: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxLength(max_length)
        self.setStyleSheet(style)
        self.returnPressed.connect(self._submit)

    def _submit(self) -> None:
        text = self.text().strip()
        self.clear()
        self.scanned.emit(text)
