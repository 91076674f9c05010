"""The ``fever-sentinel`` entry point: the admin CLI, with the desktop app as its default command.

Qt is imported only when the GUI actually starts, so scripted CLI commands stay fast and run
on machines without a display.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from app.cli import main as cli_main
from app.paths import DataPaths


def launch_gui(paths: DataPaths, db_url: str | None) -> int:
    from ui.app import run_gui

    return run_gui(paths, db_url)


def main(argv: Sequence[str] | None = None) -> int:
    return cli_main(argv, gui=launch_gui)


if __name__ == "__main__":
    sys.exit(main())
