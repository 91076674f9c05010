"""Failing clearly in the desktop app (issue 14): a database that cannot be reached at start-up gets a
dialog that says what to check, names the server (never the password) and offers Retry / Quit; Retry
opens it again. The maintenance page's log box opens the log folder and exports the logs."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from app import logfile
from app.context import AppContext
from app.errors import StorageError
from ui.app import GuiFlow
from ui.i18n import install_language
from ui.main_window import MainWindow
from ui.open_failed import OpenFailedDialog
from ui.ops import SyncRunner
from ui.pages.maintenance import MaintenancePage
from app.clinic_info import BannerFile

SHOTS = Path("/tmp/shots")
UNREACHABLE = StorageError("db_unreachable", host="192.168.1.20", port=5432, database="fever", user="desk")


@pytest.fixture(autouse=True)
def log_in_data_dir(data_paths):  # type: ignore[no-untyped-def]
    logfile.setup(data_paths.root)
    yield
    logfile.shutdown()


def test_retry_opens_the_database_once_it_is_back(qtbot, clinic_ctx: AppContext, tmp_path) -> None:
    attempts: list[int] = []

    def opener() -> AppContext:
        attempts.append(1)
        if len(attempts) == 1:
            raise UNREACHABLE
        return clinic_ctx

    asked: list[StorageError] = []
    flow = GuiFlow(opener, clinic_ctx.settings, BannerFile(tmp_path / "b.json", "x"), SyncRunner())
    flow.ask_retry = lambda exc: asked.append(exc) or True  # type: ignore[method-assign,func-returns-value]
    flow.start()
    assert asked == [UNREACHABLE] and len(attempts) == 2
    assert flow.ctx is clinic_ctx and flow.login is not None and flow.login.isVisible()
    flow.login.reject()


def test_quit_ends_the_app_with_exit_code_1(qtbot, clinic_ctx: AppContext, tmp_path) -> None:
    def opener() -> AppContext:
        raise StorageError("db_auth_failed", host="db", port=5432, database="fever", user="desk")

    flow = GuiFlow(opener, clinic_ctx.settings, BannerFile(tmp_path / "b.json", "x"), SyncRunner())
    flow.ask_retry = lambda exc: False  # type: ignore[method-assign]
    with qtbot.waitSignal(flow.finished) as finished:
        flow.start()
    assert finished.args == [1]


def test_the_dialog_says_what_to_check_in_chinese(qtbot, qapp, data_paths) -> None:
    install_language(qapp, "zh_CN")
    dialog = OpenFailedDialog(UNREACHABLE)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "数据库" in dialog.text() and "192.168.1.20" in dialog.informativeText()
    assert str(logfile.current_path()) in dialog.informativeText()
    assert dialog.retry_button is not None and dialog.retry_button.text().startswith("重试")
    assert dialog.quit_button.text().startswith("退出")
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "db_unreachable_dialog.png"))
    dialog.retry_button.click()
    assert dialog.wants_retry()


def test_a_malformed_url_offers_quit_only(qtbot) -> None:
    dialog = OpenFailedDialog(StorageError("db_url_malformed", reason="port"))
    qtbot.addWidget(dialog)
    assert dialog.retry_button is None and "not valid" in dialog.text()


def test_an_unexpected_error_names_the_log_file() -> None:
    from ui.messages import error_text

    assert str(logfile.current_path()) in error_text(ZeroDivisionError("bug"))


def test_the_log_box_opens_the_folder_and_exports(qtbot, qapp, admin_session, monkeypatch, tmp_path) -> None:
    import logging

    logging.getLogger("test").error("something to export")
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile())
                                                                    or True))
    install_language(qapp, "zh_CN")
    window = MainWindow(admin_session, idle_ms=60_000)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.start()
    window.show()
    page = window.show_page_of(MaintenancePage)
    assert isinstance(page, MaintenancePage)
    box = page.log_box
    assert box.title() == "日志" and str(logfile.current_path()) in box.path.text()
    SHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SHOTS / "maintenance_log_box.png"))
    box.grab().save(str(SHOTS / "maintenance_log_box_only.png"))  # the page is taller than 768 px
    box.open_button.click()
    assert opened == [str(logfile.log_dir(admin_session.ctx.paths.root))]
    target = tmp_path / "logs-for-support"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(target), "")))
    box.export_button.click()
    with zipfile.ZipFile(str(target) + ".zip") as archive:
        assert "fever-sentinel.log" in archive.namelist()
    window.shutdown()
    install_language(qapp, "en")
    assert os.path.exists(str(target) + ".zip")
