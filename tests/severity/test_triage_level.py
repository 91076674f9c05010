"""The emergency triage level (app/severity/triage_level.py): each indicator's edges, NEWS2's part, the time
to be seen, ``immediate``; the figures a clinic changes take effect (also through the rules service); the
observation round's interval and alert (app/severity/observation.py)."""

from __future__ import annotations

import dataclasses

import pytest

from app.actor import Actor
from app.context import AppContext
from app.errors import ValidationError
from app.figures import load_figures
from app.guideline_rules import GuidelineRulesService
from app.severity.figures import ObservationFigures, TriageLevelFigures
from app.severity.news2 import score
from app.severity.observation import alerts, observe_every_minutes
from app.severity.triage_level import Severity, triage_level
from app.severity.vitals import Vitals
from app.vocabulary.severity import LEVEL_REASON, reason_text


def level_of(reason: str, **readings: object) -> int | None:
    """The level one indicator reaches (None: not met) for these readings with a normal temperature."""
    s = triage_level(Vitals(**{"temperature_c": 37.0, **readings}))  # type: ignore[arg-type]
    return next((r.level for r in s.reasons if r.code == reason), None)


HEART_RATE = [(39, "heart_rate_low", 1), (40, "heart_rate_low", 2), (50, "heart_rate_low", 2),
              (51, "heart_rate_low", 3), (55, "heart_rate_low", 3), (56, "heart_rate_low", None),
              (99, "heart_rate_high", None), (100, "heart_rate_high", 3), (149, "heart_rate_high", 3),
              (150, "heart_rate_high", 2), (180, "heart_rate_high", 2), (181, "heart_rate_high", 1)]
SYSTOLIC = [(69, "systolic_bp_low", 1), (70, "systolic_bp_low", 2), (80, "systolic_bp_low", 2),
            (81, "systolic_bp_low", 3), (90, "systolic_bp_low", 3), (91, "systolic_bp_low", None),
            (179, "systolic_bp_high", None), (180, "systolic_bp_high", 3), (200, "systolic_bp_high", 3),
            (201, "systolic_bp_high", 2)]
SPO2_SCALE_1 = [(79, 1), (80, 2), (90, 2), (91, 3), (94, 3), (95, None)]
SPO2_SCALE_2 = [(79, 1), (80, 2), (85, 2), (86, 3), (87, 3), (88, None), (92, None)]


@pytest.mark.parametrize(("hr", "reason", "level"), HEART_RATE)
def test_heart_rate_edges(hr: int, reason: str, level: int | None) -> None:
    assert level_of(reason, heart_rate=hr) == level


@pytest.mark.parametrize(("sbp", "reason", "level"), SYSTOLIC)
def test_systolic_pressure_edges(sbp: int, reason: str, level: int | None) -> None:
    assert level_of(reason, systolic_bp=sbp) == level


@pytest.mark.parametrize(("spo2", "level"), SPO2_SCALE_1)
def test_spo2_edges(spo2: int, level: int | None) -> None:
    assert level_of("spo2_low", spo2=spo2) == level


@pytest.mark.parametrize(("spo2", "level"), SPO2_SCALE_2)
def test_spo2_edges_on_scale_2_are_below_the_target(spo2: int, level: int | None) -> None:
    assert level_of("spo2_low", spo2=spo2, spo2_scale=2, oxygen=True) == level


@pytest.mark.parametrize(("avpu", "level"), [("U", 1), ("P", 1), ("V", 2), ("C", 2), ("A", None)])
def test_consciousness(avpu: str, level: int | None) -> None:
    assert level_of("consciousness", consciousness=avpu) == level


NEUTRAL = {"spo2": 96, "heart_rate": 80, "consciousness": "A"}  # no single-parameter indicator met


@pytest.mark.parametrize(("readings", "total", "level", "reason"), [
    ({"respiratory_rate": 22, "temperature_c": 39.5, "oxygen": True, "systolic_bp": 105}, 7, 2, "news2_high"),
    ({"respiratory_rate": 22, "temperature_c": 39.5, "oxygen": True, "systolic_bp": 115}, 6, 3, "news2_medium"),
    ({"respiratory_rate": 22, "temperature_c": 38.5, "oxygen": True, "systolic_bp": 115}, 5, 3, "news2_medium"),
    ({"respiratory_rate": 22, "temperature_c": 37.0, "oxygen": True, "systolic_bp": 115}, 4, 4, None),
    ({"respiratory_rate": 26, "temperature_c": 37.0, "oxygen": False, "systolic_bp": 115}, 3, 2, "news2_single_3"),
])
def test_news2_sets_at_least_a_level(readings: dict[str, object], total: int, level: int, reason: str | None) -> None:
    s = triage_level(Vitals(**{**NEUTRAL, **readings}))  # type: ignore[arg-type]
    assert (s.news2.total, s.level) == (total, level)
    assert [r.code for r in s.reasons] == ([reason] if reason else [])
    assert s.immediate == (level <= 2)


def test_the_level_is_the_most_urgent_reason_and_says_every_one() -> None:
    s = triage_level(Vitals(temperature_c=39.6, respiratory_rate=26, spo2=88, oxygen=True, systolic_bp=85,
                            heart_rate=130, consciousness="V"))
    assert s.level == 2 and s.minutes == 15 and s.immediate
    assert [(r.code, r.level) for r in s.reasons] == [
        ("spo2_low", 2), ("consciousness", 2), ("news2_high", 2), ("news2_single_3", 2),
        ("heart_rate_high", 3), ("systolic_bp_low", 3)]
    single_3 = next(r for r in s.reasons if r.code == "news2_single_3")
    assert single_3.value == "respiratory_rate,spo2,systolic_bp,consciousness"
    assert reason_text("news2_single_3", single_3.value, "zh_CN") == "单项评分 3 分：呼吸频率、血氧饱和度、收缩压、意识"
    assert reason_text("consciousness", "V", "en") == "Consciousness: Responds to voice"
    assert reason_text("heart_rate_high", "130", "zh_CN") == "心率过快（130 次/分）"
    assert set(LEVEL_REASON) >= {r.code for r in s.reasons}


@pytest.mark.parametrize(("readings", "level", "minutes"), [
    ({"heart_rate": 185}, 1, 0), ({"heart_rate": 160}, 2, 15), ({"heart_rate": 105}, 3, 30), ({}, 4, 60)])
def test_time_to_be_seen(readings: dict[str, object], level: int, minutes: int) -> None:
    s: Severity = triage_level(Vitals(temperature_c=37.0, **readings))  # type: ignore[arg-type]
    assert (s.level, s.minutes, s.immediate) == (level, minutes, level <= 2)


def test_a_missing_reading_meets_no_indicator_and_is_said() -> None:
    s = triage_level(Vitals(temperature_c=37.0))
    assert (s.level, s.reasons) == (4, ())
    assert s.missing == ("respiratory_rate", "spo2", "oxygen", "systolic_bp", "heart_rate", "consciousness")


def test_a_high_news2_is_always_at_least_level_ii_whatever_the_figures() -> None:
    """The figures cannot move NEWS2's limits past 7 and 6, so ``immediate`` keeps the issue's rule."""
    loosest = TriageLevelFigures(level_ii_news2_from=TriageLevelFigures.FIGURES["level_ii_news2_from"].maximum,
                                 level_iii_news2_from=TriageLevelFigures.FIGURES["level_iii_news2_from"].maximum)
    seven = Vitals(temperature_c=39.5, respiratory_rate=22, oxygen=True, systolic_bp=105, **NEUTRAL)  # type: ignore[arg-type]
    assert triage_level(seven, loosest).immediate
    with pytest.raises(ValidationError) as refused:
        TriageLevelFigures(level_ii_news2_from=8)
    assert refused.value.code == "figure_range"


def test_figures_a_clinic_changes_take_effect() -> None:
    v = Vitals(temperature_c=37.0, heart_rate=105)
    assert triage_level(v).level == 3
    changed = dataclasses.replace(TriageLevelFigures(), level_iii_hr_at_or_above=110, level_iv_minutes=120)
    assert (triage_level(v, changed).level, triage_level(v, changed).minutes) == (4, 120)
    stricter = dataclasses.replace(TriageLevelFigures(), level_ii_hr_at_or_above=120, level_ii_minutes=10)
    faster = triage_level(Vitals(temperature_c=37.0, heart_rate=125), stricter)
    assert (faster.level, faster.minutes) == (2, 10)


def test_figures_changed_on_the_rules_page_are_the_ones_loaded(ctx: AppContext, admin: Actor) -> None:
    rules = GuidelineRulesService(ctx.db, ctx.clock)
    version = rules.update_figures(admin, TriageLevelFigures.KEY, {"level_ii_minutes": 10,
                                                                  "level_iii_hr_at_or_above": 110}, 0)
    rules.update_figures(admin, ObservationFigures.KEY, {"observe_low_minutes": 120}, 0)
    with ctx.db.read() as s:
        figures, loaded_version = load_figures(s, TriageLevelFigures)
        observation, _ = load_figures(s, ObservationFigures)
    assert loaded_version == version
    assert triage_level(Vitals(temperature_c=37.0, heart_rate=105), figures).level == 4
    assert triage_level(Vitals(temperature_c=37.0, heart_rate=160), figures).minutes == 10
    assert observe_every_minutes(score(Vitals(temperature_c=37.0)), observation) == 120
    shown = rules.in_force()
    assert shown.figure("severity.triage_level:level_ii_minutes").value == 10
    assert shown.figure("severity.observation:alert_total").value == 5
    with pytest.raises(ValidationError):
        rules.update_figures(admin, TriageLevelFigures.KEY, {"level_iii_news2_from": 7}, version)


@pytest.mark.parametrize(("readings", "minutes"), [
    ({}, 240),  # 0
    ({"respiratory_rate": 22, "oxygen": True}, 240),  # 4
    ({"consciousness": "C"}, 60),  # 3 in a single parameter
    ({"respiratory_rate": 22, "oxygen": True, "temperature_c": 38.5}, 60),  # 5
    ({"respiratory_rate": 22, "oxygen": True, "temperature_c": 39.5}, 60),  # 6
    ({"respiratory_rate": 22, "oxygen": True, "temperature_c": 39.5, "heart_rate": 95}, 0),  # 7: continuous
])
def test_observation_interval_follows_news2(readings: dict[str, object], minutes: int) -> None:
    n = score(Vitals(**{"temperature_c": 37.0, **readings}))  # type: ignore[arg-type]
    assert observe_every_minutes(n) == minutes
    assert observe_every_minutes(n, ObservationFigures(observe_low_minutes=180, observe_medium_minutes=30,
                                                       observe_high_minutes=15)) == {240: 180, 60: 30, 0: 15}[minutes]


@pytest.mark.parametrize(("previous", "current", "raised"), [
    (None, 4, ()), (None, 5, ("news2_reached",)), (2, 4, ("news2_rose",)), (3, 4, ()), (4, 5, ("news2_reached",)),
    (3, 5, ("news2_rose", "news2_reached")), (5, 6, ()), (5, 7, ("news2_rose",)), (6, 5, ()), (8, 2, ()),
])
def test_observation_alerts(previous: int | None, current: int, raised: tuple[str, ...]) -> None:
    assert alerts(previous, current) == raised


def test_observation_alert_figures_take_effect() -> None:
    strict = ObservationFigures(alert_rise=1, alert_total=4)
    assert alerts(3, 4, strict) == ("news2_rose", "news2_reached")
    assert alerts(2, 3, ObservationFigures(alert_rise=3)) == ()
