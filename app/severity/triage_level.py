"""The emergency triage level (急诊预检分级, levels I–IV) from the vital signs and NEWS2, with the time to be seen.

What the level is built from (the limits are ``TriageLevelFigures``, app/severity/figures.py, which a clinic
may change on the rules page):

* the single-parameter indicators (单项指标) of 卫生部《急诊病人病情分级试点指导原则（征求意见稿）》(2011), kept
  by 《急诊预检分诊专家共识》(中华急诊医学杂志 2018):
  level I — heart rate < 40 or > 180 per minute, systolic pressure < 70 mmHg, SpO₂ < 80 %;
  level II — heart rate 40–50 or 150–180, systolic 70–80 or > 200, SpO₂ 80–90 %;
  level III — heart rate 50–55 or 100–150, systolic 80–90 or 180–200, SpO₂ 90–94 %.
  The source's ranges share their borders (50, 150, 80, 90): a value on a border goes to the more urgent level.
  On NEWS2's scale 2 (hypercapnic respiratory failure, chosen by a clinician: a target of 88–92 %) the
  guideline's SpO₂ limits would put every such patient at target in level II or III, against the clinician's
  own judgement; there level I stays < 80 %, level II is ≤ 85 % and level III ≤ 87 % — below the target, where
  NEWS2's scale 2 scores 2 and 1 (triage systems that name these patients, as the CTAS does, likewise take
  a lower SpO₂ for them).
* consciousness (``AVPU_LEVEL``, fixed): unresponsive (U) or responding only to pain (P) → I; responding to voice
  (V) or new confusion (C) → II. The guideline puts "急性意识障碍" at level 1 and "急性意识模糊/定向力障碍" at
  level 2; responding only to pain is a grave disturbance of consciousness (about GCS ≤ 8, the airway at
  risk), so P is level I here with U — as the ESI also puts P and U at its level 1 — rather than level II.
* NEWS2 (Royal College of Physicians, 2017): a total ≥ 7 (high risk) or any single parameter scoring 3 → at least
  level II; 5–6 (medium) → at least level III. The figures cannot raise these above 7 and 6.
* otherwise level IV.

The level is the most urgent one any indicator reaches; ``reasons`` lists every indicator met, most urgent
first. ``immediate`` — to the doctor at once, whatever the epidemic decision (issue 17) — is level I or II,
which by the above includes every NEWS2 ≥ 7 and every single 3. A reading not taken meets no indicator: the
result carries NEWS2's ``missing`` so the desk can say the level is a floor.

Time to be seen (figures): I at once (0), II within 15 minutes (the 2011 guideline; the 2018 consensus asks
10), III within 30, IV within 60.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.severity.figures import TriageLevelFigures
from app.severity.news2 import RED_SCORE, News2, score
from app.severity.vitals import Vitals
from app.severity.vocab import Avpu, Level, LevelReason, Spo2Scale

#: Consciousness → level (see the module's docstring); Alert reaches none.
AVPU_LEVEL: Mapping[str, Level] = {Avpu.UNRESPONSIVE: Level.I, Avpu.PAIN: Level.I, Avpu.VOICE: Level.II,
                                   Avpu.CONFUSION: Level.II}

DEFAULT_FIGURES = TriageLevelFigures()


@dataclass(frozen=True)
class Reason:
    code: str  # LevelReason
    level: int  # Level it reaches
    value: str  # what was seen: the reading, the NEWS2 total, the Avpu code, the Parameters that scored 3 (a,b)


@dataclass(frozen=True)
class Severity:
    level: int  # Level
    minutes: int  # to be seen within (0: at once)
    immediate: bool  # to the doctor at once
    reasons: tuple[Reason, ...]  # most urgent first
    news2: News2
    warnings: tuple[str, ...]  # VitalWarning: readings to confirm

    @property
    def missing(self) -> tuple[str, ...]:
        return self.news2.missing


def _first(checks: tuple[tuple[Level, bool], ...]) -> Level | None:
    return next((level for level, met in checks if met), None)


def _vital_reasons(v: Vitals, f: TriageLevelFigures) -> list[Reason]:
    found: list[Reason] = []

    def met(code: LevelReason, level: Level | None, value: object) -> None:
        if level is not None:
            found.append(Reason(code.value, level.value, str(value)))

    if (hr := v.heart_rate) is not None:
        met(LevelReason.HEART_RATE_LOW, _first(((Level.I, hr < f.level_i_hr_below),
                                                (Level.II, hr <= f.level_ii_hr_at_or_below),
                                                (Level.III, hr <= f.level_iii_hr_at_or_below))), hr)
        met(LevelReason.HEART_RATE_HIGH, _first(((Level.I, hr > f.level_i_hr_above),
                                                 (Level.II, hr >= f.level_ii_hr_at_or_above),
                                                 (Level.III, hr >= f.level_iii_hr_at_or_above))), hr)
    if (sbp := v.systolic_bp) is not None:
        met(LevelReason.SYSTOLIC_BP_LOW, _first(((Level.I, sbp < f.level_i_sbp_below),
                                                 (Level.II, sbp <= f.level_ii_sbp_at_or_below),
                                                 (Level.III, sbp <= f.level_iii_sbp_at_or_below))), sbp)
        met(LevelReason.SYSTOLIC_BP_HIGH, _first(((Level.II, sbp > f.level_ii_sbp_above),
                                                  (Level.III, sbp >= f.level_iii_sbp_at_or_above))), sbp)
    if (spo2 := v.spo2) is not None:
        scale_2 = v.spo2_scale == Spo2Scale.SCALE_2
        met(LevelReason.SPO2_LOW, _first((
            (Level.I, spo2 < f.level_i_spo2_below),
            (Level.II, spo2 <= (f.level_ii_scale2_spo2_at_or_below if scale_2 else f.level_ii_spo2_at_or_below)),
            (Level.III, spo2 <= (f.level_iii_scale2_spo2_at_or_below if scale_2 else f.level_iii_spo2_at_or_below)),
        )), spo2)
    if v.consciousness is not None:
        met(LevelReason.CONSCIOUSNESS, AVPU_LEVEL.get(v.consciousness), v.consciousness)
    return found


def _news2_reasons(n: News2, f: TriageLevelFigures) -> list[Reason]:
    found: list[Reason] = []
    if n.total >= f.level_ii_news2_from:
        found.append(Reason(LevelReason.NEWS2_HIGH.value, Level.II.value, str(n.total)))
    elif n.total >= f.level_iii_news2_from:
        found.append(Reason(LevelReason.NEWS2_MEDIUM.value, Level.III.value, str(n.total)))
    red = [parameter for parameter, points in n.scores.items() if points >= RED_SCORE]
    if red:
        found.append(Reason(LevelReason.NEWS2_SINGLE_3.value, Level.II.value, ",".join(red)))
    return found


def minutes_for(level: int, f: TriageLevelFigures = DEFAULT_FIGURES) -> int:
    """The time to be seen for a level, in minutes (0: at once)."""
    return {Level.I: f.level_i_minutes, Level.II: f.level_ii_minutes, Level.III: f.level_iii_minutes,
            Level.IV: f.level_iv_minutes}[Level(level)]


def triage_level(v: Vitals, figures: TriageLevelFigures = DEFAULT_FIGURES, news2: News2 | None = None) -> Severity:
    """The level of one set of observations (``news2``: already scored from the same ``v``, else scored here)."""
    n = news2 if news2 is not None else score(v)
    reasons = sorted(_vital_reasons(v, figures) + _news2_reasons(n, figures), key=lambda r: r.level)
    level = reasons[0].level if reasons else Level.IV.value
    return Severity(level, minutes_for(level, figures), level <= Level.II, tuple(reasons), n, v.warnings)
