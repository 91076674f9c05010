"""Workstation settings: language, idle-lock minutes, printer, slip paper, workstation name.

Saved per workstation through SettingsStore. Idle-lock minutes and the workstation name (which
goes into every audit row) are security settings, so only users allowed to manage clinic
settings may change them; everyone may change the language and printing defaults.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.actor import default_workstation
from app.errors import FeverSentinelError
from app.permissions import Perm
from app.settings import IDLE_LOCK_MINUTES, LANGUAGE, PRINTER_NAME, SLIP_PAPER, WORKSTATION_NAME
from ui.forms import Dialog, describe, error_label, grow_to_fit, tidy_form
from ui.i18n import LANGUAGE_NAMES, LANGUAGES, current_language
from ui.session import Session

log = logging.getLogger(__name__)


def printer_names() -> list[str]:
    try:
        return list(QPrinterInfo.availablePrinterNames())
    except Exception:  # noqa: BLE001 - a broken print system must not block the settings
        log.exception("could not list printers")
        return []


class SettingsDialog(Dialog):
    """Emits ``saved()`` after the settings were written; the main window applies them."""

    saved = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        settings = session.ctx.settings
        self.setMinimumWidth(520)
        self.language = QComboBox()
        for lang in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[lang], lang)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(IDLE_LOCK_MINUTES.minimum or 1, IDLE_LOCK_MINUTES.maximum or 120)
        self.idle_minutes.setValue(settings.get(IDLE_LOCK_MINUTES))
        self.printer = QComboBox()
        self.printer.addItem("", "")
        saved_printer = settings.get(PRINTER_NAME)
        names = printer_names()
        for name in names:
            self.printer.addItem(name, name)
        if saved_printer and saved_printer not in names:
            self.printer.addItem(saved_printer, saved_printer)  # keep it; it may be switched off just now
        self.printer.setCurrentIndex(max(0, self.printer.findData(saved_printer)))
        self.slip_paper = QComboBox()
        for paper in SLIP_PAPER.choices or ():
            self.slip_paper.addItem("", paper)
        self.slip_paper.setCurrentIndex(max(0, self.slip_paper.findData(settings.get(SLIP_PAPER))))
        self.workstation = QLineEdit(settings.get(WORKSTATION_NAME))
        self.workstation.setMaxLength(64)
        self.workstation.setPlaceholderText(default_workstation())
        admin = session.can(Perm.MANAGE_CLINIC_SETTINGS)
        self.idle_minutes.setEnabled(admin)
        self.workstation.setEnabled(admin)

        form = QFormLayout()
        tidy_form(form)
        self._labels: dict[str, QLabel] = {}
        for key, field in (("language", self.language), ("idle", self.idle_minutes), ("printer", self.printer),
                           ("slip", self.slip_paper), ("workstation", self.workstation)):
            self._labels[key] = QLabel()
            self._labels[key].setBuddy(field)
            form.addRow(self._labels[key], field)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setVisible(not admin)
        self.error = error_label()
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.setDefault(True)
        self.ok.clicked.connect(self.save)
        self.cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.language.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        texts = {"language": self.tr("&Language:"), "idle": self.tr("Lock after &idle:"),
                 "printer": self.tr("Default &printer:"), "slip": self.tr("Slip pape&r:"),
                 "workstation": self.tr("&Workstation name:")}
        for key, label in self._labels.items():
            label.setText(texts[key])
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.printer.setItemText(0, self.tr("System default"))
        papers = {"58mm": self.tr("58 mm roll"), "80mm": self.tr("80 mm roll"), "A6": self.tr("A6 sheet")}
        for i in range(self.slip_paper.count()):
            self.slip_paper.setItemText(i, papers.get(str(self.slip_paper.itemData(i)), ""))
        self.workstation.setToolTip(self.tr("Recorded with every entry in the responsibility trail."))
        self.note.setText(self.tr("Idle lock and workstation name can only be changed by an administrator."))
        self.ok.setText(self.tr("&Save"))
        self.cancel.setText(self.tr("Cancel"))

    def save(self) -> None:
        """Write the file (small, local: done inline), then tell the window to apply it."""
        settings = self.session.ctx.settings
        try:
            settings.set(LANGUAGE, str(self.language.currentData()))
            settings.set(IDLE_LOCK_MINUTES, self.idle_minutes.value())
            settings.set(PRINTER_NAME, str(self.printer.currentData() or ""))
            settings.set(SLIP_PAPER, str(self.slip_paper.currentData()))
            settings.set(WORKSTATION_NAME, self.workstation.text().strip())
            settings.save()
        except (FeverSentinelError, OSError) as exc:
            settings.reload()
            self.error.setText(describe(exc) if isinstance(exc, FeverSentinelError)
                               else self.tr("The settings could not be saved: {reason}").format(reason=exc))
            self.error.show()
            grow_to_fit(self)
            return
        self.saved.emit()
        self.accept()
