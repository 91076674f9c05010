"""First run: the wizard creates the clinic and its admin (who can then log in), or a demo clinic."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt

from app.context import AppContext
from app.services.demo import DEMO_PASSWORD
from ui.ops import SyncRunner
from ui.setup_wizard import SetupWizard


def make_wizard(qtbot, ctx: AppContext) -> SetupWizard:
    wizard = SetupWizard(ctx, SyncRunner())
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def test_wizard_creates_clinic_and_admin_can_log_in(qtbot, ctx, type_text):
    wizard = make_wizard(qtbot, ctx)
    type_text(wizard.code, "hn0231")
    type_text(wizard.name, "清水镇卫生院")
    wizard.level.setCurrentIndex(wizard.level.findData("county"))
    type_text(wizard.username, "chief")
    type_text(wizard.full_name, "刘洋")
    type_text(wizard.password, "s3cure-pass")
    type_text(wizard.password_confirm, "s3cure-pass")
    with qtbot.waitSignal(wizard.completed) as done:
        qtbot.keyClick(wizard.password_confirm, Qt.Key.Key_Return)  # Enter submits
    assert done.args == [False]
    info = ctx.clinic.get()
    assert (info.code, info.name, info.level, info.is_demo) == ("HN0231", "清水镇卫生院", "county", False)
    assert ctx.clinic.mode().mode == "treat"  # a county hospital's default: its fever clinic treats
    actor = ctx.users.authenticate("chief", "s3cure-pass", "desk")
    assert actor.roles == frozenset({"admin"})
    assert ctx.users.full_name_of(actor) == "刘洋"


def test_wizard_shows_validation_errors_next_to_fields(qtbot, ctx, type_text):
    wizard = make_wizard(qtbot, ctx)
    type_text(wizard.code, "x")  # too short
    type_text(wizard.name, "清水镇卫生院")
    type_text(wizard.username, "chief")
    type_text(wizard.full_name, "刘洋")
    type_text(wizard.password, "short")
    type_text(wizard.password_confirm, "short")
    wizard.submit.click()
    assert not ctx.clinic.is_initialized()
    assert wizard.errors.visible_texts() and "clinic code" in wizard.errors.visible_texts()[0]
    wizard.code.setText("HN0231")
    wizard.submit.click()
    assert "at least 8 characters" in wizard.errors.visible_texts()[0]
    assert wizard.password.text() == "short"  # nothing typed is cleared
    wizard.password_confirm.setText("other")
    wizard.submit.click()
    assert "not the same" in wizard.errors.visible_texts()[0]
    assert not ctx.clinic.is_initialized()


def test_wizard_demo_choice_creates_demo_clinic(qtbot, ctx):
    wizard = make_wizard(qtbot, ctx)
    wizard.demo_choice.setChecked(True)
    assert not wizard.clinic_box.isEnabled()
    with qtbot.waitSignal(wizard.completed) as done:
        wizard.submit.click()
    assert done.args == [True]
    assert ctx.clinic.get().is_demo
    for username in ("admin", "nurse", "doctor", "gate", "night"):
        assert ctx.users.authenticate(username, DEMO_PASSWORD, "desk").username == username


def test_the_clinic_mode_follows_the_level_until_chosen(qtbot, ctx, type_text):
    wizard = make_wizard(qtbot, ctx)
    assert wizard.level.currentData() == "township" and wizard.clinic_mode.currentData() == "refer"
    assert wizard.clinic_mode.currentText() == "Sentinel room (refers)"
    assert "referred by transfer to the designated fever clinic" in wizard.mode_info.text()
    wizard.level.setCurrentIndex(wizard.level.findData("county"))
    assert wizard.clinic_mode.currentData() == "treat" and "classification and disposition" in wizard.mode_info.text()
    wizard.level.setCurrentIndex(wizard.level.findData("other"))
    assert wizard.clinic_mode.currentData() == "refer"
    wizard.level.setCurrentIndex(wizard.level.findData("township"))
    wizard.clinic_mode.setCurrentIndex(wizard.clinic_mode.findData("treat"))  # a township centre's 发热诊室
    assert wizard.clinic_mode.currentText() == "Fever room (treats)"
    type_text(wizard.code, "QS01")
    type_text(wizard.name, "清水镇卫生院")
    type_text(wizard.username, "chief")
    type_text(wizard.full_name, "刘洋")
    type_text(wizard.password, "s3cure-pass")
    type_text(wizard.password_confirm, "s3cure-pass")
    shots = Path(os.environ.get("FS_SHOTS", "/tmp/shots"))
    shots.mkdir(parents=True, exist_ok=True)
    wizard.grab().save(str(shots / "setup_wizard_mode.png"))
    from PySide6.QtWidgets import QApplication

    from ui.i18n import install_language

    install_language(QApplication.instance(), "zh_CN")
    try:
        qtbot.waitUntil(lambda: wizard.clinic_mode.currentText() == "发热诊室（接诊）")
        assert "本机构发热诊室接诊" in wizard.mode_info.text()
        assert wizard.mode_info.height() >= wizard.mode_info.heightForWidth(wizard.mode_info.width())  # not cut
        wizard.grab().save(str(shots / "setup_wizard_mode_zh.png"))
    finally:
        install_language(QApplication.instance(), "en")
    with qtbot.waitSignal(wizard.completed):
        wizard.submit.click()
    mode = ctx.clinic.mode()
    assert (ctx.clinic.get().level, mode.mode, mode.level_default, mode.explicit) == (
        "township", "treat", "refer", True)


def test_the_wizard_stores_the_levels_default_mode(qtbot, ctx, type_text):
    wizard = make_wizard(qtbot, ctx)
    type_text(wizard.code, "QS02")
    type_text(wizard.name, "清水村卫生室")
    wizard.level.setCurrentIndex(wizard.level.findData("other"))
    type_text(wizard.username, "chief")
    type_text(wizard.full_name, "刘洋")
    type_text(wizard.password, "s3cure-pass")
    type_text(wizard.password_confirm, "s3cure-pass")
    with qtbot.waitSignal(wizard.completed):
        wizard.submit.click()
    assert ctx.clinic.mode().mode == "refer" and ctx.clinic.mode().explicit
