"""Idle lock: windows hide after the (injected) timeout; the user's password brings everything back
exactly as it was, typed text included; wrong passwords are refused and count towards lockout."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from tests.ui.conftest import ADMIN_PASSWORD
from ui.main_window import MainWindow
from ui.pages.account import AccountPage
from ui.pages.user_dialogs import UserDialog
from ui.pages.users import UsersPage


def test_lock_hides_forms_and_unlock_restores_typed_text(qtbot, admin_session, type_text):
    window = MainWindow(admin_session, idle_ms=200)
    qtbot.addWidget(window)
    window.start()
    account = window.show_page_of(AccountPage)
    assert isinstance(account, AccountPage)
    type_text(account.new_password, "half-typed")
    users = window.show_page_of(UsersPage)
    assert isinstance(users, UsersPage)
    users.add_button.click()
    dialog = users.dialog
    assert isinstance(dialog, UserDialog) and dialog.isVisible()
    type_text(dialog.username, "zhao")
    type_text(dialog.full_name, "赵强")
    dialog.role_boxes["gatekeeper"].setChecked(True)
    type_text(dialog.password, "gate-pass-1")
    type_text(dialog.password_confirm, "gate-pass-1")

    lock = window.idle_lock
    qtbot.waitUntil(lambda: lock.is_locked, timeout=3000)
    assert window.isHidden() and dialog.isHidden()
    assert lock.dialog.isVisible()

    type_text(lock.dialog.password, "wrong-password")
    qtbot.keyClick(lock.dialog.password, Qt.Key.Key_Return)
    assert lock.is_locked and window.isHidden()
    assert "Wrong user name or password" in lock.dialog.error.text()
    qtbot.keyClick(lock.dialog.password, Qt.Key.Key_Escape)  # Esc does not bypass the lock
    assert lock.is_locked

    lock.dialog.password.setText(ADMIN_PASSWORD)
    with qtbot.waitSignal(lock.unlocked):
        qtbot.keyClick(lock.dialog.password, Qt.Key.Key_Return)
    assert window.isVisible() and dialog.isVisible() and not lock.dialog.isVisible()
    assert (dialog.username.text(), dialog.full_name.text()) == ("zhao", "赵强")
    assert dialog.role_boxes["gatekeeper"].isChecked()
    assert account.new_password.text() == "half-typed"
    assert window.stack.currentWidget() is users
    assert dialog.password.text() == "gate-pass-1"
    dialog.submit()  # and the preserved form still works
    assert dialog.errors.visible_texts() == []
    assert users.model.row_of("zhao") >= 0
    window.shutdown()


def test_activity_postpones_the_lock(qtbot, admin_session):
    window = MainWindow(admin_session, idle_ms=1000)
    qtbot.addWidget(window)
    window.start()
    for i in range(15):  # 1.5 s of activity, longer than the timeout; activity that loads no page,
        QTest.mouseMove(window.nav, QPoint(10 + i, 10))  # so a busy machine cannot stall the loop
        qtbot.keyClick(window.nav, Qt.Key.Key_Shift)
        qtbot.wait(100)
        assert not window.idle_lock.is_locked
    qtbot.waitUntil(lambda: window.idle_lock.is_locked, timeout=3000)
    window.shutdown()


def test_lock_now_and_lockout_on_the_lock_screen(qtbot, admin_session):
    window = MainWindow(admin_session, idle_ms=60_000)
    qtbot.addWidget(window)
    window.start()
    window.lock_action.trigger()
    lock = window.idle_lock
    assert lock.is_locked and window.isHidden()
    for _ in range(5):
        lock.dialog.password.setText("wrong-password")
        lock.dialog.unlock_button.click()
    answer = lock.dialog.error.text()  # issue 13: a locked account answers like a wrong password
    assert "locked for 15 minutes" in answer
    lock.dialog.password.setText(ADMIN_PASSWORD)
    lock.dialog.unlock_button.click()
    assert lock.is_locked and lock.dialog.error.text() == answer
    window.shutdown()


def test_log_out_from_the_lock_screen_warns_first(qtbot, admin_session, boxes):
    window = MainWindow(admin_session, idle_ms=60_000)
    qtbot.addWidget(window)
    window.start()
    window.idle_lock.lock()
    boxes.answer = boxes.answer.Cancel
    with qtbot.assertNotEmitted(window.logout_requested):
        window.idle_lock.dialog.logout_button.click()
    assert boxes.kinds() == ["warning"] and "will be lost" in boxes.texts()[0]
    boxes.answer = boxes.answer.Yes
    with qtbot.waitSignal(window.logout_requested):
        window.idle_lock.dialog.logout_button.click()
    window.shutdown()
