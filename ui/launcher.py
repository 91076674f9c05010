"""The ``fever-sentinel`` entry point: admin commands from app.cli, otherwise the desktop app.

Qt is imported only when the desktop app (or the self-test's render check) actually runs, so admin
commands stay fast; and app.cli loads the database stack only for a command that needs it, so the
desktop app's log-in window shows before SQLAlchemy is even imported.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from app.cli import main as cli_main
from app.errors import FeverSentinelError
from app.paths import DataPaths

if TYPE_CHECKING:
    from app.selftest import Probe


def _run_gui(paths: DataPaths | FeverSentinelError, db_url: str | None) -> int:
    # Start-up only builds (Qt's types, the modules, the window, the database stack behind it): the cyclic
    # collector would walk that growing heap again and again for no garbage (~5 % of the time to the log-in
    # window, issue 16). GuiFlow turns it back on once the database has opened or failed.
    gc.disable()
    from ui.app import run_gui, show_start_error

    if isinstance(paths, FeverSentinelError):
        return show_start_error(paths)
    return run_gui(paths, db_url)


def _qt_probe() -> Probe:
    """The self-test's Qt half (QtPdf rendering, QR decoding), imported only when it runs."""
    from ui.selftest_render import QtProbe

    return QtProbe()


def main(argv: Sequence[str] | None = None) -> int:
    return cli_main(argv, gui=_run_gui, probe_factory=_qt_probe)


if __name__ == "__main__":
    sys.exit(main())
