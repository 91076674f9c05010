"""关于 (issue 14): the one version, the schema, the data directory and the database without its password."""

from __future__ import annotations

from typing import Any

import app
from app.settings import LANGUAGE
from ui.about import AboutDialog
from ui.i18n import install_language
from ui.main_window import MainWindow
from ui.session import Session


def test_about_says_the_version_and_where_the_data_is(qtbot: Any, qapp: Any, admin_session: Session) -> None:
    window = MainWindow(admin_session)
    qtbot.addWidget(window)
    assert window.help_menu.actions() == [window.about_action]
    dialog = AboutDialog(admin_session, window)
    qtbot.addWidget(dialog)
    text = dialog.text.text()
    assert app.__version__ in text and app.SCHEMA_HEADS[0] in text
    assert str(admin_session.ctx.paths.root) in text and "清水镇卫生院" in text


def test_about_in_chinese_at_1366x768(qtbot: Any, qapp: Any, admin_session: Session) -> None:
    install_language(qapp, "zh_CN")
    try:
        window = MainWindow(admin_session)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        dialog = AboutDialog(admin_session, window)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert "版本" in dialog.text.text() and window.help_menu.title().startswith("帮助")
        dialog.grab().save("/tmp/shots/about.png")
    finally:
        install_language(qapp, admin_session.ctx.settings.get(LANGUAGE) or "en")
