"""The automatic-submission time on the report page: the sentence shows the time actually set,
whoever may submit reports changes it there (through the service, so it is audited like the CLI
change), and anyone else sees it but has no field to change it."""

from __future__ import annotations

import os
from datetime import time

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QApplication

from app.actor import Actor
from app.errors import PermissionDenied
from ui.i18n import install_language
from ui.pages.report_page import ReportPage
from ui.session import Session


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def open_page(qtbot, session: Session) -> ReportPage:
    page = ReportPage(session)
    qtbot.addWidget(page)
    page.resize(1366, 720)
    page.show()
    page.activated()
    return page


def test_page_shows_the_time_actually_set(qtbot, triage_admin_session):
    triage_admin_session.ctx.reports.set_auto_submit_time(Actor.system(), "07:30")  # as the CLI does
    page = open_page(qtbot, triage_admin_session)
    assert page.auto_at == time(7, 30)
    assert "by 07:30 the next day" in page.explain.text()
    assert "09:00" not in page.explain.text()
    assert page.auto_edit.time() == QTime(7, 30)
    assert page.auto_edit.isVisible() and page.auto_save.isVisible()
    assert not page.auto_save.isEnabled()  # nothing changed yet


def test_admin_changes_the_time_and_it_is_audited(qtbot, triage_admin_session):
    ctx, admin = triage_admin_session.ctx, triage_admin_session.actor
    page = open_page(qtbot, triage_admin_session)
    assert "by 09:00 the next day" in page.explain.text()  # the default
    page.auto_edit.setTime(QTime(10, 15))
    assert page.auto_save.isEnabled()
    qtbot.mouseClick(page.auto_save, Qt.MouseButton.LeftButton)
    assert ctx.reports.auto_submit_time() == time(10, 15)
    assert "by 10:15 the next day" in page.explain.text()
    assert page.auto_error.isHidden() and not page.auto_save.isEnabled()
    newest = ctx.audit.page(admin, offset=0, limit=5)
    entry = next(e for e in newest if e.action == "report.auto_submit_time")
    assert entry.username == "admin" and entry.outcome == "success"
    assert "09:00" in entry.summary and "10:15" in entry.summary

    page.auto_edit.setTime(QTime(10, 15))  # back to the saved value: nothing to save
    assert not page.auto_save.isEnabled()


def test_without_the_permission_the_time_shows_but_cannot_be_changed(qtbot, triage_ctx, doctor_session):
    triage_ctx.reports.set_auto_submit_time(Actor.system(), "08:45")
    page = open_page(qtbot, doctor_session)
    assert "by 08:45 the next day" in page.explain.text()
    assert page.auto_edit.isHidden() and page.auto_save.isHidden() and page.auto_label.isHidden()
    with pytest.raises(PermissionDenied):
        triage_ctx.reports.set_auto_submit_time(doctor_session.actor, "11:00")

    page.auto_save.show()  # were the button reachable, the service refuses and the page says so
    page.auto_edit.setTime(QTime(11, 0))
    page.save_auto_time()
    assert not page.auto_error.isHidden() and "not allowed" in page.auto_error.text()
    assert triage_ctx.reports.auto_submit_time() == time(8, 45)
    assert page.auto_edit.time() == QTime(8, 45)  # shows what is really set


def test_chinese_sentence_carries_the_time(qtbot, qapp, triage_admin_session):
    triage_admin_session.ctx.reports.set_auto_submit_time(Actor.system(), "07:30")
    page = open_page(qtbot, triage_admin_session)
    install_language(qapp, "zh_CN")
    try:
        settle()
        assert "次日 07:30 前" in page.explain.text() and "自动" in page.explain.text()
        assert "自动提交时间" in page.auto_label.text()
        assert page.auto_save.text() == "保存时间"
        if os.environ.get("FEVER_SENTINEL_SCREENSHOT"):
            page.auto_edit.setTime(QTime(8, 0))
            settle()
            page.grab().save(os.environ["FEVER_SENTINEL_SCREENSHOT"])
    finally:
        install_language(qapp, "en")

