"""The case window as one widget per tab (issue 15): each tab is its own widget that asks the dialog for a
write by a signal and shows the record the dialog hands back; a bad travel date is refused on its own tab;
another doctor's case is read-only on every tab; a language switch re-translates every tab."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableWidgetItem, QWidget

from app.casework.records import CaseRecord
from tests.ui.casework_support import night_session, settle, taken_case
from ui.i18n import install_language
from ui.pages.case.classify_tab import ClassifyTab
from ui.pages.case.clocks_tab import ClocksTab
from ui.pages.case.interview_tab import InterviewTab
from ui.pages.case.observation_tab import ObservationTab
from ui.ops import SyncRunner
from ui.pages.case_page import CaseDialog
from ui.session import Session
from ui.widgets.palette import BAD_STYLE

Typer = Callable[[QWidget, str], None]


def open_dialog(qtbot: Any, session: Session, case: CaseRecord) -> CaseDialog:
    dialog = CaseDialog(session, case)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    return dialog


def test_each_tab_is_a_widget_that_asks_the_dialog(qtbot: Any, doctor_session: Session, nurse_session: Session,
                                                  type_text: Typer) -> None:
    ctx = doctor_session.ctx
    case = taken_case(ctx, nurse_session.actor, doctor_session.actor)
    dialog = open_dialog(qtbot, doctor_session, case)
    kinds = [type(dialog.tabs.widget(i)) for i in range(dialog.tabs.count())]
    assert kinds == [InterviewTab, ClassifyTab, ObservationTab, ClocksTab]

    type_text(dialog.interview.findings, "咽部充血")
    dialog.interview.save_interview_button.click()  # the tab asks, the dialog writes
    assert "saved" in dialog.message.text()
    assert ctx.cases.get(doctor_session.actor, case.visit_no).findings == "咽部充血"

    dialog.tabs.setCurrentIndex(2)
    type_text(dialog.observation.room, "留观2室")
    type_text(dialog.observation.bed, "5床")
    dialog.observation.observe_button.click()
    saved = ctx.cases.get(doctor_session.actor, case.visit_no)
    assert (saved.observation_room, saved.observation_bed) == ("留观2室", "5床")
    assert dialog.header.observation_label.text() == "Observation: 留观2室 5床"  # the header shows the fresh record
    assert dialog.observation.observation_since.text().startswith("since ")


def test_a_travel_date_that_does_not_read_is_refused_on_the_interview_tab(qtbot: Any, doctor_session: Session,
                                                                         nurse_session: Session) -> None:
    ctx = doctor_session.ctx
    case = taken_case(ctx, nurse_session.actor, doctor_session.actor)
    dialog = open_dialog(qtbot, doctor_session, case)
    travel = dialog.interview.travel
    dialog.interview.add_travel_row("广州白云")
    dialog.interview.add_travel_row("武汉")
    travel.setItem(1, 1, QTableWidgetItem("2026-13-45"))
    dialog.tabs.setCurrentIndex(3)
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.tabs.currentIndex() == 0
    assert (travel.currentRow(), travel.currentColumn()) == (1, 1)
    assert dialog.message.text() and dialog.message.styleSheet() == BAD_STYLE
    assert ctx.cases.get(doctor_session.actor, case.visit_no).version == case.version  # nothing written


def test_another_doctors_case_is_read_only_on_every_tab(qtbot: Any, doctor_session: Session, nurse_session: Session,
                                                       runner: SyncRunner) -> None:
    ctx = doctor_session.ctx
    case = taken_case(ctx, nurse_session.actor, doctor_session.actor)
    dialog = open_dialog(qtbot, night_session(ctx, runner), case)
    assert "Read only" in dialog.header.banner.text()
    for button in (dialog.interview.save_interview_button, dialog.classify_tab.classify_button,
                   dialog.classify_tab.report_button, dialog.observation.observe_button,
                   dialog.observation.order_button, dialog.handover_button, dialog.dispose_button):
        assert not button.isEnabled(), button.text()
    dialog.interview.save_asked.emit()  # even when asked, the dialog writes nothing for a reader
    assert ctx.cases.get(doctor_session.actor, case.visit_no).version == case.version


def test_a_language_switch_retranslates_every_tab(qtbot: Any, qapp: QApplication, doctor_session: Session,
                                                  nurse_session: Session) -> None:
    case = taken_case(doctor_session.ctx, nurse_session.actor, doctor_session.actor)
    dialog = open_dialog(qtbot, doctor_session, case)
    assert dialog.interview.save_interview_button.text() == "&Save interview (Ctrl+S)"
    install_language(qapp, "zh_CN")
    try:
        settle()
        assert dialog.tabs.tabText(0) == "流调与诊查(&I)"
        assert dialog.interview.save_interview_button.text().startswith("保存流调")
        assert dialog.classify_tab.class_group.title() == "病例诊断分类"
        assert dialog.observation.order_button.text().startswith("开具检测")
        assert dialog.tabs.tabText(3).startswith("时限")
        assert dialog.clocks.clocks_model.headerData(0, Qt.Orientation.Horizontal) == "时限"
        assert dialog.close_button.text() == "关闭"
    finally:
        install_language(qapp, "en")
