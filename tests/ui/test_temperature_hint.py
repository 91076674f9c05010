"""The temperature field says what it has read while the nurse types (issue 15): "386" → 38.6 °C, read by the same
``TemperatureEdit.value`` that is saved; an impossible reading is refused in words at once, an unusual one warned
about, with the bounds the service uses."""

from __future__ import annotations

from app.triage.rules import MAX_TEMPERATURE_C, TriageRules
from ui.pages.pharmacy import PharmacyPage
from ui.pages.screening_form import ScreeningForm


def test_the_screening_form_shows_the_reading_while_typing(qtbot, nurse_session):  # type: ignore[no-untyped-def]
    form = ScreeningForm(nurse_session)
    qtbot.addWidget(form)
    form.show()
    hint = form.temp_hint
    assert hint.text() == ""
    qtbot.keyClicks(form.temperature, "3")
    assert hint.text() == ""  # the start of a reading, not 3 °C
    qtbot.keyClicks(form.temperature, "86")
    assert hint.text() == "38.6 °C" and hint.isVisible()
    assert form.temperature.value() == 38.6  # the hint reads what is saved
    form.temperature.clear()
    assert hint.text() == ""
    qtbot.keyClicks(form.temperature, "450")
    assert hint.text().startswith("45.0 °C: not a body temperature")
    assert f"{MAX_TEMPERATURE_C:.0f} °C" in hint.text() and "measure again" in hint.text()
    form.temperature.clear()
    qtbot.keyClicks(form.temperature, "36.55")  # the validator stops at one decimal
    assert hint.text() == "36.5 °C"


def test_the_clinic_s_unusual_bounds_are_the_ones_warned_about(qtbot, nurse_session):  # type: ignore[no-untyped-def]
    form = ScreeningForm(nurse_session)
    qtbot.addWidget(form)
    qtbot.keyClicks(form.temperature, "415")
    assert hint_of(form) == "41.5 °C"  # the default bound (41.5) is not above itself
    form.set_rules(TriageRules(implausible_above_c=41.0), [])
    assert hint_of(form) == "41.5 °C: unusually high, measure again"
    form.temperature.clear()
    qtbot.keyClicks(form.temperature, "348")
    assert hint_of(form) == "34.8 °C: unusually low, measure again"


def hint_of(form: ScreeningForm) -> str:
    return form.temp_hint.text()


def test_the_pharmacy_counter_shows_the_reading_too(qtbot, nurse_session):  # type: ignore[no-untyped-def]
    page = PharmacyPage(nurse_session)
    qtbot.addWidget(page)
    page.show()
    page.activated()
    qtbot.keyClicks(page.temperature, "392")
    assert page.temp_hint.text() == "39.2 °C" and page.temp_hint.isVisible()


def test_a_warning_shown_reads_in_the_language_switched_to(qtbot, qapp, nurse_session):  # type: ignore[no-untyped-def]
    from ui.i18n import install_language

    form = ScreeningForm(nurse_session)
    qtbot.addWidget(form)
    qtbot.keyClicks(form.temperature, "450")
    try:
        install_language(qapp, "zh_CN")
        assert hint_of(form).startswith("45.0 °C：不可能是体温")
    finally:
        install_language(qapp, "en")
    assert hint_of(form).startswith("45.0 °C: not a body temperature")
