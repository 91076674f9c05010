"""The rules page (规则与时限): every user reads the rules in force with their source and figures; only an
administrator changes a figure (and sees it at once); a stale save says so and shows what is in force."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QSpinBox

from app.casework.figures import CaseworkFigures
from app.guideline_rules import RULES, GuidelineRulesService
from ui.i18n import install_language
from ui.labels import figure_name, rule_area_name, rule_name
from ui.main_window import MainWindow
from ui.pages.rules_page import RulesModel, RulesPage

SHOTS = Path("/tmp/shots")


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def open_page(qtbot, session) -> tuple[MainWindow, RulesPage]:
    window = MainWindow(session, idle_ms=60_000)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.start(maximize=False)
    page = window.show_page_of(RulesPage)
    assert isinstance(page, RulesPage)
    return window, page


def row_of(page: RulesPage, rule_id: str) -> int:
    return next(i for i, r in enumerate(page.model.rows()) if r.id == rule_id)


def test_every_rule_and_figure_has_words() -> None:
    for rule in RULES:
        assert rule_name(rule.id) != rule.id, rule.id
        assert rule_area_name(rule.area) != rule.area.value
        for ref in rule.figures:
            key, name = ref.split(":")
            assert figure_name(key, name) != name, ref


def test_a_nurse_reads_the_rules_but_cannot_change_a_figure(qtbot, qapp, nurse_session) -> None:
    window, page = open_page(qtbot, nurse_session)
    assert "Rules in force" in window.page_titles()
    assert page.model.rowCount() == len(RULES)
    row = row_of(page, "clinic.first_diagnosis")
    assert page.model.index(row, RulesModel.SOURCE).data() == "“不得推诿任何患者”"
    assert "10 minutes" in page.model.index(row, RulesModel.FIGURES).data()
    assert "Only an administrator" in page.explain.text()
    page.select_rule("clinic.first_diagnosis")
    assert page.editors == {} and page.save_button.isHidden()
    assert page.findChildren(QSpinBox) == []
    refer = page.model.index(row_of(page, "clinic.tests_and_observation"), RulesModel.RULE).data()
    assert "not in this clinic mode" in refer  # a township clinic refers (sentinel room)
    install_language(qapp, "zh_CN")
    try:
        settle()
        assert "规则与时限" in window.page_titles()
        assert "10 分钟" in page.model.index(row, RulesModel.FIGURES).data()
    finally:
        install_language(qapp, "en")
    window.shutdown()


def test_an_admin_changes_a_figure_and_sees_it(qtbot, qapp, triage_admin_session, triage_ctx) -> None:
    window, page = open_page(qtbot, triage_admin_session)
    page.select_rule("clinic.first_diagnosis")
    editor = page.editors[(CaseworkFigures.KEY, "untaken_minutes")]
    assert (editor.minimum(), editor.maximum(), editor.value()) == (1, 120, 10)
    editor.setValue(15)
    page.save_button.click()
    assert "Saved" in page.notice.text()
    row = row_of(page, "clinic.first_diagnosis")
    assert "15 minutes" in page.model.index(row, RulesModel.FIGURES).data()
    assert page.editors[(CaseworkFigures.KEY, "untaken_minutes")].value() == 15
    service = GuidelineRulesService(triage_ctx.db, triage_ctx.clock)
    assert service.in_force().figure("casework.figures:untaken_minutes").value == 15

    page.select_rule("triage.travel_window")  # the screening figures keep their own page
    assert page.editors == {} and not page.save_button.isEnabled()

    # another desk saves first: the page says so and shows what is in force now
    page.select_rule("clinic.report_cases")
    service.update_figures(triage_admin_session.actor, CaseworkFigures.KEY, {"report_hours": 3},
                           service.in_force().figure("casework.figures:report_hours").version)
    page.editors[(CaseworkFigures.KEY, "report_hours")].setValue(4)
    page.save_button.click()
    assert "Another desk changed" in page.notice.text()
    assert page.editors[(CaseworkFigures.KEY, "report_hours")].value() == 3
    assert service.in_force().figure("casework.figures:report_hours").value == 3

    install_language(qapp, "zh_CN")
    try:
        settle()
        page.select_rule("clinic.report_cases")
        settle()
        SHOTS.mkdir(exist_ok=True)
        assert window.grab().save(str(SHOTS / "rules-page-admin-zh.png"))
    finally:
        install_language(qapp, "en")
    window.shutdown()
