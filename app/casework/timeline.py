"""The case timeline (责任倒查), built from the audit trail and the clock rows — not from a
separate log that could disagree with them."""

from __future__ import annotations

import json
from dataclasses import dataclass

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
from app.triage.tables import PharmacyPurchase, Visit


@dataclass(frozen=True)
class Timeline:
    visit_no: str
    patient_name: str
    events: tuple[TimelineEvent, ...]
    clocks: tuple[ClockRecord, ...]


class TimelineService(Service):
    def timeline(self, actor: Actor, visit_no: str) -> Timeline:
        """Every audited act on this visit (from the screening on), in order, and every clock.

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
            names = full_names(s, (e.username for e in rows))
            events = tuple(TimelineEvent(e.at, e.username, e.roles, e.workstation, e.action, e.outcome,
                                         json.loads(e.summary), e.seq, names.get(e.username, "")) for e in rows)
            case_id = s.scalar(select(Case.id).where(Case.visit_id == visit.id))
            case_clocks = () if case_id is None else tuple(
                clocks.record(c) for c in s.scalars(select(Clock).where(Clock.case_id == case_id).order_by(Clock.id)))
            record_access(s, self.clock.now(), actor, Access.VIEW, "timeline", 1, entity_id=number)
            return Timeline(number, visit.patient.name, events, case_clocks)
