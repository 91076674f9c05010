"""The main window: navigation of the pages this user may use, session actions, status bar.

Pages appear only if they exist and the user's roles allow them (the services enforce the
same rules; the UI just does not offer what would be refused). Sized for a 1366×768 screen.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QColor, QFont, QFontMetrics, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QStyleOptionViewItem,
    QToolBar,
    QWidget,
)

from app.permissions import Perm
from app.settings import IDLE_LOCK_MINUTES, LANGUAGE
from ui.i18n import current_language, install_language
from ui.idle_lock import IdleLock
from ui.labels import clinic_mode_explanation, clinic_mode_name, role_names
from ui.login import demo_badge
from ui.alert_feed import AlertFeed, AlertSnapshot
from ui.clock_feed import ClockFeed, ClockSnapshot
from ui.handoff_feed import HandoffFeed, HandoffSnapshot
from ui.gate_station import GateStationPage
from ui.pages.account import AccountPage
from ui.pages.alerts_page import AlertsPage
from ui.pages.audit import AuditPage
from ui.pages.deadline_board import DeadlineBoardPage
from ui.pages.fever_clinic import FeverClinicPage
from ui.pages.handoff_board import HandoffBoardPage
from ui.pages.maintenance import MaintenancePage
from ui.pages.pharmacy import PharmacyPage
from ui.pages.report_page import ReportPage
from ui.pages.readiness import StaffTestingPage, StockpilePage
from ui.pages.rules_page import RulesPage
from ui.pages.transfer_admin import TransferAdminPage
from ui.pages.transfer_board import TransferBoardPage
from ui.pages.transfer_history import TransferHistoryPage
from ui.pages.transfer_receive import ReceiveTransferPage
from ui.pages.triage_desk import TriageDeskPage
from ui.pages.triage_rules import TriageRulesPage
from ui.pages.users import UsersPage
from ui.pages.visit_list import VisitListPage
from ui.pages.permit_page import PermitsPage
from ui.pages.ward_page import WardsPage
from ui.session import Session, workstation_name
from ui.settings_dialog import SettingsDialog
from ui.sync_feed import SyncFeed, SyncSnapshot, sync_status_text
from ui.backup_feed import BackupFeed, backup_status_text
from ui.work_counts import (COUNT_ROLE, URGENT_ROLE, BadgeDelegate, WorkBadges, WorkCounts, WorkCountsFeed,
                            landing_row, with_feeds)
from ui.widgets import palette
from ui.widgets.page import Page

PING_INTERVAL_MS = 15_000


def plain(text: str) -> str:
    """Menu text without its mnemonic ("&Lock", "锁屏(&L)") or ellipsis, for toolbar buttons."""
    return re.sub(r"\(&\w\)", "", text).replace("&", "").rstrip("…").strip()

PageFactory = Callable[[Session], Page]
# (permission needed or None for everyone, page class): the navigation order. The desk's daily
# work comes first, so a nurse lands on the screening form and a doctor on the fever clinic.
PAGES: tuple[tuple[Perm | None, PageFactory], ...] = (
    (Perm.GATE, GateStationPage),
    (Perm.TRIAGE, TriageDeskPage),
    (Perm.CASEWORK, FeverClinicPage),
    (Perm.VIEW_CLOCKS, DeadlineBoardPage),
    (Perm.VIEW_PATIENTS, HandoffBoardPage),
    (Perm.VIEW_CLOCKS, AlertsPage),
    (Perm.SUBMIT_REPORTS, ReportPage),
    (Perm.TRIAGE, PharmacyPage),
    (Perm.VIEW_PATIENTS, VisitListPage),
    (Perm.VIEW_PATIENTS, TransferBoardPage),
    (Perm.VIEW_PATIENTS, TransferHistoryPage),
    (Perm.TRANSFER, ReceiveTransferPage),
    (Perm.MANAGE_WARDS, WardsPage),
    (Perm.ISSUE_PERMITS, PermitsPage),
    (Perm.STAFF_TESTING, StaffTestingPage),  # issue 18
    (Perm.STOCKPILE, StockpilePage),
    (None, AccountPage),
    (Perm.MANAGE_USERS, UsersPage),
    (Perm.VIEW_AUDIT, AuditPage),
    (None, RulesPage),  # every user may read the rules in force; an admin changes figures there
    (Perm.MANAGE_CLINIC_SETTINGS, TriageRulesPage),
    (Perm.MANAGE_CLINIC_SETTINGS, TransferAdminPage),
    (Perm.MANAGE_BACKUPS, MaintenancePage),
)


# The sidebar's groups (an admin has 18 pages: one list scrolled at 768 px): a heading above the first page of each.
WORK, WARDS, READINESS, ADMIN = "work", "wards", "readiness", "admin"
GROUP_OF: dict[type, str] = {
    TransferBoardPage: WARDS, TransferHistoryPage: WARDS, ReceiveTransferPage: WARDS, WardsPage: WARDS,
    PermitsPage: WARDS, StaffTestingPage: READINESS, StockpilePage: READINESS, AccountPage: ADMIN, UsersPage: ADMIN,
    AuditPage: ADMIN, RulesPage: ADMIN, TriageRulesPage: ADMIN, TransferAdminPage: ADMIN, MaintenancePage: ADMIN,
}  # every other page: WORK (the desk's daily work, first)
GROUP_ROLE = Qt.ItemDataRole.UserRole + 40  # the heading drawn above a group's first row


class GroupedNavDelegate(BadgeDelegate):
    """A group's heading drawn above its first page, inside that page's row: the rows stay the pages (the
    landing row, the badges, the keyboard), only the first row of a group is taller."""

    @staticmethod
    def _heading_font(option: QStyleOptionViewItem) -> QFont:
        font = QFont(option.font)
        font.setPointSizeF(max(font.pointSizeF() * 0.8, 7.0))
        font.setBold(True)
        return font

    def _heading_height(self, option: QStyleOptionViewItem) -> int:
        return QFontMetrics(self._heading_font(option)).height() + 6

    def sizeHint(self, option: QStyleOptionViewItem, index: Any) -> QSize:
        size = super().sizeHint(option, index)
        if index.data(GROUP_ROLE):
            size.setHeight(size.height() + self._heading_height(option))
        return size

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Any) -> None:
        heading = index.data(GROUP_ROLE)
        if not heading:
            super().paint(painter, option, index)
            return
        height = self._heading_height(option)
        painter.save()
        painter.setFont(self._heading_font(option))
        painter.setPen(QColor(palette.MUTED))  # secondary text, readable: a heading, not a page
        painter.drawText(option.rect.adjusted(6, 0, -4, -(option.rect.height() - height)),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), str(heading))
        painter.restore()
        item = QStyleOptionViewItem(option)
        item.rect = option.rect.adjusted(0, height, 0, 0)
        super().paint(painter, item, index)


class MainWindow(QMainWindow):
    """Emits ``logout_requested`` (back to log-in) and ``quit_requested``."""

    logout_requested = Signal()
    quit_requested = Signal()

    def __init__(self, session: Session, idle_ms: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._leaving = False
        self._pinging = False
        self._relabel_pending = False
        self._desk: object | None = None  # this desk's key as last read, shown again in a new language
        self.settings_dialog: SettingsDialog | None = None
        self.resize(1366, 768)
        self.setMinimumSize(1024, 640)

        self.nav = QListWidget()
        self.nav.setFixedWidth(190)
        self.nav.setStyleSheet("QListWidget { font-size: 11pt; } QListWidget::item { padding: 4px 6px; }")
        # issue 15: each page's waiting work as a count beside it (ui/work_counts.py), red when overdue; issue 18:
        # the pages in groups under headings
        self.nav.setItemDelegate(GroupedNavDelegate(self.nav))
        self.work_feed = WorkCountsFeed(session, self)
        self.work_feed.updated.connect(self._show_work)
        self.work_badges = WorkBadges(session, self)
        self._work: WorkCounts | None = None
        self._landing_pending = False  # True from log-in until the first counts (or the user's first move)
        self.stack = QStackedWidget()
        # One poll of the open hand-offs feeds the board and the overdue badge on every screen.
        self.handoff_feed = HandoffFeed(session, self) if session.can(Perm.VIEW_PATIENTS) else None
        # Likewise one poll of the open deadline clocks feeds the deadline board and its badge.
        self.clock_feed = ClockFeed(session, self) if session.can(Perm.VIEW_CLOCKS) else None
        # The early-warning alerts (scan, then the open ones) feed the alerts page and its badge.
        self.alert_feed = AlertFeed(session, self) if session.can(Perm.VIEW_CLOCKS) else None
        # The county hub: automatic submission, push when reachable, the outbox status — on every desk,
        # whoever is logged in (as the system: ui/sync_feed.py); its status shows to whoever submits reports.
        self.sync_feed = SyncFeed(session, self)
        # This desk's automatic daily backup (ui/backup_feed.py), whoever is logged in; its age in the status bar.
        self.backup_feed = BackupFeed(session, self)
        self.pages: list[Page] = []  # the page contract (ui/widgets/page.py): title(), activated()
        for perm, factory in PAGES:
            if perm is None or session.can(perm):
                page = (HandoffBoardPage(session, feed=self.handoff_feed) if factory is HandoffBoardPage
                        else DeadlineBoardPage(session, feed=self.clock_feed) if factory is DeadlineBoardPage
                        else AlertsPage(session, feed=self.alert_feed) if factory is AlertsPage
                        else ReportPage(session, feed=self.sync_feed) if factory is ReportPage
                        else factory(session))
                self.pages.append(page)
                self.stack.addWidget(page)
                self.nav.addItem(QListWidgetItem())
        self.nav.currentRowChanged.connect(self._show_page)
        for page in self.pages:
            if isinstance(page, MaintenancePage):
                page.restored.connect(self._after_restore)
            if isinstance(page, PharmacyPage):
                page.register_requested.connect(self._register_from_pharmacy)
            if isinstance(page, TriageRulesPage):  # the admin switched refer/treat: show it at once
                page.mode_box.mode_changed.connect(lambda info: self._show_mode(info.mode))
            if isinstance(page, GateStationPage):  # leaving full screen locks: other pages need the password
                page.lock_requested.connect(self._lock_now)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.settings_action = QAction(self)
        self.settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        self.settings_action.triggered.connect(self.open_settings)
        self.lock_action = QAction(self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.logout_action = QAction(self)
        self.logout_action.setShortcut(QKeySequence("Ctrl+Shift+Q"))
        self.logout_action.triggered.connect(self.logout)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.quit)
        self.session_menu = self.menuBar().addMenu("")
        for action in (self.settings_action, self.lock_action, self.logout_action):
            self.session_menu.addAction(action)
        self.session_menu.addSeparator()
        self.session_menu.addAction(self.quit_action)
        self.about_action = QAction(self)  # issue 14: the version, schema, data directory and database
        self.about_action.triggered.connect(self.open_about)
        self.help_menu = self.menuBar().addMenu("")
        self.help_menu.addAction(self.about_action)
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("sessionToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.settings_action, self.lock_action, self.logout_action):
            self.toolbar.addAction(action)
        self.addToolBar(self.toolbar)

        self.user_status = QLabel()
        self.clinic_status = QLabel()
        self.mode_status = QLabel()  # 哨点诊室（转诊）or 发热诊室（接诊）: read at start and with every ping
        self._mode: str | None = None
        self.online_status = QLabel()
        self.clock_status = QLabel()
        bar = self.statusBar()
        bar.addWidget(self.user_status)
        bar.addWidget(self.clinic_status)
        bar.addWidget(self.mode_status)
        if session.clinic.is_demo:
            bar.addWidget(demo_badge())
        self.desk_status = QLabel()  # said once, at start, when this desk's key is not enrolled (app/desk_keys.py)
        self.desk_status.setStyleSheet(f"color: {palette.DANGER}; font-weight: bold;")
        self.desk_status.hide()
        bar.addWidget(self.desk_status)
        self.overdue_badge = QPushButton()
        self.overdue_badge.setFlat(True)
        self.overdue_badge.setCursor(Qt.CursorShape.PointingHandCursor)
        self.overdue_badge.setStyleSheet(f"QPushButton {{ background: {palette.DANGER}; color: white;"
                                         " font-weight: bold; border-radius: 8px; padding: 1px 10px; }")
        self.overdue_badge.clicked.connect(lambda: self.show_page_of(HandoffBoardPage))
        self.overdue_badge.hide()
        self._overdue = 0
        if self.handoff_feed is not None:
            self.handoff_feed.updated.connect(self._show_overdue)
        self.clocks_badge = QPushButton()
        self.clocks_badge.setFlat(True)
        self.clocks_badge.setCursor(Qt.CursorShape.PointingHandCursor)
        self.clocks_badge.setStyleSheet(f"QPushButton {{ background: {palette.DANGER}; color: white; font-weight: bold;"
                                        " border-radius: 8px; padding: 1px 10px; }")
        self.clocks_badge.clicked.connect(lambda: self.show_page_of(DeadlineBoardPage))
        self.clocks_badge.hide()
        self._clocks_overdue = 0
        if self.clock_feed is not None:
            self.clock_feed.updated.connect(self._show_clocks_overdue)
        self.alerts_badge = QPushButton()
        self.alerts_badge.setFlat(True)
        self.alerts_badge.setCursor(Qt.CursorShape.PointingHandCursor)
        self.alerts_badge.setStyleSheet(f"QPushButton {{ background: {palette.DANGER}; color: white; font-weight: bold;"
                                        " border-radius: 8px; padding: 1px 10px; }")
        self.alerts_badge.clicked.connect(lambda: self.show_page_of(AlertsPage))
        self.alerts_badge.hide()
        self._alerts_open = 0
        if self.alert_feed is not None:
            self.alert_feed.updated.connect(self._show_alerts_open)
        self.sync_status = QLabel()
        self.sync_status.setVisible(session.can(Perm.SUBMIT_REPORTS))
        if self.sync_feed is not None:
            self.sync_feed.updated.connect(lambda _s: self._show_sync())
        bar.addPermanentWidget(self.alerts_badge)
        bar.addPermanentWidget(self.clocks_badge)
        bar.addPermanentWidget(self.overdue_badge)
        bar.addPermanentWidget(self.sync_status)
        self.backup_status = QLabel()  # "备份：3 小时前", red when older than 48 h or failing (ui/backup_feed.py)
        self.backup_status.hide()
        self.backup_feed.updated.connect(lambda _s: self._show_backup())
        bar.addPermanentWidget(self.backup_status)
        bar.addPermanentWidget(self.online_status)
        bar.addPermanentWidget(self.clock_status)
        self._online: bool | None = None

        minutes = session.ctx.settings.get(IDLE_LOCK_MINUTES)
        self.idle_lock = IdleLock(session, idle_ms if idle_ms is not None else minutes * 60_000, self)
        self.idle_lock.logout_requested.connect(self.logout)
        self.lock_action.triggered.connect(self.idle_lock.lock)
        self._ping_timer = QTimer(self)
        self._ping_timer.setInterval(PING_INTERVAL_MS)
        self._ping_timer.timeout.connect(self.ping)
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(1000)
        self._clock_timer.timeout.connect(self._tick)

        self.retranslate()
        self._tick()
        self.refresh_mode()
        self.check_desk_key()
        self.nav.setCurrentRow(0)
        self._landing_pending = True  # the first counts may move the user to their most urgent work

    # ----- life cycle -----------------------------------------------------------------------
    def start(self, maximize: bool | None = None) -> None:
        """Show the window and start the idle lock, the database ping and the clock.

        On a small screen (the clinic's usual 1366×768) the window is maximised, so the task
        bar does not cover the status line.
        """
        if maximize is None:
            screen = self.screen().availableGeometry()
            maximize = screen.width() < 1366 + 40 or screen.height() < 768 + 40
        if maximize:
            self.showMaximized()
        else:
            self.show()
        self.idle_lock.start()
        self._ping_timer.start()
        self._clock_timer.start()
        if self.handoff_feed is not None:
            self.handoff_feed.start()
        if self.clock_feed is not None:
            self.clock_feed.start()
        if self.alert_feed is not None:
            self.alert_feed.start()
        if self.sync_feed is not None:
            self.sync_feed.start()
        self.backup_feed.start()
        app = QApplication.instance()
        if self._landing_pending and app is not None:
            app.installEventFilter(self)  # a key or click before the first counts: the user has started here
        self.work_feed.start()
        self.ping()

    def shutdown(self) -> None:
        """Stop timers and the lock; close every window of this session."""
        self._leaving = True
        self._ping_timer.stop()
        self._clock_timer.stop()
        if self.handoff_feed is not None:
            self.handoff_feed.stop()
        if self.clock_feed is not None:
            self.clock_feed.stop()
        if self.alert_feed is not None:
            self.alert_feed.stop()
        if self.sync_feed is not None:
            self.sync_feed.stop()
        self.backup_feed.stop()
        self.work_feed.stop()
        self._stop_landing()
        for page in self.pages:
            if isinstance(page, (DeadlineBoardPage, GateStationPage)):
                page.stop()
        self.idle_lock.stop()
        self.close()

    def _lock_now(self) -> None:
        """The gate left full screen: the other pages need the password again."""
        self.idle_lock.lock()

    def logout(self) -> None:
        self.logout_requested.emit()

    def quit(self) -> None:
        self.quit_requested.emit()

    def _register_from_pharmacy(self, pending: object) -> None:
        desk = self.show_page_of(TriageDeskPage)
        if isinstance(desk, TriageDeskPage):
            desk.start_registration(pending)  # type: ignore[arg-type]

    def _after_restore(self) -> None:
        self.logout_requested.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._leaving:  # the window's close button means quit
            event.ignore()
            self.quit_requested.emit()
            return
        super().closeEvent(event)

    # ----- pages ----------------------------------------------------------------------------
    def page_titles(self) -> list[str]:
        return [self.nav.item(i).text() for i in range(self.nav.count())]

    def show_page_of(self, kind: type[QWidget]) -> QWidget | None:
        for row, page in enumerate(self.pages):
            if isinstance(page, kind):
                self.nav.setCurrentRow(row)
                return page
        return None

    def _show_page(self, row: int) -> None:
        self._stop_landing()  # the user (or a badge, or the landing itself) chose a page
        if 0 <= row < len(self.pages):
            self.stack.setCurrentIndex(row)
            self.pages[row].activated()

    # ----- my work (issue 15) ----------------------------------------------------------------
    def _stop_landing(self) -> None:
        if self._landing_pending:
            self._landing_pending = False
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._landing_pending and event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress):
            self._stop_landing()
        return super().eventFilter(watched, event)

    def _show_work(self, counts: WorkCounts) -> None:
        self._work = counts
        self._show_work_badges()
        if self._landing_pending:  # just logged in: land on the most urgent work
            self._stop_landing()
            row = landing_row(self.pages, counts)
            if row != self.nav.currentRow():
                self.nav.setCurrentRow(row)

    def work_counts(self) -> WorkCounts | None:
        """The counts the sidebar shows: the counts read, with the fresher numbers of the window's feeds."""
        handoffs = self.handoff_feed.snapshot if self.handoff_feed is not None else None
        return with_feeds(
            self._work,
            on_the_way=(len(handoffs.open), len(handoffs.overdue())) if handoffs is not None else None,
            clocks_overdue=self._clocks_overdue if self.clock_feed is not None and self.clock_feed.snapshot else None,
            alerts_open=self._alerts_open if self.alert_feed is not None and self.alert_feed.snapshot else None)

    def _show_work_badges(self) -> None:
        if not hasattr(self, "work_badges"):
            return
        counts = self.work_counts()
        for row, page in enumerate(self.pages):
            item = self.nav.item(row)
            badge = self.work_badges.badge(page, counts) if counts is not None else None
            item.setData(COUNT_ROLE, badge.count if badge else 0)
            item.setData(URGENT_ROLE, bool(badge and badge.urgent))
            item.setToolTip(badge.tip if badge else "")
            title = page.title()
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{title} ({badge.count})" if badge else title)

    def nav_badges(self) -> dict[str, tuple[int, bool]]:
        """{page title: (count, red)} for the pages showing a count."""
        found: dict[str, tuple[int, bool]] = {}
        for row, page in enumerate(self.pages):
            item = self.nav.item(row)
            count = int(item.data(COUNT_ROLE) or 0)
            if count:
                found[page.title()] = (count, bool(item.data(URGENT_ROLE)))
        return found

    # ----- language -------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if not self._relabel_pending:  # one re-read for the several events a switch sends
                self._relabel_pending = True
                QTimer.singleShot(0, self._relabel_current_page)
        super().changeEvent(event)

    def _relabel_current_page(self) -> None:
        """After a language switch: the page in view re-reads its data, so words built from it ("Read at…",
        counts) change too (the other pages do on being shown); typed values stay (retranslate() is in place)."""
        self._relabel_pending = False
        row = self.nav.currentRow()
        if not self._leaving and 0 <= row < len(self.pages):
            self.pages[row].activated()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Fever Sentinel — {clinic}").format(clinic=self.session.clinic.name))
        headings = {WORK: self.tr("Daily work"), WARDS: self.tr("Transfers and wards"),
                    READINESS: self.tr("Readiness"), ADMIN: self.tr("Administration")}
        previous = None
        for row, page in enumerate(self.pages):
            group = GROUP_OF.get(type(page), WORK)
            self.nav.item(row).setText(page.title())
            self.nav.item(row).setData(GROUP_ROLE, headings[group] if group != previous else None)
            previous = group
        self.session_menu.setTitle(self.tr("&Session"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.lock_action.setText(self.tr("&Lock now"))
        self.logout_action.setText(self.tr("Log &out"))
        self.quit_action.setText(self.tr("&Quit"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About Fever Sentinel…"))
        self.toolbar.setWindowTitle(self.tr("Session"))
        for action in (self.settings_action, self.lock_action, self.logout_action):
            action.setIconText(plain(action.text()))
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{plain(action.text())} ({keys})" if keys else plain(action.text()))
        self.user_status.setText(self.tr("{name} ({roles})").format(
            name=self.session.full_name, roles=role_names(self.session.actor.roles)))
        self.clinic_status.setText(self.session.clinic.name)
        self._show_mode(self._mode)
        self._show_online()
        self._show_overdue_count()
        self._show_clocks_count()
        self._show_alerts_count()
        self._show_work_badges()
        self._show_sync()
        self._show_backup()
        if self._desk is not None:
            self._show_desk_key(self._desk)

    # ----- status bar -----------------------------------------------------------------------
    def _show_backup(self) -> None:
        if not hasattr(self, "backup_status"):
            return
        text, style = backup_status_text(self.backup_feed.snapshot, self.session.ctx.clock.now())
        self.backup_status.setText(text)
        self.backup_status.setStyleSheet(style)
        self.backup_status.setVisible(bool(text))

    def check_desk_key(self) -> None:
        """Register this desk's key at first start; say so in the status bar if it is not enrolled."""
        desks, workstation = self.session.ctx.desk_keys, self.session.actor.workstation
        self.session.runner.run(lambda: desks.this_desk(workstation), self._show_desk_key, lambda _exc: None,
                                parent=self)

    def _show_desk_key(self, desk: object) -> None:
        self._desk = desk
        state = getattr(desk, "state", "enrolled")
        self.desk_status.setVisible(state != "enrolled")
        if state == "revoked":
            self.desk_status.setText(self.tr("This desk's key is revoked: it signs nothing"))
        elif state != "enrolled":
            self.desk_status.setText(self.tr("This desk is not enrolled: ask the administrator to enrol it (Data maintenance page)"))
        self.desk_status.setToolTip(self.tr("Key {key}: permits, transfer forms and reports are signed only by "
                                            "an enrolled desk.").format(key=getattr(desk, "key_id", "")))

    def refresh_mode(self) -> None:
        """The clinic mode as stored now (an admin at another desk may have changed it)."""
        self.session.runner.run(self.session.ctx.clinic.mode, lambda info: self._show_mode(info.mode),
                                lambda _exc: None, parent=self)

    def _show_mode(self, mode: str | None) -> None:
        self._mode = mode
        self.mode_status.setVisible(mode is not None)
        if mode is None:
            return
        self.mode_status.setText(clinic_mode_name(mode))
        self.mode_status.setToolTip(clinic_mode_explanation(mode))
        color = palette.WARNING if mode == "refer" else palette.INFO
        self.mode_status.setStyleSheet(f"color: {color}; font-weight: bold; border: 1px solid {color};"
                                       " border-radius: 6px; padding: 0 6px;")

    def ping(self) -> None:
        self.refresh_mode()
        if self._pinging:
            return
        self._pinging = True
        db = self.session.ctx.db
        self.session.runner.run(db.ping, self._pinged, lambda _exc: self._pinged(False), parent=self)

    def _pinged(self, ok: bool) -> None:
        self._pinging = False
        self._online = bool(ok)
        self._show_online()

    def _show_online(self) -> None:
        if self._online is None:
            self.online_status.setText("")
        elif self._online:
            self.online_status.setText(self.tr("● Database online"))
            self.online_status.setStyleSheet(f"color: {palette.OK};")
        else:
            self.online_status.setText(self.tr("● Database OFFLINE"))
            self.online_status.setStyleSheet(f"color: {palette.DANGER}; font-weight: bold;")

    def _show_overdue(self, snapshot: HandoffSnapshot) -> None:
        self._overdue = len(snapshot.overdue())
        self._show_overdue_count()

    def _show_overdue_count(self) -> None:
        self.overdue_badge.setText(self.tr("{count} overdue hand-offs").format(count=self._overdue))
        self.overdue_badge.setToolTip(self.tr("Patients sent to the fever clinic and not received in time. "
                                              "Click to open the hand-off board."))
        self.overdue_badge.setVisible(self._overdue > 0)
        self._show_work_badges()

    def _show_clocks_overdue(self, _snapshot: ClockSnapshot | None = None) -> None:
        if self.clock_feed is not None:
            self._clocks_overdue = self.clock_feed.overdue_now()
        self._show_clocks_count()

    def _show_clocks_count(self) -> None:
        self.clocks_badge.setText(self.tr("{count} time limits overdue").format(count=self._clocks_overdue))
        self.clocks_badge.setToolTip(self.tr("Reports, investigations or test results past their time limit. "
                                             "Click to open the time-limit board."))
        self.clocks_badge.setVisible(self._clocks_overdue > 0)
        self._show_work_badges()

    def _show_alerts_open(self, _snapshot: AlertSnapshot | None = None) -> None:
        if self.alert_feed is not None:
            self._alerts_open = self.alert_feed.open_count()
        self._show_alerts_count()

    def _show_alerts_count(self) -> None:
        self.alerts_badge.setText(self.tr("{count} alerts open").format(count=self._alerts_open))
        self.alerts_badge.setToolTip(self.tr("Early-warning alerts nobody has acknowledged yet. "
                                             "Click to open the early-warning page."))
        self.alerts_badge.setVisible(self._alerts_open > 0)
        self._show_work_badges()

    def _show_sync(self, _snapshot: SyncSnapshot | None = None) -> None:
        if self.sync_feed is None:
            return
        text, style = sync_status_text(self.sync_feed.snapshot, self.session.zone)
        self.sync_status.setText(text)
        self.sync_status.setStyleSheet(style)

    def _tick(self) -> None:
        now = self.session.ctx.clock.now().astimezone(self.session.zone)
        self.clock_status.setText(now.strftime("%H:%M"))
        if self.clock_feed is not None and self.clock_feed.snapshot is not None:
            overdue = self.clock_feed.overdue_now()  # between polls: count down locally
            if overdue != self._clocks_overdue:
                self._clocks_overdue = overdue
                self._show_clocks_count()

    # ----- settings -------------------------------------------------------------------------
    def open_about(self) -> None:
        from ui.about import AboutDialog

        AboutDialog(self.session, self).exec()

    def open_settings(self) -> None:
        if self.settings_dialog is not None:
            self.settings_dialog.deleteLater()
        dialog = SettingsDialog(self.session, self)
        dialog.saved.connect(self.apply_settings)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.settings_dialog = dialog
        dialog.show()

    def apply_settings(self) -> None:
        settings = self.session.ctx.settings
        lang = settings.get(LANGUAGE)
        if lang != current_language():
            app = QApplication.instance()
            if app is not None:
                install_language(app, lang)
        self.idle_lock.set_timeout_ms(settings.get(IDLE_LOCK_MINUTES) * 60_000)
        workstation = workstation_name(settings)
        if workstation != self.session.actor.workstation:
            self.session.actor = dataclasses.replace(self.session.actor, workstation=workstation)
