"""GUI entry point and the session flow: first-run wizard → log-in → main window → log-out → log-in.

``run_gui`` is what the command line's default command calls. The flow object owns which
top-level window is showing; windows only emit signals, so each can be tested on its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import logging
import os
import sys
import time

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from app.context import AppContext, open_context
from app.paths import DataPaths
from app.resources import CJK_FONT_BOLD, CJK_FONT_REGULAR, resource_path
from app.services.clinic import ClinicInfo
from app.settings import LANGUAGE, SettingsStore
from ui.forms import describe
from ui.i18n import install_language
from ui.login import LoginDialog
from ui.messages import error_title
from ui.ops import Runner, ThreadRunner
from ui.session import Session
from ui.setup_wizard import SetupWizard

if TYPE_CHECKING:
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)
ICON = ("icons", "fever-sentinel.svg")
# Hidden, for measuring start-up: with this set to 1 the app prints "ready <unix time>" and quits as soon
# as the login dialog is shown and the event loop is idle (see packaging/README.md).
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
    """Decides which top-level window shows; emits ``finished(exit_code)`` when the user quits."""

    finished = Signal(int)

    def __init__(self, ctx: AppContext, runner: Runner, *, idle_ms: int | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.runner = runner
        self.idle_ms = idle_ms
        self.wizard: SetupWizard | None = None
        self.login: LoginDialog | None = None
        self.window: MainWindow | None = None

    def start(self) -> None:
        self.runner.run(self.ctx.clinic.is_initialized,
                        lambda ready: self.show_login() if ready else self.show_wizard(), self._fatal)

    def show_wizard(self) -> None:
        self.wizard = SetupWizard(self.ctx, self.runner)
        self.wizard.completed.connect(lambda _demo: self.show_login())
        self.wizard.rejected.connect(lambda: self.finished.emit(0))
        self.wizard.show()

    def show_login(self) -> None:
        self.runner.run(self.ctx.clinic.get, self._open_login, self._fatal)

    def _open_login(self, clinic: ClinicInfo) -> None:
        self.login = LoginDialog(self.ctx, self.runner, clinic)
        self.login.logged_in.connect(self._open_main)
        self.login.rejected.connect(lambda: self.finished.emit(0))
        self.login.show()
        self._close_wizard()
        if os.environ.get(EXIT_WHEN_READY) == "1":  # start-up benchmark (tests/bench/test_bench_startup.py)
            QTimer.singleShot(0, self._report_ready)

    def _report_ready(self) -> None:
        """Runs once the event loop is idle with the login dialog shown: print when, then quit."""
        print(f"ready {time.time():.6f}", flush=True)
        self.finished.emit(0)

    def _close_wizard(self) -> None:
        if self.wizard is not None:
            self.wizard.hide()
            self.wizard.deleteLater()
            self.wizard = None

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

    def _fatal(self, exc: BaseException) -> None:
        QMessageBox.critical(None, error_title(exc), describe(exc))
        self.finished.emit(1)


def run_gui(paths: DataPaths, db_url: str | None, argv: list[str] | None = None) -> int:
    """Start the desktop application; returns the process exit code."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    QCoreApplication.setApplicationName("Fever Sentinel")
    QCoreApplication.setOrganizationName("FeverSentinel")
    app.setQuitOnLastWindowClosed(False)  # windows are swapped (login ↔ main); the flow decides when to quit
    app.setWindowIcon(app_icon())
    register_fonts(app)
    install_language(app, SettingsStore(paths.settings).get(LANGUAGE))
    try:
        ctx = open_context(paths, db_url)
    except Exception as exc:  # noqa: BLE001 - typed errors get their sentence; others are logged by describe
        QMessageBox.critical(None, error_title(exc), describe(exc))
        return 1
    runner = ThreadRunner()
    flow = GuiFlow(ctx, runner)
    flow.finished.connect(app.exit)
    flow.start()
    try:
        return app.exec()
    finally:
        runner.wait()
        ctx.close()
