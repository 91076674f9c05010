"""Grab the daily-report and early-warning screens (Chinese) at 1366×768 into screenshots/ for a
visual check: a day with patients (one suspected case, a shared workplace), yesterday's report
submitted, and the alerts the scan raises.

Run: QT_QPA_PLATFORM=offscreen python tests/ui/make_reports_screenshots.py  (screenshots/ is gitignored)
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script: import from the repository

from app.actor import Actor  # noqa: E402
from app.clock import FixedClock  # noqa: E402
from tests.ui.conftest import ADMIN_PASSWORD  # noqa: E402
from tests.ui.screenshot_support import data_folder, grab, start_app  # noqa: E402
from tests.ui.triage_support import (  # noqa: E402
    DOCTOR_PASSWORD, NURSE_PASSWORD, START, add_staff, make_visit, resident_id, session_for,
)
from ui.i18n import install_language  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.ops import SyncRunner  # noqa: E402
from ui.pages.alerts_page import AlertsPage  # noqa: E402
from ui.pages.report_page import ReportPage  # noqa: E402


def main() -> int:
    app = start_app()
    install_language(app, "zh_CN")
    clock = FixedClock(START - timedelta(days=1))
    with data_folder(demo=False, clock=clock) as ctx:
        ctx.clinic.initialize(Actor.system(), code="HN0231", name="清水镇卫生院", level="township",
                              admin_username="admin", admin_full_name="王敏", admin_password=ADMIN_PASSWORD)
        add_staff(ctx, ctx.users.authenticate("admin", ADMIN_PASSWORD, "desk"))
        runner = SyncRunner()
        nurse = session_for(ctx, "nurse", NURSE_PASSWORD, runner).actor
        doctor = session_for(ctx, "doctor", DOCTOR_PASSWORD, runner).actor
        visits = [make_visit(ctx, nurse, name=n, id_number=resident_id(date(1980 + i, 5, 2)))
                  for i, n in enumerate(("王芳", "李强", "赵敏"))]
        ctx.handoffs.confirm_arrival(doctor, visits[0].visit_no)
        case = ctx.cases.take(doctor, visits[0].visit_no)
        ctx.cases.classify(doctor, case.visit_no, case.version, "suspected")
        clock.advance(days=1)
        admin = session_for(ctx, "admin", ADMIN_PASSWORD, runner, desk="办公室")
        window = MainWindow(admin, idle_ms=3_600_000)
        window.resize(1366, 768)
        window.start(maximize=False)
        alerts = window.show_page_of(AlertsPage)
        assert isinstance(alerts, AlertsPage)
        alerts.scan()
        grab(window, "zh-r1-alerts")
        report = window.show_page_of(ReportPage)
        assert isinstance(report, ReportPage)
        grab(window, "zh-r2-report-draft")
        report.submit()
        grab(window, "zh-r3-report-submitted")
        report.day_edit.setDate(report.day_edit.date().addDays(-1))
        grab(window, "zh-r4-zero-report")
        window.shutdown()
    install_language(app, "en")
    return 0


if __name__ == "__main__":
    sys.exit(main())
