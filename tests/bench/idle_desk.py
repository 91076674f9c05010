"""Run as a process of its own: a logged-in main window (offscreen) left idle; prints one JSON line with the
share of one core it used and its resident memory. psutil is not installed: /proc/self is read instead.

Usage: python -m tests.bench.idle_desk DATA_DIR USERNAME PASSWORD SETTLE_S MEASURE_S
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path


def cpu_seconds() -> float:
    """User + system CPU time of this process (/proc/self/stat fields 14 and 15, in clock ticks)."""
    fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main(data_dir: str, username: str, password: str, settle_s: float, measure_s: float) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.context import open_context
    from app.passwords import OWASP_FLOOR
    from app.paths import DataPaths
    from ui.main_window import MainWindow
    from ui.ops import ThreadRunner
    from ui.session import Session

    app = QApplication([])
    ctx = open_context(DataPaths(Path(data_dir)), argon2=OWASP_FLOOR)
    actor = ctx.users.authenticate(username, password, f"{username}-desk")
    session = Session(ctx, actor, ThreadRunner(), ctx.clinic.get(), ctx.users.full_name_of(actor))
    marks: dict[str, float] = {}

    def begin() -> None:
        marks["cpu"], marks["wall"] = cpu_seconds(), time.perf_counter()
        QTimer.singleShot(int(measure_s * 1000), end)

    def end() -> None:
        share = (cpu_seconds() - marks["cpu"]) / (time.perf_counter() - marks["wall"]) * 100
        print(json.dumps({"cpu_percent": share, "rss_mb": rss_mb(),
                          "modal": type(app.activeModalWidget()).__name__}), flush=True)
        os._exit(0)  # at once: the pollers' worker threads are not waited for, a dialog may be open

    QTimer.singleShot(int(settle_s * 1000), begin)  # before start(): a dialog it opens must not stop the clock
    window = MainWindow(session, idle_ms=3_600_000)
    window.resize(1366, 768)
    window.start(maximize=False)
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5]))
