"""A throw-away data folder and a demo user's main window at 1366×768, for the tests that open every
screen (test_fits_the_screen.py, test_keyboard_flow.py, test_language_switch.py). The screen gallery
itself is scripts/screenshots.py."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.actor import Actor
from app.clock import Clock
from app.context import AppContext, open_context
from app.passwords import OWASP_FLOOR
from app.paths import DataPaths
from app.services.demo import DEMO_PASSWORD, create_demo
from ui.main_window import MainWindow
from ui.ops import SyncRunner
from ui.session import Session


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
