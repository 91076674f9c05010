"""Wards and inpatients: enough to issue permits against."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update

from app.actor import Actor
from app.errors import Conflict, NotFound, ValidationError
from app.permissions import Perm
from app.services.base import Service, authorize, row_to_save
from app.triage.identity import name_initials, normalise_patient
from app.triage.records import PatientInput
from app.triage.registration_service import apply_patient
from app.triage.tables import Patient, Visit
from app.triage.common import clinic_identity, local_day
from app.wards.records import AdmissionRecord, WardRecord
from app.wards.tables import Admission, Permit, PermitException, Ward
from app.wards.vocab import ExceptionKind, NursingLevel, PermitState, WardType


def gate_names(text: str) -> tuple[str, ...]:
    return tuple(g for g in (x.strip() for x in text.split(",")) if g)


def ward_record(w: Ward) -> WardRecord:
    return WardRecord(w.id, w.name, w.type, gate_names(w.gates), w.version)


def admission_record(a: Admission, visit_no: str | None = None) -> AdmissionRecord:
    return AdmissionRecord(a.id, a.patient.name, a.ward_id, a.ward.name, a.ward.type, a.bed, a.nursing_level,
                           a.admitted_at, a.discharged_at, visit_no)


class WardService(Service):
    def wards(self) -> list[WardRecord]:
        with self.db.read() as s:
            return [ward_record(w) for w in s.scalars(select(Ward).order_by(Ward.name))]

    def save_ward(self, actor: Actor, *, name: str, type: str, gates: list[str], ward_id: int | None = None,
                  expected_version: int | None = None) -> WardRecord:
        name = " ".join(name.split())
        if not 1 <= len(name) <= 64:
            raise ValidationError("required", field="name")
        if type not in WardType._value2member_map_:
            raise ValidationError("ward_type", field="type")
        clean = [g.strip() for g in gates if g.strip()]
        if not clean or any("," in g or len(g) > 32 for g in clean):
            raise ValidationError("gates", field="gates")
        with self.audited_write(actor, "ward.save", "ward", Perm.MANAGE_CLINIC_SETTINGS) as op:
            s = op.session
            ward = row_to_save(s, Ward, ward_id, expected_version, name=name, entity="ward", exists_code="ward_exists")
            ward.type, ward.gates = type, ",".join(clean)
            s.flush()
            op.entity_id = ward.id
            op.summary = {"name": name, "type": type, "gates": clean}
            return ward_record(ward)

    def admit(self, actor: Actor, *, ward_id: int, bed: str, nursing_level: str, visit_no: str | None = None,
              patient: PatientInput | None = None) -> AdmissionRecord:
        """From a registered visit, or a direct admission with the patient's identity."""
        bed = " ".join(bed.split())
        if not 1 <= len(bed) <= 16:
            raise ValidationError("required", field="bed")
        if nursing_level not in NursingLevel._value2member_map_:
            raise ValidationError("nursing_level", field="nursing_level")
        now = self.clock.now()
        p = None
        if visit_no is None:
            if patient is None:
                raise ValidationError("required", field="patient")
            p = normalise_patient(patient, local_day(clinic_identity(self.db), now))
        with self.audited_write(actor, "ward.admit", "admission", Perm.MANAGE_WARDS) as op:
            s = op.session
            ward = s.get(Ward, ward_id)
            if ward is None:
                raise NotFound(entity="ward", id=ward_id)
            visit_id = None
            if visit_no is not None:
                visit = s.scalars(select(Visit).where(Visit.visit_no == visit_no.strip().upper())).first()
                if visit is None:
                    raise NotFound(entity="visit", visit_no=visit_no)
                patient_id, visit_id = visit.patient_id, visit.id
            else:
                assert p is not None
                row = s.scalars(select(Patient).where(Patient.id_type == p.id_type, Patient.id_number == p.id_number)
                                ).first() if p.id_number else None
                if row is None:
                    row = Patient(name_initials=name_initials(p.name), created_at=now, updated_at=now)
                    s.add(row)
                apply_patient(row, p)
                s.flush()
                patient_id = row.id
            if s.scalar(select(Admission.id).where(Admission.patient_id == patient_id,
                                                   Admission.discharged_at.is_(None))):
                raise Conflict("already_admitted")
            a = Admission(patient_id=patient_id, visit_id=visit_id, ward_id=ward.id, bed=bed,
                          nursing_level=nursing_level, admitted_at=now, admitted_by=actor.username)
            s.add(a)
            s.flush()
            s.refresh(a)
            op.entity_id = a.id
            op.summary = {"ward": ward.name, "bed": bed, "nursing_level": nursing_level, "visit_no": visit_no}
            return admission_record(a, visit_no)

    def discharge(self, actor: Actor, admission_id: int, at: datetime | None = None) -> AdmissionRecord:
        """Discharge also revokes the patient's permits, so offline gates refuse them too."""
        with self.audited_write(actor, "ward.discharge", "admission", Perm.MANAGE_WARDS, admission_id) as op:
            s = op.session
            a = s.get(Admission, admission_id)
            if a is None:
                raise NotFound(entity="admission", id=admission_id)
            if a.discharged_at is not None:
                raise Conflict("already_discharged")
            a.discharged_at = at or self.clock.now()
            revoked = s.execute(update(Permit).where(Permit.admission_id == a.id,
                                                     Permit.state == PermitState.ACTIVE.value)
                                .values(state=PermitState.REVOKED.value, revoked_at=a.discharged_at,
                                        revoked_by=actor.username, revoke_reason="discharged",
                                        version=Permit.version + 1)).rowcount
            op.summary = {"permits_revoked": revoked}
            return admission_record(a)

    def inpatients(self, actor: Actor, include_discharged: bool = False) -> list[AdmissionRecord]:
        with self.db.read() as s:
            authorize(s, actor, Perm.VIEW_PATIENTS)
            query = select(Admission, Visit.visit_no).outerjoin(Visit, Visit.id == Admission.visit_id)
            if not include_discharged:
                query = query.where(Admission.discharged_at.is_(None))
            return [admission_record(a, no) for a, no in s.execute(query.order_by(Admission.ward_id, Admission.bed))]

    def approve_exception(self, actor: Actor, admission_id: int, kind: str, reason: str) -> int:
        reason = " ".join(reason.split())
        if len(reason) < 4:
            raise ValidationError("required", field="reason")
        if kind not in ExceptionKind._value2member_map_:
            raise ValidationError("exception_kind", field="kind")
        with self.audited_write(actor, "permit.exception_approve", "admission", Perm.APPROVE_EXCEPTIONS,
                                admission_id) as op:
            if op.session.get(Admission, admission_id) is None:
                raise NotFound(entity="admission", id=admission_id)
            e = PermitException(admission_id=admission_id, kind=kind, reason=reason, approved_by=actor.username,
                                approved_at=self.clock.now())
            op.session.add(e)
            op.session.flush()
            op.summary = {"exception_id": e.id, "kind": kind, "reason": reason}
            return e.id
