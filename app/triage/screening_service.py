"""Pre-triage screening: assess with the current rules, record with the nurse's final decision."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from app.actor import Actor
from app.clock import Clock
from app.db.engine import Database
from app.db.models import ClinicSetting
from app.permissions import Perm
from app.services.base import Service, insert_row
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


@lru_cache(maxsize=16)
def _parse_rules(text: str | None) -> TriageRules:
    return TriageRules.from_json(text) if text else TriageRules()


_RULES = select(ClinicSetting.value).where(ClinicSetting.key == RULES_KEY)
_AREAS = select(RiskArea.name, RiskArea.level)


def load_rule_context(s: Session, clock: Clock, *, with_areas: bool = True) -> RuleContext:
    """The rules and risk areas as the database holds them now (read at every save: another desk may have
    changed them), with statements built once. ``with_areas=False``: no travel to match, so the county's
    list (it may be long) is not read."""
    conn = s.connection()
    rules = _parse_rules(conn.execute(_RULES).scalar())
    areas = {name: level for name, level in conn.execute(_AREAS)} if with_areas else {}
    return RuleContext(rules, areas, clinic_day(s, clock.now()))


def add_screening(s: Session, actor: Actor, clock: Clock, inputs: ScreeningInput, *, decision: str | None,
                  override_reason: str | None, source: str, import_key: str | None = None,
                  screened_at: datetime | None = None) -> tuple[Row[Any], Assessment]:
    """Insert one screening in the caller's transaction (used by the desk, pharmacy and import); the row is
    returned as the database holds it.

    The health code must have been checked, except at the pharmacy counter (see
    ``checked_health_code_note``): ``health_code_unchecked`` / ``health_code_reason`` otherwise."""
    ctx = load_rule_context(s, clock, with_areas=bool(inputs.travel))
    assessment = assess(inputs, ctx.rules, ctx.risk_areas, ctx.today)
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
        import_key=import_key,
    ))
    return row, assessment


class ScreeningService(Service):
    def __init__(self, db: Database, clock: Clock) -> None:
        super().__init__(db, clock)

    def assess(self, inputs: ScreeningInput) -> Assessment:
        """What the rules say right now (the form shows it live as the nurse types)."""
        with self.db.read() as s:
            ctx = load_rule_context(s, self.clock, with_areas=bool(inputs.travel))
        return assess(inputs, ctx.rules, ctx.risk_areas, ctx.today)

    def record(self, actor: Actor, inputs: ScreeningInput, *, decision: str | None = None,
               override_reason: str | None = None) -> ScreeningRecord:
        """Count and keep one screening. ``decision`` may escalate; a downgrade needs ``override_reason``."""
        with self.audited_write(actor, "triage.screen", "screening", Perm.TRIAGE) as op:
            row, assessment = add_screening(op.session, actor, self.clock, inputs, decision=decision,
                                            override_reason=override_reason, source="desk")
            op.entity_id = row.id
            op.known["screenings"] = row._mapping
            op.summary = {"decision": row.decision, "computed": assessment.decision, "reasons": row.reasons,
                          "temperature": row.temperature_c, "override_reason": row.override_reason,
                          "health_code": row.health_code, "health_code_note": row.health_code_note}
            return screening_record(row)
