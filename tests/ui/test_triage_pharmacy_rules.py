"""Pharmacy register (a febrile buyer goes straight to registration) and the admin's rules page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.triage.rules import TriageRules
from ui.main_window import MainWindow
from ui.pages.pharmacy import PharmacyPage
from ui.pages.triage_desk import TriageDeskPage
from ui.pages.triage_rules import TriageRulesPage
from tests.ui.triage_support import pdf_text


def fill_buyer(page: PharmacyPage, type_text, name: str, phone: str = "13800138000") -> None:
    type_text(page.buyer, name)
    page.phone.setText(phone)


def test_febrile_buyer_goes_straight_to_registration(qtbot, nurse_session, type_text):
    window = MainWindow(nurse_session, idle_ms=3_600_000)
    qtbot.addWidget(window)
    window.start(maximize=False)
    page = window.show_page_of(PharmacyPage)
    assert isinstance(page, PharmacyPage)
    fill_buyer(page, type_text, "吴刚")
    qtbot.keyClicks(page.temperature, "36.6")
    qtbot.keyClick(page.temperature, Qt.Key.Key_Return)
    assert "Do NOT sell: 吴刚" in page.status.text()  # a fever reducer without a level-2+ prescription
    assert window.stack.currentWidget() is page and page.buyer.text() == "" and page.phone.text() == ""
    assert page.preview is not None and page.preview.isVisible()  # every buyer's guide slip
    assert "吴*" in pdf_text(page.preview.pdf) and "吴刚" not in pdf_text(page.preview.pdf)
    page.preview.close()

    fill_buyer(page, type_text, "郑爽", "13800138001")
    page.category.setCurrentIndex(page.category.findData("cough"))
    qtbot.keyClicks(page.temperature, "38.6")
    qtbot.keyClick(page.temperature, Qt.Key.Key_Return)
    desk = window.stack.currentWidget()
    assert isinstance(desk, TriageDeskPage) and desk.step() == desk.REGISTER
    assert desk.registration.pending is not None and desk.registration.pending.decision == "fever_clinic"
    reg = desk.registration  # the buyer's name and phone are carried over (issue 15)
    assert (reg.name.text(), reg.phone.text()) == ("郑爽", "13800138001")
    assert desk.focusWidget() is reg.id_number  # no ID number was given at the counter
    assert page.preview is not None and "郑*" in pdf_text(page.preview.pdf)
    page.preview.close()
    window.shutdown()


def test_pharmacy_refuses_an_impossible_temperature(qtbot, nurse_session, type_text):
    page = PharmacyPage(nurse_session)
    qtbot.addWidget(page)
    page.show()
    fill_buyer(page, type_text, "吴刚")
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
