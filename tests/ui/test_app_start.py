"""run_gui end to end: a storage problem at start-up is explained (exit 1); a normal start shows
the log-in (Esc quits with 0) with the saved language applied; later starts show it from the clinic
banner before the database is open."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import app.context
from app.actor import Actor
from app.clinic_info import BannerFile, ClinicBanner
from app.context import open_context
from app.errors import StorageError
from app.passwords import OWASP_FLOOR
from app.settings import LANGUAGE, SettingsStore
from ui.app import run_gui
from ui.i18n import current_language
from ui.login import LoginDialog


def test_storage_error_at_start_is_explained(qapp, data_paths, monkeypatch, boxes):
    def refuse(*_args, **_kwargs):
        raise StorageError("network_share", path=r"\\server\clinic")

    monkeypatch.setattr(app.context, "open_context", refuse)
    settings = SettingsStore(data_paths.settings)
    settings.set(LANGUAGE, "en")
    settings.save()
    assert run_gui(data_paths, None, []) == 1
    assert boxes.kinds() == ["critical"]
    assert "network share" in boxes.texts()[0] and r"\\server\clinic" in boxes.texts()[0]


def test_start_shows_login_in_saved_language_and_escape_quits(qapp, data_paths, qtbot):
    ctx = open_context(data_paths, argon2=OWASP_FLOOR)
    ctx.clinic.initialize(Actor.system(), code="HN0231", name="清水镇卫生院", level="township",
                          admin_username="admin", admin_full_name="王敏", admin_password="admin-pass-2026")
    ctx.close()
    seen: list[tuple[str, str]] = []

    def close_login() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, LoginDialog) and w.isVisible()]
        if not dialogs:
            QTimer.singleShot(20, close_login)
            return
        seen.append((dialogs[0].windowTitle(), dialogs[0].clinic_name.text()))
        dialogs[0].reject()

    banner = BannerFile(data_paths.clinic_banner, data_paths.sqlite_url())
    assert banner.read() is None
    QTimer.singleShot(0, close_login)
    assert run_gui(data_paths, None, []) == 0  # default language of a new workstation: Chinese
    assert seen == [("发热哨点工作站 — 登录", "清水镇卫生院")]
    assert current_language() == "zh_CN"
    # the first start saved the clinic's banner: the next one draws the log-in window from it
    assert banner.read() == ClinicBanner("HN0231", "清水镇卫生院", "township", False)
    QTimer.singleShot(0, close_login)
    assert run_gui(data_paths, None, []) == 0
    assert seen[-1] == ("发热哨点工作站 — 登录", "清水镇卫生院")
    qapp.setQuitOnLastWindowClosed(True)


def test_data_from_a_newer_release_is_explained_at_start(qapp, data_paths, boxes):
    """An older bundle installed over a newer one: a sentence, exit 1, and the data left as it was."""
    from sqlalchemy import text

    ctx = open_context(data_paths, argon2=OWASP_FLOOR)
    with ctx.db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    ctx.close()
    settings = SettingsStore(data_paths.settings)
    settings.set(LANGUAGE, "en")
    settings.save()
    assert run_gui(data_paths, None, []) == 1
    assert boxes.kinds() == ["critical"]
    assert "newer version" in boxes.texts()[0] and "0099" in boxes.texts()[0]
