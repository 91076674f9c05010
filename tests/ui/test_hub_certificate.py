"""The county hub's CA certificate on the report page: chosen with Browse…, checked, kept for the
clinic; a hub whose certificate this computer does not trust is named as such (not "offline"),
next to "Sync now" and in the status bar, in both languages, and the report stays queued."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog

from app.actor import Actor
from tests.reporting.tls import HandshakeOnly, TestCA
from ui.i18n import install_language
from ui.main_window import MainWindow
from ui.pages.report_page import ReportPage


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


@pytest.fixture
def county_ca(tmp_path: Path) -> TestCA:
    return TestCA(tmp_path / "pki")


def open_report_page(qtbot, session) -> tuple[MainWindow, ReportPage]:
    window = MainWindow(session, idle_ms=60_000)
    qtbot.addWidget(window)
    window.start(maximize=False)
    page = window.show_page_of(ReportPage)
    assert isinstance(page, ReportPage)
    return window, page


def test_ca_certificate_chosen_saved_and_shown(qtbot, triage_admin_session, county_ca, monkeypatch, tmp_path):
    window, page = open_report_page(qtbot, triage_admin_session)
    assert page.ca_edit.isVisibleTo(page) and page.ca_browse.isVisibleTo(page)
    assert page.ca_edit.text() == "" and "No CA certificate set" in page.ca_info.text()

    junk = tmp_path / "notes.pem"
    junk.write_text("not a certificate", encoding="utf-8")
    asked: list[str] = []

    def choose(_parent, title, _start, filters):
        asked.append(f"{title}|{filters}")
        return str(junk), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(choose))
    page.ca_browse.click()
    assert asked and "*.cer" in asked[0] and page.ca_edit.text() == str(junk)
    page.ca_save.click()
    assert not page.ca_error.isHidden() and "not a certificate" in page.ca_error.text()
    assert triage_admin_session.ctx.sync.hub_ca() is None

    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *_a: (str(county_ca.der_file()), "")))
    page.ca_browse.click()
    page.ca_save.click()
    assert page.ca_error.isHidden()
    stored = triage_admin_session.ctx.sync.hub_ca()
    assert stored is not None and stored.file == str(county_ca.der_file())
    assert "Test County Root CA" in page.ca_info.text() and stored.sha256[:16] in page.ca_info.text()

    again = ReportPage(triage_admin_session)  # another time, another desk: read from the clinic's database
    qtbot.addWidget(again)
    again.activated()
    assert again.ca_edit.text() == stored.file and "Test County Root CA" in again.ca_info.text()

    page.ca_edit.clear()  # empty: back to the usual authorities
    page.ca_save.click()
    assert triage_admin_session.ctx.sync.hub_ca() is None and "No CA certificate set" in page.ca_info.text()
    window.shutdown()


def test_untrusted_hub_is_named_and_the_report_stays_queued(qtbot, qapp, triage_admin_session, county_ca):
    ctx, actor = triage_admin_session.ctx, triage_admin_session.actor
    pair = county_ca.issue("hub")
    stub = HandshakeOnly(pair.cert, pair.key)  # a real TLS handshake with the county-signed certificate
    try:
        ctx.sync.set_hub_url(actor, stub.url)
        ctx.reports.submit(Actor.system(), date(2026, 3, 9))
        window, page = open_report_page(qtbot, triage_admin_session)
        page.sync_button.click()
        settle()
        assert not page.sync_error.isHidden()
        assert "not trusted on this computer" in page.sync_error.text()
        assert "CA (root) certificate" in page.sync_error.text() and "stay queued" in page.sync_error.text()
        assert "offline" not in window.sync_status.text() and "certificate problem" in window.sync_status.text()
        assert "1 queued" in window.sync_status.text() and ctx.sync.status().pending == 1
        install_language(qapp, "zh_CN")
        try:
            settle()
            page._show_sync()
            assert "根证书" in page.sync_error.text() and "队列" in page.sync_error.text()
            assert "证书" in window.sync_status.text()
            assert "根证书" in page.ca_label.text() or "证书" in page.ca_label.text()
        finally:
            install_language(qapp, "en")
        window.shutdown()
    finally:
        stub.close()
