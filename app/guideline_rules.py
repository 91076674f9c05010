"""The rules in force (规则与时限): every guideline rule the product enforces, where it applies, the
phrase of the county/district plans it comes from (quoted from /work/shared/DOMAIN.md), and the figures
in force it uses, read where they live:

* the ``FigureSet`` classes a county may change on the rules page (app/figures.py: the fever clinic's
  ``CaseworkFigures``, the wards' ``WardFigures`` — each imported only if this release has it);
* the screening rules (``TriageRules``: fever threshold, travel window, hand-off time limit) and the
  transfer targets (``TransferTargets``), which keep their own settings pages;
* the daily report's automatic submission time (set on the report page);
* time limits fixed by the guideline itself (nucleic-acid turnaround, the 24 h investigation);
* the clinic mode (``app.clinic_mode``): a rule of one mode only is listed as not in force in the other.

The service returns plain dataclasses; the desks put the rule's plain words next to the source phrase.
Reading needs no permission (every user may see which rules bind them); changing a figure needs
``Perm.MANAGE_CLINIC_SETTINGS`` and goes through ``FiguresService.update`` (audited
``figures.update``, refused as ``StaleEdit`` when another desk saved first).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import time, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session

from app.actor import Actor
from app.clinic_mode import ClinicMode, load_mode
from app.db.models import ClinicSetting
from app.errors import NotFound, ValidationError
from app.figures import FigureSet, FiguresService, load_figures
from app.services.base import Service


class Area(StrEnum):
    PRE_TRIAGE = "pre_triage"
    FEVER_CLINIC = "fever_clinic"
    TRANSFER = "transfer"
    WARDS = "wards"
    PHARMACY = "pharmacy"
    REPORT = "report"


class EditedOn(StrEnum):
    """Where a figure is changed."""

    RULES = "rules"  # a FigureSet: on the rules page (FiguresService)
    TRIAGE_RULES = "triage_rules"  # the screening rules page (TriageConfigService)
    TRANSFER_SETTINGS = "transfer_settings"  # the transfer settings page (TransferService.set_targets)
    REPORT = "report"  # the daily report page (ReportService.set_auto_submit_time)
    FIXED = "fixed"  # set by the guideline itself: nobody changes it


#: The FigureSets a county may change, as (module, class): imported when present in this release.
FIGURE_SET_CLASSES: tuple[tuple[str, str], ...] = (
    ("app.casework.figures", "CaseworkFigures"),
    ("app.wards.figures", "WardFigures"),
    ("app.severity.figures", "TriageLevelFigures"),
    ("app.severity.figures", "ObservationFigures"),
    ("app.staff.figures", "StaffFigures"),  # issue 18
    ("app.stock.figures", "StockFigures"),
)

TRIAGE = "triage.rules"
TRANSFER = "transfer.targets"
REPORT_TIME = "report.auto_submit_at"
FIXED = "guideline"
SEVERITY = "severity.triage_level"
OBSERVATION = "severity.observation"


@dataclass(frozen=True)
class Rule:
    """One rule of the registry: ``figures`` name "<set key>:<figure>" references."""

    id: str
    area: Area
    source: str  # quoted from the plans (DOMAIN.md)
    figures: tuple[str, ...] = ()
    modes: frozenset[ClinicMode] = frozenset(ClinicMode)  # the clinic modes it applies in


RULES: tuple[Rule, ...] = (
    # ----- pre-triage
    Rule("triage.everyone_screened", Area.PRE_TRIAGE,
         "所有来院患者需经预检分诊后再就诊…由专人按照指定路线引导至发热门诊就诊",
         (f"{TRIAGE}:handoff_timeout_minutes",)),
    Rule("triage.symptoms", Area.PRE_TRIAGE, "发热、咳嗽、乏力、咽痛、嗅(味)觉减退、腹泻等",
         (f"{TRIAGE}:fever_threshold_c",)),
    Rule("triage.travel_window", Area.PRE_TRIAGE, "发病前14天内的旅居史", (f"{TRIAGE}:travel_window_days",)),
    Rule("triage.identity_and_health_code", Area.PRE_TRIAGE,
         "做好发热病人基本身份信息登记，并及时查验健康码，加强流行病学问诊"),
    # issue 17: how sick, not only how risky (app/severity)
    Rule("triage.severity_vitals", Area.PRE_TRIAGE,
         "急诊病人病情分级指导原则：依据心率、收缩压、指测脉搏氧饱和度等单项指标及意识状态，分为Ⅰ级濒危、Ⅱ级危重、Ⅲ级急症、Ⅳ级非急症",
         tuple(f"{SEVERITY}:level_{level}_{name}" for level, name in (
             ("i", "hr_below"), ("i", "hr_above"), ("i", "sbp_below"), ("i", "spo2_below"),
             ("ii", "hr_at_or_below"), ("ii", "hr_at_or_above"), ("ii", "sbp_at_or_below"), ("ii", "sbp_above"),
             ("ii", "spo2_at_or_below"), ("iii", "hr_at_or_below"), ("iii", "hr_at_or_above"),
             ("iii", "sbp_at_or_below"), ("iii", "sbp_at_or_above"), ("iii", "spo2_at_or_below"),
             ("ii", "scale2_spo2_at_or_below"), ("iii", "scale2_spo2_at_or_below")))),
    Rule("triage.severity_news2", Area.PRE_TRIAGE,
         "NEWS2（英国皇家内科医师学会，2017）：总分≥7分或任一单项3分须立即评估，5–6分为中风险",
         (f"{SEVERITY}:level_ii_news2_from", f"{SEVERITY}:level_iii_news2_from")),
    Rule("triage.severity_time", Area.PRE_TRIAGE, "Ⅰ级立即救治，Ⅱ级15分钟内，Ⅲ级30分钟内，Ⅳ级1小时内顺序就诊",
         tuple(f"{SEVERITY}:level_{level}_minutes" for level in ("i", "ii", "iii", "iv"))),
    # ----- fever clinic
    Rule("clinic.refer", Area.FEVER_CLINIC, "二级以下医疗机构不得接诊发热病例，门诊发现发热病例须立即转定点发热门诊",
         modes=frozenset({ClinicMode.REFER})),
    Rule("clinic.first_diagnosis", Area.FEVER_CLINIC, "不得推诿任何患者", ("casework.figures:untaken_minutes",)),
    Rule("clinic.tests_and_observation", Area.FEVER_CLINIC,
         "全部患者要进行新冠病毒核酸和血常规检测…报告未出应全部留观，不能随意走动，待核酸检测结果明确再作进一步处置",
         (f"{FIXED}:nat_result_fever_clinic_hours",), modes=frozenset({ClinicMode.TREAT})),
    Rule("clinic.exclusion", Area.FEVER_CLINIC, "待核酸检测结果明确再作进一步处置",
         ("casework.figures:exclusion_interval_hours",)),
    Rule("clinic.report_cases", Area.FEVER_CLINIC,
         "2小时报告疑似和确诊病例，4-6小时回报核酸检测结果，24小时完成流行病学调查",
         ("casework.figures:report_hours", f"{FIXED}:nat_result_fever_clinic_hours", f"{FIXED}:epi_hours")),
    Rule("clinic.positive_result", Area.FEVER_CLINIC, "逢阳必报、逢阳即报", ("casework.figures:report_hours",)),
    Rule("clinic.suspect_nat", Area.FEVER_CLINIC, "12小时内完成核酸检测", ("casework.figures:suspect_nat_hours",)),
    Rule("clinic.left_without_permission", Area.FEVER_CLINIC, "绝不允许患者擅自转院或离院",
         ("casework.figures:incident_report_hours",)),
    # issue 18: key-post staff testing (app/staff) and the stockpile (app/stock)
    Rule("clinic.staff_testing", Area.FEVER_CLINIC, "发热门诊等重点岗位工作人员…每3天完成1次核酸检测",
         ("staff.figures:test_interval_days",)),
    Rule("clinic.stockpile", Area.FEVER_CLINIC, "满足…30天满负荷运转需求", ("stock.figures:cover_days",)),
    Rule("clinic.observation_round", Area.FEVER_CLINIC,
         "NEWS2：0–4分至少每4–6小时、5–6分或单项3分至少每小时观察一次，≥7分持续监测生命体征",
         tuple(f"{OBSERVATION}:{name}" for name in ("observe_low_minutes", "observe_medium_minutes",
                                                    "observe_high_minutes", "alert_rise", "alert_total")),
         modes=frozenset({ClinicMode.TREAT})),
    # ----- transfer
    Rule("transfer.ambulance", Area.TRANSFER,
         "专人专车(救护车)尽快转运至定点医院…绝不允许患者擅自转院或离院…不得以任何理由延迟转诊",
         (f"{TRANSFER}:request_minutes", f"{TRANSFER}:departure_minutes", f"{TRANSFER}:handover_minutes")),
    # ----- wards, escorts and visitors
    Rule("wards.admission_tested", Area.WARDS, "新入院患者和陪护人员落实应检尽检",
         ("wards.figures:admission_nat_hours",)),
    Rule("wards.buffer_first", Area.WARDS, "应先在缓冲区进行单人单间隔离治疗，排除…后再转入普通病房"),
    Rule("wards.isolation_no_escort_or_visit", Area.WARDS, "隔离留观病区…不安排陪护和探视"),
    Rule("wards.no_escort_restricted", Area.WARDS, "重症病区、传染病区禁止陪护"),
    Rule("wards.escort_tested", Area.WARDS,
         "一人一陪护…陪护人员均应核酸检测、佩戴口罩、测量体温…原则上不得离开病区，严禁…病区间串门",
         ("wards.figures:escort_test_valid_hours", "wards.figures:offline_max_age_hours")),
    Rule("wards.visitor_limit", Area.WARDS, "探视人数仅限1人，时间30分钟内…原则上不予现场探视，鼓励视频探视",
         ("wards.figures:visit_max_minutes", "wards.figures:repeat_scan_seconds")),
    # ----- pharmacy
    Rule("pharmacy.prescription_and_guide", Area.PHARMACY,
         "无二级以上医疗机构医生处方不得出售退烧药物…登记，并引导到就近发热门诊就诊"),
    # ----- daily report, early warning, responsibility
    Rule("report.daily_and_zero", Area.REPORT, "病例零报告、日报告", (f"{REPORT_TIME}:time",)),
    Rule("report.early_warning", Area.REPORT, "多点触发预警"),
    Rule("report.traceback", Area.REPORT, "对应诊断而未诊断、应转诊未及时转诊…启动责任倒查程序"),
)


@dataclass(frozen=True)
class FigureInForce:
    key: str  # the set it belongs to ("casework.figures", "triage.rules", ...)
    name: str  # the figure within it ("report_hours")
    value: int | float | str
    unit: str  # minutes / hours / days / celsius / time
    minimum: int | float | None
    maximum: int | float | None
    source: str  # the phrase the default comes from
    edited_on: str  # EditedOn
    version: int  # of its set (for the stale-edit check); 0 = never edited


@dataclass(frozen=True)
class RuleInForce:
    id: str
    area: str
    source: str
    figures: tuple[FigureInForce, ...]
    in_force: bool  # False: a rule of the other clinic mode
    modes: tuple[str, ...]  # the ClinicMode codes it applies in


@dataclass(frozen=True)
class RulesInForce:
    mode: str  # the clinic mode in force (ClinicMode)
    rules: tuple[RuleInForce, ...]

    def figure(self, ref: str) -> FigureInForce:
        key, name = ref.split(":")
        for rule in self.rules:
            for f in rule.figures:
                if (f.key, f.name) == (key, name):
                    return f
        raise KeyError(ref)


def figure_sets() -> dict[str, type[FigureSet]]:
    """The FigureSet classes of this release, by settings key."""
    found: dict[str, type[FigureSet]] = {}
    for module_name, class_name in FIGURE_SET_CLASSES:
        try:
            cls = getattr(importlib.import_module(module_name), class_name)
        except (ImportError, AttributeError):
            continue
        found[cls.KEY] = cls
    return found


def _figure_set(s: Session, cls: type[FigureSet]) -> dict[str, FigureInForce]:
    figures, version = load_figures(s, cls)
    return {f.name: FigureInForce(cls.KEY, f.name, getattr(figures, f.name), cls.FIGURES[f.name].unit,
                                  cls.FIGURES[f.name].minimum, cls.FIGURES[f.name].maximum,
                                  cls.FIGURES[f.name].source, EditedOn.RULES, version)
            for f in fields(figures)}


def _triage(s: Session) -> dict[str, FigureInForce]:
    from app.triage.config_service import RULES_KEY
    from app.triage.rules import TriageRules

    row = s.get(ClinicSetting, RULES_KEY)
    rules, version = (TriageRules.from_json(row.value), row.version) if row else (TriageRules(), 0)
    # bounds as TriageRules checks them
    spec = {"fever_threshold_c": ("celsius", 36.0, 39.0, "发热、咳嗽、乏力、咽痛、嗅(味)觉减退、腹泻等"),
            "travel_window_days": ("days", 1, 60, "发病前14天内的旅居史"),
            "handoff_timeout_minutes": ("minutes", 1, 240, "由专人按照指定路线引导至发热门诊就诊")}
    return {name: FigureInForce(TRIAGE, name, getattr(rules, name), unit, lo, hi, source, EditedOn.TRIAGE_RULES,
                                version)
            for name, (unit, lo, hi, source) in spec.items() if hasattr(rules, name)}


def _transfer(s: Session) -> dict[str, FigureInForce]:
    from app.transfer.targets import load_targets

    targets, version = load_targets(s)
    source = "专人专车(救护车)尽快转运至定点医院…不得以任何理由延迟转诊"
    return {name: FigureInForce(TRANSFER, name, getattr(targets, name), "minutes", 5, 24 * 60, source,
                                EditedOn.TRANSFER_SETTINGS, version)
            for name in ("request_minutes", "departure_minutes", "handover_minutes") if hasattr(targets, name)}


def _report_time(s: Session) -> dict[str, FigureInForce]:
    from app.reporting.daily import AUTO_SUBMIT_AT, AUTO_SUBMIT_KEY

    row = s.get(ClinicSetting, AUTO_SUBMIT_KEY)
    at = time.fromisoformat(row.value) if row else AUTO_SUBMIT_AT
    return {"time": FigureInForce(REPORT_TIME, "time", at.strftime("%H:%M"), "time", None, None, "病例零报告、日报告",
                                  EditedOn.REPORT, row.version if row else 0)}


def _hours(span: timedelta) -> int:
    return int(span.total_seconds() // 3600)


def _fixed(_s: Session) -> dict[str, FigureInForce]:
    from app.casework.vocab import EPI_WINDOW, TURNAROUND, Population

    return {
        "nat_result_fever_clinic_hours": FigureInForce(
            FIXED, "nat_result_fever_clinic_hours", _hours(TURNAROUND[Population.FEVER_CLINIC][1]), "hours", None, None,
            "原则上4-6小时内…12小时内…一般在24小时内报告结果", EditedOn.FIXED, 0),
        "epi_hours": FigureInForce(FIXED, "epi_hours", _hours(EPI_WINDOW[1]), "hours", None, None,
                                   "24小时完成流行病学调查", EditedOn.FIXED, 0),
    }


_READERS: tuple[Callable[[Session], dict[str, FigureInForce]], ...] = (_triage, _transfer, _report_time, _fixed)


def figures_in_force(s: Session) -> dict[str, FigureInForce]:
    """Every figure a rule may use, by "<set key>:<name>"."""
    found: dict[str, FigureInForce] = {}
    for cls in figure_sets().values():
        found |= {f"{cls.KEY}:{name}": f for name, f in _figure_set(s, cls).items()}
    for read in _READERS:
        found |= {f"{f.key}:{name}": f for name, f in read(s).items()}
    return found


def rules_in_force(s: Session) -> RulesInForce:
    mode = load_mode(s)
    figures = figures_in_force(s)
    return RulesInForce(mode.value, tuple(
        RuleInForce(rule.id, rule.area.value, rule.source, tuple(figures[ref] for ref in rule.figures if ref in figures),
                    mode in rule.modes, tuple(m.value for m in ClinicMode if m in rule.modes))
        for rule in RULES))


class GuidelineRulesService(Service):
    def in_force(self) -> RulesInForce:
        """Every rule with its source and current figures (no permission: the rules bind everyone)."""
        with self.db.read() as s:
            return rules_in_force(s)

    def update_figures(self, actor: Actor, key: str, values: Mapping[str, Any], expected_version: int) -> int:
        """An admin changes figures of one FigureSet (the others keep their own settings pages). Checked
        against the figure's bounds (``figure_range``) and the version the admin saw (``StaleEdit``);
        returns the new version."""
        cls = figure_sets().get(key)
        if cls is None:
            raise NotFound(entity="figures", key=key)
        unknown = sorted(set(values) - set(cls.FIGURES))
        if unknown:
            raise ValidationError("figure_unknown", field=unknown[0])
        with self.db.read() as s:
            current, _version = load_figures(s, cls)
        changed = replace(current, **dict(values))  # FigureSet checks the bounds (figure_range)
        # authorised, version-checked (a stale base is refused there) and audited in one transaction
        return FiguresService(self.db, self.clock).update(actor, changed, expected_version)
