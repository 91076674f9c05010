"""The vital signs of one set of observations, checked the way pre-triage checks the temperature.

Only the temperature is required (pre-triage has always taken it); every other reading may be missing, and
NEWS2 then says so rather than scoring it 0. An impossible reading is refused with a ``ValidationError``
naming the field (a slip of the keyboard, or not a reading of a patient able to reach the desk); an unusual
but possible one is a warning (``Vitals.warnings``) the nurse confirms by measuring again.

The bounds are plausibility bounds chosen here, not guideline figures (``BOUNDS``):

* temperature: refused outside 34.0–43.0 °C, a warning below 35.0 or above 41.5 °C — pre-triage's own
  bounds (app/triage/rules.py ``MIN_TEMPERATURE_C``/``MAX_TEMPERATURE_C`` and the default
  ``implausible_below_c``/``implausible_above_c``; tests/severity keeps them equal);
* SpO₂: refused outside 50–100 %, a warning below 70 % (pulse oximeters state their accuracy over 70–100 %);
* respiratory rate: refused outside 2–80 per minute, a warning below 6 or above 40;
* systolic blood pressure: refused outside 40–300 mmHg (what a cuff measures), a warning below 60 or above 250;
* heart rate: refused outside 20–300 per minute, a warning below 35 or above 200.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

from app.errors import ValidationError
from app.severity.vocab import Avpu, Parameter, Spo2Scale


@dataclass(frozen=True)
class Bounds:
    """A reading outside ``minimum``–``maximum`` is refused (``code``); below ``low`` or above ``high``, warned."""

    minimum: int | float
    maximum: int | float
    low: int | float | None
    high: int | float | None
    code: str  # the error code of a refused reading
    parameter: Parameter  # the warnings are "<parameter>_low" / "<parameter>_high"


#: By the field of ``Vitals``: the plausibility bounds (see the module's docstring for why each).
BOUNDS: Mapping[str, Bounds] = {
    "temperature_c": Bounds(34.0, 43.0, 35.0, 41.5, "temperature_range", Parameter.TEMPERATURE),
    "respiratory_rate": Bounds(2, 80, 6, 40, "respiratory_rate_range", Parameter.RESPIRATORY_RATE),
    "spo2": Bounds(50, 100, 70, None, "spo2_range", Parameter.SPO2),
    "systolic_bp": Bounds(40, 300, 60, 250, "systolic_bp_range", Parameter.SYSTOLIC_BP),
    "heart_rate": Bounds(20, 300, 35, 200, "heart_rate_range", Parameter.HEART_RATE),
}


def _is_number(value: object, whole: bool) -> bool:
    if isinstance(value, bool):
        return False
    if whole:
        return isinstance(value, int)
    return isinstance(value, int | float) and value == value  # not NaN


@dataclass(frozen=True)
class Vitals:
    """One set of observations. ``oxygen``: supplemental oxygen (None: not recorded); ``consciousness``: an
    ``Avpu`` code (C = new confusion); ``spo2_scale`` 2 only when a clinician chose it for hypercapnic
    respiratory failure."""

    temperature_c: float
    respiratory_rate: int | None = None
    spo2: int | None = None
    spo2_scale: int = Spo2Scale.SCALE_1
    oxygen: bool | None = None
    systolic_bp: int | None = None
    heart_rate: int | None = None
    consciousness: str | None = None

    def __post_init__(self) -> None:
        if self.temperature_c is None:
            raise ValidationError("temperature_required", field="temperature_c")
        for name, bounds in BOUNDS.items():
            value = getattr(self, name)
            if value is None:
                continue
            if not _is_number(value, whole=name != "temperature_c") or not bounds.minimum <= value <= bounds.maximum:
                raise ValidationError(bounds.code, field=name, minimum=bounds.minimum, maximum=bounds.maximum)
        if not _is_number(self.spo2_scale, whole=True) or self.spo2_scale not in tuple(Spo2Scale):
            raise ValidationError("spo2_scale", field="spo2_scale")
        if self.oxygen is not None and not isinstance(self.oxygen, bool):
            raise ValidationError("oxygen_value", field="oxygen")
        if self.consciousness is not None and self.consciousness not in Avpu._value2member_map_:
            raise ValidationError("consciousness_code", field="consciousness")

    @property
    def warnings(self) -> tuple[str, ...]:
        """``VitalWarning`` codes of the readings to confirm, in the order of the fields."""
        found: list[str] = []
        for f in fields(self):
            bounds, value = BOUNDS.get(f.name), getattr(self, f.name)
            if bounds is None or value is None:
                continue
            if bounds.low is not None and value < bounds.low:
                found.append(f"{bounds.parameter}_low")
            elif bounds.high is not None and value > bounds.high:
                found.append(f"{bounds.parameter}_high")
        return tuple(found)
