"""NEWS2, the National Early Warning Score 2 (Royal College of Physicians, London, 2017), its chart as data.

The chart (RCP 2017, "The NEWS2 scoring system"), parameter by parameter, the score of each band::

    Respiration rate (per minute)    ≤8 → 3   9–11 → 1   12–20 → 0   21–24 → 2   ≥25 → 3
    SpO₂ scale 1 (%)                 ≤91 → 3   92–93 → 2   94–95 → 1   ≥96 → 0
    SpO₂ scale 2 (%)                 ≤83 → 3   84–85 → 2   86–87 → 1   88–92 → 0   ≥93 on air → 0
                                     93–94 on oxygen → 1   95–96 on oxygen → 2   ≥97 on oxygen → 3
    Air or oxygen?                   air → 0   oxygen → 2
    Systolic blood pressure (mmHg)   ≤90 → 3   91–100 → 2   101–110 → 1   111–219 → 0   ≥220 → 3
    Pulse (per minute)               ≤40 → 3   41–50 → 1   51–90 → 0   91–110 → 1   111–130 → 2   ≥131 → 3
    Consciousness                    Alert → 0   new Confusion, Voice, Pain, Unresponsive → 3
    Temperature (°C)                 ≤35.0 → 3   35.1–36.0 → 1   36.1–38.0 → 0   38.1–39.0 → 1   ≥39.1 → 2

Clinical risk: low (aggregate 0–4), low–medium (a single parameter scoring 3), medium (5–6), high (≥ 7).

A band is held by its top (inclusive): a reading falls in the first band whose top it does not exceed, so a
temperature between the chart's steps (35.05 °C) scores with the band above (35.1–36.0). A parameter not
measured is never scored as 0: ``News2.missing`` names it and the total is partial (``complete`` is False) — a
floor, as a missing reading can only add. On scale 2 an SpO₂ of 93 % or more scores only when it is known
whether the patient is on oxygen. NEWS2 is validated for adults (16 and over) and not in pregnancy; for
children and pregnant patients it is one sign among others for the clinician.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.severity.vitals import Vitals
from app.severity.vocab import Avpu, Parameter, Risk, Spo2Scale

Band = tuple[float | None, int]  # (the band's top, inclusive; None: no top), its score
Bands = tuple[Band, ...]


@dataclass(frozen=True)
class Chart:
    respiratory_rate: Bands
    spo2_scale_1: Bands
    spo2_scale_2_air: Bands
    spo2_scale_2_oxygen: Bands
    oxygen: Mapping[bool, int]
    systolic_bp: Bands
    heart_rate: Bands
    consciousness: Mapping[str, int]
    temperature: Bands


#: The RCP 2017 chart, as quoted in the module's docstring.
CHART = Chart(
    respiratory_rate=((8, 3), (11, 1), (20, 0), (24, 2), (None, 3)),
    spo2_scale_1=((91, 3), (93, 2), (95, 1), (None, 0)),
    spo2_scale_2_air=((83, 3), (85, 2), (87, 1), (None, 0)),
    spo2_scale_2_oxygen=((83, 3), (85, 2), (87, 1), (92, 0), (94, 1), (96, 2), (None, 3)),
    oxygen={False: 0, True: 2},
    systolic_bp=((90, 3), (100, 2), (110, 1), (219, 0), (None, 3)),
    heart_rate=((40, 3), (50, 1), (90, 0), (110, 1), (130, 2), (None, 3)),
    consciousness={Avpu.ALERT: 0, Avpu.CONFUSION: 3, Avpu.VOICE: 3, Avpu.PAIN: 3, Avpu.UNRESPONSIVE: 3},
    temperature=((35.0, 3), (36.0, 1), (38.0, 0), (39.0, 1), (None, 2)),
)

#: RCP 2017's thresholds of clinical risk (aggregate score); a single 3 is "low–medium" below MEDIUM_FROM.
MEDIUM_FROM = 5
HIGH_FROM = 7
RED_SCORE = 3


def band_score(bands: Bands, value: float) -> int:
    for top, points in bands:
        if top is None or value <= top:
            return points
    raise ValueError("a chart's last band has no top")


@dataclass(frozen=True)
class News2:
    """``scores``: by ``Parameter`` code, the parameters scored (in the chart's order); ``missing``: the ones
    that could not be; ``total`` and ``risk`` are then a floor."""

    scores: Mapping[str, int]
    missing: tuple[str, ...]
    total: int
    max_single: int
    risk: str  # Risk

    @property
    def complete(self) -> bool:
        return not self.missing


def risk_of(total: int, max_single: int) -> Risk:
    if total >= HIGH_FROM:
        return Risk.HIGH
    if total >= MEDIUM_FROM:
        return Risk.MEDIUM
    return Risk.LOW_MEDIUM if max_single >= RED_SCORE else Risk.LOW


def _spo2(v: Vitals, chart: Chart) -> int | None:
    if v.spo2 is None:
        return None
    if v.spo2_scale == Spo2Scale.SCALE_1:
        return band_score(chart.spo2_scale_1, v.spo2)
    on_air, on_oxygen = band_score(chart.spo2_scale_2_air, v.spo2), band_score(chart.spo2_scale_2_oxygen, v.spo2)
    if v.oxygen is None:
        return on_air if on_air == on_oxygen else None  # ≥ 93 %: it depends on the oxygen
    return on_oxygen if v.oxygen else on_air


def score(v: Vitals, chart: Chart = CHART) -> News2:
    """NEWS2 of one set of observations."""
    points: dict[str, int | None] = {
        Parameter.RESPIRATORY_RATE: None if v.respiratory_rate is None else band_score(chart.respiratory_rate,
                                                                                        v.respiratory_rate),
        Parameter.SPO2: _spo2(v, chart),
        Parameter.OXYGEN: None if v.oxygen is None else chart.oxygen[v.oxygen],
        Parameter.SYSTOLIC_BP: None if v.systolic_bp is None else band_score(chart.systolic_bp, v.systolic_bp),
        Parameter.HEART_RATE: None if v.heart_rate is None else band_score(chart.heart_rate, v.heart_rate),
        Parameter.CONSCIOUSNESS: None if v.consciousness is None else chart.consciousness[v.consciousness],
        Parameter.TEMPERATURE: band_score(chart.temperature, v.temperature_c),
    }
    scores = {str(p): s for p, s in points.items() if s is not None}
    total, max_single = sum(scores.values()), max(scores.values())
    return News2(scores, tuple(str(p) for p, s in points.items() if s is None), total, max_single,
                 risk_of(total, max_single).value)
