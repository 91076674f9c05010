"""The vital-signs fields of one set of observations, shared by every form that takes a set (the case's
observation round; the triage desk may use it too): temperature, then the NEWS2 chart's order — respiration
rate, SpO₂ (with its scale where a clinician may choose scale 2), air or oxygen, systolic pressure, heart rate,
consciousness. Tab follows that order. An empty field is "not measured", never "normal"; ``vitals()`` builds
``app.severity.vitals.Vitals``, which refuses an impossible reading with a ValidationError naming its field.

Words of the severity codes (levels, ACVPU, scale, oxygen) come from app/vocabulary/severity.py.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
                               QWidget)

from app.printing import vitals_text as VS
from app.printing.text import EMPTY
from app.severity.store import VitalSignsRecord
from app.severity.vitals import Vitals
from app.severity.vocab import Avpu, Spo2Scale
from app.vocabulary import severity as SEV
from ui.fields import TemperatureEdit
from ui.i18n import current_language
from ui.labels import say

translate = QCoreApplication.translate  # context "Vitals"

#: The ``Vitals`` field each input is for (ValidationError.details["field"] names it).
FIELDS = ("temperature_c", "respiratory_rate", "spo2", "spo2_scale", "oxygen", "systolic_bp", "heart_rate",
          "consciousness")


def observation_alert_name(code: str) -> str:
    """Why a set alerted the doctor (app.severity.vocab.ObservationAlert)."""
    return say(SEV.OBSERVATION_ALERT[code]) if code in SEV.OBSERVATION_ALERT else code


def level_text(level: int) -> str:
    return say(SEV.LEVEL[str(level)]) if str(level) in SEV.LEVEL else str(level)


def risk_text(news2: int, max_single: int) -> str:
    from app.severity.news2 import risk_of

    return say(SEV.RISK[risk_of(news2, max_single).value])


def news2_text(v: VitalSignsRecord) -> str:
    """"NEWS2 5 (medium risk)"; a partial total reads "at least 5" (readings are missing)."""
    if v.news2_complete:
        return translate("Vitals", "NEWS2 {total} ({risk})").format(total=v.news2,
                                                                     risk=risk_text(v.news2, v.max_single))
    return translate("Vitals", "NEWS2 at least {total} ({risk}; readings missing)").format(
        total=v.news2, risk=risk_text(v.news2, v.max_single))


def readings_text(v: VitalSignsRecord) -> str:
    """The readings in one line, in the desk's language, as paper says them (app/printing/vitals_text.py); the
    ones not measured are left out."""
    language = current_language()
    return ("，" if language.startswith("zh") else ", ").join(
        f"{name} {value}" for name, value in VS.readings(v.vitals, language) if value != EMPTY)


class ReadingEdit(QLineEdit):
    """A whole-number vital sign (SpO₂, a rate, a pressure): digits only, empty when not measured; the range is
    the service's to check (it names the field)."""

    def __init__(self, digits: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setValidator(QRegularExpressionValidator(QRegularExpression(rf"^\d{{0,{digits}}}$"), self))
        self.setMaxLength(digits)
        self.setFixedWidth(48)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)

    def value(self) -> int | None:
        text = self.text().strip()
        return int(text) if text else None


class ConsciousnessChoice(QComboBox):
    """ACVPU as a combo: typing a letter (either case) chooses it; the first item is "not assessed"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem("", None)
        for avpu in Avpu:
            self.addItem("", avpu.value)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.findData(event.text().upper()) if event.text().strip() else -1
        if index > 0:
            self.setCurrentIndex(index)
            event.accept()
            return
        super().keyPressEvent(event)


class VitalsFields(QWidget):
    """The inputs in a grid of ``columns`` label–field pairs per row. ``with_scale``: offer SpO₂ scale 2 (a
    clinician's choice, confirmed when ticked); the triage desk never does. ``submitted``: Enter in the last
    field."""

    submitted = Signal()

    def __init__(self, *, with_scale: bool, columns: int = 4, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.temperature = TemperatureEdit()
        self.temperature.setMaximumWidth(70)
        self.respiratory_rate = ReadingEdit(2)
        self.spo2 = ReadingEdit(3)
        self.scale_2 = QCheckBox()
        self.scale_2.setVisible(with_scale)
        self.scale_2.toggled.connect(self._scale_toggled)
        self.oxygen = QComboBox()
        self.systolic_bp = ReadingEdit(3)
        self.heart_rate = ReadingEdit(3)
        self.consciousness = ConsciousnessChoice()
        self.labels: dict[str, QLabel] = {}
        pairs: list[tuple[str, QWidget]] = [
            ("temperature_c", self.temperature), ("respiratory_rate", self.respiratory_rate), ("spo2", self.spo2),
            ("oxygen", self.oxygen), ("systolic_bp", self.systolic_bp), ("heart_rate", self.heart_rate),
            ("consciousness", self.consciousness)]
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        for i, (name, field) in enumerate(pairs):
            label = QLabel()
            label.setBuddy(field)
            self.labels[name] = label
            row, col = divmod(i, columns)
            grid.addWidget(label, row, col * 2)
            if field is self.spo2:  # the scale beside the reading it scores (Tab goes from one to the other)
                cell = QHBoxLayout()
                cell.setContentsMargins(0, 0, 0, 0)
                cell.addWidget(self.spo2)
                cell.addWidget(self.scale_2)
                grid.addLayout(cell, row, col * 2 + 1)
            else:
                grid.addWidget(field, row, col * 2 + 1)
        self.inputs: tuple[QWidget, ...] = tuple(f for _n, f in pairs[:3]) + (
            (self.scale_2,) if with_scale else ()) + tuple(f for _n, f in pairs[3:])
        for first, second in zip(self.inputs, self.inputs[1:]):
            QWidget.setTabOrder(first, second)
        for edit in (self.temperature, self.respiratory_rate, self.spo2, self.systolic_bp, self.heart_rate):
            edit.returnPressed.connect(self.submitted)
        self.retranslate()

    def first(self) -> QWidget:
        return self.temperature

    def field(self, name: str) -> QWidget:
        return {"temperature_c": self.temperature, "respiratory_rate": self.respiratory_rate, "spo2": self.spo2,
                "spo2_scale": self.scale_2, "oxygen": self.oxygen, "systolic_bp": self.systolic_bp,
                "heart_rate": self.heart_rate, "consciousness": self.consciousness}[name]

    def vitals(self) -> Vitals:
        """The set as typed (ValidationError from ``Vitals`` when a reading is impossible or missing)."""
        temperature = self.temperature.value()
        return Vitals(temperature_c=temperature,  # type: ignore[arg-type]  # None: Vitals refuses it by name
                      respiratory_rate=self.respiratory_rate.value(), spo2=self.spo2.value(),
                      spo2_scale=Spo2Scale.SCALE_2 if self.scale_2.isChecked() else Spo2Scale.SCALE_1,
                      oxygen=self.oxygen.currentData(), systolic_bp=self.systolic_bp.value(),
                      heart_rate=self.heart_rate.value(), consciousness=self.consciousness.currentData())

    def clear(self) -> None:
        for edit in (self.temperature, self.respiratory_rate, self.spo2, self.systolic_bp, self.heart_rate):
            edit.clear()
        self.oxygen.setCurrentIndex(0)
        self.consciousness.setCurrentIndex(0)
        # the scale stays as chosen: the doctor's judgement holds for the patient's next set too

    def _scale_toggled(self, on: bool) -> None:
        if not on:
            return
        answer = QMessageBox.question(
            self, translate("Vitals", "SpO₂ scale 2"),
            translate("Vitals", "Scale 2 is only for hypercapnic respiratory failure, decided by a doctor. Score "
                                "this patient's SpO₂ on scale 2?"))
        if answer != QMessageBox.StandardButton.Yes:
            self.scale_2.setChecked(False)

    def retranslate(self) -> None:
        captions = {
            "temperature_c": translate("Vitals", "Temperature °C:"),
            "respiratory_rate": translate("Vitals", "Respiration /min:"),
            "spo2": translate("Vitals", "SpO₂ %:"),
            "oxygen": translate("Vitals", "Air or oxygen:"),
            "systolic_bp": translate("Vitals", "Systolic mmHg:"),
            "heart_rate": translate("Vitals", "Heart rate /min:"),
            "consciousness": translate("Vitals", "Consciousness:"),
        }
        for name, text in captions.items():
            self.labels[name].setText(text)
        self.scale_2.setText(translate("Vitals", "SpO₂ scale 2"))
        self.scale_2.setToolTip(say(SEV.SPO2_SCALE["2"]))
        self.temperature.setPlaceholderText(translate("Vitals", "required"))
        for edit in (self.respiratory_rate, self.spo2, self.systolic_bp, self.heart_rate):
            edit.setPlaceholderText(translate("Vitals", "not taken"))
        self._fill(self.oxygen, [(None, translate("Vitals", "not recorded")), (False, translate("Vitals", "air")),
                                 (True, translate("Vitals", "oxygen"))])
        self._fill(self.consciousness, [(None, translate("Vitals", "not recorded"))]
                   + [(a.value, f"{a.value} {say(SEV.AVPU[a.value])}") for a in Avpu])

    @staticmethod
    def _fill(box: QComboBox, items: list[tuple[object, str]]) -> None:
        index = max(box.currentIndex(), 0)
        box.blockSignals(True)
        box.clear()
        for data, text in items:
            box.addItem(text, data)
        box.setCurrentIndex(index)
        box.blockSignals(False)
