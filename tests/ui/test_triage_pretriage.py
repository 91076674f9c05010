"""Issue 12 at the pre-triage desk: an ID number corrected to another patient's offers that record; a
buyer sent from the pharmacy counter has the health code checked at registration."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.triage.records import ScreeningInput
from app.triage.screening_service import add_screening
from tests.ui.triage_support import make_visit, resident_id
from ui.pages.screening_form import PendingScreening
from ui.pages.triage_desk import TriageDeskPage

SHOTS = Path(os.environ.get("FS_SHOTS", "/tmp/shots"))


def open_desk(qtbot, session) -> TriageDeskPage:
    page = TriageDeskPage(session)
    qtbot.addWidget(page)
    page.resize(1176, 700)
    page.show()
    page.activated()
    return page


def screen_fever(qtbot, page: TriageDeskPage) -> None:
    form = page.screening
    qtbot.keyClicks(form.temperature, "38.6")
    form.health_code.buttons["green"].click()
    qtbot.keyClick(form.temperature, Qt.Key.Key_Return)
    assert page.step() == page.REGISTER


def test_an_id_number_of_another_patient_offers_that_record(qtbot, nurse_session, boxes):
    ctx, nurse = nurse_session.ctx, nurse_session.actor
    first = make_visit(ctx, nurse, name="王䶮", id_number=resident_id(date(1949, 12, 31)))
    second = make_visit(ctx, nurse, name="王艳", id_number=resident_id(date(1985, 6, 1)))
    page = open_desk(qtbot, nurse_session)
    screen_fever(qtbot, page)
    reg = page.registration
    returning = ctx.registration.search_patients(nurse, second.patient.id_number)[0]
    reg.use_patient(returning)  # 王艳 returns ...
    reg.id_number.setText(first.patient.id_number.lower())  # ... and her ID is "corrected" to 王䶮's
    boxes.answer = QMessageBox.StandardButton.No
    qtbot.keyClick(reg.id_number, Qt.Key.Key_Return)
    assert boxes.kinds() == ["question"]
    assert f"belongs to another patient record: 王䶮 (last visit {first.visit_no})" in boxes.texts()[0]
    assert reg.errors._fields["id_number"][1].text() == (
        f"This ID number belongs to another patient's record (last visit {first.visit_no}). Use that record, "
        "or check the number.")
    assert page.step() == page.REGISTER and reg.patient is not None and reg.patient.id == second.patient.id

    boxes.answer = QMessageBox.StandardButton.Yes
    qtbot.keyClick(reg.id_number, Qt.Key.Key_Return)
    assert reg.patient is not None and reg.patient.id == first.patient.id  # the form now shows 王䶮's record
    assert reg.name.text() == "王䶮" and page.step() == page.REGISTER
    qtbot.keyClick(reg.save_button, Qt.Key.Key_Return)
    assert page.step() == page.HANDOFF
    assert ctx.registration.detail(nurse, page.handoff.visit_no.text()).patient.id == first.patient.id
    assert ctx.registration.search_patients(nurse, second.patient.id_number)[0].name == "王艳"  # untouched


def pharmacy_pending(session, temperature: float = 38.3) -> PendingScreening:
    """What the pharmacy page hands to the desk: a screening with the code not checked."""
    ctx = session.ctx
    with ctx.db.write() as s:
        row, _ = add_screening(s, session.actor, ctx.clock, ScreeningInput(temperature), decision=None,
                               override_reason=None, source="pharmacy")
        return PendingScreening(row.id, row.decision, row.temperature_c, tuple(row.reasons.split(",")))


def test_a_pharmacy_buyer_has_the_health_code_checked_at_registration(qtbot, nurse_session, type_text):
    ctx, nurse = nurse_session.ctx, nurse_session.actor
    page = open_desk(qtbot, nurse_session)
    reg = page.registration
    page.start_registration(pharmacy_pending(nurse_session))
    assert reg.health_code.isVisible() and reg.health_code.value() == "not_checked"
    assert "From the pharmacy counter: check the health code here." in reg.banner.text()
    type_text(reg.name, "钱七")
    qtbot.keyClicks(reg.id_number, resident_id(date(1970, 5, 5)))
    qtbot.keyClick(reg.id_number, Qt.Key.Key_Return)
    assert reg.errors.visible_texts() == [
        "Check the patient's health code and choose green, yellow, red or not shown."]
    assert page.step() == page.REGISTER and page.focusWidget() is reg.health_code.buttons["green"]
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.resize(1176, 700)
        page.grab().save(str(SHOTS / "triage_registration_pharmacy.png"))
    reg.health_code.buttons["red"].click()
    qtbot.keyClick(reg.id_number, Qt.Key.Key_Return)
    assert page.step() == page.HANDOFF
    detail = ctx.registration.detail(nurse, page.handoff.visit_no.text())
    assert detail.screening.inputs.health_code == "red" and detail.screening.decision == "isolate"

    # a desk screening was checked at the desk: no health-code row at registration
    page.next_patient()
    screen_fever(qtbot, page)
    assert not reg.health_code.isVisible()


def test_the_desk_in_chinese_at_1366x768(qtbot, nurse_session, type_text):
    """Screenshots: the health-code choice with its reason, and the status bar's mode, nothing cut off."""
    from PySide6.QtWidgets import QApplication

    from ui.i18n import install_language
    from ui.main_window import MainWindow

    install_language(QApplication.instance(), "zh_CN")
    try:
        window = MainWindow(nurse_session, idle_ms=60_000)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        page = window.pages[0]
        assert isinstance(page, TriageDeskPage)
        form = page.screening
        assert window.mode_status.text() == "发热哨点诊室（一律转运）"
        assert [b.text() for b in form.health_code.buttons.values()] == ["绿码", "黄码", "红码", "未出示"]
        qtbot.keyClicks(form.temperature, "37.8")
        form.health_code.buttons["none"].click()
        qtbot.keyClick(form.temperature, Qt.Key.Key_Return)
        assert form.errors.visible_texts() == ["患者未出示健康码：请写明原因（如：老人无智能手机）。"]
        qtbot.wait(10)
        for button in form.health_code.buttons.values():
            assert button.width() >= button.sizeHint().width()
        assert form.health_code.note.width() >= 200
        SHOTS.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(SHOTS / "triage_desk_health_code_zh.png"))
        type_text(form.health_code.note, "老人无智能手机")
        qtbot.keyClick(form.health_code.note, Qt.Key.Key_Return)
        assert page.step() == page.REGISTER
        window.shutdown()
    finally:
        install_language(QApplication.instance(), "en")
