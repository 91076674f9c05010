"""Grab the triage desk's screens (nurse, doctor, admin; Chinese, plus English) at 1366×768 into
screenshots/ for a visual check. Uses the demo clinic, so there is data on every screen.

Run: QT_QPA_PLATFORM=offscreen python tests/ui/make_triage_screenshots.py  (screenshots/ is gitignored)
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script: import from the repository

from PySide6.QtGui import QInputMethodEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from tests.ui.screenshot_support import data_folder, grab, start_app, window_for  # noqa: E402
from tests.ui.triage_support import resident_id  # noqa: E402
from ui.i18n import install_language  # noqa: E402
from ui.ops import SyncRunner  # noqa: E402
from ui.pages.handoff_board import HandoffBoardPage  # noqa: E402
from ui.pages.pharmacy import PharmacyPage  # noqa: E402
from ui.pages.triage_desk import TriageDeskPage  # noqa: E402
from ui.pages.triage_rules import TriageRulesPage  # noqa: E402
from ui.pages.visit_list import VisitListPage  # noqa: E402

DESK = "预检台-1"


def ime(widget: QWidget, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def nurse_screens(app: QApplication, ctx, runner: SyncRunner, lang: str) -> None:
    window = window_for(ctx, "nurse", runner, DESK)
    desk = window.show_page_of(TriageDeskPage)
    assert isinstance(desk, TriageDeskPage)
    form = desk.screening
    grab(window, f"{lang}-t1-desk-empty")
    form.temperature.setText("36.5")
    form.assess_now()
    grab(window, f"{lang}-t2-desk-general")
    form.temperature.setText("38.3")
    form.health_code.buttons["green"].click()  # the code starts unchosen (not checked)
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
        grab(step.preview, f"{lang}-t7-slip-preview", wait_ms=400)  # QtPdf renders pages asynchronously
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
    app = start_app()
    runner = SyncRunner()
    install_language(app, "zh_CN")
    with data_folder(demo=True) as ctx:
        nurse_screens(app, ctx, runner, "zh_CN")
        install_language(app, "en")
        nurse_screens(app, ctx, runner, "en")
        install_language(app, "zh_CN")
        doctor = window_for(ctx, "doctor", runner, DESK)
        doctor.show_page_of(HandoffBoardPage)
        doctor.handoff_feed.poll()  # type: ignore[union-attr]
        grab(doctor, "zh_CN-t12-board-doctor")
        doctor.shutdown()
        admin = window_for(ctx, "admin", runner, DESK)
        admin.show_page_of(TriageRulesPage)
        grab(admin, "zh_CN-t13-rules-admin")
        admin.show_page_of(HandoffBoardPage)
        grab(admin, "zh_CN-t14-board-admin")
        admin.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
