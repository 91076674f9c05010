"""Main window: pages by permission, status bar, log-out; and the whole flow from wizard to log-out."""

from __future__ import annotations

from app.clinic_info import BannerFile, ClinicBanner
from tests.ui.conftest import ADMIN_PASSWORD
from ui.app import GuiFlow
from ui.login import LoginDialog
from ui.main_window import MainWindow
from ui.ops import SyncRunner
from ui.pages.account import AccountPage
from ui.pages.alerts_page import AlertsPage
from ui.pages.report_page import ReportPage
from ui.pages.rules_page import RulesPage
from ui.pages.audit import AuditPage
from ui.pages.deadline_board import DeadlineBoardPage
from ui.pages.handoff_board import HandoffBoardPage
from ui.pages.maintenance import MaintenancePage
from ui.pages.pharmacy import PharmacyPage
from ui.pages.triage_desk import TriageDeskPage
from ui.pages.triage_rules import TriageRulesPage
from ui.pages.users import UsersPage
from ui.pages.visit_list import VisitListPage
from ui.pages.permit_page import PermitsPage
from ui.pages.readiness import StaffTestingPage, StockpilePage
from ui.pages.transfer_admin import TransferAdminPage
from ui.pages.transfer_board import TransferBoardPage
from ui.pages.transfer_history import TransferHistoryPage
from ui.pages.transfer_receive import ReceiveTransferPage
from ui.pages.ward_page import WardsPage
from ui.session import Session


def open_window(qtbot, session: Session) -> MainWindow:
    window = MainWindow(session, idle_ms=60_000)
    qtbot.addWidget(window)
    window.start()
    return window


def test_admin_sees_every_page_and_status(qtbot, admin_session):
    window = open_window(qtbot, admin_session)
    assert [type(p) for p in window.pages] == [DeadlineBoardPage, HandoffBoardPage, AlertsPage, ReportPage, VisitListPage,
                                               TransferBoardPage, TransferHistoryPage, WardsPage, PermitsPage,
                                               StaffTestingPage, StockpilePage, AccountPage, UsersPage, AuditPage,
                                               RulesPage, TriageRulesPage, TransferAdminPage, MaintenancePage]
    assert window.page_titles() == ["Time limits", "Hand-offs", "Early warning", "Daily report", "Screening list",
                                    "Transfer board",
                                    "Transfer records", "Wards and inpatients", "Escort and visitor permits",
                                    "Staff testing", "Stockpile", "My account", "Users", "Responsibility trail", "Rules in force", "Screening rules",
                                    "Transfer settings", "Data maintenance"]
    assert "王敏" in window.user_status.text() and "Administrator" in window.user_status.text()
    assert window.clinic_status.text() == "清水镇卫生院"
    assert "online" in window.online_status.text()
    assert len(window.clock_status.text()) == 5 and window.clock_status.text()[2] == ":"
    window.shutdown()


def test_nurse_lands_on_the_desk_and_sees_her_pages(qtbot, clinic_ctx):
    admin = clinic_ctx.users.authenticate("admin", ADMIN_PASSWORD, "desk")
    clinic_ctx.users.create(admin, username="nurse", full_name="李娜", roles=["triage_nurse"], password="nurse-pass-1")
    nurse = clinic_ctx.users.authenticate("nurse", "nurse-pass-1", "desk")
    session = Session(clinic_ctx, nurse, SyncRunner(), clinic_ctx.clinic.get(), "李娜")
    window = open_window(qtbot, session)
    assert [type(p) for p in window.pages] == [TriageDeskPage, HandoffBoardPage, PharmacyPage, VisitListPage,
                                               TransferBoardPage, TransferHistoryPage, ReceiveTransferPage,
                                               PermitsPage, AccountPage, RulesPage]
    assert window.stack.currentWidget() is window.pages[0]
    window.shutdown()


def test_offline_state_shows(qtbot, admin_session, monkeypatch):
    window = open_window(qtbot, admin_session)
    monkeypatch.setattr(admin_session.ctx.db, "ping", lambda: False)
    window.ping()
    assert "OFFLINE" in window.online_status.text()
    window.shutdown()


def test_change_own_password(qtbot, admin_session, boxes):
    window = open_window(qtbot, admin_session)
    page = window.show_page_of(AccountPage)
    assert isinstance(page, AccountPage)
    qtbot.keyClicks(page.old_password, "not-my-password")
    qtbot.keyClicks(page.new_password, "brand-new-pass")
    qtbot.keyClicks(page.confirm_password, "brand-new-pass")
    page.change_button.click()
    assert page.errors.visible_texts() == ["The current password is wrong."]
    assert page.new_password.text() == "brand-new-pass"
    page.old_password.setText(ADMIN_PASSWORD)
    page.change_button.click()
    assert boxes.kinds() == ["information"]
    assert page.old_password.text() == ""
    admin_session.ctx.users.authenticate("admin", "brand-new-pass", "desk")
    window.shutdown()


def test_flow_wizard_login_main_logout(qtbot, ctx, type_text, tmp_path):
    banner_file = BannerFile(tmp_path / "banner.json", "sqlite:///test")
    flow = GuiFlow(lambda: ctx, ctx.settings, banner_file, SyncRunner(), idle_ms=60_000)
    flow.start()
    wizard = flow.wizard
    assert wizard is not None and wizard.isVisible()
    wizard.demo_choice.setChecked(True)
    wizard.submit.click()
    login = flow.login
    assert isinstance(login, LoginDialog) and login.isVisible() and flow.wizard is None
    assert banner_file.read() == ClinicBanner("DEMO01", "演示镇卫生院", "township", True)  # for the next start
    qtbot.keyClicks(login.username, "admin")
    qtbot.keyClicks(login.password, "demo-2026")
    login.submit.click()
    window = flow.window
    assert isinstance(window, MainWindow) and window.isVisible()
    with qtbot.waitSignal(flow.finished, raising=False, timeout=50) as quit_signal:
        window.logout_action.trigger()
    assert not quit_signal.signal_triggered
    assert flow.window is None and flow.login is not None and flow.login.isVisible()
    with qtbot.waitSignal(flow.finished) as done:
        flow.login.reject()
    assert done.args == [0]

