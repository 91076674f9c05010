"""Grab the gate station (ADMIT, DENY, offline, a visitor inside too long), the permits page and the
wards page (Chinese, 1366×768) into screenshots/ for a visual check. Uses the demo clinic.

Run: QT_QPA_PLATFORM=offscreen python tests/ui/make_gate_screenshots.py  (screenshots/ is gitignored)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget  # noqa: E402

from app.actor import Actor  # noqa: E402
from app.context import open_context  # noqa: E402
from app.db.engine import Database  # noqa: E402
from app.passwords import OWASP_FLOOR  # noqa: E402
from app.paths import DataPaths  # noqa: E402
from app.services.demo import DEMO_PASSWORD, create_demo  # noqa: E402
from app.wards.gate import GateService, GateStation  # noqa: E402
from ui.app import app_icon, register_fonts  # noqa: E402
from ui.gate_station import GateStationPage  # noqa: E402
from ui.i18n import compile_translations, install_language  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.ops import SyncRunner  # noqa: E402
from ui.pages.permit_dialogs import IssueDialog  # noqa: E402
from ui.pages.permit_page import PermitsPage  # noqa: E402
from ui.pages.ward_page import WardsPage  # noqa: E402
from ui.session import Session  # noqa: E402

OUT = ROOT / "screenshots"
UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1"


def grab(widget: QWidget, name: str) -> None:
    for _ in range(3):
        QApplication.processEvents()
    widget.grab().save(str(OUT / f"{name}.png"))
    print(OUT / f"{name}.png")


def window_for(ctx, username: str, runner: SyncRunner) -> MainWindow:
    actor = ctx.users.authenticate(username, DEMO_PASSWORD, "门岗-1")
    session = Session(ctx, actor, runner, ctx.clinic.get(), ctx.users.full_name_of(actor))
    window = MainWindow(session, idle_ms=3_600_000)
    window.resize(1366, 768)
    window.start(maximize=False)
    return window


def gate_screens(ctx, runner: SyncRunner, lang: str) -> None:
    window = window_for(ctx, "gate", runner)
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
    window = window_for(ctx, "admin", runner)
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
    OUT.mkdir(exist_ok=True)
    app = QApplication(sys.argv)
    app.setWindowIcon(app_icon())
    register_fonts(app)
    compile_translations()
    QMessageBox.question = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)  # type: ignore[method-assign]
    runner = SyncRunner()
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_context(DataPaths(Path(tmp)), argon2=OWASP_FLOOR)
        try:
            install_language(app, "zh_CN")
            create_demo(ctx.clinic, ctx.users, Actor.system())
            gate_screens(ctx, runner, "zh_CN")
            desk_screens(ctx, runner, "zh_CN")
        finally:
            ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
