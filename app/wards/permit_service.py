"""Escort permits (陪护证) and visitor permits (探视证): the issuing rules, revocation, reprints.

Rules: one active escort per patient, with a negative nucleic-acid result within 48 h; no escort
in critical-care or infectious wards, none in principle for level-3 nursing; visitors one at a
time, in a window, never in infectious wards — each refusal can be overridden only by an
exception an admin approved and recorded."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.actor import Actor
from app.clock import Clock
from app.db.engine import Database
from app.db.models import Clinic
from app.errors import Conflict, NotFound, StaleEdit, ValidationError
from app.keys import KeyStore
from app.permissions import Perm
from app.privacy import mask_name
from app.services.base import Service, WriteOp, authorize
from app.triage.common import clinic_identity, local_day
from app.triage.identity import normalise_patient
from app.triage.records import PatientInput
from app.wards import credential
from app.wards.records import PermitRecord
from app.wards.tables import Admission, Permit, PermitException
from app.wards.vocab import ESCORT_TEST_HOURS, ExceptionKind, NursingLevel, PermitKind, PermitState, WardType
from app.wards.ward_service import gate_names

DEFAULT_ESCORT_DAYS = 14
MAX_VISIT_WINDOW = timedelta(hours=12)


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
                        p.escort_test_at, p.state, p.issued_at, p.revoke_reason, p.replaces, p.payload, p.version)


class PermitService(Service):
    def __init__(self, db: Database, clock: Clock, keys: KeyStore) -> None:
        super().__init__(db, clock)
        self.keys = keys

    def issue_escort(self, actor: Actor, admission_id: int, holder: Holder, *, test_at: datetime,
                     valid_until: datetime | None = None, exception_id: int | None = None) -> PermitRecord:
        now = self.clock.now()
        if test_at > now:
            raise ValidationError("time_in_future", field="test_at")
        if now - test_at > timedelta(hours=ESCORT_TEST_HOURS):
            raise ValidationError("escort_test_old", field="test_at", hours=ESCORT_TEST_HOURS)
        until = valid_until or now + timedelta(days=DEFAULT_ESCORT_DAYS)
        with self._issuing(actor, "permit.issue_escort", admission_id, holder, until) as (op, a, person):
            s = op.session
            needed = []
            if a.ward.type in (WardType.CRITICAL_CARE, WardType.INFECTIOUS):
                needed.append(ExceptionKind.ESCORT_RESTRICTED_WARD)
            if a.nursing_level == NursingLevel.LEVEL_3:
                needed.append(ExceptionKind.ESCORT_LEVEL_3)
            self._exception(s, a, needed, exception_id, refused="escort_refused")
            if s.scalar(select(Permit.id).where(Permit.admission_id == a.id, Permit.kind == PermitKind.ESCORT.value,
                                                Permit.state == PermitState.ACTIVE.value, Permit.valid_until > now)):
                raise Conflict("escort_exists")
            return self._create(op, actor, a, PermitKind.ESCORT, person, holder.relation, now, until, test_at,
                                exception_id)

    def issue_visitor(self, actor: Actor, admission_id: int, holder: Holder, *, window_start: datetime,
                      window_end: datetime, exception_id: int | None = None) -> PermitRecord:
        now = self.clock.now()
        if window_end <= window_start or window_end - window_start > MAX_VISIT_WINDOW or window_end <= now:
            raise ValidationError("visit_window", field="window_end")
        with self._issuing(actor, "permit.issue_visitor", admission_id, holder, window_end) as (op, a, person):
            s = op.session
            needed = [ExceptionKind.VISITOR_INFECTIOUS] if a.ward.type == WardType.INFECTIOUS else []
            self._exception(s, a, needed, exception_id, refused="visitor_refused")
            overlapping = s.scalar(select(Permit.id).where(
                Permit.admission_id == a.id, Permit.kind == PermitKind.VISITOR.value,
                Permit.state == PermitState.ACTIVE.value, Permit.valid_from < window_end,
                Permit.valid_until > window_start))
            if overlapping:
                raise Conflict("visitor_overlap")
            return self._create(op, actor, a, PermitKind.VISITOR, person, holder.relation, window_start, window_end,
                                None, exception_id)

    def revoke(self, actor: Actor, permit_id: str, reason: str) -> PermitRecord:
        reason = " ".join(reason.split())
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
        with self.audited_write(actor, "permit.reprint", "permit", Perm.ISSUE_PERMITS, permit_id) as op:
            s = op.session
            old = self._permit(s, permit_id)
            op.entity_id = old.id
            if old.state != PermitState.ACTIVE:
                raise Conflict("permit_not_active")
            self._revoke(old, actor, f"reprinted: {reason}"[:200])
            new = self._new_permit(s, actor, old.admission, PermitKind(old.kind), old.holder_name, old.holder_id_type,
                                   old.holder_id_number, old.relation, old.phone, old.valid_from, old.valid_until,
                                   old.escort_test_at, old.exception_id, replaces=old.id)
            s.flush()
            op.summary = {"old": old.number, "new": new.number, "reason": reason}
            return permit_record(new)

    def update_escort_test(self, actor: Actor, permit_id: str, expected_version: int, test_at: datetime
                           ) -> PermitRecord:
        """A fresh negative result keeps the escort admitted at the gate."""
        now = self.clock.now()
        if test_at > now or now - test_at > timedelta(hours=ESCORT_TEST_HOURS):
            raise ValidationError("escort_test_old", field="test_at", hours=ESCORT_TEST_HOURS)
        with self.audited_write(actor, "permit.escort_test", "permit", Perm.ISSUE_PERMITS, permit_id) as op:
            p = self._permit(op.session, permit_id)
            if p.version != expected_version:
                raise StaleEdit(entity="permit")
            if p.kind != PermitKind.ESCORT or p.state != PermitState.ACTIVE:
                raise Conflict("permit_not_active")
            p.escort_test_at = test_at
            op.session.flush()
            op.summary = {"number": p.number, "test_at": test_at.isoformat()}
            return permit_record(p)

    def list(self, actor: Actor, state: str | None = None, limit: int = 1000) -> list[PermitRecord]:
        with self.db.read() as s:
            authorize(s, actor, Perm.ISSUE_PERMITS)
            query = select(Permit).order_by(Permit.issued_at.desc()).limit(limit)
            if state:
                query = query.where(Permit.state == state)
            return [permit_record(p) for p in s.scalars(query)]

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
        with self.audited_write(actor, action, "admission", Perm.ISSUE_PERMITS, admission_id) as op:
            a = op.session.get(Admission, admission_id)
            if a is None:
                raise NotFound(entity="admission", id=admission_id)
            if a.discharged_at is not None:
                raise Conflict("discharged")
            yield op, a, person

    @staticmethod
    def _exception(s: Session, a: Admission, needed: list[ExceptionKind], exception_id: int | None,
                   refused: str) -> None:
        if not needed:
            return
        e = s.get(PermitException, exception_id) if exception_id is not None else None
        if e is None or e.admission_id != a.id or e.kind not in needed or e.used:
            raise ValidationError(refused, field="exception", needs=[k.value for k in needed])
        e.used = True

    def _create(self, op: WriteOp, actor: Actor, a: Admission, kind: PermitKind, person: PatientInput,
                relation: str, valid_from: datetime, valid_until: datetime, test_at: datetime | None,
                exception_id: int | None) -> PermitRecord:
        p = self._new_permit(op.session, actor, a, kind, person.name, person.id_type, person.id_number,
                             " ".join(relation.split()), person.phone, valid_from, valid_until, test_at, exception_id)
        op.session.flush()
        op.summary = {"number": p.number, "kind": kind.value, "holder": mask_name(p.holder_name),
                      "valid_until": valid_until.isoformat(), "exception_id": exception_id}
        return permit_record(p)

    def _new_permit(self, s: Session, actor: Actor, a: Admission, kind: PermitKind, name: str, id_type: str,
                    id_number: str | None, relation: str, phone: str | None, valid_from: datetime,
                    valid_until: datetime, test_at: datetime | None, exception_id: int | None,
                    replaces: str | None = None) -> Permit:
        clinic = s.scalars(select(Clinic)).one()
        key = self.keys.load(clinic.code)
        permit_id = secrets.token_hex(16)
        number = f"{'E' if kind == PermitKind.ESCORT else 'V'}{secrets.randbelow(10 ** 8):08d}"
        payload = credential.encode(key, credential.Credential(
            issuer=clinic.code, key_id=key.key_id, permit_id=permit_id, kind=kind.value, ward=a.ward.name,
            valid_from=valid_from, valid_until=valid_until, masked_name=mask_name(name),
            id_last4=(id_number or "")[-4:], admission_id=a.id, bed=a.bed))
        p = Permit(id=permit_id, number=number, kind=kind.value, admission_id=a.id, admission=a, holder_name=name,
                   holder_id_type=id_type, holder_id_number=id_number, relation=relation, phone=phone,
                   valid_from=valid_from, valid_until=valid_until, escort_test_at=test_at, exception_id=exception_id,
                   state=PermitState.ACTIVE.value, issued_at=self.clock.now(),
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
