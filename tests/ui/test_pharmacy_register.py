"""The pharmacy page: phone required, the optional ID number, the prescription and the sale it allows,
the buyer's guide slip after every save, and the follow-up list with its call-backs."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt

from app.triage.pharmacy_service import PurchaseInput
from tests.ui.triage_support import ZONE, pdf_text, resident_id
from ui.i18n import install_language
from ui.main_window import MainWindow
from ui.pages.pharmacy import PharmacyPage

SHOTS = Path(os.environ.get("FS_SHOTS", "/tmp/shots"))


def page_for(qtbot, session) -> PharmacyPage:
    page = PharmacyPage(session)
    qtbot.addWidget(page)
    page.resize(1100, 740)
    page.show()
    page.activated()
    return page


def test_the_phone_is_required_and_the_id_number_checked(qtbot, nurse_session, type_text):
    page = page_for(qtbot, nurse_session)
    type_text(page.buyer, "吴刚")
    qtbot.keyClick(page.buyer, Qt.Key.Key_Return)
    assert page.errors.visible_texts() == [
        "Enter the buyer's phone number: every buyer is registered and called back."]
    assert page.focusWidget() is page.phone and page.last is None
    page.phone.setText("13800138000")
    page.id_number.setText("110105198001010010")  # wrong check digit
    qtbot.keyClick(page.phone, Qt.Key.Key_Return)
    assert len(page.errors.visible_texts()) == 1 and page.focusWidget() is page.id_number and page.last is None
    page.id_number.setText(resident_id(__import__("datetime").date(1980, 1, 1)))
    qtbot.keyClick(page.phone, Qt.Key.Key_Return)
    assert page.errors.visible_texts() == [] and page.last is not None
    page.preview.close()  # type: ignore[union-attr]


def test_a_level2_prescription_sells_the_fever_reducer(qtbot, nurse_session, type_text):
    page = page_for(qtbot, nurse_session)
    assert page.category.currentData() == "antipyretic"
    assert [page.category.itemData(i) for i in range(page.category.count())] == [
        "antipyretic", "antiviral", "antibiotic", "cough"]  # the retired antidiarrhoeal is not offered
    assert not page.rule_hint.isHidden() and not page.prescriber.isEnabled()
    page.prescription.setCurrentIndex(page.prescription.findData("level2_plus"))
    assert page.rule_hint.isHidden() and page.prescriber.isEnabled() and page.institution.isEnabled()
    type_text(page.buyer, "吴刚")
    page.phone.setText("13800138000")
    page.submit()
    assert page.errors.visible_texts() == [
        "Enter the doctor who wrote the prescription, or choose \"No prescription\"."]
    type_text(page.prescriber, "张医生")
    type_text(page.institution, "县人民医院")
    page.submit()
    assert page.last is not None and page.last.sold
    assert page.status.text() == "Recorded: 吴刚, Fever reducer. Give the guide slip to the fever clinic."
    assert page.prescription.currentData() == "none" and page.prescriber.text() == ""
    text = pdf_text(page.preview.pdf)  # type: ignore[union-attr]
    assert "已售出" in text and "吴*" in text and "退热药" in text
    page.preview.close()  # type: ignore[union-attr]


def test_without_a_prescription_the_buyer_is_registered_not_sold(qtbot, nurse_session, type_text):
    page = page_for(qtbot, nurse_session)
    type_text(page.buyer, "吴刚")
    page.phone.setText("13800138000")
    page.submit()
    assert page.last is not None and not page.last.sold
    assert page.status.text().startswith("Do NOT sell: 吴刚 has no prescription")
    text = "".join(pdf_text(page.preview.pdf).split())  # type: ignore[union-attr]
    assert "未售出" in text and "无二级以上医疗机构医生处方不得出售退烧药物" in text
    page.preview.close()  # type: ignore[union-attr]
    page.reprint_button.click()
    assert page.preview is not None and page.preview.isVisible()
    page.preview.close()


def test_the_follow_up_list_and_a_call_back(qtbot, nurse_session, clock):
    ctx, nurse = nurse_session.ctx, nurse_session.actor
    first = ctx.pharmacy.record(nurse, PurchaseInput("钱七", "antiviral", phone="13800000001"))
    clock.advance(minutes=30)
    ctx.pharmacy.record(nurse, PurchaseInput("孙八", "antipyretic", phone="13800000002"))
    page = page_for(qtbot, nurse_session)
    assert page.tabs.tabText(1) == "Follow-up (2)"
    page.tabs.setCurrentIndex(1)
    tab = page.followups
    model = tab.model
    assert model.rowCount() == 2 and model.record_at(0).purchase_id == first.id  # type: ignore[union-attr]
    cells = [model.data(model.index(1, c)) for c in range(model.COLUMNS)]
    assert cells == ["03-10 09:30", "孙八", "13800000002", "Fever reducer", "Not sold", "0", ""]
    assert tab.current() is not None and tab.current().purchase_id == first.id  # type: ignore[union-attr]
    assert "钱七, 13800000001" in tab.selected.text()
    tab.outcome.setCurrentIndex(tab.outcome.findData("no_answer"))
    tab.call_button.click()
    assert "Still on the list" in tab.status.text() and model.rowCount() == 2
    assert model.data(model.index(0, model.CALLS)) == "1"
    tab.view.selectRow(0)
    tab.outcome.setCurrentIndex(tab.outcome.findData("seen_elsewhere"))
    tab.note.setText("县人民医院")
    tab.call_button.click()
    assert tab.status.text() == "钱七: Seen at another fever clinic. Off the follow-up list."
    assert model.rowCount() == 1 and page.tabs.tabText(1) == "Follow-up (1)"
    assert ctx.pharmacy.followup(nurse, first.id).state == "called_back"


def test_screenshots_at_1366x768(qtbot, qapp, nurse_session, type_text, clock):
    ctx, nurse = nurse_session.ctx, nurse_session.actor
    for name, phone, category in (("钱七", "13800000001", "antiviral"), ("孙八", "13800000002", "antipyretic"),
                                  ("李四光", "13800000003", "cough")):
        ctx.pharmacy.record(nurse, PurchaseInput(name, category, phone=phone))
        clock.advance(minutes=25)
    window = MainWindow(nurse_session, idle_ms=3_600_000)
    qtbot.addWidget(window)
    window.start(maximize=False)
    window.resize(1366, 768)
    page = window.show_page_of(PharmacyPage)
    assert isinstance(page, PharmacyPage)
    type_text(page.buyer, "吴刚")
    page.phone.setText("13800138000")
    page.temperature.setText("36.7")
    page.submit()
    assert page.preview is not None
    page.preview.close()
    type_text(page.buyer, "郑爽")
    page.phone.setText("13900001111")
    SHOTS.mkdir(parents=True, exist_ok=True)
    qtbot.wait(10)
    window.grab().save(str(SHOTS / "pharmacy-register.png"))
    page.tabs.setCurrentIndex(1)
    qtbot.wait(10)
    window.grab().save(str(SHOTS / "pharmacy-followup.png"))
    assert page.followups.model.rowCount() == 4
    install_language(qapp, "zh_CN")  # the nurse's language: nothing cut off, no English left
    qtbot.wait(10)
    assert page.tabs.tabText(1) == "追踪回访（4）"
    qtbot.wait(200)
    window.grab().save(str(SHOTS / "pharmacy-followup-zh.png"))
    page.tabs.setCurrentIndex(0)
    page.prescription.setCurrentIndex(page.prescription.findData("below_level2"))
    qtbot.wait(10)
    window.grab().save(str(SHOTS / "pharmacy-register-zh.png"))
    window.shutdown()


def test_the_counter_screening_reads_in_words_on_the_timeline(qtbot, nurse_session, clock):
    from app.triage.records import PatientInput
    from ui.pages.timeline import event_summary

    ctx, nurse = nurse_session.ctx, nurse_session.actor
    record = ctx.pharmacy.record(nurse, PurchaseInput("钱七", "antipyretic", phone="13800000001", temperature_c=38.4))
    clock.advance(minutes=2)
    visit = ctx.registration.register(nurse, screening_id=record.screening_id, health_code="green",
                                      patient=PatientInput(name="钱七", id_type="resident_id",
                                                           id_number=resident_id(__import__("datetime").date(1980, 1, 1))))
    events = ctx.timelines.timeline(nurse, visit.visit_no).events
    assert events[0].action == "pharmacy.purchase"
    assert event_summary(events[0], ZONE) == (
        "At the pharmacy counter: Fever reducer, No prescription, Not sold; decision: Fever clinic")
