"""Grab the gate station (ADMIT, DENY, offline, a visitor inside too long), the permits page and the
wards page (Chinese, 1366×768) into screenshots/ for a visual check. Uses the demo clinic.

Run: QT_QPA_PLATFORM=offscreen python tests/ui/make_gate_screenshots.py  (screenshots/ is gitignored)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script: import from the repository

from app.db.engine import Database  # noqa: E402
from app.services.demo import DEMO_PASSWORD  # noqa: E402
from app.wards.gate import GateService, GateStation  # noqa: E402
from tests.ui.screenshot_support import data_folder, grab, start_app, window_for  # noqa: E402
from ui.gate_station import GateStationPage  # noqa: E402
from ui.i18n import install_language  # noqa: E402
from ui.ops import SyncRunner  # noqa: E402
from ui.pages.permit_dialogs import IssueDialog  # noqa: E402
from ui.pages.permit_page import PermitsPage  # noqa: E402
from ui.pages.ward_page import WardsPage  # noqa: E402

DESK = "门岗-1"
UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1"


def gate_screens(ctx, runner: SyncRunner, lang: str) -> None:
    window = window_for(ctx, "gate", runner, DESK)
    page = window.show_page_of(GateStationPage)
    assert isinstance(page, GateStationPage)
    grab(window, f"{lang}-g0-choose-gate")
    admin = ctx.users.authenticate("admin", DEMO_PASSWORD, "desk")
    now = ctx.clock.now()
    permits = ctx.permits.list(admin, state="active")
    escort = next(p for p in permits if p.kind == "escort" and p.valid_until > now)
    gate = escort.gates[0]
    page.gate_choice.setCurrentText(gate)
    page.start_button.click()
    page.scan.setText(escort.payload)
    page.scan.returnPressed.emit()
    grab(window, f"{lang}-g1-admit")
    revoked = next(p for p in ctx.permits.list(admin, state="revoked") if gate in p.gates)
    page.scan.setText(revoked.payload)
    page.scan.returnPressed.emit()
    grab(window, f"{lang}-g2-deny-revoked")
    page.enter_full_screen()
    assert page.full_screen is not None
    page.full_screen.showNormal()  # the offscreen "screen" is 800×800: grab it at the clinic's 1366×768
    page.full_screen.resize(1366, 768)
    page.scan.setText(permits[-1].payload[:-6] + "ABCDEF")
    page.scan.returnPressed.emit()
    grab(page.full_screen, f"{lang}-g3-fullscreen-deny")
    page.leave_full_screen()
    window.idle_lock.unlock()
    # offline: the database is unreachable, the gate decides from its cache and keeps the scans
    station = GateStation(GateService(Database(UNREACHABLE), ctx.clock), ctx.clock, ctx.paths.root, gate)
    page.set_station(station)
    page.scan.setText(escort.payload)
    page.scan.returnPressed.emit()
    grab(window, f"{lang}-g4-offline")
    window.shutdown()


def desk_screens(ctx, runner: SyncRunner, lang: str) -> None:
    window = window_for(ctx, "admin", runner, DESK)
    permits = window.show_page_of(PermitsPage)
    assert isinstance(permits, PermitsPage)
    permits.active_only.setChecked(False)
    grab(window, f"{lang}-p1-permits")
    permits.issue("escort")
    dialog = permits.dialog
    assert isinstance(dialog, IssueDialog)
    grab(dialog, f"{lang}-p2-issue-escort")
    dialog.reject()
    wards = window.show_page_of(WardsPage)
    assert isinstance(wards, WardsPage)
    grab(window, f"{lang}-w1-wards")
    window.shutdown()


def main() -> int:
    app = start_app()
    runner = SyncRunner()
    install_language(app, "zh_CN")
    with data_folder(demo=True) as ctx:
        gate_screens(ctx, runner, "zh_CN")
        desk_screens(ctx, runner, "zh_CN")
    return 0


if __name__ == "__main__":
    sys.exit(main())
