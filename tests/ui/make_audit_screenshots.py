"""Grab the responsibility-trail page (Chinese) at 1366×768 after "与县级平台核对" (issue 13): the trail
agreeing with the county hub, then the same page after an insider deleted the tail of the trail.

Run: QT_QPA_PLATFORM=offscreen python tests/ui/make_audit_screenshots.py  (screenshots/ is gitignored)
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date, datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script: import from the repository

from sqlalchemy import text  # noqa: E402

from app.actor import Actor  # noqa: E402
from app.clock import FixedClock  # noqa: E402
from tests.test_audit_chain import raw  # noqa: E402
from tests.ui.conftest import ADMIN_PASSWORD  # noqa: E402
from tests.ui.screenshot_support import data_folder, grab, start_app  # noqa: E402
from tests.ui.test_audit_hub_check import hub_for  # noqa: E402
from tests.ui.triage_support import session_for  # noqa: E402
from ui.i18n import install_language  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.ops import SyncRunner  # noqa: E402
from ui.pages.audit import AuditPage  # noqa: E402


def main() -> int:
    app = start_app()
    install_language(app, "zh_CN")
    clock = FixedClock(datetime(2026, 11, 23, 1, 0, tzinfo=timezone.utc))
    with data_folder(demo=False, clock=clock) as ctx, tempfile.TemporaryDirectory() as hub_dir:
        ctx.clinic.initialize(Actor.system(), code="HN0231", name="清水镇卫生院", level="township",
                              admin_username="admin", admin_full_name="王敏", admin_password=ADMIN_PASSWORD)
        hub_db = hub_for(ctx, Path(hub_dir))
        anchored = ctx.reports.submit(Actor.system(), date(2026, 11, 22)).audit_seq
        ctx.sync.push(Actor.system(), force=True)
        runner = SyncRunner()
        admin = session_for(ctx, "admin", ADMIN_PASSWORD, runner, desk="办公室")
        window = MainWindow(admin, idle_ms=3_600_000)
        window.resize(1366, 768)
        window.start(maximize=False)
        page = window.show_page_of(AuditPage)
        assert isinstance(page, AuditPage)
        page.check_hub()
        grab(window, "zh-a1-audit-hub-agrees")
        with raw(ctx) as conn:
            conn.execute(text("DELETE FROM audit_events WHERE seq >= :s"), {"s": anchored - 1})
            h = conn.execute(text("SELECT hash FROM audit_events WHERE seq = :s"), {"s": anchored - 2}).scalar_one()
            conn.execute(text("UPDATE audit_head SET seq = :s, hash = :h"), {"s": anchored - 2, "h": h})
        page.model.reload()
        page.check_hub()
        grab(window, "zh-a2-audit-hub-tail-deleted")
        window.close()
        hub_db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
