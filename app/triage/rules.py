"""The pre-triage decision: general outpatient, fever clinic, or immediate isolation and report.

Thresholds and what each risk factor leads to are data (``TriageRules``, edited by an admin and
kept in clinic_settings), not code. The decision is the highest level any reason reaches.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from app.errors import ValidationError
from app.triage.records import Assessment, ScreeningInput
from app.triage.vocab import Decision, HealthCode, Occupation, Reason, RiskLevel, Symptom, TempMethod

MIN_TEMPERATURE_C = 34.0
MAX_TEMPERATURE_C = 43.0

DEFAULT_LEVELS: dict[str, str] = {
    Reason.FEVER: "fever_clinic",
    Reason.SYMPTOMS: "fever_clinic",
    Reason.TRAVEL_MEDIUM: "fever_clinic",
    Reason.TRAVEL_HIGH: "fever_clinic",
    Reason.CONTACT: "isolate",
    Reason.CLUSTER: "fever_clinic",
    Reason.CODE_YELLOW: "fever_clinic",
    Reason.CODE_RED: "isolate",
    Reason.OCCUPATION: "fever_clinic",
    Reason.ANTIPYRETIC: "fever_clinic",
    Reason.FEVER_WITH_EPI_RISK: "isolate",
}
EPI_REASONS = frozenset({Reason.TRAVEL_MEDIUM, Reason.TRAVEL_HIGH, Reason.CONTACT, Reason.CLUSTER,
                         Reason.CODE_YELLOW, Reason.CODE_RED})


@dataclass(frozen=True)
class TriageRules:
    fever_threshold_c: float = 37.3
    travel_window_days: int = 14
    implausible_below_c: float = 35.0
    implausible_above_c: float = 41.5
    handoff_timeout_minutes: int = 15
    levels: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_LEVELS))

    def __post_init__(self) -> None:
        object.__setattr__(self, "levels", {**DEFAULT_LEVELS, **self.levels})  # unnamed factors keep defaults
        if not 36.0 <= self.fever_threshold_c <= 39.0:
            raise ValidationError("rule_fever_threshold", field="fever_threshold_c")
        if not 1 <= self.travel_window_days <= 60:
            raise ValidationError("rule_travel_window", field="travel_window_days")
        if not MIN_TEMPERATURE_C <= self.implausible_below_c < self.implausible_above_c <= MAX_TEMPERATURE_C:
            raise ValidationError("rule_implausible", field="implausible_below_c")
        if not 1 <= self.handoff_timeout_minutes <= 240:
            raise ValidationError("rule_handoff_timeout", field="handoff_timeout_minutes")
        for reason, level in self.levels.items():
            if reason not in Reason._value2member_map_ or level not in ("general", "fever_clinic", "isolate"):
                raise ValidationError("rule_level", field="levels", reason=reason)

    def to_json(self) -> str:
        data = asdict(self)
        data["levels"] = dict(self.levels)
        return json.dumps(data, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> TriageRules:
        data: dict[str, Any] = json.loads(text)
        levels = {**DEFAULT_LEVELS, **data.pop("levels", {})}
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(levels=levels, **known)


def normalise_area(name: str) -> str:
    return "".join(name.split())


_ADMIN_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "省", "市", "区", "县", "旗", "盟")


def _match_key(name: str) -> str:
    """河北省石家庄市藁城区 and 河北石家庄藁城 compare equal: administrative suffixes dropped."""
    key = normalise_area(name)
    for suffix in _ADMIN_SUFFIXES:
        key = key.replace(suffix, "")
    return key


def match_area(travelled: str, risk_areas: Mapping[str, str]) -> list[tuple[str, str]]:
    """Risk areas the travelled place falls in or contains (erring towards a match: a patient who
    was "in 广州" is matched with a high-risk district of 广州)."""
    place = _match_key(travelled)
    if len(place) < 2:
        return []
    return [(area, level) for area, level in risk_areas.items()
            if place in _match_key(area) or _match_key(area) in place]


def check_inputs(inputs: ScreeningInput, today: date) -> None:
    t = inputs.temperature_c
    if not isinstance(t, (int, float)) or t != t or not MIN_TEMPERATURE_C <= t <= MAX_TEMPERATURE_C:
        raise ValidationError("temperature_range", field="temperature", minimum=MIN_TEMPERATURE_C,
                              maximum=MAX_TEMPERATURE_C)
    if inputs.temp_method not in TempMethod._value2member_map_:
        raise ValidationError("temp_method", field="temp_method")
    unknown = set(inputs.symptoms) - set(Symptom._value2member_map_)
    if unknown:
        raise ValidationError("symptom", field="symptoms", symptoms=sorted(unknown))
    if inputs.health_code not in HealthCode._value2member_map_:
        raise ValidationError("health_code", field="health_code")
    if inputs.occupation not in Occupation._value2member_map_:
        raise ValidationError("occupation", field="occupation")
    if inputs.onset_date is not None and inputs.onset_date > today:
        raise ValidationError("onset_in_future", field="onset_date")
    for entry in inputs.travel:
        if entry.last_date is not None and entry.last_date > today:
            raise ValidationError("travel_in_future", field="travel")


def travel_window_start(inputs: ScreeningInput, rules: TriageRules, today: date) -> date:
    """"发病前14天内的旅居史": the window runs from ``travel_window_days`` before onset (before the visit
    when there is no onset date) up to the visit. A stay whose last day is on or after this day counts;
    one that ended the day before does not."""
    return (inputs.onset_date or today) - timedelta(days=rules.travel_window_days)


NOTE_MAX = 100


def checked_health_code_note(inputs: ScreeningInput, source: str) -> str | None:
    """The health code must have been looked at ("及时查验健康码") before a screening is recorded.

    A desk or import screening that is still ``not_checked`` is refused: the nurse records green,
    yellow, red, or "not shown" — and "not shown" needs the reason (e.g. 老人无智能手机). A pharmacy-counter
    screening (``source == "pharmacy"``) may stay ``not_checked``: the counter only takes the
    temperature and sends the buyer to pre-triage registration, where the code is checked
    (``RegistrationService.register(health_code=...)`` refuses to register the patient otherwise).
    Returns the reason to keep (None unless the code is "not shown")."""
    if inputs.health_code not in HealthCode._value2member_map_:
        raise ValidationError("health_code", field="health_code")
    if inputs.health_code == HealthCode.NOT_CHECKED:
        if source == "pharmacy":
            return None
        raise ValidationError("health_code_unchecked", field="health_code")
    if inputs.health_code != HealthCode.NONE:
        return None
    note = " ".join((inputs.health_code_note or "").split())
    if len(note) < 2:
        raise ValidationError("health_code_reason", field="health_code_note")
    if len(note) > NOTE_MAX:
        raise ValidationError("too_long", field="health_code_note", maximum=NOTE_MAX)
    return note


def assess(inputs: ScreeningInput, rules: TriageRules, risk_areas: Mapping[str, str], today: date) -> Assessment:
    """Apply the rules; raises ValidationError for impossible input (temperature outside 34–43 °C...)."""
    check_inputs(inputs, today)
    reasons: list[Reason] = []
    warnings: list[str] = []
    febrile = inputs.temperature_c >= rules.fever_threshold_c
    if febrile:
        reasons.append(Reason.FEVER)
    if inputs.temperature_c < rules.implausible_below_c:
        warnings.append("temperature_low")
    elif inputs.temperature_c > rules.implausible_above_c:
        warnings.append("temperature_high")
    if inputs.symptoms:
        reasons.append(Reason.SYMPTOMS)
    matched: list[tuple[str, str]] = []
    start = travel_window_start(inputs, rules, today)
    for entry in inputs.travel:
        if entry.last_date is None or entry.last_date >= start:
            matched += match_area(entry.area, risk_areas)
    levels_hit = {level for _, level in matched}
    if RiskLevel.HIGH in levels_hit:
        reasons.append(Reason.TRAVEL_HIGH)
    if RiskLevel.MEDIUM in levels_hit:
        reasons.append(Reason.TRAVEL_MEDIUM)
    if inputs.contact_case:
        reasons.append(Reason.CONTACT)
    if inputs.cluster:
        reasons.append(Reason.CLUSTER)
    if inputs.health_code == HealthCode.YELLOW:
        reasons.append(Reason.CODE_YELLOW)
    elif inputs.health_code == HealthCode.RED:
        reasons.append(Reason.CODE_RED)
    if inputs.occupation != Occupation.NONE:
        reasons.append(Reason.OCCUPATION)
    if inputs.antipyretic_elsewhere:
        reasons.append(Reason.ANTIPYRETIC)
    if (febrile or Symptom.FEVER in inputs.symptoms) and EPI_REASONS.intersection(reasons):
        reasons.append(Reason.FEVER_WITH_EPI_RISK)
    decision = max((Decision.from_code(rules.levels.get(r, "fever_clinic")) for r in reasons),
                   default=Decision.GENERAL)
    return Assessment(decision.code, tuple(r.value for r in reasons), tuple(dict.fromkeys(matched)), tuple(warnings))


def final_decision(assessment: Assessment, chosen: str | None, override_reason: str | None
                   ) -> tuple[str, tuple[str, ...], str | None]:
    """The nurse may escalate freely; a downgrade needs a recorded reason."""
    computed = Decision.from_code(assessment.decision)
    if chosen is None or chosen == assessment.decision:
        return assessment.decision, assessment.reasons, None
    if chosen not in ("general", "fever_clinic", "isolate"):
        raise ValidationError("decision", field="decision")
    final = Decision.from_code(chosen)
    reason = " ".join((override_reason or "").split()) or None
    if final < computed:
        if not reason or len(reason) < 4:
            raise ValidationError("downgrade_needs_reason", field="override_reason")
        return final.code, (*assessment.reasons, Reason.NURSE_DOWNGRADED.value), reason
    return final.code, (*assessment.reasons, Reason.NURSE_ESCALATED.value), reason
