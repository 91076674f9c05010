"""工作站密钥 on the maintenance page: a new desk waits, the admin enrols it, then revokes it with a reason;
the main window of a desk that is not enrolled says so in its status bar."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.context import open_context
from app.passwords import OWASP_FLOOR
from app.paths import DataPaths
from ui.i18n import install_language
from ui.main_window import MainWindow
from ui.pages.maintenance import MaintenancePage
from ui.session import Session
from tests.ui.conftest import ADMIN_PASSWORD


def open_page(qtbot, session) -> tuple[MainWindow, MaintenancePage]:  # type: ignore[no-untyped-def]
    window = MainWindow(session, idle_ms=60_000)
    qtbot.addWidget(window)
    window.start(maximize=False)
    window.resize(1366, 768)
    page = window.show_page_of(MaintenancePage)
    assert isinstance(page, MaintenancePage) and page.desk_keys is not None
    return window, page


def test_enrol_then_revoke_a_new_desk(qtbot, qapp, admin_session, boxes, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ctx = admin_session.ctx
    other = open_context(DataPaths(tmp_path / "desk2"), ctx.paths.sqlite_url(), argon2=OWASP_FLOOR)
    try:
        pending = other.desk_keys.this_desk("发热门诊2号")
        assert pending is not None and pending.state == "pending"
        # the other desk's own window says it is not enrolled
        other_actor = other.users.authenticate("admin", ADMIN_PASSWORD, "发热门诊2号")
        other_session = Session(other, other_actor, admin_session.runner, other.clinic.get(),
                                other.users.full_name_of(other_actor))
        other_window = MainWindow(other_session, idle_ms=60_000)
        qtbot.addWidget(other_window)
        other_window.start(maximize=False)
        assert other_window.desk_status.isVisible() and "not enrolled" in other_window.desk_status.text()
        other_window.shutdown()

        window, page = open_page(qtbot, admin_session)
        box = page.desk_keys
        assert box is not None
        assert box.table.rowCount() == 2 and not box.enrol_button.isEnabled()
        row = next(i for i, d in enumerate(box.desks) if d.key_id == pending.key_id)
        assert box.table.item(row, 2).text() == "Waiting for enrolment"
        box.table.selectRow(row)
        assert box.enrol_button.isEnabled() and box.revoke_button.isEnabled()
        box.enrol_button.click()
        row = next(i for i, d in enumerate(box.desks) if d.key_id == pending.key_id)
        assert box.desks[row].state == "enrolled" and box.table.item(row, 2).text() == "Enrolled"
        box.ask_reason = lambda _desk: ("", False)  # cancelled: nothing happens
        box.table.selectRow(row)
        box.revoke_button.click()
        assert box.desks[row].state == "enrolled"
        box.ask_reason = lambda _desk: (" ", True)  # no reason: the service refuses, the box says why
        box.table.selectRow(row)
        box.revoke_button.click()
        assert boxes.kinds() and "revoked" in boxes.texts()[-1]
        box.ask_reason = lambda _desk: ("电脑丢失", True)
        box.table.selectRow(row)
        box.revoke_button.click()
        row = next(i for i, d in enumerate(box.desks) if d.key_id == pending.key_id)
        assert box.desks[row].state == "revoked" and "电脑丢失" in box.table.item(row, 4).text()

        install_language(qapp, "zh_CN")
        try:
            page.retranslate()
            QApplication.processEvents()
            assert box.title() == "工作站密钥"
            os.makedirs("/tmp/shots", exist_ok=True)
            window.grab().save("/tmp/shots/desk_keys.png")
        finally:
            install_language(qapp, "en")
        window.shutdown()
    finally:
        other.close()
