"""Log-in dialog: good password, wrong password, lockout after five (the same answer), unknown user, Esc."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.actor import Actor
from tests.ui.conftest import ADMIN_PASSWORD
from ui.login import DEMO_MARK, LoginDialog
from ui.ops import SyncRunner


def make_login(qtbot, ctx) -> LoginDialog:
    dialog = LoginDialog(lambda: ctx, ctx.settings, SyncRunner(), ctx.clinic.get().banner())
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_good_password_logs_in_with_enter(qtbot, clinic_ctx):
    dialog = make_login(qtbot, clinic_ctx)
    assert dialog.clinic_name.text() == "清水镇卫生院"
    assert dialog.demo_badge.isHidden()
    qtbot.keyClicks(dialog.username, "admin")
    qtbot.keyClicks(dialog.password, ADMIN_PASSWORD)
    with qtbot.waitSignal(dialog.logged_in) as signal:
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    session = signal.args[0]
    assert session.actor.username == "admin"
    assert session.full_name == "王敏"
    assert session.clinic.code == "HN0231"


def test_wrong_password_then_locked_after_five(qtbot, clinic_ctx):
    dialog = make_login(qtbot, clinic_ctx)
    qtbot.keyClicks(dialog.username, "admin")
    with qtbot.assertNotEmitted(dialog.logged_in):
        for attempt in range(1, 5):
            dialog.password.setText("wrong-password")
            qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
            assert dialog.error.isVisible()
            assert "After 5 wrong passwords in a row an account is locked for 15 minutes" in dialog.error.text()
            assert dialog.username.text() == "admin"
        answer = dialog.error.text()
        dialog.password.setText("wrong-password")
        dialog.submit.click()
        assert dialog.error.text() == answer  # issue 13: locked, and still the same answer
        dialog.password.setText(ADMIN_PASSWORD)  # even the right password is refused now
        dialog.submit.click()
        assert dialog.error.text() == answer


def test_unknown_user_reads_like_a_wrong_password(qtbot, clinic_ctx):
    dialog = make_login(qtbot, clinic_ctx)
    answers = []
    for username in ("admin", "nobody"):
        dialog.username.setText(username)
        dialog.password.setText("wrong-password")
        dialog.submit.click()
        answers.append(dialog.error.text())
    assert answers[0] == answers[1] and answers[0].startswith("Wrong user name or password.")


def test_disabled_account_is_refused(qtbot, clinic_ctx):
    admin = clinic_ctx.users.authenticate("admin", ADMIN_PASSWORD, "desk")
    clinic_ctx.users.create(admin, username="nurse", full_name="李娜", roles=["triage_nurse"], password="nurse-pass-1")
    clinic_ctx.users.set_active(admin, "nurse", False)
    dialog = make_login(qtbot, clinic_ctx)
    qtbot.keyClicks(dialog.username, "nurse")
    qtbot.keyClicks(dialog.password, "nurse-pass-1")
    dialog.submit.click()
    assert "disabled" in dialog.error.text()


def test_escape_cancels(qtbot, clinic_ctx):
    dialog = make_login(qtbot, clinic_ctx)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.username, Qt.Key.Key_Escape)


def test_demo_clinic_is_marked(qtbot, ctx):
    from app.services.demo import create_demo

    create_demo(ctx.clinic, ctx.users, Actor.system())
    dialog = make_login(qtbot, ctx)
    assert dialog.demo_badge.isVisible()
    assert dialog.demo_badge.text() == DEMO_MARK == "演示 / DEMO"
