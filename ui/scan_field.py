"""The scan box of the hand-off board and the ward gate — the one place a scanned code is typed into.

A keyboard-wedge scanner "types" the code and then Enter, one scan after another; so on Enter
the box hands over the text (empty when Enter alone was pressed) and is already empty for the next
scan. Typed codes work the same way.

A scanner types through whatever input method the desk has on: under a Chinese one ``:`` arrives as
``：`` and ``$`` as ``￥``, or the IME swallows the letters into a composition. So the box switches the
input method off (Qt.WA_InputMethodEnabled False, Latin-only hints), and what it hands over is already
cleaned by app.scan_text.normalize (NFKC, the IME's punctuation back to ASCII, the scanner's CR/LF,
quotes and control characters gone). Case is left alone: the service that decodes the code knows
whether it matters (app/scan_text.py).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from app.scan_text import normalize

#: No input method, no prediction, no automatic capitals: what the scanner types is what arrives.
SCAN_HINTS = (Qt.InputMethodHint.ImhLatinOnly | Qt.InputMethodHint.ImhNoPredictiveText
              | Qt.InputMethodHint.ImhNoAutoUppercase | Qt.InputMethodHint.ImhPreferLatin
              | Qt.InputMethodHint.ImhSensitiveData)


def scanner_input(box: QLineEdit) -> QLineEdit:
    """Switch the input method off on a box a scanner types into (also for boxes that keep their text)."""
    box.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
    box.setInputMethodHints(SCAN_HINTS)
    return box


class ScanField(QLineEdit):
    """Emits ``scanned(text)`` on Enter, after clearing itself."""

    scanned = Signal(str)

    def __init__(self, max_length: int, style: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxLength(max_length)
        self.setStyleSheet(style)
        scanner_input(self)
        self.returnPressed.connect(self._submit)

    def _submit(self) -> None:
        text = normalize(self.text())
        self.clear()
        self.scanned.emit(text)
