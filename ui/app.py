"""GUI entry point and the session flow: first-run wizard → log-in → main window → log-out → log-in.

``run_gui`` is what the command line's default command calls. The flow object owns which
top-level window is showing; windows only emit signals, so each can be tested on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING

import gc
import logging
import os
import sys
import time

from PySide6.QtCore import QCoreApplication, QMessageLogContext, QObject, QtMsgType, QTimer, Signal, \
    qInstallMessageHandler
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from app.clinic_info import BannerFile, ClinicBanner, ClinicInfo
from app.errors import FeverSentinelError
from app.paths import DataPaths, resolve_db_url
from app.resources import CJK_FONT_BOLD, CJK_FONT_REGULAR, resource_path
from app.settings import LANGUAGE, SettingsStore
from ui.forms import describe
from ui.i18n import install_language
from ui.login import LoginDialog
from ui.messages import error_title
from ui.ops import Runner, ThreadRunner
from ui.session import Session

if TYPE_CHECKING:  # the database stack loads on the worker thread, behind the log-in window
    from app.context import AppContext
    from ui.main_window import MainWindow
    from ui.setup_wizard import SetupWizard

log = logging.getLogger(__name__)
ICON = ("icons", "fever-sentinel.svg")
# Hidden, for measuring start-up: with this set to 1 the app prints "ready <unix time>" as soon as the login
# dialog is shown and the event loop is idle, then "database <unix time>" once it is open, and quits
# (see packaging/README.md).
EXIT_WHEN_READY = "FEVER_SENTINEL_EXIT_WHEN_READY"


def register_fonts(app: QApplication) -> str | None:
    """Ship the CJK font: the workstation may have none, and Chinese would draw as boxes."""
    family: str | None = None
    for parts in (CJK_FONT_REGULAR, CJK_FONT_BOLD):
        try:
            font_id = QFontDatabase.addApplicationFont(str(resource_path(*parts)))
        except FileNotFoundError:
            log.exception("font missing")
            continue
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = family or (families[0] if families else None)
    if family:
        font = QFont(family)
        font.setPointSizeF(max(app.font().pointSizeF(), 10.0))
        app.setFont(font)
    return family


def app_icon() -> QIcon:
    try:
        return QIcon(str(resource_path(*ICON)))
    except FileNotFoundError:
        log.exception("icon missing")
        return QIcon()


class GuiFlow(QObject):
    """Decides which top-level window shows; emits ``finished(exit_code)`` when the user quits.

    Start-up: with a clinic banner saved by an earlier start, the log-in window shows at once and the
    database opens behind it on the worker thread (importing SQLAlchemy and opening the file take longer
    than showing the window); a log-in submitted before then waits for it on the worker. Without a banner
    (the first start) the database opens first and decides: set-up wizard or log-in.
    """

    finished = Signal(int)
    database_ready = Signal()

    def __init__(self, open_context: Callable[[], AppContext], settings: SettingsStore, banner_file: BannerFile,
                 runner: Runner, *, idle_ms: int | None = None) -> None:
        super().__init__()
        self._open_context = open_context
        self.settings = settings
        self.banner_file = banner_file
        self.runner = runner
        self.idle_ms = idle_ms
        self._ctx: Future[AppContext] = Future()
        self.ctx: AppContext | None = None
        self.wizard: SetupWizard | None = None
        self.login: LoginDialog | None = None
        self.window: MainWindow | None = None

    def start(self) -> None:
        banner = self.banner_file.read()
        if banner is not None:
            self._show_login(banner)
        self.runner.run(self._open, self._opened, self._fatal)

    def retry(self) -> None:
        """Open the database again (after 重试: the server may be back)."""
        self._ctx = Future()
        self.start()

    def _open(self) -> tuple[AppContext, ClinicInfo | None]:
        """Worker thread: open (and migrate) the database; the clinic, if it has one yet."""
        try:
            ctx = self._open_context()
        except BaseException as exc:
            self._ctx.set_exception(exc)  # a log-in waiting for the database gets the error too
            raise
        self._ctx.set_result(ctx)
        return ctx, (self._read_clinic(ctx) if ctx.clinic.is_initialized() else None)

    def _read_clinic(self, ctx: AppContext) -> ClinicInfo:
        clinic = ctx.clinic.get()
        self.banner_file.save(clinic.banner())
        return clinic

    def _opened(self, result: tuple[AppContext, ClinicInfo | None]) -> None:
        gc.enable()  # start-up is over (ui/launcher.py turned the collector off for it)
        self.ctx, clinic = result
        self.database_ready.emit()
        if clinic is None:
            self._close_login()
            self.show_wizard()
        elif self.login is not None:
            self.login.set_banner(clinic.banner())  # the database has the last word on name and demo mark
        else:
            self._show_login(clinic.banner())

    def show_wizard(self) -> None:
        from ui.setup_wizard import SetupWizard  # first start only

        assert self.ctx is not None
        self.wizard = SetupWizard(self.ctx, self.runner)
        self.wizard.completed.connect(lambda _demo: self.show_login())
        self.wizard.rejected.connect(lambda: self.finished.emit(0))
        self.wizard.show()

    def show_login(self) -> None:
        ctx = self.ctx
        assert ctx is not None
        self.runner.run(lambda: self._read_clinic(ctx), lambda clinic: self._show_login(clinic.banner()),
                        self._fatal)

    def _show_login(self, banner: ClinicBanner) -> None:
        self.login = LoginDialog(self._ctx.result, self.settings, self.runner, banner)
        self.login.logged_in.connect(self._open_main)
        self.login.rejected.connect(lambda: self.finished.emit(0))
        self.login.show()
        self._close_wizard()
        if os.environ.get(EXIT_WHEN_READY) == "1":  # start-up benchmark (tests/bench/test_bench_startup.py)
            QTimer.singleShot(0, self._report_ready)

    def _report_ready(self) -> None:
        """Runs once the event loop is idle with the log-in window shown: print when; quit once the
        database is open too (printing when), so the benchmark sees both."""
        print(f"ready {time.time():.6f}", flush=True)
        if self.ctx is not None:
            self._report_database()
        else:
            self.database_ready.connect(self._report_database)

    def _report_database(self) -> None:
        print(f"database {time.time():.6f}", flush=True)
        self.finished.emit(0)

    def _close_wizard(self) -> None:
        if self.wizard is not None:
            self.wizard.hide()
            self.wizard.deleteLater()
            self.wizard = None

    def _close_login(self) -> None:
        if self.login is not None:
            self.login.hide()
            self.login.deleteLater()
            self.login = None

    def _open_main(self, session: Session) -> None:
        from ui.main_window import MainWindow  # every page: loaded after log-in, not before

        self.window = MainWindow(session, self.idle_ms)
        self.window.logout_requested.connect(self.logout)
        self.window.quit_requested.connect(self.quit)
        self.window.start()
        if self.login is not None:
            self.login.deleteLater()
            self.login = None

    def _close_window(self) -> None:
        if self.window is not None:
            window, self.window = self.window, None
            window.shutdown()
            window.deleteLater()

    def logout(self) -> None:
        self._close_window()
        self.show_login()

    def quit(self) -> None:
        self._close_window()
        self.finished.emit(0)

    def close(self) -> None:
        """After the event loop (runner drained): close the database if it was opened, logged in or not."""
        if self._ctx.done() and self._ctx.exception() is None:
            self._ctx.result().close()

    def _fatal(self, exc: BaseException) -> None:
        """The database could not be opened (or the clinic read): a server that is down, refuses the
        password, has no such database, or a URL that is not valid gets the 重试/退出 dialog
        (ui/open_failed.py); anything else a message (an unexpected error names the log file)."""
        from ui.open_failed import is_connection_problem

        gc.enable()  # start-up is over, if badly (ui/launcher.py turned the collector off for it)
        self._close_login()
        if self.ctx is None and is_connection_problem(exc):
            log.warning("database not opened: %s", exc)
            if self.ask_retry(exc):
                self.retry()
                return
        else:
            QMessageBox.critical(None, error_title(exc), describe(exc))
        self.finished.emit(1)

    @staticmethod
    def ask_retry(exc: BaseException) -> bool:
        from ui.open_failed import ask_retry

        return ask_retry(exc)  # type: ignore[arg-type]


def _qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """Qt's own warnings go to the log file (app/logfile.py), not to a console nobody sees."""
    level = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
             QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
             QtMsgType.QtFatalMsg: logging.CRITICAL}.get(kind, logging.WARNING)
    logging.getLogger("qt").log(level, "%s", message)


def start_log(paths: DataPaths) -> None:
    """The log file in the data directory (the desktop app makes the directory), uncaught exceptions and
    Qt's warnings in it."""
    from app import logfile
    from app.files import private_dir

    try:
        private_dir(paths.root)
    except OSError:
        log.warning("data directory %s cannot be made", paths.root)
    logfile.setup(paths.root)
    logfile.install_hooks()
    qInstallMessageHandler(_qt_message)


def run_gui(paths: DataPaths, db_url: str | None, argv: list[str] | None = None) -> int:
    """Start the desktop application; returns the process exit code."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    QCoreApplication.setApplicationName("Fever Sentinel")
    QCoreApplication.setOrganizationName("FeverSentinel")
    app.setQuitOnLastWindowClosed(False)  # windows are swapped (login ↔ main); the flow decides when to quit
    app.setWindowIcon(app_icon())
    start_log(paths)
    register_fonts(app)
    settings = SettingsStore(paths.settings)
    install_language(app, settings.get(LANGUAGE))
    try:
        db_url = resolve_db_url(paths, db_url)  # the machine config's password file is read here
    except FeverSentinelError as err:
        return show_start_error(err)

    def open_database() -> AppContext:
        from app.context import open_context

        return open_context(paths, db_url, settings=settings)

    runner = ThreadRunner()
    flow = GuiFlow(open_database, settings, BannerFile(paths.clinic_banner, db_url), runner)
    flow.finished.connect(app.exit)
    flow.start()
    try:
        return app.exec()
    finally:
        runner.wait()
        flow.close()


def show_start_error(err: FeverSentinelError) -> int:
    """A configuration that stops the app before its first window (a malformed machine config, an unreadable
    password file): the sentence in a window, in the desk's language, then exit code 1."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    register_fonts(app)
    install_language(app, LANGUAGE.default)  # the desk's own settings are not known yet
    box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("Startup", "Fever Sentinel cannot start"),
                      describe(err))
    box.exec()
    return 1
