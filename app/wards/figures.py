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
* The gate's own figures (issue 13) are this clinic's safety limits, not guideline figures: a card scanned
  again within ``repeat_scan_seconds`` (default 10) of its passage is a repeated scan (a scanner reading
  the same card twice, a holder hesitating), not a second passage; an offline gate decides from its copy
  of the lists for at most ``offline_max_age_hours`` (default 24) after it was taken, then refuses
  (门禁24小时值守: better a call to the ward than an admission on day-old revocations).
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
        "repeat_scan_seconds": Figure(3, 60, "seconds", "本机构设定：同一证件10秒内再次扫描视为重复扫描，不计为再次通行"),
        "offline_max_age_hours": Figure(1, 72, "hours", "本机构安全限值：门岗离线数据超过24小时即停止据以放行"),
    }
    visit_max_minutes: int = 30
    escort_test_valid_hours: int = 48
    admission_nat_hours: int = 48
    repeat_scan_seconds: int = 10
    offline_max_age_hours: int = 24
