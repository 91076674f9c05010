"""Issue 17 at the desk: the vital signs typed in Tab order after the temperature, the severity shown beside the
epidemic decision in words (never codes), and the banner that sends a level I/II patient to a doctor at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.ui.test_triage_desk import counts, open_desk, seen
from ui.i18n import install_language


def type_in_tab_order(qtbot, page, *readings: str) -> None:  # type: ignore[no-untyped-def]
    """Type each reading into the focused field, then Tab to the next."""
    for text in readings:
        if text:
            qtbot.keyClicks(page.focusWidget(), text)
        qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Tab)


def test_the_readings_follow_the_temperature_in_tab_order(qtbot, nurse_session):  # type: ignore[no-untyped-def]
    page = open_desk(qtbot, nurse_session)
    form = page.screening
    order = [form.temperature, form.spo2, form.rr, form.hr, form.sbp, form.consciousness, form.oxygen]
    visited = []
    for _field in order:
        visited.append(page.focusWidget())
        qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Tab)
    assert visited == order
    assert page.focusWidget() is next(iter(form.symptoms.values()))  # the thermometer's place: Alt+M or a click


def test_spo2_88_shows_the_banner_in_words_and_is_recorded_urgent(qtbot, nurse_session, boxes):  # type: ignore[no-untyped-def]
    page = open_desk(qtbot, nurse_session)
    form = page.screening
    type_in_tab_order(qtbot, page, "386", "88", "24", "112", "", "c")
    assert form.consciousness.currentData() == "C"  # the typed letter chose it
    qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Space)  # on oxygen
    assert form.oxygen.isChecked()
    seen(form)
    qtbot.waitUntil(lambda: form.panel.code == "fever_clinic" and form.panel.banner.isVisible())
    assert form.panel.banner.text() == "To a doctor at once · fever-clinic isolation precautions"
    shown = form.panel.severity.text()
    assert "Level II (critical)" in shown and "seen within 15 min" in shown
    assert "NEWS2 13 (partial: Systolic blood pressure not measured)" in shown
    assert "Low SpO₂ (88 %)" in shown and "Consciousness: New confusion" in shown
    assert "spo2_low" not in shown and "news2_single_3" not in shown  # words, not codes
    qtbot.keyClick(form.temperature, Qt.Key.Key_Return)
    assert counts(nurse_session) == (1, 0) and not boxes.calls  # nothing unusual to confirm
    record = form.last_record
    assert record is not None and record.urgent and record.severity_level == 2
    assert (record.inputs.spo2, record.inputs.respiratory_rate, record.inputs.heart_rate, record.inputs.systolic_bp,
            record.inputs.consciousness, record.inputs.oxygen) == (88, 24, 112, None, "C", True)
    assert "To a doctor at once" in form.status.text()
    assert page.step() == page.REGISTER  # the fever clinic's registration goes on as before
    # the banner follows the nurse's decision: raised to isolation, it names isolation
    page.next_patient()
    type_in_tab_order(qtbot, page, "365", "88")
    seen(form)
    qtbot.waitUntil(lambda: form.panel.banner.isVisible())
    assert form.panel.banner.text() == "To a doctor at once" and form.panel.code == "general"
    form.choice.setCurrentIndex(form.choice.findData("isolate"))
    assert form.panel.banner.text() == "To a doctor at once · isolate and report"


def test_a_well_patient_has_no_banner_and_the_temperature_alone_says_so(qtbot, nurse_session):  # type: ignore[no-untyped-def]
    page = open_desk(qtbot, nurse_session)
    form = page.screening
    qtbot.keyClicks(form.temperature, "366")
    seen(form)
    qtbot.waitUntil(lambda: form.panel.severity.isVisible())
    assert not form.panel.banner.isVisible()
    assert "Level IV (non-urgent)" in form.panel.severity.text()
    assert "NEWS2 0 (partial: temperature only)" in form.panel.severity.text()
    form.temperature.setFocus()
    type_in_tab_order(qtbot, page, "", "98", "16", "80", "120", "a")
    qtbot.waitUntil(lambda: "partial" not in form.panel.severity.text())
    assert form.panel.severity.text().endswith("NEWS2 0") and not form.panel.banner.isVisible()


def test_an_unusual_reading_is_confirmed_like_the_temperature(qtbot, nurse_session, boxes):  # type: ignore[no-untyped-def]
    page = open_desk(qtbot, nurse_session)
    form = page.screening
    type_in_tab_order(qtbot, page, "368", "65")
    seen(form)
    boxes.answer = QMessageBox.StandardButton.No
    qtbot.keyClick(form.temperature, Qt.Key.Key_Return)
    assert boxes.calls and boxes.calls[-1][1] == "Unusual reading"
    assert "SpO₂ very low" in boxes.calls[-1][2]
    assert counts(nurse_session) == (0, 0) and page.focusWidget() is form.spo2  # measure again
    boxes.answer = QMessageBox.StandardButton.Yes
    qtbot.keyClick(form.spo2, Qt.Key.Key_Return)
    assert counts(nurse_session) == (1, 0) and form.last_record is not None and form.last_record.inputs.spo2 == 65


def test_an_impossible_reading_is_refused_next_to_the_readings(qtbot, nurse_session):  # type: ignore[no-untyped-def]
    page = open_desk(qtbot, nurse_session)
    form = page.screening
    type_in_tab_order(qtbot, page, "368", "", "", "400")
    seen(form)
    qtbot.keyClick(form.temperature, Qt.Key.Key_Return)
    assert form.errors.visible_texts()[0].startswith("The heart rate must be a whole number from 20 to 300")
    assert counts(nurse_session) == (0, 0) and page.focusWidget() is form.hr


def test_in_chinese_the_severity_reads_in_chinese(qtbot, qapp, nurse_session):  # type: ignore[no-untyped-def]
    install_language(qapp, "zh_CN")
    page = open_desk(qtbot, nurse_session)
    form = page.screening
    type_in_tab_order(qtbot, page, "386", "88")
    seen(form)
    qtbot.waitUntil(lambda: form.panel.banner.isVisible())
    shown = form.panel.severity.text()
    assert "Ⅱ级 危重" in shown and "血氧饱和度低（88%）" in shown and "15 分钟内就诊" in shown
    assert form.consciousness.itemText(1) == "A 清醒" and form.vital_labels["spo2"].text() == "血氧"
