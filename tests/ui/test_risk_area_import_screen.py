"""The screening-rules page asks before an empty or much shorter risk-area list replaces the current one
(issue 14); the service refuses it without the confirmation, the screen only asks."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.triage.config_service import RiskAreaRecord
from ui.i18n import install_language
from ui.main_window import MainWindow
from ui.pages.triage_rules import TriageRulesPage

SHOTS = Path(os.environ.get("FS_SHOTS", "/tmp/shots"))
AREAS = [RiskAreaRecord(f"广东省广州市区{i}", "high", None, "hub") for i in range(4)]


def test_a_truncated_list_needs_confirmation(qtbot, qapp, admin_session, clinic_ctx, boxes, monkeypatch,
                                             tmp_path: Path) -> None:
    clinic_ctx.triage_config.replace_risk_areas(admin_session.actor, AREAS, "hub")
    truncated = tmp_path / "truncated.csv"
    truncated.write_text("广东省广州市白云区,高风险\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(truncated), "")))
    window = MainWindow(admin_session, idle_ms=60_000)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    page = window.show_page_of(TriageRulesPage)
    assert isinstance(page, TriageRulesPage)
    assert page.areas.rowCount() == 4 and page.areas.data(page.areas.index(0, 3)) == "County hub"

    boxes.answer = QMessageBox.StandardButton.No
    page.import_button.click()
    assert boxes.calls[-1][0] == "question" and "holds 1 areas; the current list has 4" in boxes.calls[-1][2]
    assert page.areas.rowCount() == 4  # unchanged
    assert "The new risk-area list has 1 areas; the current one has 4" in page.areas_status.text()

    boxes.answer = QMessageBox.StandardButton.Yes
    page.import_button.click()
    assert page.areas.rowCount() == 1 and "Imported 1 areas" in page.areas_status.text()
    assert [a.name for a in clinic_ctx.triage_config.risk_areas()] == ["广东省广州市白云区"]

    clinic_ctx.triage_config.replace_risk_areas(admin_session.actor, AREAS, "hub")
    install_language(qapp, "zh_CN")
    try:
        boxes.answer = QMessageBox.StandardButton.No
        page.reload()
        page.import_button.click()
        assert "当前" in page.areas_status.text() or "4" in page.areas_status.text()
        SHOTS.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(SHOTS / "risk_areas_shrink_refused.png"))
    finally:
        install_language(qapp, "en")
    window.shutdown()
