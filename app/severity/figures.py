"""The severity figures a clinic may change (app/figures.py): the vital-sign limits and NEWS2 totals of each
emergency triage level, the time to be seen per level, and the NEWS2-driven observation round.

Sources: 卫生部《急诊病人病情分级试点指导原则（征求意见稿）》(2011) and its table of single-parameter indicators
(单项指标), taken up by 《急诊预检分诊专家共识》(中华急诊医学杂志 2018;27(6):599-604); NEWS2 (Royal College of
Physicians, 2017) for the totals and the observation frequency. Why each default, in app/severity/triage_level.py
and app/severity/observation.py. A limit named ``…_below``/``…_above`` is strict (the source's "<40", ">180");
``…_at_or_below``/``…_at_or_above`` includes the value (the source's ranges "40–50"): a value on the border of
two levels' ranges goes to the more urgent one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from app.figures import Figure, FigureSet

_GUIDE = "急诊病人病情分级指导原则单项指标："
_NEWS2 = "NEWS2（英国皇家内科医师学会，2017）"


@dataclass(frozen=True)
class TriageLevelFigures(FigureSet):
    KEY: ClassVar[str] = "severity.triage_level"
    FIGURES: ClassVar[dict[str, Figure]] = {
        "level_i_hr_below": Figure(30, 45, "per_minute", _GUIDE + "心率<40次/分为Ⅰ级（濒危）"),
        "level_i_hr_above": Figure(160, 220, "per_minute", _GUIDE + "心率>180次/分为Ⅰ级（濒危）"),
        "level_i_sbp_below": Figure(50, 80, "mmhg", _GUIDE + "收缩压<70 mmHg为Ⅰ级（濒危）"),
        "level_i_spo2_below": Figure(70, 88, "percent", _GUIDE + "指测脉搏氧饱和度<80%为Ⅰ级（濒危）"),
        "level_ii_hr_at_or_below": Figure(40, 55, "per_minute", _GUIDE + "心率40–50次/分为Ⅱ级（危重）"),
        "level_ii_hr_at_or_above": Figure(120, 180, "per_minute", _GUIDE + "心率150–180次/分为Ⅱ级（危重）"),
        "level_ii_sbp_at_or_below": Figure(70, 90, "mmhg", _GUIDE + "收缩压70–80 mmHg为Ⅱ级（危重）"),
        "level_ii_sbp_above": Figure(180, 240, "mmhg", _GUIDE + "收缩压>200 mmHg为Ⅱ级（危重）"),
        "level_ii_spo2_at_or_below": Figure(80, 92, "percent", _GUIDE + "指测脉搏氧饱和度80%–90%为Ⅱ级（危重）"),
        "level_iii_hr_at_or_below": Figure(45, 60, "per_minute", _GUIDE + "心率50–55次/分为Ⅲ级（急症）"),
        "level_iii_hr_at_or_above": Figure(90, 130, "per_minute", _GUIDE + "心率100–150次/分为Ⅲ级（急症）"),
        "level_iii_sbp_at_or_below": Figure(80, 100, "mmhg", _GUIDE + "收缩压80–90 mmHg为Ⅲ级（急症）"),
        "level_iii_sbp_at_or_above": Figure(160, 200, "mmhg", _GUIDE + "收缩压180–200 mmHg为Ⅲ级（急症）"),
        "level_iii_spo2_at_or_below": Figure(88, 96, "percent", _GUIDE + "指测脉搏氧饱和度90%–94%为Ⅲ级（急症）"),
        "level_ii_scale2_spo2_at_or_below": Figure(80, 88, "percent",
                                                   _NEWS2 + "量表2（目标88%–92%）：84%–85%评2分，≤83%评3分"),
        "level_iii_scale2_spo2_at_or_below": Figure(84, 90, "percent", _NEWS2 + "量表2：86%–87%评1分，低于目标88%"),
        "level_ii_news2_from": Figure(5, 7, "points", _NEWS2 + "总分≥7分为高风险：至少Ⅱ级"),
        "level_iii_news2_from": Figure(3, 6, "points", _NEWS2 + "总分5–6分为中风险：至少Ⅲ级"),
        "level_i_minutes": Figure(0, 5, "minutes", "Ⅰ级濒危病人：立即救治"),
        "level_ii_minutes": Figure(5, 30, "minutes", "Ⅱ级危重病人：15分钟内给予医疗关注"),
        "level_iii_minutes": Figure(10, 60, "minutes", "Ⅲ级急症病人：30分钟内优先诊治"),
        "level_iv_minutes": Figure(30, 240, "minutes", "Ⅳ级非急症病人：1小时内顺序就诊"),
    }
    level_i_hr_below: int = 40
    level_i_hr_above: int = 180
    level_i_sbp_below: int = 70
    level_i_spo2_below: int = 80
    level_ii_hr_at_or_below: int = 50
    level_ii_hr_at_or_above: int = 150
    level_ii_sbp_at_or_below: int = 80
    level_ii_sbp_above: int = 200
    level_ii_spo2_at_or_below: int = 90
    level_iii_hr_at_or_below: int = 55
    level_iii_hr_at_or_above: int = 100
    level_iii_sbp_at_or_below: int = 90
    level_iii_sbp_at_or_above: int = 180
    level_iii_spo2_at_or_below: int = 94
    level_ii_scale2_spo2_at_or_below: int = 85
    level_iii_scale2_spo2_at_or_below: int = 87
    level_ii_news2_from: int = 7
    level_iii_news2_from: int = 5
    level_i_minutes: int = 0
    level_ii_minutes: int = 15
    level_iii_minutes: int = 30
    level_iv_minutes: int = 60


@dataclass(frozen=True)
class ObservationFigures(FigureSet):
    KEY: ClassVar[str] = "severity.observation"
    FIGURES: ClassVar[dict[str, Figure]] = {
        "observe_low_minutes": Figure(60, 720, "minutes", _NEWS2 + "0–4分：至少每4–6小时观察一次"),
        "observe_medium_minutes": Figure(15, 120, "minutes", _NEWS2 + "5–6分或单项3分：至少每小时观察一次"),
        "observe_high_minutes": Figure(0, 30, "minutes", _NEWS2 + "≥7分：持续监测生命体征并紧急评估"),
        "alert_rise": Figure(1, 5, "points", "本机构设定：NEWS2较上次升高2分及以上即提醒责任医生"),
        "alert_total": Figure(3, 7, "points", _NEWS2 + "≥5分为紧急反应阈值：升至5分及以上即提醒责任医生"),
    }
    observe_low_minutes: int = 240
    observe_medium_minutes: int = 60
    observe_high_minutes: int = 0  # 0: continuous
    alert_rise: int = 2
    alert_total: int = 5
