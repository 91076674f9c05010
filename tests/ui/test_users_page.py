"""Users page: model/view listing, add, edit with a stale version, disable/enable, reset password."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import ADMIN_PASSWORD
from ui.pages.user_dialogs import ResetPasswordDialog, UserDialog
from ui.pages.users import UsersPage


def open_page(qtbot, session) -> UsersPage:
    page = UsersPage(session)
    qtbot.addWidget(page)
    page.show()
    page.activated()
    return page


def add(page: UsersPage, qtbot, type_text, username: str, full_name: str, role: str) -> UserDialog:
    page.add_button.click()
    dialog = page.dialog
    assert isinstance(dialog, UserDialog)
    type_text(dialog.username, username)
    type_text(dialog.full_name, full_name)
    dialog.role_boxes[role].setChecked(True)
    type_text(dialog.password, "long-enough-1")
    type_text(dialog.password_confirm, "long-enough-1")
    qtbot.keyClick(dialog.password_confirm, Qt.Key.Key_Return)
    return dialog


def test_list_and_add(qtbot, admin_session, type_text):
    page = open_page(qtbot, admin_session)
    assert page.model.rowCount() == 1
    assert page.model.headerData(1, Qt.Orientation.Horizontal) == "Name"
    dialog = add(page, qtbot, type_text, "li", "李娜", "triage_nurse")
    assert not dialog.isVisible()
    assert page.model.rowCount() == 2
    row = page.model.row_of("li")
    assert page.model.index(row, 1).data() == "李娜"
    assert page.model.index(row, 2).data() == "Pre-triage nurse"
    assert page.model.index(row, 3).data() == "Active"
    assert page.selected_user().username == "li"


def test_add_errors_are_inline_and_keep_input(qtbot, admin_session, type_text):
    page = open_page(qtbot, admin_session)
    dialog = add(page, qtbot, type_text, "admin", "另一个", "doctor")
    assert dialog.isVisible()
    assert dialog.errors.visible_texts() == ["The user name admin is already taken: choose another one."]
    assert dialog.full_name.text() == "另一个"
    dialog.username.setText("other")
    dialog.role_boxes["doctor"].setChecked(False)
    dialog.submit()
    assert dialog.errors.visible_texts() == ["Choose at least one role."]
    assert page.model.rowCount() == 1


def test_edit_and_stale_edit(qtbot, admin_session, type_text, clinic_ctx):
    page = open_page(qtbot, admin_session)
    add(page, qtbot, type_text, "li", "李娜", "triage_nurse")
    page.select_username("li")
    page.edit_button.click()
    dialog = page.dialog
    assert isinstance(dialog, UserDialog) and dialog.username.isReadOnly()
    dialog.full_name.setText("")
    type_text(dialog.full_name, "李娜娜")
    dialog.role_boxes["doctor"].setChecked(True)
    dialog.ok.click()
    row = page.model.row_of("li")
    assert page.model.index(row, 1).data() == "李娜娜"
    assert set(page.model.user_at(row).roles) == {"triage_nurse", "doctor"}

    # Open the editor, then someone else saves the same account from another desk.
    page.select_username("li")
    page.edit_button.click()
    dialog = page.dialog
    assert isinstance(dialog, UserDialog)
    other = clinic_ctx.users.authenticate("admin", ADMIN_PASSWORD, "desk-2")
    fresh = next(u for u in clinic_ctx.users.list(other) if u.username == "li")
    clinic_ctx.users.update(other, username="li", expected_version=fresh.version, full_name="李娜（夜班）",
                            roles=["triage_nurse"])
    dialog.full_name.setText("")
    type_text(dialog.full_name, "我的修改")
    dialog.ok.click()
    assert dialog.isVisible()
    assert any("Someone else changed this account" in t for t in dialog.errors.visible_texts())
    assert "李娜（夜班）" in dialog.notice.text()
    assert dialog.full_name.text() == "我的修改"  # the admin's typing is kept
    assert page.model.index(page.model.row_of("li"), 1).data() == "李娜（夜班）"  # the table reloaded
    dialog.ok.click()  # saving again, knowingly, now succeeds
    assert not dialog.isVisible()
    assert page.model.index(page.model.row_of("li"), 1).data() == "我的修改"


def test_disable_enable_and_reset_password(qtbot, admin_session, type_text, clinic_ctx, boxes):
    page = open_page(qtbot, admin_session)
    add(page, qtbot, type_text, "gate", "赵强", "gatekeeper")
    page.select_username("gate")
    assert page.active_button.text() == "&Disable"
    page.active_button.click()
    assert boxes.kinds() == ["question"]
    assert page.model.index(page.model.row_of("gate"), 3).data() == "Disabled"
    assert page.active_button.text() == "E&nable"
    page.active_button.click()
    assert page.model.index(page.model.row_of("gate"), 3).data() == "Active"

    page.select_username("admin")
    page.active_button.click()  # disabling oneself is refused, with a message
    assert boxes.kinds()[-1] == "warning" and "your own account" in boxes.texts()[-1]

    page.select_username("gate")
    page.reset_button.click()
    dialog = page.dialog
    assert isinstance(dialog, ResetPasswordDialog)
    type_text(dialog.password, "fresh-pass-9")
    type_text(dialog.password_confirm, "fresh-pass-9")
    qtbot.keyClick(dialog.password_confirm, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert boxes.kinds()[-1] == "information"
    assert clinic_ctx.users.authenticate("gate", "fresh-pass-9", "desk").username == "gate"


def shot(qapp, page, dialogs, path: str) -> None:
    """``page`` at 1366×768 with ``dialogs`` drawn over it, each centred a little lower than the last."""
    from pathlib import Path

    from PySide6.QtGui import QPainter

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    page.resize(1366, 768)
    for _ in range(3):
        qapp.processEvents()
    picture = page.grab()
    painter = QPainter(picture)
    for i, d in enumerate(dialogs):
        d.adjustSize()
        image = d.grab()
        painter.drawPixmap((1366 - image.width()) // 2, 40 + i * 120, image)
    painter.end()
    picture.save(path)


def test_disabling_a_doctor_shows_open_cases_and_offers_to_reassign(qtbot, triage_ctx, triage_admin_session,
                                                                    nurse_session, doctor_session, type_text,
                                                                    boxes, qapp):
    """Issue 12: a doctor's open cases are listed before the account is disabled; each can be reassigned to
    an active doctor with a reason; then the account is disabled (screenshot of the reassign dialog)."""
    from tests.ui.casework_support import add_night_doctor, taken_case
    from ui.i18n import install_language
    from ui.pages.user_dialogs import OpenCasesDialog, ReassignDialog

    add_night_doctor(triage_ctx)  # 刘洋 (night)
    case = taken_case(triage_ctx, nurse_session.actor, doctor_session.actor, name="王芳")
    page = open_page(qtbot, triage_admin_session)
    assert page.orphans_button.isVisible()
    page.select_username("doctor")
    page.active_button.click()
    assert boxes.kinds() == []  # no plain yes/no: the list comes first
    dialog = page.dialog
    assert isinstance(dialog, OpenCasesDialog) and dialog.isVisible()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == case.visit_no
    assert "1 open case(s)" in dialog.intro.text() and dialog.disable_button.text() == "&Disable anyway"

    dialog.reassign_button.click()
    reassign = dialog.dialog
    assert isinstance(reassign, ReassignDialog)
    assert [reassign.doctor.itemData(i) for i in range(reassign.doctor.count())] == ["night"]  # not the owner
    reassign.ok.click()  # no reason
    assert reassign.isVisible() and len(reassign.errors.visible_texts()) == 1
    assert reassign.reason.hasFocus() or not reassign.isActiveWindow()  # the error sits under the reason
    type_text(reassign.reason, "张医生调离，由刘洋接管")
    reassign.errors.clear()
    install_language(qapp, "zh_CN")
    try:  # the users page at the clinic's 1366×768 with both dialogs over it, in Chinese
        shot(qapp, page, [dialog, reassign], "/tmp/shots/reassign_dialog.png")
    finally:
        install_language(qapp, "en")
    reassign.ok.click()
    assert not reassign.isVisible()
    assert triage_ctx.cases.get(triage_admin_session.actor, case.visit_no).doctor_username == "night"
    assert dialog.table.rowCount() == 0 and "no open cases left" in dialog.intro.text()
    assert dialog.disable_button.text() == "&Disable"
    dialog.disable_button.click()
    assert not dialog.isVisible()
    assert page.model.index(page.model.row_of("doctor"), 3).data() == "Disabled"


def test_disabling_anyway_leaves_the_cases_orphaned_for_reassignment(qtbot, triage_ctx, triage_admin_session,
                                                                     nurse_session, doctor_session, boxes):
    from tests.ui.casework_support import add_night_doctor, taken_case
    from ui.pages.user_dialogs import OpenCasesDialog

    add_night_doctor(triage_ctx)
    case = taken_case(triage_ctx, nurse_session.actor, doctor_session.actor)
    page = open_page(qtbot, triage_admin_session)
    page.select_username("doctor")
    page.active_button.click()
    page.dialog.disable_button.click()  # knowingly, with the list seen
    assert page.model.index(page.model.row_of("doctor"), 3).data() == "Disabled"
    page.orphans_button.click()
    orphans = page.dialog
    assert isinstance(orphans, OpenCasesDialog) and orphans.disable_button.isHidden()
    assert orphans.table.item(0, 0).text() == case.visit_no
    assert "account is disabled" in orphans.table.item(0, 5).text()
