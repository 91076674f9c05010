"""The case window fits the clinic's usual screen, 1366×768 less the taskbar (1366×728): its height is capped
to the screen's available area, the content scrolls and the action row stays in view."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QPoint, QRect

from tests.ui.casework_support import settle, taken_case
from ui.pages.case_page import CaseDialog

SHOTS = Path(os.environ.get("FEVER_SENTINEL_SHOTS", "/tmp/shots"))
SCREEN = QRect(0, 0, 1366, 728)  # 1366×768 less a 40 px taskbar


def positive_case(session, nurse, clock):  # type: ignore[no-untyped-def]
    """A case with the tallest header: the red positive banner, and a pending approval."""
    ctx, doctor = session.ctx, session.actor
    case = taken_case(ctx, nurse.actor, doctor)
    ctx.cases.start_observation(doctor, case.visit_no, "留观1室", "2床")
    case = ctx.cases.order_test(doctor, case.visit_no, "nucleic_acid", "fever_clinic", clock.now())
    test = case.tests[-1]
    clock.advance(hours=3)
    ctx.cases.record_result(doctor, test.id, test.version, result="positive", result_at=clock.now(),
                            lab="县疾控中心实验室", ct_value=28.5)
    return ctx.cases.get(doctor, case.visit_no)


def test_the_case_window_fits_1366x728_with_the_actions_in_view(qtbot, qapp, monkeypatch, doctor_session,
                                                                 nurse_session, clock):
    from ui.i18n import install_language

    monkeypatch.setattr("ui.pages.case_page.screen_area", lambda _widget: QRect(SCREEN))
    case = positive_case(doctor_session, nurse_session, clock)
    install_language(qapp, "zh_CN")
    try:
        dialog = CaseDialog(doctor_session, case)
        qtbot.addWidget(dialog)
        dialog.show()
        settle()
        assert dialog.header.positive_frame.isVisible()
        assert dialog.natural_height() > SCREEN.height()  # at its preferred size it is taller than the screen
        assert dialog.frameGeometry().height() <= SCREEN.height()
        assert dialog.frameGeometry().width() <= SCREEN.width()
        assert SCREEN.contains(dialog.frameGeometry())
        # the tabs shrink to what their pages need before anything scrolls; nothing is cut off
        assert dialog.tabs.height() >= dialog.tabs.minimumSizeHint().height()
        bar = dialog.scroll_area.verticalScrollBar()
        assert dialog.content.height() <= dialog.scroll_area.viewport().height() + bar.maximum()
        for button in (dialog.close_button, dialog.transfer_button, dialog.dispose_button):  # pinned, in view
            assert button.isVisible()
            assert button.mapTo(dialog, QPoint(0, button.height())).y() <= dialog.height()
        SHOTS.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(SHOTS / "case_window_1366x728.png"))
    finally:
        install_language(qapp, "en")


def test_on_a_smaller_screen_the_content_scrolls_and_the_actions_stay(qtbot, monkeypatch, doctor_session,
                                                                      nurse_session, clock):
    small = QRect(0, 0, 1024, 560)
    monkeypatch.setattr("ui.pages.case_page.screen_area", lambda _widget: QRect(small))
    case = positive_case(doctor_session, nurse_session, clock)
    dialog = CaseDialog(doctor_session, case)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    assert dialog.frameGeometry().height() <= small.height() and dialog.frameGeometry().width() <= small.width()
    bar = dialog.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0  # the content scrolls
    for scrolled in (0, bar.maximum()):
        bar.setValue(scrolled)
        settle()
        assert dialog.close_button.isVisible()
        assert dialog.close_button.mapTo(dialog, QPoint(0, dialog.close_button.height())).y() <= dialog.height()


def test_a_short_case_is_not_stretched_beyond_what_it_needs(qtbot, monkeypatch, doctor_session, nurse_session):
    monkeypatch.setattr("ui.pages.case_page.screen_area", lambda _widget: QRect(0, 0, 1920, 1040))
    case = taken_case(doctor_session.ctx, nurse_session.actor, doctor_session.actor)
    dialog = CaseDialog(doctor_session, case)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    assert dialog.height() >= min(dialog.natural_height(), 1040) - 1
    assert dialog.frameGeometry().height() <= 1040
