"""Daily report, early-warning and county-hub screens: a zero report submitted and corrected, an
alert raised by a scan and acknowledged (its badge clears), the hub status in the status bar."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QApplication

from tests.ui.casework_support import taken_case
from ui.i18n import install_language
from ui.labels import REPORT_COUNT_KEYS, report_count_name
from ui.main_window import MainWindow
from ui.pages.alerts_page import AlertsPage
from ui.pages.report_page import ReportPage


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def test_zero_report_submitted_then_corrected(qtbot, qapp, triage_admin_session, boxes, type_text):
    window = MainWindow(triage_admin_session, idle_ms=60_000)
    qtbot.addWidget(window)
    window.start(maximize=False)
    assert "not set" in window.sync_status.text() and "0 queued" in window.sync_status.text()
    page = window.show_page_of(ReportPage)
    assert isinstance(page, ReportPage)
    assert page.day() == date(2026, 3, 9)  # yesterday, clinic time
    assert page.status_label.text().startswith("Draft")
    assert not page.zero_banner.isHidden()
    shown = page.counts_model.items()  # every count of the day, two a row (down the left, then the right)
    keys = [k for k in REPORT_COUNT_KEYS if k in page.draft.counts]
    assert len(shown) == len(keys) == len(page.draft.counts)
    assert page.counts_model.rowCount() == (len(keys) + 1) // 2
    assert page.counts_model.index(0, 0).data() == "Patients screened at pre-triage"
    assert shown[0] == ("Patients screened at pre-triage", "0")
    assert "Zero report: no new suspected" in page.zero_banner.text()
    assert "Audit anchor" in page.anchor_label.text()

    page.submit_button.click()
    assert boxes.kinds()[-1] == "question" and "ZERO" in boxes.texts()[-1]
    assert page.version_texts() == ["v1"]
    assert "version 1" in page.status_label.text()
    assert not page.submit_button.isEnabled()
    assert "1 queued" in window.sync_status.text() and "not set" in window.sync_status.text()

    page.correct_button.click()  # no note: refused, nothing submitted
    assert not page.note_error.isHidden() and "note" in page.note_error.text()
    assert page.version_texts() == ["v1"]
    type_text(page.note_edit, "补报漏登的一名患者")
    page.correct_button.click()
    assert page.version_texts() == ["v2", "v1"]
    assert page.note_error.isHidden()
    assert page.versions_model.index(0, 4).data() == "补报漏登的一名患者"
    assert "2 queued" in window.sync_status.text()

    page.print_button.click()  # the A4 report of the latest version, in the print preview
    assert page.preview is not None and page.preview.page_count() >= 1
    page.preview.close()

    page.sync_button.click()  # no hub address: said so next to the button
    assert not page.sync_error.isHidden() and "address" in page.sync_error.text()

    install_language(qapp, "zh_CN")
    try:
        settle()
        assert "零报告" in page.zero_banner.text()
        from app.vocabulary.report import REPORT_COUNT

        # on screen in the same words as on paper
        assert [name for name, _n in page.counts_model.items()] == [REPORT_COUNT[k].zh for k in keys]
        assert {k: report_count_name(k) for k in REPORT_COUNT_KEYS} == {k: w.zh for k, w in REPORT_COUNT.items()}
        assert "未设置" in window.sync_status.text() and "2" in window.sync_status.text()
        assert "日报告" in window.page_titles() and "预警" in window.page_titles()
    finally:
        install_language(qapp, "en")
    window.shutdown()


def test_alert_scanned_acknowledged_and_badge_clears(qtbot, qapp, triage_ctx, nurse_session, doctor_session,
                                                     type_text):
    window = MainWindow(doctor_session, idle_ms=60_000)
    qtbot.addWidget(window)
    window.start(maximize=False)
    assert window.alerts_badge.isHidden()
    assert window.sync_status.isHidden()  # a doctor does not submit reports
    doctor = doctor_session.actor
    case = taken_case(triage_ctx, nurse_session.actor, doctor)
    triage_ctx.cases.classify(doctor, case.visit_no, case.version, "suspected")

    page = window.show_page_of(AlertsPage)
    assert isinstance(page, AlertsPage)
    page.scan_button.click()
    assert page.model.rowCount() == 1
    assert page.model.index(0, 0).data() == "Reportable case"
    assert case.visit_no in page.model.index(0, 3).data() and "suspected" in page.model.index(0, 3).data().lower()
    assert not window.alerts_badge.isHidden() and window.alerts_badge.text() == "1 alerts open"

    page.ack_button.click()  # no action: refused
    assert not page.action_error.isHidden()
    assert page.model.rowCount() == 1
    type_text(page.action_edit, "已电话报告乡镇防保所")
    page.ack_button.click()
    assert page.model.rowCount() == 0
    assert window.alerts_badge.isHidden()
    assert triage_ctx.alerts.open_alerts(doctor) == []

    install_language(qapp, "zh_CN")
    try:
        settle()
        assert page.count_label.text() == "暂无未处理预警"
    finally:
        install_language(qapp, "en")
    window.shutdown()
