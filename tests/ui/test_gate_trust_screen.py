"""Issue 13 on the gate page: F2 进入 / F3 离开, a repeated scan, an exit with the permit's state flagged,
the data's age always shown, refusing on data that is too old, and unreadable queue records counted —
with screenshots at 1366×768 in Chinese."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.clock import FixedClock
from app.db.engine import Database
from app.wards.gate import GateService, GateStation
from tests.ui.permit_support import GENERAL_GATE, gate_page, issue_escort_directly, scan, setup_wards, visible
from ui.scan_field import ScanField

UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1"
SHOTS = Path("/tmp/shots")
SHOTS.mkdir(exist_ok=True)


@pytest.fixture
def wards(triage_ctx):
    return setup_wards(triage_ctx)


@pytest.fixture
def chinese():
    from ui.i18n import install_language

    install_language(QApplication.instance(), "zh_CN")
    yield
    install_language(QApplication.instance(), "en")


def shot(qtbot, page, name: str) -> None:
    page.resize(1366, 768)
    qtbot.wait(50)
    page.grab().save(str(SHOTS / f"{name}.png"))


def test_scan_field_switches_the_input_method_off_and_cleans_the_text(qtbot) -> None:
    field = ScanField(100, "")
    qtbot.addWidget(field)
    assert not field.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    assert field.inputMethodHints() & Qt.InputMethodHint.ImhLatinOnly
    got: list[str] = []
    field.scanned.connect(got.append)
    field.setText(" fsp1：ab￥c。\r")
    field.returnPressed.emit()
    assert got == ["fsp1:ab$c."] and field.text() == ""


def test_entering_leaving_repeat_and_a_flagged_exit(qtbot, triage_ctx, wards, nurse_session, tmp_path, chinese):
    permit = issue_escort_directly(triage_ctx, nurse_session.actor, wards["general"].id)
    page = gate_page(qtbot, triage_ctx, GENERAL_GATE, tmp_path / "gate")
    assert page.direction == "in" and page.in_button.isChecked() and page.in_button.text() == "进入 (F2)"
    scan(qtbot, page, permit.payload)
    assert page.decision.outcome == "admit" and page.data_status.text() == "● 在线"
    page.feed.poll()
    shot(qtbot, page, "gate13_online")

    triage_ctx.clock.advance(seconds=3)
    scan(qtbot, page, permit.payload.lower())  # Caps Lock on: the same card
    assert page.verdict_text() == "重复扫描" and "不重复计入通行" in page.reason.text()
    shot(qtbot, page, "gate13_repeat")

    triage_ctx.clock.advance(minutes=2)
    triage_ctx.permits.revoke(nurse_session.actor, permit.id, "陪护人发热")
    scan(qtbot, page, permit.payload)
    assert page.verdict_text() == "禁止进入"
    qtbot.keyClick(page.scan, Qt.Key.Key_F3)
    assert page.direction == "out" and page.out_button.isChecked()
    triage_ctx.clock.advance(seconds=20)
    scan(qtbot, page, permit.payload)
    assert page.decision.outcome == "exit" and page.decision.flags == ("revoked",)
    assert "已放行并记录：通行证已作废" in page.reason.text()
    page.feed.poll()
    assert page.inside.rowCount() == 0
    shot(qtbot, page, "gate13_exit_flagged")
    qtbot.keyClick(page.scan, Qt.Key.Key_F2)
    assert page.direction == "in"
    page.stop()


def test_offline_age_too_old_and_set_aside_records(qtbot, triage_ctx, wards, nurse_session, tmp_path, chinese):
    permit = issue_escort_directly(triage_ctx, nurse_session.actor, wards["general"].id)
    data_dir = tmp_path / "gate"
    GateStation(triage_ctx.gate, triage_ctx.clock, data_dir, GENERAL_GATE).refresh_cache()
    clock = FixedClock(triage_ctx.clock.now() + timedelta(hours=3))
    station = GateStation(GateService(Database(UNREACHABLE), clock), clock, data_dir, GENERAL_GATE)
    page = gate_page(qtbot, triage_ctx, GENERAL_GATE, data_dir, station=station)
    page.feed.poll()  # the database does not answer: offline, and how old the copy is, before any scan
    assert visible(page.offline_banner) and "离线 · 数据更新于" in page.data_status.text()
    assert "3 小时前" in page.data_status.text()
    scan(qtbot, page, permit.payload)
    assert page.decision.outcome == "admit" and page.decision.offline
    shot(qtbot, page, "gate13_offline_age")

    clock.advance(hours=22)  # 25 h: past the clinic's limit
    with open(station.pending_path, "a", encoding="utf-8") as fh:
        fh.write('{"e": {"event_key": "torn", "ga')  # a record torn by a power cut
    scan(qtbot, page, permit.payload)
    assert page.decision.reason == "offline_data_too_old" and "离线数据已过期" in page.reason.text()
    assert "25 小时前" in page.data_status.text()
    assert visible(page.set_aside_label) and page.set_aside_label.text().startswith("1 条离线记录无法读取")
    assert station.set_aside() == 1 and len(station.pending()) == 2
    shot(qtbot, page, "gate13_offline_too_old")
    page.stop()
