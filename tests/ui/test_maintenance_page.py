"""Data maintenance page: backup to a chosen file, restore with confirmation, then back to log-in."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QFileDialog, QInputDialog

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

    asked: list[str] = []
    typed = ("", False)

    def confirm(_parent, _title, label, *args, **kwargs):
        asked.append(label)
        return typed

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(confirm))
    page.restore_button.click()  # cancelling the confirmation changes nothing
    assert "late" in {u.username for u in ctx.users.list(actor)}
    assert admin_session.clinic.code in asked[-1]

    typed = ("yes please", True)  # not the clinic code: refused by the service, nothing changed
    with qtbot.assertNotEmitted(window.logout_requested):
        page.restore_button.click()
    assert boxes.kinds()[-1] == "warning" and "clinic code" in boxes.texts()[-1]
    assert "late" in {u.username for u in ctx.users.list(actor)}

    typed = (admin_session.clinic.code.lower(), True)
    with qtbot.waitSignal(window.logout_requested):
        page.restore_button.click()
    assert boxes.kinds()[-1] == "information"
    assert "log in again" in boxes.texts()[-1] and "before-restore-" in boxes.texts()[-1]
    assert "late" not in {u.username for u in ctx.users.list(actor)}
    assert list(ctx.paths.root.glob("fever-sentinel.sqlite3.before-restore-*"))
    window.shutdown()


def test_restore_of_a_non_backup_explains(qtbot, admin_session, monkeypatch, boxes, tmp_path):
    window, page = open_window(qtbot, admin_session)
    junk = tmp_path / "notes.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(junk), "")))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("yes", True)))
    with qtbot.assertNotEmitted(window.logout_requested):
        page.restore_button.click()
    assert boxes.kinds() == ["warning"]
    assert "damaged" in boxes.texts()[-1] or "not a Fever Sentinel backup" in boxes.texts()[-1]
    assert page.restore_button.isEnabled()
    window.shutdown()


def test_auto_backup_box_saves_the_settings_and_the_status_bar_shows_the_age(qtbot, admin_session, boxes,
                                                                              tmp_path):
    """The admin chooses the folder (a USB drive), keeps N; the feed backs up and the status bar shows the
    last backup's age, red with the reason when the folder is missing."""
    import os

    from PySide6.QtWidgets import QApplication

    from app.settings import AUTO_BACKUP_FOLDER, AUTO_BACKUP_KEEP

    window, page = open_window(qtbot, admin_session)
    assert not window.backup_status.isVisible()  # no folder chosen: nothing in the status bar
    assert "No folder chosen" in page.auto_backup.state.text()
    usb = tmp_path / "usb"
    usb.mkdir()
    page.auto_backup.folder.setText(str(usb))
    page.auto_backup.keep.setValue(7)
    page.auto_backup.save_button.click()
    settings = admin_session.ctx.settings
    assert settings.get(AUTO_BACKUP_FOLDER) == str(usb) and settings.get(AUTO_BACKUP_KEEP) == 7
    window.backup_feed.poll()
    made = list(usb.glob("fever-sentinel-auto-*.sqlite3"))
    assert len(made) == 1
    assert window.backup_status.isVisible() and "Backup: 0 min ago" == window.backup_status.text()
    assert "#1b6e20" in window.backup_status.styleSheet()
    page.auto_backup.load()
    assert made[0].name in page.auto_backup.state.text()
    os.makedirs("/tmp/shots", exist_ok=True)
    window.showNormal()
    window.resize(1366, 768)
    QApplication.processEvents()
    page.auto_backup.grab().save("/tmp/shots/maintenance_backup_box.png")
    window.grab().save("/tmp/shots/maintenance_backup.png")

    settings.set(AUTO_BACKUP_FOLDER, str(tmp_path / "unplugged"))
    window.backup_feed.poll()  # the USB drive pulled out after today's backup: said at once, in red
    assert window.backup_status.text() == "Backup: 0 min ago · backup folder missing (USB drive not plugged in?)"
    assert "#b3261e" in window.backup_status.styleSheet()
    QApplication.processEvents()
    window.statusBar().grab().save("/tmp/shots/status_bar_backup.png")
    window.shutdown()
