"""Small form helpers shared by every dialog: inline field errors, busy buttons, Chinese-safe sizing.

A validation error is shown in red under the field it belongs to (``details['field']``) and
focus moves there; other errors go to the form's own message line. Field contents are never
touched, so nothing the user typed is lost on an error.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtCore import QEvent, Qt, SignalInstance
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QComboBox, QDateTimeEdit, QDialog, QFormLayout,
                               QFrame, QLabel, QLayout, QLineEdit, QPlainTextEdit, QScrollArea, QTextEdit,
                               QVBoxLayout, QWidget)

from app.errors import FeverSentinelError
from ui.messages import error_text, field_of
from ui.widgets import palette

log = logging.getLogger(__name__)

ERROR_STYLE = f"color: {palette.DANGER};"


def describe(exc: BaseException) -> str:
    """The user's sentence for ``exc``; an unexpected exception is logged with its traceback."""
    if not isinstance(exc, FeverSentinelError):
        log.error("unexpected error", exc_info=exc)
    return error_text(exc)


def error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def field_with_error(field: QWidget) -> tuple[QWidget, QLabel]:
    """Wrap a field with an error line beneath it; returns (container, error label)."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    label = error_label()
    layout.addWidget(label)
    return box, label


def password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(128)
    return edit


def grow_to_fit(widget: QWidget) -> None:
    """Grow a dialog so wrapped text fits (Qt sizes top-level windows ignoring word-wrap height)."""
    window = widget.window()
    layout = window.layout()
    if not isinstance(window, QDialog) or layout is None:
        return
    layout.activate()
    width = max(window.width(), layout.minimumSize().width())
    height = layout.heightForWidth(width) if layout.hasHeightForWidth() else layout.sizeHint().height()
    screen = window.screen()
    if screen is not None:  # never past the screen less the taskbar and a title bar (39 px) and borders (16 px)
        area = screen.availableGeometry()
        width, height = min(width, max(window.width(), area.width() - 16)), \
            min(height, max(window.height(), area.height() - 39))
    if height > window.height() or width > window.width():
        window.resize(width, max(height, window.height()))


def scrolling(content: QWidget | QLayout) -> QScrollArea:
    """``content`` in a frameless scroll area that scrolls only when the window is too short for it (a
    1366×768 screen less the taskbar), so a tall page or form fits; keep action rows outside it, pinned."""
    if isinstance(content, QLayout):
        holder = QWidget()
        holder.setLayout(content)
        content.setContentsMargins(0, 0, 0, 0)
        content = holder
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    return area


class Dialog(QDialog):
    """Base for the app's dialogs: re-translates on LanguageChange and grows to fit wrapped text."""

    def retranslate(self) -> None:
        """Set every visible text; called at construction and on each language switch."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.isVisible():
                grow_to_fit(self)
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        grow_to_fit(self)


def edited_signals(field: QWidget) -> list[SignalInstance]:
    """The signals that fire when the user changes ``field`` (for a composite field, its inputs): typing, a
    choice, a tick. A line edit's ``textEdited`` and not ``textChanged``: a field the form itself reformats
    (a date tidied on leaving it) has not been corrected."""
    if isinstance(field, QLineEdit):
        return [field.textEdited]
    if isinstance(field, QComboBox):
        return [field.currentIndexChanged, field.editTextChanged] if field.isEditable() else \
            [field.currentIndexChanged]
    if isinstance(field, QDateTimeEdit):
        return [field.dateTimeChanged]
    if isinstance(field, QAbstractSpinBox):
        changed = getattr(field, "valueChanged", None)
        return [changed] if isinstance(changed, SignalInstance) else []
    if isinstance(field, (QTextEdit, QPlainTextEdit)):
        return [field.textChanged]
    if isinstance(field, QAbstractButton):
        return [field.toggled]
    return [signal for child in field.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            for signal in edited_signals(child)]


class FieldErrors:
    """Routes errors to the label next to their field, or to a general label; a field's error goes away as
    soon as the user edits that field (the general message stays until the next attempt)."""

    def __init__(self, general: QLabel) -> None:
        self._general = general
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}

    def add(self, name: str, field: QWidget, label: QLabel) -> None:
        self._fields[name] = (field, label)
        if label is self._general:
            return  # an error shown in the general line is not one field's to clear
        for signal in edited_signals(field):
            signal.connect(lambda *_args, shown=label: self._corrected(shown))

    def _corrected(self, label: QLabel) -> None:
        if not label.isHidden():
            label.clear()
            label.hide()

    def clear(self) -> None:
        for _field, label in self._fields.values():
            label.clear()
            label.hide()
        self._general.clear()
        self._general.hide()

    def show(self, exc: BaseException) -> bool:
        """Show ``exc`` inline; True when it went next to a field."""
        self.clear()
        text = describe(exc)
        target = self._fields.get(field_of(exc) or "")
        if target is None:
            self._general.setText(text)
            self._general.show()
            grow_to_fit(self._general)
            return False
        field, label = target
        label.setText(text)
        label.show()
        grow_to_fit(label)
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def show_text(self, name: str | None, text: str) -> None:
        self.clear()
        field, label = self._fields.get(name or "", (None, self._general))
        label.setText(text)
        label.show()
        grow_to_fit(label)
        if field is not None:
            field.setFocus(Qt.FocusReason.OtherFocusReason)

    def visible_texts(self) -> list[str]:
        labels: Iterable[QLabel] = [lbl for _f, lbl in self._fields.values()] + [self._general]
        return [lbl.text() for lbl in labels if not lbl.isHidden() and lbl.text()]


def tidy_form(form: QFormLayout) -> None:
    """Labels above nothing, wrapping allowed: long Chinese or English labels never get cut."""
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
