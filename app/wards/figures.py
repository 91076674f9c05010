"""The ward rules' figures, as data a county may change (app/figures.py).

Sources (DOMAIN.md and the county plans):

* "探视人数仅限1人，时间30分钟内…原则上不予现场探视，鼓励视频探视": a visitor permit's window is at most
  ``visit_max_minutes`` (default 30), one passage, with a reason.
* "陪护人员均应核酸检测" — the local plans: "陪护人员须持48小时内核酸检测阴性证明": an escort's negative
  nucleic-acid result counts for ``escort_test_valid_hours`` (default 48) from its sampling; the permit is
  valid no longer than the result (a new negative result renews it).
* "新入院患者和陪护人员落实应检尽检" — the local plans: "新入院患者须持48小时内核酸检测结果": a patient
  admitted without a fever-clinic case needs a nucleic-acid sample taken within ``admission_nat_hours``
  (default 48).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from app.figures import Figure, FigureSet


@dataclass(frozen=True)
class WardFigures(FigureSet):
    KEY: ClassVar[str] = "wards.figures"
    FIGURES: ClassVar[dict[str, Figure]] = {
        "visit_max_minutes": Figure(5, 120, "minutes", "探视人数仅限1人，时间30分钟内"),
        "escort_test_valid_hours": Figure(12, 168, "hours", "陪护人员均应核酸检测（持48小时内核酸检测阴性证明）"),
        "admission_nat_hours": Figure(12, 168, "hours", "新入院患者和陪护人员落实应检尽检（入院前48小时内核酸检测）"),
    }
    visit_max_minutes: int = 30
    escort_test_valid_hours: int = 48
    admission_nat_hours: int = 48
