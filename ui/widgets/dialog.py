"""The one form dialog: an explanation on top, labelled fields with their errors beneath, OK and Cancel.

Every small dialog that submits one thing through the runner (a case's test order and hand-over, a
transfer request, a permit, a reassignment…) builds on it, so Enter, inline errors and the buttons behave
the same everywhere. A refusal shows next to the field it is about and what was typed stays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.forms import Dialog, FieldErrors, error_label, field_with_error, tidy_form

if TYPE_CHECKING:
    from ui.session import Session


class FormDialog(Dialog):
    """Subclasses add fields with ``add_field``, implement ``submit`` and call ``done_with(result)`` on
    success (``saved(result)`` is emitted) or ``refused(exc)`` on a refusal."""

    saved = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setMinimumWidth(520)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.form = QFormLayout()
        tidy_form(self.form)
        self.labels: dict[str, QLabel] = {}
        self.general_error = error_label()
        self.errors = FieldErrors(self.general_error)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.clicked.connect(self.submit)
        self.cancel.clicked.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.explain)
        self.body.addLayout(self.form)
        self.body.addStretch(1)
        self.body.addWidget(self.general_error)
        self.body.addWidget(self.buttons)
        self.ok.setDefault(True)  # once inside the dialog: set before, Qt forgets it and Enter may press another

    def add_field(self, key: str, widget: QWidget, form: QFormLayout | None = None) -> QWidget:
        """``widget`` under the caption ``labels[key]`` (the subclass translates it); a failure naming ``key``
        shows beneath it. Returns the row's box, to hide the field with its error line."""
        box, err = field_with_error(widget)
        label = QLabel()
        label.setBuddy(widget)
        self.labels[key] = label
        (form or self.form).addRow(label, box)
        self.errors.add(key, widget, err)
        return box

    def retranslate_buttons(self, ok: str) -> None:
        self.ok.setText(ok)
        self.cancel.setText(self.tr("Cancel"))

    def submit(self) -> None:
        raise NotImplementedError(f"{type(self).__name__} does not say what OK does")

    def refused(self, exc: BaseException) -> None:
        """The service's refusal, next to the field it is about (or under the form)."""
        self.errors.show(exc)

    def done_with(self, result: object) -> None:
        self.saved.emit(result)
        self.accept()


def text_edit(maximum: int) -> QLineEdit:
    """A one-line field no longer than its database column."""
    edit = QLineEdit()
    edit.setMaxLength(maximum)
    return edit
