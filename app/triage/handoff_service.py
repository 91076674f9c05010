"""The escorted hand-off (专人引导): every patient sent from the desk must be received at the
fever clinic, or the gap is recorded as an incident. Open hand-offs past due are flagged."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from app.actor import Actor
from app.casework.queue import next_queue_no, queue_label
from app.errors import Conflict, NotFound, ValidationError
from app.db.models import User
from app.people import full_name
from app.permissions import Perm
from app.services.base import Service, authorize
from app.text_rules import check_text
from app.triage.common import handoff_record
from app.triage.records import HandoffRecord
from app.triage.screening_service import load_rule_context
from app.triage.tables import Handoff, Patient, Visit
from app.triage.vocab import HandoffState


@dataclass(frozen=True)
class Arrival(HandoffRecord):
    """What scanning a slip at the fever clinic did. A slip scanned again after the patient was received
    is not a failure: ``already_arrived`` is True, nothing is written, and ``received_at`` /
    ``received_by_name`` say when and by whom the patient was received."""

    already_arrived: bool = False


def _arrival(s: Session, row: Handoff, already: bool) -> Arrival:
    record = replace(handoff_record(row), received_by_name=full_name(s, row.received_by))
    fields = {f: getattr(record, f) for f in HandoffRecord.__dataclass_fields__}
    return Arrival(**fields, already_arrived=already)


def _visit(s: Session, visit_no: str) -> Visit:
    visit = s.scalars(select(Visit).where(Visit.visit_no == visit_no.strip().upper())).first()
    if visit is None:
        raise NotFound(entity="visit", visit_no=visit_no.strip())
    return visit


def _latest(s: Session, visit: Visit) -> Handoff | None:
    return s.scalars(select(Handoff).where(Handoff.visit_id == visit.id).order_by(Handoff.id.desc())).first()


def _text(value: str, field: str, minimum: int = 1, maximum: int = 64) -> str:
    check_text(value, field, multiline=True)  # line breaks fold below; hidden characters are refused
    text = " ".join(value.split())
    if not minimum <= len(text) <= maximum:
        raise ValidationError("required" if not text else "too_long", field=field, maximum=maximum)
    return text


#: What a listed hand-off shows, in HandoffRecord's field order: its own columns, the visit number, the names and the
#: queue number — never the ORM rows with the visit, patient and screening they load eagerly (the feed polls a
#: day's arrivals every 1.5 s). The receiver's real name comes in the same query (a user row may be gone: then
#: the username, as ``full_name`` gives it).
_Receiver = aliased(User)
_LISTED = select(Handoff.id, Visit.visit_no, Patient.name.label("patient_name"), Handoff.state, Handoff.escort,
                 Handoff.sent_at, Handoff.sent_by, Handoff.sent_workstation, Handoff.due_at, Handoff.received_at,
                 Handoff.received_by,
                 Handoff.incident_noticed_by, Handoff.incident_reported_to, Handoff.incident_note, Handoff.version,
                 func.coalesce(_Receiver.full_name, Handoff.received_by).label("received_by_name"), Visit.queue_no) \
    .join(Visit, Visit.id == Handoff.visit_id).join(Patient, Patient.id == Visit.patient_id) \
    .outerjoin(_Receiver, _Receiver.username == Handoff.received_by)


def _listed(s: Session, *where: Any, order: Any) -> list[HandoffRecord]:
    return [HandoffRecord(*row) for row in s.connection().execute(_LISTED.where(*where).order_by(order))]


class HandoffService(Service):
    def send(self, actor: Actor, visit_no: str, escort: str) -> HandoffRecord:
        """Record who walks the patient to the fever clinic, and when it becomes overdue."""
        escort = _text(escort, "escort")
        with self.audited_write(actor, "handoff.send", "visit", Perm.TRIAGE, visit_no) as op:
            visit = _visit(op.session, visit_no)
            latest = _latest(op.session, visit)
            if latest is not None and latest.state == HandoffState.ESCORTING:
                raise Conflict("handoff_open", visit_no=visit.visit_no)
            if latest is not None and latest.state == HandoffState.ARRIVED:
                raise Conflict("already_arrived", visit_no=visit.visit_no)
            now = self.clock.now()
            timeout = load_rule_context(op.session, self.clock, with_areas=False).rules.handoff_timeout_minutes
            row = Handoff(visit_id=visit.id, visit=visit, state=HandoffState.ESCORTING.value, escort=escort,
                          sent_at=now, sent_by=actor.username, sent_workstation=actor.workstation,
                          due_at=now + timedelta(minutes=timeout))
            op.session.add(row)
            if visit.queue_no is None:  # a visit sent again keeps its number; taken last: the lock is brief
                visit.queue_no = next_queue_no(op.session, visit.clinic_day)
            op.session.flush()
            op.entity_id = visit.visit_no
            op.summary = {"escort": escort, "due_at": row.due_at.isoformat(), "queue_no": queue_label(visit.queue_no)}
            return handoff_record(row)

    def confirm_arrival(self, actor: Actor, scanned: str) -> Arrival:
        """The fever clinic scans the slip (its QR holds the visit number) or picks from the list.

        A slip scanned again after the patient arrived returns ``already_arrived=True`` with when and
        who received them (no error, nothing written). Refused: ``handoff_closed`` (the patient left
        without permission), NotFound (unknown visit, or no hand-off for it)."""
        with self.db.read() as s:
            authorize(s, actor, Perm.RECEIVE_PATIENTS)
            visit = s.scalars(select(Visit).where(Visit.visit_no == scanned.strip().upper())).first()
            row = _latest(s, visit) if visit is not None else None
            if row is not None and row.state == HandoffState.ARRIVED:
                return _arrival(s, row, True)
        with self.audited_write(actor, "handoff.arrive", "visit", Perm.RECEIVE_PATIENTS, scanned.strip()) as op:
            visit = _visit(op.session, scanned)
            op.entity_id = visit.visit_no
            row = _latest(op.session, visit)
            if row is None:
                raise NotFound(entity="handoff", visit_no=visit.visit_no)
            if row.state == HandoffState.ARRIVED:  # received at another desk a moment ago
                op.summary = {"already_arrived": True}
                return _arrival(op.session, row, True)
            if row.state != HandoffState.ESCORTING:
                raise Conflict("handoff_closed", visit_no=visit.visit_no, state=row.state)
            now = self.clock.now()
            row.state = HandoffState.ARRIVED.value
            row.received_at, row.received_by, row.received_workstation = now, actor.username, actor.workstation
            op.session.flush()
            op.summary = {"late": now > row.due_at, "minutes": round((now - row.sent_at).total_seconds() / 60, 1)}
            return _arrival(op.session, row, False)

    def report_left(self, actor: Actor, visit_no: str, *, noticed_by: str, reported_to: str, note: str = ""
                    ) -> HandoffRecord:
        """A patient left without permission: an incident that closes the loop on the record."""
        noticed_by = _text(noticed_by, "noticed_by")
        reported_to = _text(reported_to, "reported_to")
        note = " ".join(note.split())[:300]
        with self.audited_write(actor, "handoff.left_without_permission", "visit", Perm.RECEIVE_PATIENTS,
                                visit_no.strip()) as op:
            visit = _visit(op.session, visit_no)
            op.entity_id = visit.visit_no
            row = _latest(op.session, visit)
            if row is None or row.state != HandoffState.ESCORTING:
                raise Conflict("handoff_closed", visit_no=visit.visit_no)
            row.state = HandoffState.LEFT_WITHOUT_PERMISSION.value
            row.incident_at = self.clock.now()
            row.incident_noticed_by, row.incident_reported_to, row.incident_note = noticed_by, reported_to, note
            op.session.flush()
            op.summary = {"noticed_by": noticed_by, "reported_to": reported_to, "note": note}
            return handoff_record(row)

    def open_handoffs(self, actor: Actor) -> list[HandoffRecord]:
        """Every hand-off still on the way, oldest first (both desks poll this)."""
        with self.db.read() as s:
            authorize(s, actor, Perm.VIEW_PATIENTS)
            return _listed(s, Handoff.state == HandoffState.ESCORTING.value, order=Handoff.sent_at)

    def arrived_since(self, actor: Actor, since: object) -> list[HandoffRecord]:
        with self.db.read() as s:
            authorize(s, actor, Perm.VIEW_PATIENTS)
            return _listed(s, Handoff.state == HandoffState.ARRIVED.value, Handoff.received_at >= since,
                           order=Handoff.received_at.desc())

    def overdue(self, actor: Actor) -> list[HandoffRecord]:
        now = self.clock.now()
        return [h for h in self.open_handoffs(actor) if h.due_at <= now]
