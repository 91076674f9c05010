"""Vital signs (app/severity/vitals.py): impossible readings refused naming the field, unusual ones warned,
the temperature exactly as pre-triage checks it, and words for every refusal and warning."""

from __future__ import annotations

import math

import pytest

from app.errors import ValidationError
from app.severity.vitals import BOUNDS, Vitals
from app.severity.vocab import VitalWarning
from app.vocabulary import errors as error_words
from app.vocabulary.severity import VITAL_WARNING

REFUSED = [  # (field, value, error code): each bound from outside, and values of the wrong kind
    ("temperature_c", 33.9, "temperature_range"), ("temperature_c", 43.1, "temperature_range"),
    ("temperature_c", math.nan, "temperature_range"), ("temperature_c", True, "temperature_range"),
    ("temperature_c", "38.2", "temperature_range"),
    ("respiratory_rate", 1, "respiratory_rate_range"), ("respiratory_rate", 81, "respiratory_rate_range"),
    ("respiratory_rate", 16.5, "respiratory_rate_range"),
    ("spo2", 49, "spo2_range"), ("spo2", 101, "spo2_range"), ("spo2", False, "spo2_range"),
    ("systolic_bp", 39, "systolic_bp_range"), ("systolic_bp", 301, "systolic_bp_range"),
    ("heart_rate", 19, "heart_rate_range"), ("heart_rate", 301, "heart_rate_range"),
    ("spo2_scale", 3, "spo2_scale"), ("spo2_scale", "2", "spo2_scale"), ("spo2_scale", True, "spo2_scale"),
    ("oxygen", 1, "oxygen_value"), ("consciousness", "X", "consciousness_code"),
    ("consciousness", "a", "consciousness_code"),
]


@pytest.mark.parametrize(("field", "value", "code"), REFUSED)
def test_impossible_readings_are_refused_naming_the_field(field: str, value: object, code: str) -> None:
    with pytest.raises(ValidationError) as refused:
        Vitals(**{"temperature_c": 37.0, field: value})  # type: ignore[arg-type]
    assert (refused.value.code, refused.value.details["field"]) == (code, field)


def test_the_bounds_themselves_are_accepted() -> None:
    for field, bounds in BOUNDS.items():
        for value in (bounds.minimum, bounds.maximum):
            Vitals(**{"temperature_c": 37.0, field: value})  # type: ignore[arg-type]
    Vitals(temperature_c=38)  # a whole-number temperature is a temperature


def test_only_the_temperature_is_required() -> None:
    v = Vitals(temperature_c=37.2)
    assert (v.respiratory_rate, v.spo2, v.spo2_scale, v.oxygen, v.consciousness) == (None, None, 1, None, None)
    with pytest.raises(ValidationError) as refused:
        Vitals(temperature_c=None)  # type: ignore[arg-type]
    assert refused.value.code == "temperature_required"


WARNED = [  # (field, value, warning or None): just inside and just outside each warning bound
    ("temperature_c", 35.0, None), ("temperature_c", 34.9, "temperature_low"),
    ("temperature_c", 41.5, None), ("temperature_c", 41.6, "temperature_high"),
    ("respiratory_rate", 6, None), ("respiratory_rate", 5, "respiratory_rate_low"),
    ("respiratory_rate", 40, None), ("respiratory_rate", 41, "respiratory_rate_high"),
    ("spo2", 70, None), ("spo2", 69, "spo2_low"), ("spo2", 100, None),
    ("systolic_bp", 60, None), ("systolic_bp", 59, "systolic_bp_low"),
    ("systolic_bp", 250, None), ("systolic_bp", 251, "systolic_bp_high"),
    ("heart_rate", 35, None), ("heart_rate", 34, "heart_rate_low"),
    ("heart_rate", 200, None), ("heart_rate", 201, "heart_rate_high"),
]


@pytest.mark.parametrize(("field", "value", "warning"), WARNED)
def test_unusual_readings_are_warnings(field: str, value: object, warning: str | None) -> None:
    v = Vitals(**{"temperature_c": 37.0, field: value})  # type: ignore[arg-type]
    assert v.warnings == ((warning,) if warning else ())


def test_several_warnings_in_the_order_of_the_fields() -> None:
    v = Vitals(temperature_c=34.5, spo2=65, heart_rate=210)
    assert v.warnings == ("temperature_low", "spo2_low", "heart_rate_high")
    assert set(v.warnings) <= {w.value for w in VitalWarning}


def test_the_temperature_is_checked_as_at_pre_triage() -> None:
    from app.triage.rules import MAX_TEMPERATURE_C, MIN_TEMPERATURE_C, TriageRules

    t = BOUNDS["temperature_c"]
    rules = TriageRules()
    assert (t.minimum, t.maximum, t.low, t.high) == (MIN_TEMPERATURE_C, MAX_TEMPERATURE_C,
                                                     rules.implausible_below_c, rules.implausible_above_c)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_refusal_and_warning_has_words(language: str) -> None:
    codes = {code for _f, _v, code in REFUSED} | {b.code for b in BOUNDS.values()} | {
        "temperature_required", "severity_columns", "severity_header"}
    for code in codes:
        assert code in error_words.ERRORS, code
        text = error_words.sentence(code, {"minimum": 2, "maximum": 80}, language)
        assert "{" not in text and "?" not in text, text
    assert set(VITAL_WARNING) == {w.value for w in VitalWarning}
    refused = error_words.sentence("respiratory_rate_range", {"minimum": 2, "maximum": 80}, language)
    assert "2" in refused and "80" in refused
