"""The clinic mode on screen: every desk's status bar shows it; an admin switches it on the screening-rules
page with a reason and the status bar follows at once (and on other desks at their next ping)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from app import audit
from tests.ui.conftest import ADMIN_PASSWORD
from ui.i18n import install_language
from ui.main_window import MainWindow
from ui.ops import SyncRunner
from ui.pages.triage_desk import TriageDeskPage
from ui.pages.triage_rules import TriageRulesPage
from ui.session import Session

SHOTS = Path(os.environ.get("FS_SHOTS", "/tmp/shots"))


def open_window(qtbot, session: Session) -> MainWindow:
    window = MainWindow(session, idle_ms=60_000)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def nurse_session(clinic_ctx) -> Session:
    admin = clinic_ctx.users.authenticate("admin", ADMIN_PASSWORD, "desk")
    clinic_ctx.users.create(admin, username="nurse", full_name="李娜", roles=["triage_nurse"], password="nurse-pass-1")
    nurse = clinic_ctx.users.authenticate("nurse", "nurse-pass-1", "desk-2")
    return Session(clinic_ctx, nurse, SyncRunner(), clinic_ctx.clinic.get(), "李娜")


def test_an_admin_switches_the_mode_and_every_desk_shows_it(qtbot, admin_session, clinic_ctx, boxes, type_text):
    window = open_window(qtbot, admin_session)
    assert window.mode_status.text() == "Sentinel room (refers)"  # a township clinic's default
    assert "referred by transfer" in window.mode_status.toolTip()
    nurse_window = open_window(qtbot, nurse_session(clinic_ctx))
    assert nurse_window.mode_status.text() == "Sentinel room (refers)"
    assert isinstance(nurse_window.pages[0], TriageDeskPage)

    page = window.show_page_of(TriageRulesPage)
    assert isinstance(page, TriageRulesPage)
    box = page.mode_box
    assert box.isEnabled() and box.mode.currentData() == "refer" and not box.change_button.isEnabled()
    assert box.current.text() == "Now: Sentinel room (refers)"
    box.mode.setCurrentIndex(box.mode.findData("treat"))
    assert box.change_button.isEnabled() and "classification and disposition" in box.explain.text()

    box.change_button.click()  # no reason: refused by the service, shown next to the field
    assert box.errors.visible_texts() == [
        "Changing the clinic mode needs a reason: write one of at least 4 characters, e.g. the county's decision."]
    assert window.mode_status.text() == "Sentinel room (refers)"

    boxes.answer = QMessageBox.StandardButton.No  # the confirmation: No changes nothing
    type_text(box.reason, "县卫健局批准设立发热诊室")
    box.change_button.click()
    assert "Fever room (treats)" in boxes.texts()[-1] and clinic_ctx.clinic.mode().mode == "refer"

    boxes.answer = QMessageBox.StandardButton.Yes
    box.change_button.click()
    assert window.mode_status.text() == "Fever room (treats)"  # at once on this desk
    assert box.current.text() == "Now: Fever room (treats)" and box.reason.text() == ""
    assert not box.change_button.isEnabled()
    with clinic_ctx.db.read() as s:
        entry = audit.page(s, offset=0, limit=1)[0]
    assert entry.action == "clinic.mode_change" and json.loads(entry.summary) == {
        "before": "refer", "after": "treat", "reason": "县卫健局批准设立发热诊室"}

    assert nurse_window.mode_status.text() == "Sentinel room (refers)"  # the other desk: at its next ping
    nurse_window.ping()
    assert nurse_window.mode_status.text() == "Fever room (treats)"

    install_language(qtbot_app(), "zh_CN")
    try:
        qtbot.waitUntil(lambda: window.mode_status.text() == "发热诊室（接诊）")  # retranslated
        SHOTS.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(SHOTS / "clinic_mode_rules_page.png"))
        nurse_window.grab().save(str(SHOTS / "clinic_mode_nurse_desk.png"))
    finally:
        install_language(qtbot_app(), "en")
    window.shutdown()
    nurse_window.shutdown()


def test_another_desks_change_is_shown_not_overwritten(qtbot, admin_session, clinic_ctx, type_text):
    window = open_window(qtbot, admin_session)
    box = window.show_page_of(TriageRulesPage).mode_box  # type: ignore[union-attr]
    admin = clinic_ctx.users.authenticate("admin", ADMIN_PASSWORD, "other-desk")
    clinic_ctx.clinic.change_mode(admin, "treat", "另一台电脑上已修改")  # meanwhile, elsewhere
    box.mode.setCurrentIndex(box.mode.findData("treat"))
    type_text(box.reason, "县卫健局批准")
    box.change_button.click()
    assert "Another desk changed the mode meanwhile (now: Fever room (treats))" in box.notice.text()
    assert window.mode_status.text() == "Fever room (treats)"
    window.shutdown()


def qtbot_app():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance()
