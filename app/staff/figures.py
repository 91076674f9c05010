"""The testing interval of key-post staff, as data a county may change (app/figures.py).

Source (DOMAIN.md): "发热门诊等重点岗位工作人员…每3天完成1次核酸检测"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from app.figures import Figure, FigureSet


@dataclass(frozen=True)
class StaffFigures(FigureSet):
    KEY: ClassVar[str] = "staff.figures"
    FIGURES: ClassVar[dict[str, Figure]] = {
        "test_interval_days": Figure(1, 14, "days", "发热门诊等重点岗位工作人员…每3天完成1次核酸检测"),
    }
    test_interval_days: int = 3
