"""Pharmacy register (a febrile buyer goes straight to registration) and the admin's rules page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.triage.rules import TriageRules
from ui.main_window import MainWindow
from ui.pages.pharmacy import PharmacyPage
from ui.pages.triage_desk import TriageDeskPage
from ui.pages.triage_rules import TriageRulesPage


def test_febrile_buyer_goes_straight_to_registration(qtbot, nurse_session, type_text):
    window = MainWindow(nurse_session, idle_ms=3_600_000)
    qtbot.addWidget(window)
    window.start(maximize=False)
    page = window.show_page_of(PharmacyPage)
    assert isinstance(page, PharmacyPage)
    type_text(page.buyer, "吴刚")
    qtbot.keyClicks(page.temperature, "36.6")
    qtbot.keyClick(page.temperature, Qt.Key.Key_Return)
    assert "Recorded: 吴刚, Fever reducer." in page.status.text()
    assert window.stack.currentWidget() is page and page.buyer.text() == ""

    type_text(page.buyer, "郑爽")
    page.category.setCurrentIndex(page.category.findData("cough"))
    qtbot.keyClicks(page.temperature, "38.6")
    qtbot.keyClick(page.temperature, Qt.Key.Key_Return)
    desk = window.stack.currentWidget()
    assert isinstance(desk, TriageDeskPage) and desk.step() == desk.REGISTER
    assert desk.registration.pending is not None and desk.registration.pending.decision == "fever_clinic"
    assert desk.focusWidget() is desk.registration.name
    window.shutdown()


def test_pharmacy_refuses_an_impossible_temperature(qtbot, nurse_session, type_text):
    page = PharmacyPage(nurse_session)
    qtbot.addWidget(page)
    page.show()
    type_text(page.buyer, "吴刚")
    qtbot.keyClicks(page.temperature, "29")
    qtbot.keyClick(page.temperature, Qt.Key.Key_Return)
    assert page.errors.visible_texts() == ["The temperature must be between 34.0 and 43.0 °C. Measure again."]


def test_rules_save_stale_edit_and_risk_area_import(qtbot, triage_admin_session, tmp_path, monkeypatch):
    ctx = triage_admin_session.ctx
    page = TriageRulesPage(triage_admin_session)
    qtbot.addWidget(page)
    page.show()
    page.activated()
    assert page.threshold.value() == 37.3 and page.areas.rowCount() == 2
    page.threshold.setValue(37.5)
    page.timeout.setValue(20)
    page.save_button.click()
    assert "Saved" in page.notice.text()
    rules, version = ctx.triage_config.rules()
    assert rules.fever_threshold_c == 37.5 and rules.handoff_timeout_minutes == 20

    other = TriageRules(fever_threshold_c=37.2, handoff_timeout_minutes=30)
    ctx.triage_config.update_rules(triage_admin_session.actor, other, version)  # another desk saves first
    page.window_days.setValue(21)
    page.save_button.click()
    assert "Another desk changed the rules" in page.notice.text() and "37.2" in page.notice.text()
    assert page.window_days.value() == 21 and page.threshold.value() == 37.5  # the admin's values stay
    page.save_button.click()
    assert ctx.triage_config.rules()[0].travel_window_days == 21

    good = tmp_path / "areas.csv"
    good.write_text("name,level,since\n北京市朝阳区,高风险,2026-03-01\n天津市河西区,medium,\n", encoding="utf-8-sig")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(good), "")))
    page.import_button.click()
    assert page.areas.names() == ["北京市朝阳区", "天津市河西区"]
    assert "Imported 2 areas" in page.areas_status.text()
    bad = tmp_path / "bad.csv"
    bad.write_text("name,level\n北京市朝阳区,very high\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(bad), "")))
    page.import_button.click()
    assert "Line 1 of the risk-area file is not valid" in page.areas_status.text()
    assert page.areas.rowCount() == 2
