"""Enter triggers the default action on every form (issue 15).

Every form of the Tab test's list (`tests/ui/test_tab_order.py::forms`: the triage desk's forms, the pharmacy
counter and every dialog) is opened afresh for each field a nurse types into; Enter pressed in that field must run
the form's one default action: a dialog's single default button, or a page's own Enter handler (its ``submit``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QComboBox, QDialog, QLineEdit, QPushButton,
                               QWidget)

from tests.ui.test_tab_order import forms, opened

#: The case window is a record with many actions (save interview, hand over, dispose…), not one form.
NOT_A_FORM = ("case ",)


def typing_fields(window: QWidget) -> list[QWidget]:
    """The shown, enabled fields a user types into (a combo box's or spin box's own line edit is its box's)."""
    found: list[QWidget] = []
    for field in window.findChildren(QWidget):
        if not (field.isVisibleTo(window) and field.isEnabled()):
            continue
        if isinstance(field, QLineEdit) and not field.isReadOnly() and \
                not isinstance(field.parent(), (QComboBox, QAbstractSpinBox)):
            found.append(field)
        elif isinstance(field, QAbstractSpinBox) and not field.isReadOnly():
            found.append(field)
    return found


def default_buttons(window: QWidget) -> list[QPushButton]:
    return [b for b in window.findChildren(QPushButton) if b.isVisibleTo(window) and b.isDefault()]


def watch_default(window: QWidget) -> tuple[list[str], Callable[[], bool]]:
    """Problems with ``window``'s default action, and a probe telling whether it ran since the last probe."""
    ran: list[bool] = []
    if isinstance(window, QDialog):
        buttons = default_buttons(window)
        if len(buttons) != 1:
            return [f"{len(buttons)} default buttons: {[b.text() for b in buttons]}"], lambda: False
        buttons[0].clicked.connect(lambda *_a: ran.append(True))
    else:
        submit = getattr(window, "submit", None)
        if not callable(submit):
            return ["no default action (no default button, no submit on Enter)"], lambda: False
        setattr(window, "submit", lambda *_a: ran.append(True))  # keyPressEvent calls self.submit()

    def probe() -> bool:
        result = bool(ran)
        ran.clear()
        return result
    return [], probe


def enter_problems(name: str, make: Callable[[], QWidget]) -> list[str]:
    with opened(make) as window:
        count = len(typing_fields(window))
    problems: list[str] = []
    for index in range(count):
        with opened(make) as window:
            field = typing_fields(window)[index]
            found, ran = watch_default(window)
            if found:
                return [f"{name}: {p}" for p in found]
            field.setFocus(Qt.FocusReason.TabFocusReason)
            QApplication.processEvents()
            QTest.keyClick(field, Qt.Key.Key_Return)
            QApplication.processEvents()
            if not ran():
                problems.append(f"{name}: Enter in {type(field).__name__} #{index} "
                                f"({getattr(field, 'placeholderText', lambda: '')()}) does nothing")
    return problems


def test_enter_in_any_field_runs_the_form_s_default_action(qapp):  # type: ignore[no-untyped-def]
    from tests.ui.screenshot_support import data_folder
    from ui.ops import SyncRunner

    found: list[str] = []
    with data_folder(demo=True) as ctx:
        for name, make in forms(ctx, SyncRunner()):
            if name.startswith(NOT_A_FORM):
                continue
            problems = enter_problems(name, make)
            found += problems
    assert not found, "\n".join(found)


def test_enter_in_the_password_field_logs_in(qtbot, clinic_ctx, runner):  # type: ignore[no-untyped-def]
    """The service call behind the default button, observed: the login dialog's Enter logs the admin in."""
    from tests.ui.conftest import ADMIN_PASSWORD
    from ui.login import LoginDialog

    dialog = LoginDialog(lambda: clinic_ctx, clinic_ctx.settings, runner, clinic_ctx.clinic.get().banner())
    qtbot.addWidget(dialog)
    dialog.show()
    logged: list[object] = []
    dialog.logged_in.connect(logged.append)
    qtbot.keyClicks(dialog.username, "admin")
    qtbot.keyClicks(dialog.password, "wrong-password")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert not logged and dialog.error.text()  # the service refused: said so, nobody logged in
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, ADMIN_PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert len(logged) == 1 and dialog.result() == QDialog.DialogCode.Accepted


def test_the_check_sees_a_form_without_a_default_action(qtbot):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QVBoxLayout

    def make(default: bool) -> Callable[[], QWidget]:
        def build() -> QWidget:
            dialog = QDialog()
            layout = QVBoxLayout(dialog)
            layout.addWidget(QLineEdit())
            ok, other = QPushButton("OK"), QPushButton("Other")
            for button in (ok, other):
                button.setAutoDefault(False)
                layout.addWidget(button)
            ok.setDefault(default)
            return dialog
        return build

    assert enter_problems("none", make(False)) == ["none: 0 default buttons: []"]
    assert enter_problems("one", make(True)) == []
