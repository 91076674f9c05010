"""Fever-patient registration: find a returning patient, register the visit, number it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Row, bindparam, or_, select
from sqlalchemy.orm import Session

from app.access_log import Access, criteria_kind, record_access
from app.audit_rows import known_rows
from app.actor import Actor
from app.clock import Clock
from app.counters import next_value
from app.db.engine import connection_of
from app.db.prepared import Prepared
from app.db.models import User
from app.db.prefix import starts_with
from app.errors import Conflict, NotFound, StaleEdit, ValidationError
from app.casework.tables import Case
from app.people import full_name, full_names
from app.permissions import Perm
from app.services.base import Service, authorize, insert_row
from app.triage.common import (clinic_identity, handoff_record, local_day, patient_record, screening_inputs,
                               screening_record, split_codes)
from app.severity.store import for_screening, record, rows_of_screening
from app.triage.identity import name_initials, normalise_patient
from app.triage.records import PatientInput, PatientRecord, VisitDetail
from app.triage.rules import assess, checked_health_code_note
from app.triage.screening_service import load_rule_context
from app.triage.tables import PATIENTS, SCREENINGS, VISITS, Handoff, Patient, Screening, Visit
from app.triage.vocab import Decision, HealthCode

PATIENT_FIELDS = tuple(f.name for f in fields(PatientInput))


def visit_number(clinic_code: str, day_text: str, n: int) -> str:
    return f"{clinic_code}-{day_text}-{n:04d}"


def apply_patient(row: Patient, p: PatientInput) -> dict[str, tuple[object, object]]:
    """Copy normalised input onto the row; returns what changed (for the audit summary)."""
    changed: dict[str, tuple[object, object]] = {}
    for name in PATIENT_FIELDS:
        new = getattr(p, name)
        if name in ("address", "occupation", "workplace") and new is None:
            new = ""
        old = getattr(row, name)
        if old != new:
            changed[name] = (old, new)
            setattr(row, name, new)
    if "name" in changed:
        row.name_initials = name_initials(p.name)
    return changed


def new_patient(p: PatientInput, now: datetime) -> dict[str, Any]:
    """The row of a patient registered for the first time (as ``apply_patient`` fills a new one)."""
    values: dict[str, Any] = {name: getattr(p, name) for name in PATIENT_FIELDS}
    for name in ("address", "occupation", "workplace"):
        if values[name] is None:
            values[name] = ""
    return {**values, "name_initials": name_initials(p.name), "created_at": now, "updated_at": now}


def visit_detail(s: Session, visit: Visit | Row[Any], patient: Patient | Row[Any], screening: Screening | Row[Any],
                 *, new: bool = False, people: dict[str, str] | None = None,
                 vital_signs: Sequence[Row[Any]] | None = None) -> VisitDetail:
    """The record the desk shows. ``new``: just registered (no hand-off, no case yet), with ``people`` (the
    full names on it) and the screening's ``vital_signs`` rows already read by the registration."""
    if vital_signs is not None:
        vitals = record(vital_signs[-1]) if vital_signs else None
    else:
        vitals = None if screening.severity_level is None else for_screening(s, screening.id)
    handoffs = () if new else list(s.scalars(select(Handoff).where(Handoff.visit_id == visit.id)
                                              .order_by(Handoff.sent_at)))
    if people is None:
        named = [screening.username, *(u for h in handoffs for u in (h.sent_by, h.received_by, h.incident_noticed_by))]
        people = full_names(s, [visit.username, *named])  # one query for every name on the record
    nurse = people.get(visit.username) if visit.user_id is not None else None
    case = None if new else s.scalars(select(Case).where(Case.visit_id == visit.id)).first()
    doctor = "" if case is None else full_name(s, case.doctor_username)
    return VisitDetail(
        visit_no=visit.visit_no, registered_at=visit.registered_at, nurse_username=visit.username,
        nurse_name=nurse or visit.username, patient=patient_record(patient),
        screening=screening_record(screening, visit.visit_no, patient.name, vitals),  # with its set (issue 17)
        onset_date=visit.onset_date, vaccination_doses=visit.vaccination_doses,
        handoffs=tuple(handoff_record(h) for h in handoffs), people=people,
        doctor_name=doctor, classification=case.classification if case else "",
        disposition=(case.disposition or "") if case else "",
    )


# What a registration checks and shows, in one read instead of four (issue 16): the screening, the visit already
# registered from it, the patient who already has the ID number typed, and the full names of the nurse who
# screened and of the one registering.
_TO_REGISTER = Prepared(select(
    SCREENINGS,
    select(VISITS.c.id).where(VISITS.c.screening_id == SCREENINGS.c.id).scalar_subquery().label("visit_id"),
    select(PATIENTS.c.id).where(PATIENTS.c.id_type == bindparam("id_type"),
                                PATIENTS.c.id_number == bindparam("id_number")).scalar_subquery()
    .label("patient_with_id"),
    select(User.full_name).where(User.username == SCREENINGS.c.username).scalar_subquery().label("screened_by"),
    select(User.full_name).where(User.username == bindparam("actor")).scalar_subquery().label("actor_name"),
).where(SCREENINGS.c.id == bindparam("id")))


def check_doses(doses: int | None) -> int | None:
    if doses is not None and not 0 <= doses <= 10:
        raise ValidationError("vaccination_doses", field="vaccination_doses")
    return doses


def refuse_taken_id_number(s: Session, row: Patient, p: PatientInput) -> None:
    """A returning patient's ID number corrected to one another patient already has: a typed refusal
    naming that record (and its latest visit), so the desk can offer it, not a database error."""
    if p.id_number is None or (row.id_type, row.id_number) == (p.id_type, p.id_number):
        return
    with s.no_autoflush:
        other = s.scalar(select(Patient.id).where(Patient.id_type == p.id_type, Patient.id_number == p.id_number,
                                                  Patient.id != row.id))
        if other is None:
            return
        latest = s.scalar(select(Visit.visit_no).where(Visit.patient_id == other).order_by(Visit.id.desc()).limit(1))
    raise Conflict("id_number_taken", field="id_number", patient_id=other, visit_no=latest)


def check_at_registration(s: Session, clock: Clock, screening: Screening, health_code: str | None,
                          health_code_note: str | None) -> bool:
    """A pharmacy-counter screening reaches registration with its health code not checked: the nurse
    records it now (same rules as the desk), and a yellow or red code raises the decision as it would
    have at the desk (never lowers it). Returns whether the code was recorded here."""
    if screening.health_code != HealthCode.NOT_CHECKED:
        return False
    inputs = replace(screening_inputs(screening), health_code=health_code or HealthCode.NOT_CHECKED,
                     health_code_note=health_code_note)
    note = checked_health_code_note(inputs, "registration")
    ctx = load_rule_context(s, clock, with_areas=bool(inputs.travel))
    assessment = assess(inputs, ctx.rules, ctx.risk_areas, screening.clinic_day)
    screening.health_code, screening.health_code_note = inputs.health_code, note
    reasons = split_codes(screening.reasons)
    added = tuple(r for r in assessment.reasons if r not in reasons)
    if added:
        screening.reasons = ",".join((*reasons, *added))
    computed = Decision.from_code(assessment.decision)
    if computed > Decision.from_code(screening.computed_decision):
        screening.computed_decision = computed.code
    if computed > Decision.from_code(screening.decision):
        screening.decision = computed.code
    return True


class RegistrationService(Service):
    def search_patients(self, actor: Actor, text: str, limit: int = 8) -> list[PatientRecord]:
        """Returning patients by ID number, phone, name or pinyin initials prefix, as the nurse types.

        Each search that runs is recorded (``access.search`` on ``patient``: the kind of criterion and how
        many records were shown, never the text; app/access_log.py)."""
        term = "".join(text.split())
        if len(term) < (2 if term.isascii() else 1):  # one Chinese character (a surname) is enough
            return []
        with self.db.write() as s:
            authorize(s, actor, Perm.VIEW_PATIENTS)
            query = select(Patient)
            if term.isdigit() or (term[:-1].isdigit() and term[-1] in "xX"):
                query = query.where(or_(starts_with(Patient.id_number, term.upper()), starts_with(Patient.phone, term)))
            elif term.isascii() and term.isalpha():
                query = query.where(or_(starts_with(Patient.name_initials, term.lower()),
                                        starts_with(Patient.id_number, term.upper())))
            else:
                query = query.where(or_(starts_with(Patient.name, term), starts_with(Patient.id_number, term.upper())))
            rows = s.scalars(query.limit(limit)).all()
            last = {pid: no for pid, no in s.execute(
                select(Visit.patient_id, Visit.visit_no).where(Visit.patient_id.in_([r.id for r in rows]))
                .order_by(Visit.id))} if rows else {}
            record_access(s, self.clock.now(), actor, Access.SEARCH, "patient", len(rows), criteria=criteria_kind(term))
            return [patient_record(r, last.get(r.id)) for r in rows]

    def register(self, actor: Actor, *, screening_id: int, patient: PatientInput, patient_id: int | None = None,
                 patient_version: int | None = None, onset_date: object = None,
                 vaccination_doses: int | None = None, health_code: str | None = None,
                 health_code_note: str | None = None) -> VisitDetail:
        """Register a screened fever patient. With ``patient_id`` the nurse confirmed a returning
        patient (their details are updated; stale if someone else saved them since); correcting their
        ID number to one another patient has is refused (``id_number_taken``, naming that record).

        ``health_code`` (and ``health_code_note`` for "not shown") is required when the screening was
        made at the pharmacy counter without checking the code; it is ignored otherwise."""
        check_doses(vaccination_doses)
        now = self.clock.now()
        clinic = clinic_identity(self.db)
        today = local_day(clinic, now)
        p = normalise_patient(patient, today)
        with self.audited_write(actor, "triage.register", "visit", Perm.TRIAGE) as op:
            s = op.session
            conn = connection_of(s)
            found = _TO_REGISTER.first(conn, {"id": screening_id, "id_type": p.id_type, "id_number": p.id_number,
                                              "actor": actor.username})
            if found is None:
                raise NotFound(entity="screening", id=screening_id)
            if found.decision == "general":
                raise ValidationError("not_fever_patient", field="decision")
            if found.visit_id is not None:
                raise Conflict("already_registered", screening_id=screening_id)
            screening: Screening | Row[Any] = found
            checked = found.health_code == HealthCode.NOT_CHECKED
            if checked:  # a pharmacy-counter screening: its code is recorded now, on the ORM row
                screening = s.get_one(Screening, screening_id)
                check_at_registration(s, self.clock, screening, health_code, health_code_note)
            else:  # unchanged: the audit digest uses the row as read
                op.known["screenings"] = found._mapping
            changes: dict[str, tuple[object, object]] = {}
            row: Patient | Row[Any]
            if patient_id is not None:
                returning = s.get(Patient, patient_id)
                if returning is None:
                    raise NotFound(entity="patient", id=patient_id)
                if patient_version is not None and returning.version != patient_version:
                    raise StaleEdit(entity="patient")
                refuse_taken_id_number(s, returning, p)
                changes = apply_patient(returning, p)
                if changes:
                    returning.updated_at = now
                row = returning
            else:
                if found.patient_with_id is not None:
                    raise Conflict("patient_exists", patient_id=found.patient_with_id)
                row = insert_row(s, PATIENTS, new_patient(p, now))
            s.flush()  # the ORM's changes (a returning patient, a code checked now) before the Core inserts
            # the number is taken last, in this transaction: a refused or failed save takes none (the
            # counter rolls back with it), and no number is shown before the visit holding it is committed
            number = visit_number(clinic.code, today.strftime("%Y%m%d"), next_value(s, f"visit:{today:%Y%m%d}"))
            visit = insert_row(s, VISITS, dict(
                visit_no=number, clinic_day=today, patient_id=row.id, screening_id=screening_id, registered_at=now,
                user_id=actor.user_id, username=actor.username, workstation=actor.workstation,
                onset_date=onset_date or screening.onset_date, vaccination_doses=vaccination_doses))
            # what the audit digest of the visit would read back: the rows just written or read, and no case yet
            sets = rows_of_screening(s, screening_id)
            op.known.update({"visits": visit._mapping, known_rows("vital_signs", "screening_id", screening_id): sets,
                             known_rows("cases", "visit_id", visit.id): []})
            op.entity_id = number
            op.summary = {"visit_no": number, "patient_id": row.id, "returning": patient_id is not None,
                          "changed": sorted(changes), "decision": screening.decision}
            if checked:
                op.summary["health_code"] = screening.health_code
            people = {u: n for u, n in ((found.username, found.screened_by), (actor.username, found.actor_name)) if n}
            return visit_detail(s, visit, row, screening, new=True, people=people, vital_signs=sets)

    def detail(self, actor: Actor, visit_no: str, *, opened: bool = False) -> VisitDetail:
        """One registration. ``opened``: a person opened it on purpose (the visit list's detail), recorded as
        ``access.view`` of ``visit_record`` (app/access_log.py); a desk refreshing what it just wrote is not."""
        with self.db.write() if opened else self.db.read() as s:
            authorize(s, actor, Perm.VIEW_PATIENTS)
            visit = s.scalars(select(Visit).where(Visit.visit_no == visit_no.strip().upper())).first()
            if visit is None:
                raise NotFound(entity="visit", visit_no=visit_no)
            if opened:
                record_access(s, self.clock.now(), actor, Access.VIEW, "visit_record", 1, entity_id=visit.visit_no)
            return visit_detail(s, visit, visit.patient, visit.screening)
