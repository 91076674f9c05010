"""Set-up shared by the make_*_screenshots.py scripts, so each script only says which screens to grab.

The application is started the way a clinic sees it (icon, CJK fonts, compiled translations) but
offscreen; message boxes that would wait for a click answer at once; data lives in a throw-away
folder. Pictures go to screenshots/ (gitignored).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.actor import Actor
from app.clock import Clock
from app.context import AppContext, open_context
from app.passwords import OWASP_FLOOR
from app.paths import DataPaths
from app.services.demo import DEMO_PASSWORD, create_demo
from ui.app import app_icon, register_fonts
from ui.i18n import compile_translations
from ui.main_window import MainWindow
from ui.ops import SyncRunner
from ui.session import Session

OUT = Path(__file__).resolve().parents[2] / "screenshots"


def start_app() -> QApplication:
    """The offscreen QApplication with the app's icon, fonts and freshly compiled translations."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    OUT.mkdir(exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setWindowIcon(app_icon())
    register_fonts(app)
    compile_translations()
    # A modal box would wait forever offscreen: answer Yes/OK at once.
    QMessageBox.question = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)  # type: ignore[method-assign]
    QMessageBox.warning = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok)  # type: ignore[method-assign]
    return app


@contextmanager
def data_folder(*, demo: bool, clock: Clock | None = None) -> Iterator[AppContext]:
    """A context on a throw-away SQLite data folder; with ``demo``, the demo clinic's data in it."""
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_context(DataPaths(Path(tmp)), argon2=OWASP_FLOOR, clock=clock)
        try:
            if demo:
                create_demo(ctx.clinic, ctx.users, Actor.system())
            yield ctx
        finally:
            ctx.close()


def window_for(ctx: AppContext, username: str, runner: SyncRunner, desk: str) -> MainWindow:
    """A demo user's main window at the clinic's 1366×768."""
    actor = ctx.users.authenticate(username, DEMO_PASSWORD, desk)
    session = Session(ctx, actor, runner, ctx.clinic.get(), ctx.users.full_name_of(actor))
    window = MainWindow(session, idle_ms=3_600_000)
    window.resize(1366, 768)
    window.start(maximize=False)
    return window


def grab(widget: QWidget, name: str, *, wait_ms: int = 0) -> None:
    """Save ``widget`` as screenshots/<name>.png; ``wait_ms`` for content drawn later (QtPdf pages)."""
    for _ in range(3):
        QApplication.processEvents()
    if wait_ms:
        QTest.qWait(wait_ms)
    path = OUT / f"{name}.png"
    widget.grab().save(str(path))
    print(path)
