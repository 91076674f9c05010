"""The clinic's mode (admin): sentinel room that refers every fever patient, or fever room that treats.

Shown on the screening-rules page; the change needs a reason and a confirmation, and the service
(``ClinicService.change_mode``) enforces the admin permission and audits before and after. Emits
``mode_changed(ClinicModeInfo)`` so the main window's status bar shows the new mode at once.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from app.clinic_mode import ClinicMode
from app.errors import StaleEdit
from app.services.clinic import ClinicModeInfo
from ui.forms import ERROR_STYLE, FieldErrors, error_label, field_with_error, tidy_form
from ui.labels import clinic_mode_explanation, clinic_mode_name, level_name
from ui.session import Session
from ui.widgets import palette

OK_STYLE = f"color: {palette.OK};"


class ClinicModeBox(QGroupBox):
    mode_changed = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.info: ClinicModeInfo | None = None
        self.current = QLabel()
        self.current.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.current.setWordWrap(True)
        self.mode = QComboBox()
        for mode in ClinicMode:
            self.mode.addItem("", mode.value)
        self.mode.setMaximumWidth(260)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.explain.setStyleSheet(f"color: {palette.HINT};")
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.change_button = QPushButton()
        self.change_button.clicked.connect(self.change)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.general_error = error_label()
        self.errors = FieldErrors(self.general_error)
        form = QFormLayout(self)
        tidy_form(form)
        self.mode_label, self.reason_label = QLabel(), QLabel()
        self.mode_label.setBuddy(self.mode)
        self.reason_label.setBuddy(self.reason)
        mode_box, mode_error = field_with_error(self.mode)
        reason_box, reason_error = field_with_error(self.reason)
        self.errors.add("mode", self.mode, mode_error)
        self.errors.add("reason", self.reason, reason_error)
        form.addRow(self.current)
        mode_row = QHBoxLayout()
        mode_row.addWidget(mode_box)
        mode_row.addWidget(self.explain, 1)
        form.addRow(self.mode_label, mode_row)
        change_row = QHBoxLayout()
        change_row.addWidget(reason_box, 1)
        change_row.addWidget(self.change_button)
        form.addRow(self.reason_label, change_row)
        form.addRow(self.general_error)
        form.addRow(self.notice)
        self.mode.currentIndexChanged.connect(self._chosen)
        self.setEnabled(False)  # until the mode is read
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setTitle(self.tr("How this clinic handles fever patients"))
        self.mode_label.setText(self.tr("Clinic &mode:"))
        self.reason_label.setText(self.tr("Reason for the chan&ge:"))
        self.reason.setPlaceholderText(self.tr("e.g. the county health bureau's decision of 2026-12-01"))
        self.change_button.setText(self.tr("&Change mode…"))
        for i in range(self.mode.count()):
            self.mode.setItemText(i, clinic_mode_name(str(self.mode.itemData(i))))
        self._show()

    # ----- data ---------------------------------------------------------------------------------
    def reload(self) -> None:
        self.session.runner.run(self.session.ctx.clinic.mode, self._loaded, self.errors.show, parent=self)

    def _loaded(self, info: ClinicModeInfo) -> None:
        self.info = info
        self.setEnabled(True)
        self.mode.setCurrentIndex(max(0, self.mode.findData(info.mode)))
        self._show()

    def _show(self) -> None:
        info = self.info
        if info is None:
            self.current.clear()
            return
        text = self.tr("Now: {mode}").format(mode=clinic_mode_name(info.mode))
        if not info.explicit:
            text += " " + self.tr("(the default for a {level}; not chosen yet)").format(
                level=level_name(self.session.clinic.level))
        self.current.setText(text)
        self._chosen()

    def _chosen(self) -> None:
        chosen = str(self.mode.currentData())
        self.explain.setText(clinic_mode_explanation(chosen))
        self.change_button.setEnabled(self.info is not None and chosen != self.info.mode)

    # ----- change -------------------------------------------------------------------------------
    def change(self) -> None:
        if self.info is None:
            return
        self.errors.clear()
        self.notice.clear()
        chosen, reason, version = str(self.mode.currentData()), self.reason.text(), self.info.version
        answer = QMessageBox.question(
            self, self.tr("Change the clinic mode?"),
            self.tr("From now on every desk works as: {mode}.\n{explain}\nChange it?").format(
                mode=clinic_mode_name(chosen), explain=clinic_mode_explanation(chosen)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        clinic, actor = self.session.ctx.clinic, self.session.actor
        self.session.runner.run(lambda: clinic.change_mode(actor, chosen, reason, version), self._changed,
                                self._failed, parent=self)

    def _changed(self, info: ClinicModeInfo) -> None:
        self.reason.clear()
        self._loaded(info)
        self.notice.setStyleSheet(OK_STYLE)
        self.notice.setText(self.tr("Changed: every desk now shows {mode}.").format(mode=clinic_mode_name(info.mode)))
        self.mode_changed.emit(info)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, StaleEdit):  # another desk changed it: show what is in force now
            self.session.runner.run(self.session.ctx.clinic.mode, self._stale, parent=self)
            return
        self.errors.show(exc)

    def _stale(self, info: ClinicModeInfo) -> None:
        self._loaded(info)
        self.notice.setStyleSheet(ERROR_STYLE)
        self.notice.setText(self.tr("Another desk changed the mode meanwhile (now: {mode}). Check and try again.")
                            .format(mode=clinic_mode_name(info.mode)))
        self.mode_changed.emit(info)
