"""The fever clinic's time limits, as data a county may change (app/figures.py).

Sources (DOMAIN.md): "2小时报告疑似和确诊病例" and "逢阳必报、逢阳即报" (report within 2 h, from the
classification or the positive result); "12小时内完成核酸检测" (a suspected case's nucleic-acid test
within 12 h); "不得推诿任何患者" (首诊负责制: a patient who reached the fever clinic is taken by a doctor,
default within 10 min); 《新型冠状病毒肺炎诊疗方案》: a suspected case is excluded after two negative
nucleic-acid tests sampled at least 24 h apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import ClassVar

from app.figures import Figure, FigureSet


@dataclass(frozen=True)
class CaseworkFigures(FigureSet):
    KEY: ClassVar[str] = "casework.figures"
    FIGURES: ClassVar[dict[str, Figure]] = {
        "report_hours": Figure(1, 24, "hours", "2小时报告疑似和确诊病例；逢阳必报、逢阳即报"),
        "suspect_nat_hours": Figure(1, 48, "hours", "疑似病例12小时内完成核酸检测"),
        "incident_report_hours": Figure(1, 24, "hours", "绝不允许患者擅自转院或离院（发生即报告）"),
        "untaken_minutes": Figure(1, 120, "minutes", "首诊负责制，不得推诿任何患者"),
        "exclusion_interval_hours": Figure(12, 72, "hours", "疑似病例连续两次核酸检测阴性（采样时间至少间隔24小时）可排除"),
    }
    report_hours: int = 2
    suspect_nat_hours: int = 12
    incident_report_hours: int = 2
    untaken_minutes: int = 10
    exclusion_interval_hours: int = 24

    @staticmethod
    def window(hours: int) -> tuple[timedelta, timedelta]:
        """(warn after, due after): warn when three quarters of the time is gone."""
        return timedelta(hours=hours * 0.75), timedelta(hours=hours)
