"""The one form box: labelled fields, each with its error line beneath, a status line and one button.

Used for a settings form (wrapped in a titled group by the page) and for one step of a panel (the
transfer board's dispatch, departure, handover…). Enter in a one-line field presses the button, so a
form is filled and sent from the keyboard.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ui.forms import FieldErrors, error_label, field_with_error, tidy_form
from ui.widgets import palette

W = TypeVar("W", bound=QWidget)


class FormBox(QWidget):
    """Fields by key (``labels[key]`` is the caption the page translates), ``errors`` shows a failure at its
    field, ``done(text)`` clears the errors and says what was saved on the status line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout()
        tidy_form(self.form)
        self.labels: dict[str, QLabel] = {}
        self.general = error_label()
        self.errors = FieldErrors(self.general)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet(palette.OK_STYLE)
        self.button = QPushButton()
        self.button.setAutoDefault(False)
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.status, 1)
        self.buttons.addWidget(self.button)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.addLayout(self.form)
        self.body.addWidget(self.general)
        self.body.addLayout(self.buttons)

    def add(self, key: str, widget: W) -> W:
        """Add ``widget`` under the caption ``labels[key]``; a failure naming ``key`` shows beneath it."""
        box, err = field_with_error(widget)
        label = QLabel()
        label.setBuddy(widget)
        self.labels[key] = label
        self.form.addRow(label, box)
        self.errors.add(key, widget, err)
        if isinstance(widget, QLineEdit):
            widget.returnPressed.connect(self.button.click)
        return widget

    def done(self, text: str) -> None:
        self.errors.clear()
        self.status.setText(text)
