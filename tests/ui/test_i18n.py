"""Translations: complete, in step with the code, and switched live in open windows."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt

from app.errors import FeverSentinelError, StorageError
from app.settings import LANGUAGE
from ui.i18n import extract_strings, install_language, translations_dir
from ui.main_window import MainWindow
from ui.messages import error_text
from ui.pages.users import UsersPage

TS_FILES = sorted(translations_dir().glob("*.ts"))


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {(ctx.findtext("name", ""), m.findtext("source", "")): m.find("translation")  # type: ignore[misc]
            for ctx in root.iter("context") for m in ctx.iter("message")}


def test_there_is_a_chinese_catalogue():
    assert [p.name for p in TS_FILES] == ["fever_sentinel_zh_CN.ts"]


def test_no_unfinished_or_empty_translations():
    for ts in TS_FILES:
        bad = [key for key, tr in messages(ts).items()
               if tr is None or tr.get("type") in ("unfinished", "obsolete", "vanished") or not (tr.text or "").strip()]
        assert not bad, f"{ts.name}: untranslated {bad}"


def test_every_string_in_ui_is_in_the_catalogue(tmp_path):
    fresh = tmp_path / "fresh.ts"
    extract_strings(fresh, keep_translations=False)
    found = set(messages(fresh))
    assert len(found) > 100
    for ts in TS_FILES:
        missing = found - set(messages(ts))
        assert not missing, f"{ts.name} lacks {sorted(missing)}: run python -m ui.i18n --update and translate"
        stale = set(messages(ts)) - found
        assert not stale, f"{ts.name} has strings no longer in ui/: {sorted(stale)}"


def test_placeholders_survive_translation():
    import re

    for ts in TS_FILES:
        for (ctx, source), tr in messages(ts).items():
            wanted = sorted(re.findall(r"\{\w+\}", source))
            assert wanted == sorted(re.findall(r"\{\w+\}", tr.text or "")), (ctx, source)


def test_error_sentences_follow_the_desks_language(qapp: QCoreApplication) -> None:
    """The words live in app/vocabulary/errors.py (tests/test_error_words.py checks every code has them)."""
    install_language(qapp, "zh_CN")
    try:
        text = error_text(StorageError("network_share", path="//server/share"))
        assert "网络共享" in text and "//server/share" in text
    finally:
        install_language(qapp, "en")
    assert "network share" in error_text(StorageError("network_share", path="//server/share"))


def test_not_found_names_what_is_missing(qapp: QCoreApplication) -> None:
    from app.errors import NotFound as Missing

    assert "HN0231-20260310-0009" in error_text(Missing(entity="case", visit_no="HN0231-20260310-0009"))
    assert "test order" in error_text(Missing(entity="test", id=3))
    assert "hand-over" in error_text(Missing(entity="handover", id=3))

    from app.errors import NotFound

    assert "HN0231-20260310-0009" in error_text(NotFound(entity="visit", visit_no="HN0231-20260310-0009"))
    assert "never sent" in error_text(NotFound(entity="handoff", visit_no="X"))
    install_language(qapp, "zh_CN")
    try:
        assert error_text(FeverSentinelError("temperature_range", minimum=34.0, maximum=43.0)) == \
            "体温须在 34.0 至 43.0 °C 之间，请重新测量。"
    finally:
        install_language(qapp, "en")


def test_language_switch_in_settings_retranslates_open_windows(qtbot, admin_session):
    window = MainWindow(admin_session, idle_ms=60_000)
    qtbot.addWidget(window)
    window.start()
    users = window.show_page_of(UsersPage)
    assert isinstance(users, UsersPage)
    assert "Responsibility trail" in window.page_titles()
    assert users.add_button.text() == "&Add…"

    window.open_settings()
    dialog = window.settings_dialog
    assert dialog is not None
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    dialog.ok.click()
    assert admin_session.ctx.settings.get(LANGUAGE) == "zh_CN"
    qtbot.waitUntil(lambda: window.page_titles() == ["时限看板", "引导交接", "预警", "日报告", "筛查列表", "转运看板", "转运记录", "病区与住院", "陪护证与探视证", "人员核酸检测", "物资储备", "我的账户", "用户管理",
                                                     "责任追溯", "规则与时限", "分诊规则", "转运设置", "数据维护"])
    assert users.add_button.text() == "添加(&A)…"
    assert users.model.headerData(1, Qt.Orientation.Horizontal) == "姓名"
    assert users.model.index(0, 3).data() == "在用"
    assert "管理员" in window.user_status.text()
    assert window.session_menu.title() == "会话(&S)"

    window.open_settings()
    dialog = window.settings_dialog
    assert dialog is not None and dialog.windowTitle() == "设置"
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.ok.click()
    qtbot.waitUntil(lambda: "Responsibility trail" in window.page_titles())
    assert users.add_button.text() == "&Add…"
    window.shutdown()
