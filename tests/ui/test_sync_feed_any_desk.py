"""Issue 13: the county hub feed runs on every desk, whoever is logged in (the automatic submission as the
system); its status shows to whoever submits reports; a refused county list is named in the status bar."""

from __future__ import annotations

import os
from datetime import timedelta

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from app.errors import ValidationError
from app.reporting.sync import SyncStatus
from ui.i18n import install_language
from ui.main_window import MainWindow
from ui.sync_feed import SyncSnapshot, sync_status_text


def test_a_nurse_desk_runs_the_feed_and_submits_as_the_system(qtbot, nurse_session, triage_ctx, clock):
    from tests.ui.triage_support import make_visit

    make_visit(triage_ctx, nurse_session.actor)  # a patient screened today
    clock.advance(days=1, minutes=5)  # 09:05 the next day: yesterday's report is overdue
    window = MainWindow(nurse_session, idle_ms=60_000)
    qtbot.addWidget(window)
    window.start()
    assert window.sync_feed is not None and window.sync_feed.snapshot is not None
    assert window.sync_feed.snapshot.auto_submitted == 1
    assert window.sync_status.isHidden()  # the hub link is not the nurse's business on screen
    (report,) = triage_ctx.reports.versions(triage_ctx.users.authenticate("admin", "admin-pass-2026", "x"),
                                            clock.now().date() - timedelta(days=1))
    assert report.automatic and report.submitted_by == "system"
    window.shutdown()


def test_a_refused_county_list_shows_in_the_status_bar(qtbot, qapp, clinic_ctx):
    status = SyncStatus("https://hub.example.gov.cn", 0, 0, None, True)
    error = ValidationError("hub_list_invalid", list="hospitals", item=2, field="kind", reason="unknown")
    text, style = sync_status_text(SyncSnapshot(status, 0, clinic_ctx.clock.now(), error), _zone())
    assert "county list refused" in text and "b3261e" in style
    install_language(qapp, "zh_CN")
    try:
        text, style = sync_status_text(SyncSnapshot(status, 0, clinic_ctx.clock.now(), error), _zone())
        assert "县级名单有误未更新" in text
        from ui.messages import error_text

        sentence = error_text(error)
        assert "定点医院清单第 2 条有误（医院类别）" in sentence and "均未更新" in sentence
        window = QMainWindow()
        qtbot.addWidget(window)
        window.resize(1366, 768)
        label = QLabel(text)
        label.setStyleSheet(style)
        window.statusBar().addPermanentWidget(label)
        window.statusBar().showMessage(sentence)
        window.show()
        QApplication.processEvents()
        assert label.sizeHint().width() <= label.width() + 1
        shots = os.environ.get("FEVER_SENTINEL_SHOTS")
        if shots:
            window.grab().save(os.path.join(shots, "sync_list_refused.png"))
    finally:
        install_language(qapp, "en")


def _zone():
    from zoneinfo import ZoneInfo

    return ZoneInfo("Asia/Shanghai")
