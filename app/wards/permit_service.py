"""Escort permits (陪护证) and visitor permits (探视证): the issuing rules, revocation, reprints.

Rules (figures in app/wards/figures.py):

* "陪护人员均应核酸检测": one active escort per patient, with a NEGATIVE nucleic-acid result (date and
  result) within ``escort_test_valid_hours``; the permit is valid no longer than that result — a new
  negative result (``update_escort_test``) renews it, up to the validity first asked for.
* "重症病区、传染病区禁止陪护"; "隔离留观病区…不安排陪护和探视": no escort in critical-care, infectious,
  buffer or isolation-observation wards, none in principle for level-3 nursing; no visitor in infectious,
  buffer or isolation-observation wards.
* "探视人数仅限1人，时间30分钟内…原则上不予现场探视，鼓励视频探视": visitors one at a time, a window of at
  most ``visit_max_minutes``, with the reason for an on-site visit; one passage (the gate refuses re-entry).

Each refusal can be overridden only by an exception a second person approved (Perm.APPROVE_EXCEPTIONS,
with a reason, audited, counted in the daily report); the approver cannot issue the permit with it."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.access_log import Access, Criteria, record_access
from app.actor import Actor
from app.clock import Clock
from app.db.engine import Database
from app.db.models import Clinic
from app.desk_keys import DeskPurpose, desk_signer, ensure_desk
from app.errors import Conflict, NotFound, PermissionDenied, StaleEdit, ValidationError
from app.figures import load_figures
from app.keys import KeyStore
from app.permissions import Perm
from app.privacy import mask_name
from app.services.base import Service, WriteOp, authorize
from app.text_rules import check_text
from app.triage.common import clinic_identity, local_day
from app.triage.identity import normalise_patient
from app.triage.records import PatientInput
from app.wards import credential
from app.wards.figures import WardFigures
from app.wards.records import PermitRecord
from app.wards.tables import Admission, Permit, PermitException
from app.wards.vocab import ISOLATION_WARDS, ExceptionKind, NursingLevel, PermitKind, PermitState, WardType
from app.wards.ward_service import gate_names

DEFAULT_ESCORT_DAYS = 14
NEGATIVE = "negative"
REASON_MIN, REASON_MAX = 2, 200


@dataclass(frozen=True)
class Holder:
    name: str
    id_type: str
    id_number: str | None
    relation: str
    phone: str | None = None


def permit_record(p: Permit) -> PermitRecord:
    a = p.admission
    return PermitRecord(p.id, p.number, p.kind, p.admission_id, a.patient.name, a.ward.name, a.bed,
                        gate_names(a.ward.gates), p.holder_name, p.relation, p.valid_from, p.valid_until,
                        p.escort_test_at, p.state, p.issued_at, p.revoke_reason, p.replaces, p.payload, p.version,
                        p.escort_test_result, p.requested_until, p.visit_reason or "")


def escort_exception_needed(a: Admission) -> ExceptionKind | None:
    """The exception an escort for this inpatient needs, if any (the ward's restriction comes first: an
    approval for level-3 nursing does not open an isolation ward)."""
    if a.ward.type in ISOLATION_WARDS:
        return ExceptionKind.ESCORT_ISOLATION_WARD
    if a.ward.type in (WardType.CRITICAL_CARE, WardType.INFECTIOUS):
        return ExceptionKind.ESCORT_RESTRICTED_WARD
    if a.nursing_level == NursingLevel.LEVEL_3:
        return ExceptionKind.ESCORT_LEVEL_3
    return None


def visitor_exception_needed(a: Admission) -> ExceptionKind | None:
    if a.ward.type in ISOLATION_WARDS:
        return ExceptionKind.VISITOR_ISOLATION_WARD
    if a.ward.type == WardType.INFECTIOUS:
        return ExceptionKind.VISITOR_INFECTIOUS
    return None


def _check_escort_test(test_at: datetime, result: str | None, now: datetime, hours: int) -> None:
    """A negative result, sampled no later than now and within the validity (escort_test_old)."""
    if result != NEGATIVE:
        raise ValidationError("escort_test_negative_required", field="test_result", result=result)
    if test_at > now:
        raise ValidationError("time_in_future", field="test_at")
    if now - test_at > timedelta(hours=hours):
        raise ValidationError("escort_test_old", field="test_at", hours=hours)


class PermitService(Service):
    def __init__(self, db: Database, clock: Clock, keys: KeyStore) -> None:
        super().__init__(db, clock)
        self.keys = keys

    def issue_escort(self, actor: Actor, admission_id: int, holder: Holder, *, test_at: datetime,
                     test_result: str | None = None, valid_until: datetime | None = None,
                     exception_id: int | None = None) -> PermitRecord:
        """``test_at`` is the escort's nucleic-acid sampling time and ``test_result`` its result: only a
        negative result within the figure's hours is accepted (escort_test_negative_required,
        escort_test_old). The permit is valid until ``valid_until`` (default 14 days) but no longer
        than the test: ``update_escort_test`` renews it with a newer negative result."""
        now = self.clock.now()
        requested = valid_until or now + timedelta(days=DEFAULT_ESCORT_DAYS)
        with self._issuing(actor, "permit.issue_escort", admission_id, holder, requested) as (op, a, person):
            s = op.session
            figures, _ = load_figures(s, WardFigures)
            hours = figures.escort_test_valid_hours
            _check_escort_test(test_at, test_result, now, hours)
            exception_id = self._exception(s, actor, a, escort_exception_needed(a), exception_id,
                                           refused="escort_refused")
            if s.scalar(select(Permit.id).where(
                    Permit.admission_id == a.id, Permit.kind == PermitKind.ESCORT.value,
                    Permit.state == PermitState.ACTIVE.value,
                    func.coalesce(Permit.requested_until, Permit.valid_until) > now)):
                raise Conflict("escort_exists")
            until = min(requested, test_at + timedelta(hours=hours))
            p = self._create(op, actor, a, PermitKind.ESCORT, person, holder.relation, now, requested, test_at,
                             exception_id, test_result=NEGATIVE, valid_until=until)
            op.summary.update({"test_at": test_at.isoformat(), "test_result": NEGATIVE})
            return p

    def issue_visitor(self, actor: Actor, admission_id: int, holder: Holder, *, window_start: datetime,
                      window_end: datetime, reason: str | None = None, exception_id: int | None = None
                      ) -> PermitRecord:
        """One visitor, one passage, a window of at most the figure's minutes, and the reason an on-site
        visit is needed (in principle none: video visits are encouraged), e.g. 病危告知."""
        now = self.clock.now()
        why = " ".join((check_text(reason, "reason", multiline=True) or "").split())
        with self._issuing(actor, "permit.issue_visitor", admission_id, holder, window_end) as (op, a, person):
            s = op.session
            figures, _ = load_figures(s, WardFigures)
            if not REASON_MIN <= len(why) <= REASON_MAX:
                raise ValidationError("visit_reason_required", field="reason")
            if window_end <= window_start or window_end <= now:
                raise ValidationError("visit_window", field="window_end")
            if window_end - window_start > timedelta(minutes=figures.visit_max_minutes):
                raise ValidationError("visit_too_long", field="window_end", minutes=figures.visit_max_minutes)
            exception_id = self._exception(s, actor, a, visitor_exception_needed(a), exception_id,
                                           refused="visitor_refused")
            overlapping = s.scalar(select(Permit.id).where(
                Permit.admission_id == a.id, Permit.kind == PermitKind.VISITOR.value,
                Permit.state == PermitState.ACTIVE.value, Permit.valid_from < window_end,
                Permit.valid_until > window_start))
            if overlapping:
                raise Conflict("visitor_overlap")
            p = self._create(op, actor, a, PermitKind.VISITOR, person, holder.relation, window_start, window_end,
                             None, exception_id, visit_reason=why)
            op.summary["reason"] = why
            return p

    def revoke(self, actor: Actor, permit_id: str, reason: str) -> PermitRecord:
        reason = " ".join((check_text(reason, "reason", multiline=True) or "").split())
        if len(reason) < 2:
            raise ValidationError("required", field="reason")
        with self.audited_write(actor, "permit.revoke", "permit", Perm.ISSUE_PERMITS, permit_id) as op:
            p = self._permit(op.session, permit_id)
            op.entity_id = p.id
            if p.state != PermitState.ACTIVE:
                raise Conflict("permit_not_active")
            self._revoke(p, actor, reason)
            op.session.flush()
            op.summary = {"number": p.number, "reason": reason}
            return permit_record(p)

    def reprint(self, actor: Actor, permit_id: str, reason: str = "lost") -> PermitRecord:
        """A new card with a new identity; the old one stops working at once."""
        ensure_desk(self.db, self.clock, self.keys, actor.workstation)
        with self.audited_write(actor, "permit.reprint", "permit", Perm.ISSUE_PERMITS, permit_id) as op:
            s = op.session
            old = self._permit(s, permit_id)
            op.entity_id = old.id
            if old.state != PermitState.ACTIVE:
                raise Conflict("permit_not_active")
            self._revoke(old, actor, f"reprinted: {reason}"[:200])
            new = self._new_permit(s, actor, old.admission, PermitKind(old.kind), old.holder_name, old.holder_id_type,
                                   old.holder_id_number, old.relation, old.phone, old.valid_from,
                                   old.requested_until or old.valid_until, old.escort_test_at, old.exception_id,
                                   replaces=old.id, test_result=old.escort_test_result, valid_until=old.valid_until,
                                   visit_reason=old.visit_reason or "")
            s.flush()
            op.summary = {"old": old.number, "new": new.number, "reason": reason}
            return permit_record(new)

    def update_escort_test(self, actor: Actor, permit_id: str, expected_version: int, test_at: datetime,
                           test_result: str | None = None) -> PermitRecord:
        """A newer negative result renews the escort's permit: valid again until the new result's validity
        ends (never beyond the validity first asked for, the one the card's QR carries)."""
        now = self.clock.now()
        with self.audited_write(actor, "permit.escort_test", "permit", Perm.ISSUE_PERMITS, permit_id) as op:
            s = op.session
            p = self._permit(s, permit_id)
            op.entity_id = p.id
            if p.version != expected_version:
                raise StaleEdit(entity="permit")
            requested = p.requested_until or p.valid_until
            if p.kind != PermitKind.ESCORT or p.state != PermitState.ACTIVE or requested <= now:
                raise Conflict("permit_not_active")
            figures, _ = load_figures(s, WardFigures)
            hours = figures.escort_test_valid_hours
            _check_escort_test(test_at, test_result, now, hours)
            if p.escort_test_at is not None and test_at <= p.escort_test_at:
                raise ValidationError("escort_test_not_newer", field="test_at")
            before = p.valid_until
            p.escort_test_at, p.escort_test_result = test_at, NEGATIVE
            p.requested_until = requested
            p.valid_until = min(requested, test_at + timedelta(hours=hours))
            s.flush()
            op.summary = {"number": p.number, "test_at": test_at.isoformat(), "test_result": NEGATIVE,
                          "valid_until": p.valid_until.isoformat(), "before": before.isoformat()}
            return permit_record(p)

    def list(self, actor: Actor, state: str | None = None, limit: int = 1000, *, exported: bool = False
             ) -> list[PermitRecord]:
        """Permits, newest first. ``exported``: the list leaves the app (``permit list`` on the command line),
        recorded as ``access.export`` of ``permit_list`` with the row count (app/access_log.py)."""
        with self.db.write() if exported else self.db.read() as s:
            authorize(s, actor, Perm.ISSUE_PERMITS)
            query = select(Permit).order_by(Permit.issued_at.desc()).limit(limit)
            if state:
                query = query.where(Permit.state == state)
            records = [permit_record(p) for p in s.scalars(query)]
            if exported:
                record_access(s, self.clock.now(), actor, Access.EXPORT, "permit_list", len(records),
                              criteria=Criteria.FILTER, filters={"state": state})
            return records

    def get(self, actor: Actor, permit_id_or_number: str) -> PermitRecord:
        with self.db.read() as s:
            authorize(s, actor, Perm.ISSUE_PERMITS)
            return permit_record(self._permit(s, permit_id_or_number))

    # ----- helpers -------------------------------------------------------------------------
    @contextmanager
    def _issuing(self, actor: Actor, action: str, admission_id: int, holder: Holder, until: datetime
                 ) -> Iterator[tuple[WriteOp, Admission, PatientInput]]:
        now = self.clock.now()
        person = normalise_patient(PatientInput(name=holder.name, id_type=holder.id_type, id_number=holder.id_number,
                                                id_missing_reason="visitor without document" if not holder.id_number
                                                else None, sex="unknown" if holder.id_type != "resident_id" else None,
                                                phone=holder.phone), local_day(clinic_identity(self.db), now))
        if not 1 <= len(holder.relation.strip()) <= 32:
            raise ValidationError("required", field="relation")
        ensure_desk(self.db, self.clock, self.keys, actor.workstation)
        with self.audited_write(actor, action, "admission", Perm.ISSUE_PERMITS, admission_id) as op:
            a = op.session.get(Admission, admission_id)
            if a is None:
                raise NotFound(entity="admission", id=admission_id)
            if a.discharged_at is not None:
                raise Conflict("discharged")
            yield op, a, person

    @staticmethod
    def _exception(s: Session, actor: Actor, a: Admission, needed: ExceptionKind | None, exception_id: int | None,
                   refused: str) -> int | None:
        """Use the exception the rule needs: the one given, or else the oldest unused approval for this
        inpatient and rule. A second person approves it: its approver cannot use it (exception_self)."""
        if needed is None:
            return None
        if exception_id is not None:
            e = s.get(PermitException, exception_id)
            if e is None or e.admission_id != a.id or e.kind != needed or e.used:
                raise ValidationError(refused, field="exception", needs=[needed.value])
        else:
            approvals = s.scalars(select(PermitException).where(
                PermitException.admission_id == a.id, PermitException.kind == needed.value,
                PermitException.used.is_(False)).order_by(PermitException.approved_at, PermitException.id)).all()
            if not approvals:
                raise ValidationError(refused, field="exception", needs=[needed.value])
            e = next((x for x in approvals if x.approved_by != actor.username), approvals[0])
        if e.approved_by == actor.username:
            raise PermissionDenied("exception_self", exception_id=e.id)
        e.used = True
        return e.id

    def _create(self, op: WriteOp, actor: Actor, a: Admission, kind: PermitKind, person: PatientInput,
                relation: str, valid_from: datetime, requested_until: datetime, test_at: datetime | None,
                exception_id: int | None, *, test_result: str | None = None, valid_until: datetime | None = None,
                visit_reason: str = "") -> PermitRecord:
        p = self._new_permit(op.session, actor, a, kind, person.name, person.id_type, person.id_number,
                             " ".join(relation.split()), person.phone, valid_from, requested_until, test_at,
                             exception_id, test_result=test_result, valid_until=valid_until,
                             visit_reason=visit_reason)
        op.session.flush()
        op.summary = {"number": p.number, "kind": kind.value, "holder": mask_name(p.holder_name),
                      "valid_until": p.valid_until.isoformat(), "exception_id": p.exception_id}
        return permit_record(p)

    def _new_permit(self, s: Session, actor: Actor, a: Admission, kind: PermitKind, name: str, id_type: str,
                    id_number: str | None, relation: str, phone: str | None, valid_from: datetime,
                    requested_until: datetime, test_at: datetime | None, exception_id: int | None,
                    replaces: str | None = None, *, test_result: str | None = None,
                    valid_until: datetime | None = None, visit_reason: str = "") -> Permit:
        """The QR carries the validity asked for; ``valid_until`` may end earlier (the escort's test)."""
        clinic = s.scalars(select(Clinic)).one()
        key = desk_signer(s, self.keys, DeskPurpose.PERMIT.value)  # desk_not_enrolled / desk_revoked
        permit_id = secrets.token_hex(16)
        number = f"{'E' if kind == PermitKind.ESCORT else 'V'}{secrets.randbelow(10 ** 8):08d}"
        payload = credential.encode(key, credential.Credential(
            issuer=clinic.code, key_id=key.key_id, permit_id=permit_id, kind=kind.value, ward=a.ward.name,
            valid_from=valid_from, valid_until=requested_until, masked_name=mask_name(name),
            id_last4=(id_number or "")[-4:], admission_id=a.id, bed=a.bed))
        p = Permit(id=permit_id, number=number, kind=kind.value, admission_id=a.id, admission=a, holder_name=name,
                   holder_id_type=id_type, holder_id_number=id_number, relation=relation, phone=phone,
                   valid_from=valid_from, valid_until=valid_until or requested_until, escort_test_at=test_at,
                   escort_test_result=test_result, requested_until=requested_until, visit_reason=visit_reason,
                   exception_id=exception_id, state=PermitState.ACTIVE.value, issued_at=self.clock.now(),
                   issued_by=actor.username, replaces=replaces, payload=payload)
        s.add(p)
        return p

    def _revoke(self, p: Permit, actor: Actor, reason: str) -> None:
        p.state, p.revoked_at, p.revoked_by, p.revoke_reason = (PermitState.REVOKED.value, self.clock.now(),
                                                                actor.username, reason)

    @staticmethod
    def _permit(s: Session, key: str) -> Permit:
        key = key.strip()
        p = s.scalars(select(Permit).where(or_(Permit.id == key.lower(), Permit.number == key.upper()))).first()
        if p is None:
            raise NotFound(entity="permit", key=key)
        return p
