"""The ``fever-sentinel`` entry point: admin commands from app.cli, otherwise the desktop app.

Qt is imported only when the desktop app actually starts, so admin commands stay fast.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from app.cli import main as cli_main
from app.paths import DataPaths


def _run_gui(paths: DataPaths, db_url: str | None) -> int:
    from ui.app import run_gui

    return run_gui(paths, db_url)


def main(argv: Sequence[str] | None = None) -> int:
    return cli_main(argv, gui=_run_gui)


if __name__ == "__main__":
    sys.exit(main())
