"""First run: set up the clinic and its first administrator, or open a demo clinic to explore.

One screen rather than a multi-page QWizard: every field is visible at once, Tab walks it in
order, Enter submits, and a validation error appears next to the field it concerns.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.actor import Actor
from app.clinic_info import ClinicLevel
from app.clinic_mode import ClinicMode, default_mode
from app.context import AppContext
from app.errors import ValidationError
from app.services.demo import DEMO_PASSWORD, DEMO_USERS, create_demo
from ui.forms import Dialog, FieldErrors, error_label, field_with_error, grow_to_fit, password_edit, tidy_form
from ui.labels import clinic_mode_explanation, clinic_mode_name, level_name
from ui.language import LanguagePicker
from ui.ops import Runner
from ui.session import workstation_name
from ui.widgets import palette


class SetupWizard(Dialog):
    """Emits ``completed(is_demo)`` once the clinic exists."""

    completed = Signal(bool)

    def __init__(self, ctx: AppContext, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._runner = runner
        self.setMinimumWidth(640)

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.language = LanguagePicker(ctx.settings)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.language)

        self.real_choice = QRadioButton()
        self.demo_choice = QRadioButton()
        self.real_choice.setChecked(True)
        self._choices = QButtonGroup(self)
        self._choices.addButton(self.real_choice)
        self._choices.addButton(self.demo_choice)
        self.real_choice.toggled.connect(self._mode_changed)

        self.code = QLineEdit()
        self.code.setMaxLength(20)
        self.name = QLineEdit()
        self.name.setMaxLength(100)
        self.level = QComboBox()
        for level in ClinicLevel:
            self.level.addItem("", level.value)
        # refer (哨点诊室) or treat (发热诊室/门诊): follows the level until the admin chooses otherwise
        self.clinic_mode = QComboBox()
        for mode in ClinicMode:
            self.clinic_mode.addItem("", mode.value)
        self.mode_info = QLabel()
        self.mode_info.setWordWrap(True)
        self.mode_info.setStyleSheet(f"color: {palette.HINT};")
        self.level.currentIndexChanged.connect(self._level_changed)
        self.clinic_mode.currentIndexChanged.connect(self._show_mode_info)
        self.username = QLineEdit()
        self.username.setMaxLength(32)
        self.full_name = QLineEdit()
        self.full_name.setMaxLength(64)
        self.password = password_edit()
        self.password_confirm = password_edit()

        self.general_error = error_label()
        self.errors = FieldErrors(self.general_error)
        self.clinic_box = QGroupBox()
        clinic_form = QFormLayout(self.clinic_box)
        tidy_form(clinic_form)
        self.admin_box = QGroupBox()
        admin_form = QFormLayout(self.admin_box)
        tidy_form(admin_form)
        self._labels: dict[str, QLabel] = {}
        for form, key, field in (
            (clinic_form, "clinic_code", self.code), (clinic_form, "clinic_name", self.name),
            (clinic_form, "clinic_level", self.level), (clinic_form, "mode", self.clinic_mode),
            (admin_form, "username", self.username),
            (admin_form, "full_name", self.full_name), (admin_form, "password", self.password),
            (admin_form, "password_confirm", self.password_confirm),
        ):
            box, err = field_with_error(field)
            self._labels[key] = QLabel()
            self._labels[key].setBuddy(field)
            form.addRow(self._labels[key], box)
            self.errors.add(key, field, err)
        clinic_form.addRow("", self.mode_info)

        self.demo_info = QLabel()
        self.demo_info.setWordWrap(True)
        self.demo_info.hide()

        self.buttons = QDialogButtonBox()
        self.submit = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.submit.setDefault(True)
        self.submit.clicked.connect(self.submit_form)
        self.cancel.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.intro)
        layout.addWidget(self.real_choice)
        layout.addWidget(self.demo_choice)
        layout.addWidget(self.clinic_box)
        layout.addWidget(self.admin_box)
        layout.addWidget(self.demo_info)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        for first, second in ((self.real_choice, self.demo_choice), (self.demo_choice, self.code),
                              (self.code, self.name), (self.name, self.level), (self.level, self.clinic_mode),
                              (self.clinic_mode, self.username),
                              (self.username, self.full_name), (self.full_name, self.password),
                              (self.password, self.password_confirm), (self.password_confirm, self.submit),
                              (self.submit, self.cancel), (self.cancel, self.language)):
            QWidget.setTabOrder(first, second)
        self._level_changed()
        self.retranslate()
        self.code.setFocus()

    # ----- language -------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Fever Sentinel — first-time set-up"))
        self.title.setText(self.tr("Welcome to Fever Sentinel"))
        self.intro.setText(self.tr("This workstation has no clinic yet. Set up your clinic and its first "
                                   "administrator, or explore with a demo clinic."))
        self.real_choice.setText(self.tr("&Set up my clinic"))
        self.demo_choice.setText(self.tr("&Explore with a demo clinic (sample accounts, not for real patients)"))
        self.clinic_box.setTitle(self.tr("Clinic"))
        self.admin_box.setTitle(self.tr("First administrator"))
        texts = {
            "clinic_code": self.tr("Clinic c&ode:"), "clinic_name": self.tr("Clinic &name:"),
            "clinic_level": self.tr("&Level:"), "mode": self.tr("&How fever patients are handled:"),
            "username": self.tr("&User name:"),
            "full_name": self.tr("&Full name:"), "password": self.tr("&Password:"),
            "password_confirm": self.tr("Confir&m password:"),
        }
        for key, text in texts.items():
            self._labels[key].setText(text)
        self.code.setPlaceholderText(self.tr("e.g. HN0231 (capital letters and digits)"))
        self.name.setPlaceholderText(self.tr("e.g. Qingshui Township Health Centre"))
        self.username.setPlaceholderText(self.tr("e.g. admin (lower-case letters and digits)"))
        self.password.setPlaceholderText(self.tr("at least 8 characters"))
        for i in range(self.level.count()):
            self.level.setItemText(i, level_name(str(self.level.itemData(i))))
        for i in range(self.clinic_mode.count()):
            self.clinic_mode.setItemText(i, clinic_mode_name(str(self.clinic_mode.itemData(i))))
        self._show_mode_info()
        users = ", ".join(u.username for u in DEMO_USERS)
        self.demo_info.setText(self.tr("The demo clinic has one account per role ({users}); every demo password "
                                       "is {password}. Use it to explore, never for real patients.")
                               .format(users=users, password=DEMO_PASSWORD))
        self._retranslate_buttons()

    def _level_changed(self) -> None:
        """The mode's default follows the level: township and other refer, a county hospital treats."""
        mode = default_mode(str(self.level.currentData()))
        self.clinic_mode.setCurrentIndex(max(0, self.clinic_mode.findData(mode.value)))

    def _show_mode_info(self) -> None:
        self.mode_info.setText(clinic_mode_explanation(str(self.clinic_mode.currentData())))
        if self.isVisible():
            grow_to_fit(self.mode_info)

    def _retranslate_buttons(self) -> None:
        self.submit.setText(self.tr("Open the &demo clinic") if self.demo_choice.isChecked()
                            else self.tr("&Create clinic"))
        self.cancel.setText(self.tr("Cancel"))

    def _mode_changed(self) -> None:
        demo = self.demo_choice.isChecked()
        self.clinic_box.setEnabled(not demo)
        self.admin_box.setEnabled(not demo)
        self.demo_info.setVisible(demo)
        self.errors.clear()
        self._retranslate_buttons()

    # ----- submit ---------------------------------------------------------------------------
    def submit_form(self) -> None:
        self.errors.clear()
        actor = Actor.system(workstation_name(self._ctx.settings))
        if self.demo_choice.isChecked():
            ctx = self._ctx
            self._start(lambda: create_demo(ctx.clinic, ctx.users, actor), demo=True)
            return
        if self.password.text() != self.password_confirm.text():
            self.errors.show(ValidationError("passwords_differ", field="password_confirm"))
            return
        code, name, level = self.code.text(), self.name.text(), str(self.level.currentData())
        mode = str(self.clinic_mode.currentData())
        username, full_name, password = self.username.text(), self.full_name.text(), self.password.text()
        clinic = self._ctx.clinic
        self._start(lambda: clinic.initialize(actor, code=code, name=name, level=level, admin_username=username,
                                              admin_full_name=full_name, admin_password=password, mode=mode),
                    demo=False)

    def _start(self, fn: Callable[[], object], *, demo: bool) -> None:
        """Creating the clinic (and the demo's sample days) takes a few seconds: show it is working."""
        self.submit.setEnabled(False)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self._runner.run(fn, lambda _r: self._done(demo), self._failed, parent=self)

    def _idle(self) -> None:
        self.submit.setEnabled(True)
        QApplication.restoreOverrideCursor()

    def _done(self, demo: bool) -> None:
        self._idle()
        self.completed.emit(demo)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._idle()
        self.errors.show(exc)
