"""issue 15 — the audit page and a case timeline in Chinese at 1366×768 on the demo clinic: sentences, never
codes, True/False or dict keys (screenshots/zh-s1-audit-sentences.png, zh-s2-timeline-sentences.png).

Run: QT_QPA_PLATFORM=offscreen python tests/ui/make_sentence_screenshots.py  (screenshots/ is gitignored)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script: import from the repository

from app.services.demo import DEMO_PASSWORD  # noqa: E402
from tests.ui.screenshot_support import data_folder, grab, start_app  # noqa: E402
from tests.ui.triage_support import session_for  # noqa: E402
from ui.i18n import install_language  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.ops import SyncRunner  # noqa: E402
from ui.pages.audit import AuditPage  # noqa: E402
from ui.pages.timeline import TimelineDialog  # noqa: E402


def main() -> int:
    app = start_app()
    install_language(app, "zh_CN")
    with data_folder(demo=True) as ctx:
        runner = SyncRunner()
        admin = session_for(ctx, "admin", DEMO_PASSWORD, runner, desk="办公室")
        window = MainWindow(admin, idle_ms=3_600_000)
        window.resize(1366, 768)
        window.start(maximize=False)
        page = window.show_page_of(AuditPage)
        assert isinstance(page, AuditPage)
        grab(window, "zh-s1-audit-sentences")
        window.close()
        doctor = session_for(ctx, "doctor", DEMO_PASSWORD, runner, desk="诊室1")
        visit = "DEMO01-20261130-0002"  # classified, reported, transferred: a long story
        dialog = TimelineDialog(doctor, ctx.timelines.timeline(doctor.actor, visit))
        dialog.resize(1366, 728)
        dialog.show()
        grab(dialog, "zh-s2-timeline-sentences")
        dialog.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
