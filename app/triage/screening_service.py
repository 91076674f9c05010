"""Pre-triage screening: assess with the current rules, record with the nurse's final decision.

How sick, beside how risky (issue 17): every desk screening gets a triage level, a NEWS2 and ``urgent``, computed
from the set of observations it took — the temperature alone is a set too (NEWS2 partial, six readings missing;
level IV unless the temperature itself scores 3, ≤ 35.0 °C: level II), so adding a normal reading never changes
the level and a reading not taken is never read as normal. The set is written to ``vital_signs`` (through
app.severity.store) when a reading besides the temperature was taken; the temperature alone is on the screening
row already, so ``store.for_screening`` is None for it, as for a screening before 0023. A pharmacy-counter or
paper-import screening brings the temperature alone and gets no severity (NULL) unless it brings other readings.
``urgent`` is the level's ``immediate`` (level I or II: NEWS2 ≥ 7 and any single 3 included), computed here and
never taken from the screen; the nurse's decision, raised or lowered, does not change it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, or_, select
from sqlalchemy.orm import Session

from app.actor import Actor
from app.clock import Clock
from app.audit_rows import known_rows
from app.db.engine import Database, connection_of
from app.db.prepared import Prepared
from app.db.models import ClinicSetting
from app.figures import parse_figures
from app.permissions import Perm
from app.services.base import Service, insert_row
from app.severity import store
from app.severity.figures import TriageLevelFigures
from app.severity.triage_level import DEFAULT_FIGURES as DEFAULT_LEVEL_FIGURES, Severity, triage_level
from app.severity.vitals import Vitals
from app.triage.common import clinic_day, screening_record, travel_to_json
from app.triage.config_service import RULES_KEY
from app.triage.records import Assessment, ScreeningInput, ScreeningRecord
from app.triage.rules import TriageRules, assess, checked_health_code_note, final_decision
from app.triage.tables import SCREENINGS, RiskArea


@dataclass(frozen=True)
class RuleContext:
    rules: TriageRules
    risk_areas: dict[str, str]
    today: date
    levels: TriageLevelFigures = DEFAULT_LEVEL_FIGURES  # the clinic's triage-level figures in force


@lru_cache(maxsize=16)
def _parse_rules(text: str | None) -> TriageRules:
    return TriageRules.from_json(text) if text else TriageRules()


_SETTINGS = Prepared(select(ClinicSetting.key, ClinicSetting.value).where(  # OR, not IN: IN is re-rendered per run
    or_(ClinicSetting.key == RULES_KEY, ClinicSetting.key == TriageLevelFigures.KEY)))
_AREAS = Prepared(select(RiskArea.name, RiskArea.level))


def load_rule_context(s: Session, clock: Clock, *, with_areas: bool = True) -> RuleContext:
    """The rules, the triage-level figures and the risk areas as the database holds them now (read at every
    save: another desk may have changed them), with statements built once; the rules and the figures in one
    statement (``store.severity_of`` would read the figures in a second). ``with_areas=False``: no travel to
    match, so the county's list (it may be long) is not read."""
    conn = connection_of(s)
    stored: dict[str, str] = {key: value for key, value in _SETTINGS.rows(conn, {})}
    rules = _parse_rules(stored.get(RULES_KEY))
    figures = stored.get(TriageLevelFigures.KEY)
    levels = DEFAULT_LEVEL_FIGURES if figures is None else parse_figures(TriageLevelFigures, figures)
    areas = {name: level for name, level in _AREAS.rows(conn, {})} if with_areas else {}
    return RuleContext(rules, areas, clinic_day(s, clock.now()), levels)


READINGS = ("spo2", "respiratory_rate", "heart_rate", "systolic_bp", "consciousness", "oxygen")


def vitals_of(inputs: ScreeningInput) -> Vitals:
    """The set the desk took; SpO₂ on scale 1 always (scale 2 is a clinician's choice, never the nurse's).
    Raises ``ValidationError`` naming the field of an impossible reading."""
    return Vitals(temperature_c=round(float(inputs.temperature_c), 1), respiratory_rate=inputs.respiratory_rate,
                  spo2=inputs.spo2, oxygen=inputs.oxygen, systolic_bp=inputs.systolic_bp,
                  heart_rate=inputs.heart_rate, consciousness=inputs.consciousness)


def has_readings(inputs: ScreeningInput) -> bool:
    """Whether a reading besides the temperature was taken (then the set is written; see the module's docstring)."""
    return any(getattr(inputs, name) is not None for name in READINGS)


def assess_in(ctx: RuleContext, inputs: ScreeningInput, *, with_severity: bool = True) -> Assessment:
    """The epidemic decision and, ``with_severity``, the severity with the clinic's figures (as
    ``store.severity_of`` computes it); the readings' warnings join the temperature's (which follow the
    clinic's own implausible-temperature rule)."""
    assessment = assess(inputs, ctx.rules, ctx.risk_areas, ctx.today)
    if not with_severity:
        return assessment
    severity = triage_level(vitals_of(inputs), ctx.levels)
    others = tuple(w for w in severity.warnings if not w.startswith("temperature_"))
    return replace(assessment, warnings=assessment.warnings + others, severity=severity)


def add_screening(s: Session, actor: Actor, clock: Clock, inputs: ScreeningInput, *, decision: str | None,
                  override_reason: str | None, source: str, import_key: str | None = None,
                  screened_at: datetime | None = None) -> tuple[Row[Any], Assessment]:
    """Insert one screening in the caller's transaction (used by the pharmacy and import); the row is
    returned as the database holds it. See ``save_screening``."""
    row, assessment, _ = save_screening(s, actor, clock, inputs, decision=decision, override_reason=override_reason,
                                        source=source, import_key=import_key, screened_at=screened_at)
    return row, assessment


def save_screening(s: Session, actor: Actor, clock: Clock, inputs: ScreeningInput, *, decision: str | None,
                   override_reason: str | None, source: str, import_key: str | None = None,
                   screened_at: datetime | None = None) -> tuple[Row[Any], Assessment, Row[Any] | None]:
    """Insert one screening in the caller's transaction; the row is returned as the database holds it, with its
    assessment and its set of observations as kept (None: none).

    The health code must have been checked, except at the pharmacy counter (see
    ``checked_health_code_note``): ``health_code_unchecked`` / ``health_code_reason`` otherwise."""
    ctx = load_rule_context(s, clock, with_areas=bool(inputs.travel))
    readings = has_readings(inputs)
    assessment = assess_in(ctx, inputs, with_severity=readings or source == "desk")
    severity: Severity | None = assessment.severity
    note = checked_health_code_note(inputs, source)
    final, reasons, reason = final_decision(assessment, decision, override_reason)
    at = screened_at or clock.now()
    row = insert_row(s, SCREENINGS, dict(
        screened_at=at, clinic_day=ctx.today if screened_at is None else clinic_day(s, at),
        user_id=actor.user_id, username=actor.username, workstation=actor.workstation, source=source,
        temperature_c=round(float(inputs.temperature_c), 1), temp_method=inputs.temp_method,
        symptoms=",".join(sorted(inputs.symptoms)), onset_date=inputs.onset_date,
        travel=travel_to_json(inputs.travel), contact_case=inputs.contact_case, cluster=inputs.cluster,
        health_code=inputs.health_code, health_code_note=note, occupation=inputs.occupation,
        antipyretic=inputs.antipyretic_elsewhere,
        computed_decision=assessment.decision, decision=final, reasons=",".join(reasons), override_reason=reason,
        severity_level=None if severity is None else severity.level,
        news2=None if severity is None else severity.news2.total,
        urgent=severity is not None and severity.immediate,
        import_key=import_key,
    ))
    kept = None if severity is None or not readings else store.insert(
        s, at=at, username=actor.username, workstation=actor.workstation, vitals=vitals_of(inputs),
        severity=severity, screening_id=row.id)
    return row, assessment, kept


class ScreeningService(Service):
    def __init__(self, db: Database, clock: Clock) -> None:
        super().__init__(db, clock)

    def assess(self, inputs: ScreeningInput) -> Assessment:
        """What the rules say right now (the form shows it live as the nurse types)."""
        with self.db.read() as s:
            ctx = load_rule_context(s, self.clock, with_areas=bool(inputs.travel))
        return assess_in(ctx, inputs)

    def record(self, actor: Actor, inputs: ScreeningInput, *, decision: str | None = None,
               override_reason: str | None = None) -> ScreeningRecord:
        """Count and keep one screening. ``decision`` may escalate; a downgrade needs ``override_reason``."""
        with self.audited_write(actor, "triage.screen", "screening", Perm.TRIAGE) as op:
            row, assessment, kept = save_screening(op.session, actor, self.clock, inputs, decision=decision,
                                                   override_reason=override_reason, source="desk")
            op.entity_id = row.id
            op.known["screenings"] = row._mapping  # the audit digest reads neither back
            op.known[known_rows("vital_signs", "screening_id", row.id)] = [] if kept is None else [kept]
            # the level and NEWS2 that sent the patient on, not the readings (kept in vital_signs)
            op.summary = {"decision": row.decision, "computed": assessment.decision, "reasons": row.reasons,
                          "temperature": row.temperature_c, "override_reason": row.override_reason,
                          "health_code": row.health_code, "health_code_note": row.health_code_note,
                          "severity_level": row.severity_level, "news2": row.news2, "urgent": row.urgent}
            return screening_record(row, vital_signs=None if kept is None else store.record(kept))
