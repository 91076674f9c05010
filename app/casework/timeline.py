"""The case timeline (责任倒查), built from the audit trail, the clock rows and the sets of vital signs as saved
(with NEWS2 and the level computed then) — not from a separate log that could disagree with them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import and_, or_, select

from app.access_log import Access, record_access
from app.actor import Actor
from app.casework import clocks
from app.casework.records import ClockRecord, TimelineEvent
from app.casework.tables import Case, Clock
from app.db.models import AuditEvent
from app.errors import NotFound
from app.people import full_names
from app.permissions import Perm
from app.services.base import Service, authorize
from app.severity import store as vital_store
from app.severity.store import VitalSignsRecord
from app.triage.tables import PharmacyPurchase, Visit


@dataclass(frozen=True)
class Timeline:
    visit_no: str
    patient_name: str
    events: tuple[TimelineEvent, ...]
    clocks: tuple[ClockRecord, ...]
    # the sets of observations (schema 0023): the one taken at pre-triage, then the case's, oldest first
    screening_vitals: VitalSignsRecord | None = None
    case_vitals: tuple[VitalSignsRecord, ...] = ()
    people: dict[str, str] = field(default_factory=dict)  # user name → full name of whoever took a set

    @property
    def vital_signs(self) -> tuple[VitalSignsRecord, ...]:
        """Every set, the pre-triage one first."""
        return ((self.screening_vitals,) if self.screening_vitals else ()) + self.case_vitals


class TimelineService(Service):
    def timeline(self, actor: Actor, visit_no: str) -> Timeline:
        """Every audited act on this visit (from the screening on), in order, every clock, and every set of
        observations (the pre-triage one first) with NEWS2 and the level as computed when it was taken.

        Opening a timeline is recorded (``access.view`` of ``timeline``, app/access_log.py): it names the
        patient and every step of their care."""
        number = visit_no.strip().upper()
        with self.db.write() as s:
            authorize(s, actor, Perm.VIEW_PATIENTS)
            visit = s.scalars(select(Visit).where(Visit.visit_no == number)).first()
            if visit is None:
                raise NotFound(entity="visit", visit_no=visit_no)
            # a screening made at the pharmacy counter is audited with its purchase (entity "purchase")
            purchase = s.scalar(select(PharmacyPurchase.id).where(PharmacyPurchase.screening_id == visit.screening_id))
            rows = s.scalars(select(AuditEvent).where(or_(
                and_(AuditEvent.entity == "screening", AuditEvent.entity_id == str(visit.screening_id)),
                and_(AuditEvent.entity == "purchase", AuditEvent.entity_id == str(purchase)),
                and_(AuditEvent.entity == "visit", AuditEvent.entity_id == number))).order_by(AuditEvent.seq)).all()
            case_id = s.scalar(select(Case.id).where(Case.visit_id == visit.id))
            screening_vitals = vital_store.for_screening(s, visit.screening_id)
            case_vitals = () if case_id is None else tuple(vital_store.for_case(s, case_id))
            taken_by = [v.username for v in ((screening_vitals,) if screening_vitals else ()) + case_vitals]
            names = full_names(s, [*(e.username for e in rows), *taken_by])
            events = tuple(TimelineEvent(e.at, e.username, e.roles, e.workstation, e.action, e.outcome,
                                         json.loads(e.summary), e.seq, names.get(e.username, "")) for e in rows)
            case_clocks = () if case_id is None else tuple(
                clocks.record(c) for c in s.scalars(select(Clock).where(Clock.case_id == case_id).order_by(Clock.id)))
            record_access(s, self.clock.now(), actor, Access.VIEW, "timeline", 1, entity_id=number)
            return Timeline(number, visit.patient.name, events, case_clocks, screening_vitals, case_vitals,
                            {u: names[u] for u in taken_by if u in names})
