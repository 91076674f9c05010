"""An error clears when its field is corrected (issue 15): the red line under a field goes as soon as the user
edits that field, on any form (``FieldErrors`` does it for every field it knows), and only that field's line."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSpinBox, QWidget

from app.triage.vocab import IdType
from tests.ui.triage_support import resident_id
from ui.forms import FieldErrors, error_label
from ui.pages.registration_form import RegistrationForm
from ui.pages.screening_form import PendingScreening, ScreeningForm

SHOTS = "/tmp/shots/flow"


def shown(label: QLabel) -> bool:
    return not label.isHidden() and bool(label.text())


def test_a_bad_temperature_clears_when_the_nurse_types_again(qtbot, nurse_session):  # type: ignore[no-untyped-def]
    form = ScreeningForm(nurse_session)
    qtbot.addWidget(form)
    form.resize(1366, 768)
    form.show()
    qtbot.keyClicks(form.temperature, "450")
    form.health_code.buttons["green"].click()
    qtbot.keyClick(form.temperature, Qt.Key.Key_Return)
    assert shown(form.temp_error) and "43" in form.temp_error.text()
    assert form.last_record is None
    form.onset.setText("3")  # another field changing leaves the temperature's error alone
    assert shown(form.temp_error)
    qtbot.keyClick(form.temperature, Qt.Key.Key_Backspace)
    assert not shown(form.temp_error)
    form.temperature.selectAll()
    qtbot.keyClicks(form.temperature, "386")
    qtbot.keyClick(form.temperature, Qt.Key.Key_Return)
    assert form.last_record is not None and form.last_record.inputs.temperature_c == 38.6


def test_a_bad_id_number_clears_when_it_is_corrected(qtbot, nurse_session):  # type: ignore[no-untyped-def]
    form = RegistrationForm(nurse_session)
    qtbot.addWidget(form)
    form.resize(1366, 768)
    form.show()
    form.start(PendingScreening(0, "fever_clinic", 38.6, ()))
    form.id_type.setCurrentIndex(form.id_type.findData(IdType.RESIDENT_ID.value))
    good = resident_id(date(1985, 6, 1))
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")  # a wrong check digit
    error = form.errors._fields["id_number"][1]
    qtbot.keyClicks(form.id_number, bad)
    assert shown(error)  # read at once: 18 characters that are not a valid number
    form.grab().save(f"{SHOTS}/registration_bad_id_en.png")
    qtbot.keyClick(form.id_number, Qt.Key.Key_Backspace)
    assert not shown(error)
    qtbot.keyClicks(form.id_number, good[-1])
    assert not shown(error) and form.derived is not None
    form.grab().save(f"{SHOTS}/registration_corrected_en.png")


def test_every_kind_of_field_clears_its_own_line(qtbot):  # type: ignore[no-untyped-def]
    """FieldErrors alone: a line edit, a choice, a number and a composite field; a programmatic change of a line
    edit (a form tidying a date) is not a correction."""
    from app.errors import ValidationError

    host = QWidget()
    qtbot.addWidget(host)
    edit, combo, spin, composite = QLineEdit(host), QComboBox(host), QSpinBox(host), QWidget(host)
    combo.addItems(["a", "b"])
    inner = QLineEdit(composite)
    general = error_label()
    errors = FieldErrors(general)
    labels = {}
    for name, field in (("edit", edit), ("combo", combo), ("spin", spin), ("composite", composite)):
        labels[name] = error_label()
        errors.add(name, field, labels[name])
    host.show()
    for name, correct in (("edit", lambda: qtbot.keyClicks(edit, "x")), ("combo", lambda: combo.setCurrentIndex(1)),
                          ("spin", lambda: spin.setValue(3)), ("composite", lambda: qtbot.keyClicks(inner, "y"))):
        errors.show(ValidationError("required", field=name))
        assert shown(labels[name])
        if name == "edit":
            edit.setText("tidied")
            assert shown(labels[name])
        correct()
        assert not shown(labels[name]), name
    errors.show(ValidationError("required", field="nowhere"))
    qtbot.keyClicks(edit, "z")
    assert shown(general)  # the general line is not one field's to clear
