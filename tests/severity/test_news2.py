"""NEWS2 (app/severity/news2.py): hand-worked cases from the RCP 2017 chart, every band edge on both sides,
scale 2 on air and on oxygen, missing readings never scored 0, and a property test against a second,
independently written chart."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.severity.news2 import News2, score
from app.severity.vitals import Vitals

NORMAL = {"respiratory_rate": 16, "spo2": 97, "oxygen": False, "systolic_bp": 125, "heart_rate": 72,
          "consciousness": "A", "temperature_c": 37.0}


def vitals(**changes: object) -> Vitals:
    return Vitals(**{**NORMAL, **changes})  # type: ignore[arg-type]


# (readings, expected per-parameter scores in the chart's order, total, highest single, risk), worked by hand
WORKED = [
    ({}, (0, 0, 0, 0, 0, 0, 0), 0, 0, "low"),
    # a febrile patient, tachypnoeic and tachycardic on oxygen: high risk
    ({"respiratory_rate": 24, "spo2": 93, "oxygen": True, "systolic_bp": 95, "heart_rate": 118,
      "temperature_c": 38.9}, (2, 2, 2, 2, 2, 0, 1), 11, 2, "high"),
    # new confusion alone: a red score, low-medium
    ({"consciousness": "C"}, (0, 0, 0, 0, 0, 3, 0), 3, 3, "low_medium"),
    # medium: 5 without any single 3
    ({"respiratory_rate": 22, "heart_rate": 95, "systolic_bp": 108, "temperature_c": 38.4},
     (2, 0, 0, 1, 1, 0, 1), 5, 2, "medium"),
    # 6 with a single 3 is medium, not low-medium
    ({"respiratory_rate": 25, "heart_rate": 112, "temperature_c": 38.2}, (3, 0, 0, 0, 2, 0, 1), 6, 3, "medium"),
    # hypercapnic patient on scale 2 at target on oxygen: only the oxygen scores
    ({"spo2": 89, "spo2_scale": 2, "oxygen": True}, (0, 0, 2, 0, 0, 0, 0), 2, 2, "low"),
    # the same patient over-oxygenated: scale 2 scores 97 % on oxygen 3
    ({"spo2": 97, "spo2_scale": 2, "oxygen": True}, (0, 3, 2, 0, 0, 0, 0), 5, 3, "medium"),
    # a shocked, hypothermic, unresponsive patient: every parameter at the top
    ({"respiratory_rate": 8, "spo2": 85, "oxygen": True, "systolic_bp": 80, "heart_rate": 140,
      "consciousness": "U", "temperature_c": 34.8}, (3, 3, 2, 3, 3, 3, 3), 20, 3, "high"),
]
ORDER = ("respiratory_rate", "spo2", "oxygen", "systolic_bp", "heart_rate", "consciousness", "temperature")


@pytest.mark.parametrize(("changes", "scores", "total", "max_single", "risk"), WORKED)
def test_worked_cases(changes: dict[str, object], scores: tuple[int, ...], total: int, max_single: int,
                      risk: str) -> None:
    n = score(vitals(**changes))
    assert tuple(n.scores[p] for p in ORDER) == scores
    assert (n.total, n.max_single, n.risk, n.complete, n.missing) == (total, max_single, risk, True, ())
    assert tuple(n.scores) == ORDER  # in the chart's order


EDGES = [  # (field, value, the parameter's score): each band's edges, from both sides
    *[("respiratory_rate", v, s) for v, s in ((2, 3), (8, 3), (9, 1), (11, 1), (12, 0), (20, 0), (21, 2), (24, 2),
                                              (25, 3), (80, 3))],
    *[("spo2", v, s) for v, s in ((50, 3), (91, 3), (92, 2), (93, 2), (94, 1), (95, 1), (96, 0), (100, 0))],
    *[("systolic_bp", v, s) for v, s in ((40, 3), (90, 3), (91, 2), (100, 2), (101, 1), (110, 1), (111, 0),
                                         (219, 0), (220, 3), (300, 3))],
    *[("heart_rate", v, s) for v, s in ((20, 3), (40, 3), (41, 1), (50, 1), (51, 0), (90, 0), (91, 1), (110, 1),
                                        (111, 2), (130, 2), (131, 3), (300, 3))],
    *[("temperature_c", v, s) for v, s in ((34.0, 3), (35.0, 3), (35.1, 1), (36.0, 1), (36.1, 0), (38.0, 0),
                                           (38.1, 1), (39.0, 1), (39.1, 2), (43.0, 2))],
    *[("consciousness", v, s) for v, s in (("A", 0), ("C", 3), ("V", 3), ("P", 3), ("U", 3))],
    *[("oxygen", v, s) for v, s in ((False, 0), (True, 2))],
]
PARAMETER_OF = {"temperature_c": "temperature"}


@pytest.mark.parametrize(("field", "value", "expected"), EDGES)
def test_every_band_edge(field: str, value: object, expected: int) -> None:
    assert score(vitals(**{field: value})).scores[PARAMETER_OF.get(field, field)] == expected


def test_between_the_charts_steps_a_temperature_scores_with_the_band_above() -> None:
    assert score(vitals(temperature_c=35.05)).scores["temperature"] == 1
    assert score(vitals(temperature_c=38.04)).scores["temperature"] == 1


SCALE_2 = [  # (SpO₂, on oxygen, score)
    (83, False, 3), (84, False, 2), (85, False, 2), (86, False, 1), (87, False, 1), (88, False, 0), (92, False, 0),
    (93, False, 0), (97, False, 0), (100, False, 0),
    (83, True, 3), (84, True, 2), (85, True, 2), (86, True, 1), (87, True, 1), (88, True, 0), (92, True, 0),
    (93, True, 1), (94, True, 1), (95, True, 2), (96, True, 2), (97, True, 3), (100, True, 3),
]


@pytest.mark.parametrize(("spo2", "oxygen", "expected"), SCALE_2)
def test_scale_2_on_air_and_on_oxygen(spo2: int, oxygen: bool, expected: int) -> None:
    n = score(vitals(spo2=spo2, spo2_scale=2, oxygen=oxygen))
    assert n.scores["spo2"] == expected
    assert n.scores["oxygen"] == (2 if oxygen else 0)


def test_scale_2_without_knowing_the_oxygen() -> None:
    """Up to 92 % the score is the same on air and on oxygen; from 93 % it depends, so it is missing."""
    assert score(vitals(spo2=86, spo2_scale=2, oxygen=None)).scores["spo2"] == 1
    unknown = score(vitals(spo2=95, spo2_scale=2, oxygen=None))
    assert "spo2" not in unknown.scores and unknown.missing == ("spo2", "oxygen")


def test_a_missing_reading_is_not_scored_zero() -> None:
    n = score(Vitals(temperature_c=39.5, heart_rate=120))
    assert n.scores == {"heart_rate": 2, "temperature": 2}
    assert n.missing == ("respiratory_rate", "spo2", "oxygen", "systolic_bp", "consciousness")
    assert not n.complete and n.total == 4
    high = score(Vitals(temperature_c=39.5, heart_rate=140, respiratory_rate=26))
    assert high.risk == "high" and not high.complete  # a partial total is a floor: already high


# ----- an independent chart, written out as the RCP prints it (inclusive ranges), for the property test
RANGES = {
    "respiratory_rate": [(0, 8, 3), (9, 11, 1), (12, 20, 0), (21, 24, 2), (25, 999, 3)],
    "spo2_1": [(0, 91, 3), (92, 93, 2), (94, 95, 1), (96, 100, 0)],
    "systolic_bp": [(0, 90, 3), (91, 100, 2), (101, 110, 1), (111, 219, 0), (220, 999, 3)],
    "heart_rate": [(0, 40, 3), (41, 50, 1), (51, 90, 0), (91, 110, 1), (111, 130, 2), (131, 999, 3)],
    "temperature_tenths": [(0, 350, 3), (351, 360, 1), (361, 380, 0), (381, 390, 1), (391, 999, 2)],
}


def _in(table: str, value: int) -> int:
    return next(s for lo, hi, s in RANGES[table] if lo <= value <= hi)


def _scale_2(spo2: int, oxygen: bool) -> int:
    if spo2 <= 83:
        return 3
    if spo2 <= 85:
        return 2
    if spo2 <= 87:
        return 1
    if spo2 <= 92 or not oxygen:
        return 0
    return 1 if spo2 <= 94 else 2 if spo2 <= 96 else 3


def expected(v: Vitals) -> dict[str, int]:
    out: dict[str, int] = {}
    if v.respiratory_rate is not None:
        out["respiratory_rate"] = _in("respiratory_rate", v.respiratory_rate)
    if v.spo2 is not None:
        if v.spo2_scale == 1:
            out["spo2"] = _in("spo2_1", v.spo2)
        elif v.oxygen is not None:
            out["spo2"] = _scale_2(v.spo2, v.oxygen)
        elif _scale_2(v.spo2, True) == _scale_2(v.spo2, False):
            out["spo2"] = _scale_2(v.spo2, False)
    if v.oxygen is not None:
        out["oxygen"] = 2 if v.oxygen else 0
    if v.systolic_bp is not None:
        out["systolic_bp"] = _in("systolic_bp", v.systolic_bp)
    if v.heart_rate is not None:
        out["heart_rate"] = _in("heart_rate", v.heart_rate)
    if v.consciousness is not None:
        out["consciousness"] = 0 if v.consciousness == "A" else 3
    out["temperature"] = _in("temperature_tenths", round(v.temperature_c * 10))
    return out


def _risk(total: int, top: int) -> str:
    return "high" if total >= 7 else "medium" if total >= 5 else "low_medium" if top == 3 else "low"


readings = st.builds(
    Vitals,
    temperature_c=st.integers(340, 430).map(lambda tenths: tenths / 10),
    respiratory_rate=st.none() | st.integers(2, 80),
    spo2=st.none() | st.integers(50, 100),
    spo2_scale=st.sampled_from([1, 2]),
    oxygen=st.none() | st.booleans(),
    systolic_bp=st.none() | st.integers(40, 300),
    heart_rate=st.none() | st.integers(20, 300),
    consciousness=st.none() | st.sampled_from("ACVPU"),
)


@settings(max_examples=1000, deadline=None)
@given(readings)
def test_the_score_matches_an_independent_chart(v: Vitals) -> None:
    n: News2 = score(v)
    want = expected(v)
    assert dict(n.scores) == want
    assert set(n.missing) == {"respiratory_rate", "spo2", "oxygen", "systolic_bp", "heart_rate", "consciousness",
                              "temperature"} - set(want)
    assert n.total == sum(want.values()) and n.max_single == max(want.values())
    assert n.risk == _risk(n.total, n.max_single) and n.complete == (len(want) == 7)
