"""The gate station: offline banner and pending scans when the database is unreachable; a visitor
over 30 minutes shown red with one beep; choosing the gate; full screen and leaving it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.db.engine import Database
from app.wards.gate import GateService, GateStation
from tests.ui.permit_support import (
    GENERAL_GATE,
    gate_page,
    gate_session,
    issue_escort_directly,
    issue_visitor_directly,
    scan,
    setup_wards,
    visible,
)
from ui.gate_station import GateStationPage

UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1"
SHOTS = Path("/tmp/shots")
SHOTS.mkdir(exist_ok=True)


@pytest.fixture
def wards(triage_ctx):
    return setup_wards(triage_ctx)


def test_offline_banner_and_pending_scans(qtbot, triage_ctx, wards, nurse_session, tmp_path):
    permit = issue_escort_directly(triage_ctx, nurse_session.actor, wards["general"].id)
    data_dir = tmp_path / "gate"
    GateStation(triage_ctx.gate, triage_ctx.clock, data_dir, GENERAL_GATE).refresh_cache()
    dead = GateService(Database(UNREACHABLE), triage_ctx.clock)
    station = GateStation(dead, triage_ctx.clock, data_dir, GENERAL_GATE)
    page = gate_page(qtbot, triage_ctx, GENERAL_GATE, data_dir, station=station)

    scan(qtbot, page, permit.payload)
    assert page.verdict_text() == "ADMIT"
    assert page.decision is not None and page.decision.offline
    assert visible(page.offline_banner)
    assert "OFFLINE MODE" in page.offline_banner.text()
    assert visible(page.pending_label) and page.pending_label.text().startswith("1 scans waiting")

    scan(qtbot, page, "E12345678")  # a typed number needs the database
    assert page.verdict_text() == "DENY" and page.reason.text() == "Unknown permit number"
    assert page.pending_label.text().startswith("2 scans waiting")


def test_visitor_overstay_is_red_with_one_beep_and_re_entry_refused(qtbot, triage_ctx, wards, nurse_session,
                                                                     tmp_path, monkeypatch):
    from sqlalchemy import select

    from app.reporting.alert_tables import Alert

    beeps: list[int] = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: beeps.append(1)))
    clock = triage_ctx.clock
    visitor = issue_visitor_directly(triage_ctx, nurse_session.actor, wards["general"].id)
    page = gate_page(qtbot, triage_ctx, GENERAL_GATE, tmp_path / "gate")
    scan(qtbot, page, visitor.payload)
    assert page.verdict_text() == "ADMIT"
    assert "one visit, no re-entry" in page.reason.text()
    page.feed.poll()
    assert page.inside.rowCount() == 1
    assert page.inside.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert not visible(page.alert) and not beeps

    clock.advance(minutes=31)
    page.tick()  # the running timer turns the row red between polls
    assert page.inside.index(0, 0).data() == "0:31:00"
    brush = page.inside.index(0, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert brush is not None and brush.color().name() == "#b3261e"
    assert visible(page.alert) and "林*" in page.alert.text() and "overstay" in page.alert.text()
    assert "1 min over" in page.alert.text()
    page.feed.poll()
    page.tick()
    assert beeps == [1]  # once, not every second
    with triage_ctx.db.read() as s:  # the station had the overstay raised as an alert to the clinic
        assert s.scalars(select(Alert.dedupe_key).where(Alert.kind == "visitor_overstay")).all() == [
            f"overstay:{visitor.id}"]
    qtbot.wait(50)  # let the layout settle before the picture
    page.grab().save(str(SHOTS / "gate_overstay.png"))

    qtbot.keyClick(page.scan, Qt.Key.Key_F3)  # leaving is the gatekeeper's action, not a toggle
    assert page.direction == "out" and page.out_button.isChecked()
    scan(qtbot, page, visitor.payload)  # the visitor leaves, late
    assert page.verdict_text() == "EXIT"
    assert "31 min" in page.reason.text() and "Overstayed by 1 min" in page.reason.text()
    assert page.inside.rowCount() == 0 and not visible(page.alert)

    clock.advance(minutes=1)
    qtbot.keyClick(page.scan, Qt.Key.Key_F2)
    scan(qtbot, page, visitor.payload)  # and tries to come back: one visit only
    assert page.verdict_text() == "DENY"
    assert page.reason.text() == "Visit already made: the visitor has left, no re-entry"
    qtbot.wait(50)
    page.grab().save(str(SHOTS / "gate_visit_used.png"))


def test_visitor_re_entry_refused_in_chinese(qtbot, triage_ctx, wards, nurse_session, tmp_path):
    from ui.i18n import install_language

    visitor = issue_visitor_directly(triage_ctx, nurse_session.actor, wards["general"].id, minutes=20)
    install_language(QApplication.instance(), "zh_CN")
    try:
        page = gate_page(qtbot, triage_ctx, GENERAL_GATE, tmp_path / "gate")
        scan(qtbot, page, visitor.payload)
        triage_ctx.clock.advance(minutes=5)
        page.set_direction("out")
        scan(qtbot, page, visitor.payload)
        triage_ctx.clock.advance(minutes=1)
        page.set_direction("in")
        scan(qtbot, page, visitor.payload)
        assert page.decision is not None and page.decision.reason == "visit_used"
        assert "不得再次进入" in page.reason.text()
        qtbot.wait(50)
        page.grab().save(str(SHOTS / "gate_visit_used_zh.png"))
    finally:
        install_language(QApplication.instance(), "en")


def test_choose_gate_once_and_full_screen(qtbot, triage_ctx, wards, nurse_session, tmp_path):
    permit = issue_escort_directly(triage_ctx, nurse_session.actor, wards["general"].id)
    page = GateStationPage(gate_session(triage_ctx))
    qtbot.addWidget(page)
    page.show()
    page.activated()
    assert visible(page.choose_box) and not visible(page.scan)
    assert [page.gate_choice.itemText(i) for i in range(page.gate_choice.count())] == [GENERAL_GATE, "重症门岗"]
    page.gate_choice.setCurrentText(GENERAL_GATE)
    page.start_button.click()
    assert page.station is not None and page.station.gate == GENERAL_GATE
    assert page.station.cache_path.parent == triage_ctx.paths.root
    assert visible(page.scan) and "住院部门岗" in page.gate_name.text()

    locks: list[int] = []
    page.lock_requested.connect(lambda: locks.append(1))
    page.enter_full_screen()
    assert page.full_screen is not None and page.content.window() is page.full_screen
    scan(qtbot, page, permit.payload)
    assert page.verdict_text() == "ADMIT"
    qtbot.keyClick(page.scan, Qt.Key.Key_Escape)
    assert page.full_screen is None and page.content.window() is page.window() and locks == [1]

    again = GateStationPage(gate_session(triage_ctx))  # remembered for the session
    qtbot.addWidget(again)
    assert again.station is not None and again.station.gate == GENERAL_GATE
    page.stop()
    again.stop()


def test_verdict_shows_for_each_scan(qtbot, triage_ctx, wards, nurse_session, tmp_path):
    """Each scan, in either direction, is checked and shown at once (its time: tests/bench/test_bench_gate.py)."""
    permit = issue_escort_directly(triage_ctx, nurse_session.actor, wards["general"].id)
    page = gate_page(qtbot, triage_ctx, GENERAL_GATE, tmp_path / "gate")
    for i in range(5):  # admit, exit, admit, ... each a full check and redraw
        page.set_direction("out" if i % 2 else "in")
        triage_ctx.clock.advance(minutes=1)
        page.scan.setText(permit.payload)
        qtbot.keyClick(page.scan, "\r")
        assert page.verdict_text() == ("EXIT" if i % 2 else "ADMIT")


def test_escort_with_old_test_denied_until_updated(qtbot, triage_ctx, wards, nurse_session, tmp_path, type_text):
    from tests.ui.permit_support import permits_page
    from ui.pages.permit_dialogs import EscortTestDialog

    permit = issue_escort_directly(triage_ctx, nurse_session.actor, wards["general"].id)
    triage_ctx.clock.advance(hours=47)
    page = gate_page(qtbot, triage_ctx, GENERAL_GATE, tmp_path / "gate")
    scan(qtbot, page, permit.payload)
    assert page.verdict_text() == "DENY" and "test is too old" in page.reason.text()  # 49 h: the permit ended
    desk = permits_page(qtbot, nurse_session)
    desk.select(permit.number)
    desk.test_button.click()
    dialog = desk.dialog
    assert isinstance(dialog, EscortTestDialog)
    dialog.test_at.set_value(triage_ctx.clock.now() - timedelta(hours=1))
    dialog.ok.click()  # no result chosen
    assert dialog.isVisible() and "NEGATIVE" in " ".join(dialog.errors.visible_texts())
    dialog.test_result.setCurrentIndex(dialog.test_result.findData("negative"))
    dialog.ok.click()
    assert not dialog.isVisible() and "updated" in desk.message.text()
    scan(qtbot, page, permit.payload)
    assert page.verdict_text() == "ADMIT"
