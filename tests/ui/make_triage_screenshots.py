"""Grab the triage desk's screens (nurse, doctor, admin; Chinese, plus English) at 1366×768 into
screenshots/ for a visual check. Uses the demo clinic, so there is data on every screen.

Run: QT_QPA_PLATFORM=offscreen python tests/ui/make_triage_screenshots.py  (screenshots/ is gitignored)
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtGui import QInputMethodEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget  # noqa: E402

from app.actor import Actor  # noqa: E402
from app.context import open_context  # noqa: E402
from app.passwords import OWASP_FLOOR  # noqa: E402
from app.paths import DataPaths  # noqa: E402
from app.services.demo import DEMO_PASSWORD, create_demo  # noqa: E402
from tests.ui.triage_support import resident_id  # noqa: E402
from ui.app import app_icon, register_fonts  # noqa: E402
from ui.i18n import compile_translations, install_language  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.ops import SyncRunner  # noqa: E402
from ui.pages.handoff_board import HandoffBoardPage  # noqa: E402
from ui.pages.pharmacy import PharmacyPage  # noqa: E402
from ui.pages.triage_desk import TriageDeskPage  # noqa: E402
from ui.pages.triage_rules import TriageRulesPage  # noqa: E402
from ui.pages.visit_list import VisitListPage  # noqa: E402
from ui.session import Session  # noqa: E402

OUT = ROOT / "screenshots"


def grab(widget: QWidget, name: str) -> None:
    for _ in range(3):
        QApplication.processEvents()
    widget.grab().save(str(OUT / f"{name}.png"))
    print(OUT / f"{name}.png")


def ime(widget: QWidget, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def window_for(ctx, username: str, runner: SyncRunner) -> MainWindow:
    actor = ctx.users.authenticate(username, DEMO_PASSWORD, "预检台-1")
    session = Session(ctx, actor, runner, ctx.clinic.get(), ctx.users.full_name_of(actor))
    window = MainWindow(session, idle_ms=3_600_000)
    window.resize(1366, 768)
    window.start(maximize=False)
    return window


def nurse_screens(app: QApplication, ctx, runner: SyncRunner, lang: str) -> None:
    window = window_for(ctx, "nurse", runner)
    desk = window.show_page_of(TriageDeskPage)
    assert isinstance(desk, TriageDeskPage)
    form = desk.screening
    grab(window, f"{lang}-t1-desk-empty")
    form.temperature.setText("36.5")
    form.assess_now()
    grab(window, f"{lang}-t2-desk-general")
    form.temperature.setText("38.3")
    form.symptoms["cough"].setChecked(True)
    form.symptoms["fatigue"].setChecked(True)
    ime(form.travel_area, "广州白云")
    form.travel_date.setText("4")
    form.add_travel()
    form.assess_now()
    grab(window, f"{lang}-t3-desk-isolate")
    form.choice.setCurrentIndex(form.choice.findData("general"))
    form.submit()
    grab(window, f"{lang}-t3b-desk-downgrade-error")
    form.choice.setCurrentIndex(0)
    form.submit()
    reg = desk.registration
    ime(reg.name, "王")
    reg.schedule_search("王")
    reg.search_now()
    reg.id_number.setText(resident_id(date(1990, 3, 7))[:17] + "0")
    grab(window, f"{lang}-t4-registration-errors")
    reg.name.clear()
    ime(reg.name, "张晓梅")
    reg.id_number.setText(resident_id(date(1990, 3, 7)))
    reg.phone.setText("13812345678")
    ime(reg.address, "新河镇东村12号")
    ime(reg.occupation, "教师")
    grab(window, f"{lang}-t5-registration-filled")
    reg.submit()
    step = desk.handoff
    ime(step.escort, "导医 陈静")
    grab(window, f"{lang}-t6-handoff")
    step.send()
    if step.preview is not None:
        step.preview.resize(560, 700)
        grab(step.preview, f"{lang}-t7-slip-preview")
        step.preview.close()
    grab(window, f"{lang}-t6b-handoff-sent")
    step.finish()
    pharmacy = window.show_page_of(PharmacyPage)
    assert isinstance(pharmacy, PharmacyPage)
    ime(pharmacy.buyer, "吴刚")
    pharmacy.temperature.setText("36.7")
    pharmacy.drug.setText("")
    ime(pharmacy.drug, "布洛芬缓释胶囊")
    pharmacy.submit()
    grab(window, f"{lang}-t8-pharmacy")
    board = window.show_page_of(HandoffBoardPage)
    assert isinstance(board, HandoffBoardPage)
    window.handoff_feed.poll()  # type: ignore[union-attr]
    board.open_view.selectRow(0)
    grab(window, f"{lang}-t9-board-nurse")
    lst = window.show_page_of(VisitListPage)
    grab(window, f"{lang}-t10-list")
    assert isinstance(lst, VisitListPage)
    lst.registered_only.setChecked(True)
    lst.open_row(0)
    if lst.dialog is not None:
        grab(lst.dialog, f"{lang}-t11-visit-detail")
        lst.dialog.close()
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
            nurse_screens(app, ctx, runner, "zh_CN")
            install_language(app, "en")
            nurse_screens(app, ctx, runner, "en")
            install_language(app, "zh_CN")
            doctor = window_for(ctx, "doctor", runner)
            doctor.show_page_of(HandoffBoardPage)
            doctor.handoff_feed.poll()  # type: ignore[union-attr]
            grab(doctor, "zh_CN-t12-board-doctor")
            doctor.shutdown()
            admin = window_for(ctx, "admin", runner)
            admin.show_page_of(TriageRulesPage)
            grab(admin, "zh_CN-t13-rules-admin")
            admin.show_page_of(HandoffBoardPage)
            grab(admin, "zh_CN-t14-board-admin")
            admin.shutdown()
        finally:
            ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
