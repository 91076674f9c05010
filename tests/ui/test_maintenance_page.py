"""Data maintenance page: backup to a chosen file, restore with confirmation, then back to log-in."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QFileDialog

from ui.main_window import MainWindow
from ui.pages.maintenance import MaintenancePage


def open_window(qtbot, session) -> tuple[MainWindow, MaintenancePage]:
    window = MainWindow(session, idle_ms=60_000)
    qtbot.addWidget(window)
    window.start()
    page = window.show_page_of(MaintenancePage)
    assert isinstance(page, MaintenancePage)
    return window, page


def test_backup_then_restore_returns_to_login(qtbot, admin_session, monkeypatch, boxes, tmp_path):
    window, page = open_window(qtbot, admin_session)
    ctx, actor = admin_session.ctx, admin_session.actor
    offered: list[str] = []

    def save_dialog(_parent, _title, default, _filter):
        offered.append(default)
        return str(tmp_path / "out" / "backup.sqlite3"), _filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_dialog))
    page.backup_button.click()
    assert offered[0].startswith(str(ctx.paths.backups))
    assert re.search(r"fever-sentinel-\d{8}-\d{4}\.sqlite3$", offered[0])
    backup = tmp_path / "out" / "backup.sqlite3"
    assert backup.is_file()
    assert boxes.kinds() == ["information"] and str(backup) in boxes.texts()[0]

    ctx.users.create(actor, username="late", full_name="后来者", roles=["doctor"], password="late-pass-1")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(backup), "")))

    boxes.answer = boxes.answer.Cancel  # cancelling the confirmation changes nothing
    page.restore_button.click()
    assert "late" in {u.username for u in ctx.users.list(actor)}

    boxes.answer = boxes.answer.Yes
    with qtbot.waitSignal(window.logout_requested):
        page.restore_button.click()
    assert boxes.kinds()[-2:] == ["question", "information"]
    assert "log in again" in boxes.texts()[-1]
    assert "late" not in {u.username for u in ctx.users.list(actor)}
    window.shutdown()


def test_restore_of_a_non_backup_explains(qtbot, admin_session, monkeypatch, boxes, tmp_path):
    window, page = open_window(qtbot, admin_session)
    junk = tmp_path / "notes.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(junk), "")))
    with qtbot.assertNotEmitted(window.logout_requested):
        page.restore_button.click()
    assert boxes.kinds() == ["question", "warning"]
    assert "damaged" in boxes.texts()[-1] or "not a Fever Sentinel backup" in boxes.texts()[-1]
    assert page.restore_button.isEnabled()
    window.shutdown()
