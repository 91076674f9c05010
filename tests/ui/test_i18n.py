"""Translations: complete, in step with the code, and switched live in open windows."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import Qt

from app.errors import FeverSentinelError, StorageError
from app.settings import LANGUAGE
from ui.i18n import extract_strings, install_language, translations_dir
from ui.main_window import MainWindow
from ui.messages import error_text, known_codes
from ui.pages.users import UsersPage

TS_FILES = sorted(translations_dir().glob("*.ts"))
# Every code the services raise (grep app/ for 'Error("') and the UI's own.
CODES = {
    "username", "full_name", "clinic_code", "clinic_name", "clinic_level", "timezone", "unknown_role", "no_role",
    "password_too_short", "password_too_simple", "last_admin", "cannot_disable_self", "setting_type",
    "setting_choice", "setting_range", "passwords_differ", "username_taken", "already_initialized",
    "not_demo_clinic", "network_share", "disk_full", "db_busy", "db_read_only", "db_corrupt", "db_unreachable",
    "backup_needs_sqlite", "backup_over_live", "backup_failed", "backup_check_failed", "backup_missing",
    "corrupt_backup", "not_a_backup", "backup_chain_broken", "backup_other_clinic", "restore_failed", "key_exists",
    "key_missing", "key_invalid", "permission_denied", "account_disabled", "stale_edit", "user", "not_initialized",
    "bad_credentials", "account_locked",
    # the triage desk's services
    "already_arrived", "already_registered", "handoff_closed", "handoff_open", "patient_exists", "birth_date",
    "birth_date_mismatch", "csv_header", "date_format", "decision", "downgrade_needs_reason", "drug_category",
    "file_encoding", "file_unreadable", "health_code", "id_birth_date", "id_check_digit", "id_format",
    "id_missing_reason", "id_type", "not_fever_patient", "occupation", "onset_in_future", "patient_name", "phone",
    "required", "risk_file_format", "risk_file_row", "risk_level", "rule_fever_threshold", "rule_handoff_timeout",
    "rule_implausible", "rule_level", "rule_travel_window", "screened_in_future", "sex", "sex_mismatch", "symptom",
    "temp_method", "temperature_range", "temperature_required", "too_long", "travel_in_future", "vaccination_doses",
    # the fever clinic's casework
    "already_taken", "not_arrived", "not_responsible", "handover_target", "handover_self", "handover_pending",
    "handover_answered", "not_handover_target", "epi_field", "classification", "not_reportable", "time_in_future",
    "time_too_early", "naive_time", "observation_required", "test_kind", "population", "test_result", "ct_value",
    "result_recorded", "disposition", "pending_result_reason", "not_excluded", "excluding_result",
    "reportable_cannot_go_home", "buffer_room_required", "transfer_reason", "case_closed", "transfer_via_request",
    # the daily report
    "time_format",
}


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


def test_every_error_code_has_its_own_sentence(qapp):
    assert CODES <= known_codes()
    generic = error_text(FeverSentinelError("no_such_code"))
    for code in CODES:
        assert error_text(FeverSentinelError(code)) != generic, code
    install_language(qapp, "zh_CN")
    try:
        text = error_text(StorageError("network_share", path="//server/share"))
        assert "网络共享" in text and "//server/share" in text
    finally:
        install_language(qapp, "en")


def test_not_found_names_what_is_missing(qapp):
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
    qtbot.waitUntil(lambda: window.page_titles() == ["时限看板", "引导交接", "预警", "日报告", "筛查列表", "转运看板", "转运记录", "病区与住院", "陪护证与探视证", "我的账户", "用户管理",
                                                     "责任追溯", "分诊规则", "转运设置", "数据维护"])
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
