"""Wards and inpatients: enough to issue permits against.

Admission (figures in app/wards/figures.py):

* "新入院患者和陪护人员落实应检尽检": a patient is admitted only with a nucleic-acid sample or result — the
  visit's fever-clinic case test, or (a direct admission, or a visit without a case) the sample time the
  admitting user records, taken within ``admission_nat_hours`` (admission_nat_required, admission_nat_old).
* "应先在缓冲区进行单人单间隔离治疗，排除…后再转入普通病房": a patient without a negative result goes to a
  buffer (or isolation-observation) ward first (buffer_ward_first).
* "专人专车(救护车)尽快转运至定点医院…不得以任何理由延迟转诊": a suspected, confirmed or asymptomatic case, or
  a positive result, is never admitted here: it is transferred to the designated hospital
  (reportable_not_admitted).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, or_, select, update
from sqlalchemy.orm import Session

from app.actor import Actor
from app.casework.tables import Case, LabTest
from app.casework.vocab import REPORTABLE, TestKind, TestResult
from app.errors import Conflict, NotFound, ValidationError
from app.figures import load_figures
from app.permissions import Perm
from app.services.base import Service, authorize, row_to_save
from app.triage.identity import name_initials, normalise_patient
from app.triage.records import PatientInput
from app.triage.registration_service import apply_patient
from app.triage.tables import Patient, Visit
from app.triage.common import clinic_identity, local_day
from app.wards.figures import WardFigures
from app.wards.records import AdmissionRecord, WardRecord
from app.wards.tables import Admission, Permit, PermitException, Ward
from app.wards.vocab import ISOLATION_WARDS, ExceptionKind, NursingLevel, PermitState, WardType

NAT_RESULTS = (TestResult.NEGATIVE.value, TestResult.POSITIVE.value)
_REPORTABLE = tuple(c.value for c in REPORTABLE)


def gate_names(text: str) -> tuple[str, ...]:
    return tuple(g for g in (x.strip() for x in text.split(",")) if g)


def ward_record(w: Ward) -> WardRecord:
    return WardRecord(w.id, w.name, w.type, gate_names(w.gates), w.version)


def admission_record(a: Admission, visit_no: str | None = None) -> AdmissionRecord:
    return AdmissionRecord(a.id, a.patient.name, a.ward_id, a.ward.name, a.ward.type, a.bed, a.nursing_level,
                           a.admitted_at, a.discharged_at, visit_no, a.nat_sampled_at, a.nat_result)


def _case_nat(s: Session, visit_id: int) -> tuple[Case | None, datetime | None, str | None]:
    """The visit's case, and its nucleic-acid test as admission sees it: a positive result wins, then a
    negative one (the patient is excluded), else the latest sample still waiting for its result."""
    case = s.scalars(select(Case).where(Case.visit_id == visit_id)).first()
    if case is None:
        return None, None, None
    tests = s.execute(select(LabTest.sample_at, LabTest.result).where(
        LabTest.case_id == case.id, LabTest.kind == TestKind.NUCLEIC_ACID.value)
        .order_by(LabTest.sample_at.desc(), LabTest.id.desc())).all()
    for wanted in (TestResult.POSITIVE.value, TestResult.NEGATIVE.value):
        found = next((t for t in tests if t.result == wanted), None)
        if found is not None:
            return case, found.sample_at, wanted
    return case, (tests[0].sample_at if tests else None), None


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
              patient: PatientInput | None = None, nat_sampled_at: datetime | None = None,
              nat_result: str | None = None) -> AdmissionRecord:
        """From a registered visit, or a direct admission with the patient's identity.

        The patient's nucleic-acid test: a visit with a fever-clinic case uses that case's test (the
        inputs are ignored); otherwise ``nat_sampled_at`` (and ``nat_result`` when it is known:
        "negative" / "positive", None while pending) is what the admitting user records."""
        bed = " ".join(bed.split())
        if not 1 <= len(bed) <= 16:
            raise ValidationError("required", field="bed")
        if nursing_level not in NursingLevel._value2member_map_:
            raise ValidationError("nursing_level", field="nursing_level")
        if nat_result is not None and nat_result not in NAT_RESULTS:
            raise ValidationError("nat_result", field="nat_result")
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
            sampled_at, result = self._admission_nat(s, patient_id, visit_id, nat_sampled_at, nat_result, now)
            if result != TestResult.NEGATIVE and ward.type not in ISOLATION_WARDS:
                raise ValidationError("buffer_ward_first", field="ward", ward_type=ward.type)
            a = Admission(patient_id=patient_id, visit_id=visit_id, ward_id=ward.id, bed=bed,
                          nursing_level=nursing_level, admitted_at=now, admitted_by=actor.username,
                          nat_sampled_at=sampled_at, nat_result=result)
            s.add(a)
            s.flush()
            s.refresh(a)
            op.entity_id = a.id
            op.summary = {"ward": ward.name, "bed": bed, "nursing_level": nursing_level, "visit_no": visit_no,
                          "nat_sampled_at": sampled_at.isoformat() if sampled_at else None, "nat_result": result}
            return admission_record(a, visit_no)

    def _admission_nat(self, s: Session, patient_id: int, visit_id: int | None, sampled_at: datetime | None,
                       result: str | None, now: datetime) -> tuple[datetime, str | None]:
        """The patient's test at admission; refuses a reportable or positive patient, and none at all. A visit
        with a fever-clinic case is admitted only once its doctor recorded the disposition "admitted", so
        the case and the ward never disagree about where the patient is."""
        open_reportable = s.scalar(select(Case.id).join(Visit, Visit.id == Case.visit_id).where(
            Visit.patient_id == patient_id, or_(Case.closed_at.is_(None), Case.disposition == "admitted"),
            Case.classification.in_(_REPORTABLE)))
        if open_reportable is not None:
            raise ValidationError("reportable_not_admitted", field="visit_no")
        case = None
        if visit_id is not None:
            case, case_sampled, case_result = _case_nat(s, visit_id)
            if case is not None:
                if case.classification in _REPORTABLE or case_result == TestResult.POSITIVE:
                    raise ValidationError("reportable_not_admitted", field="visit_no")
                if case.disposition != "admitted":  # the fever clinic's doctor decides admission (首诊负责制)
                    raise ValidationError("admission_needs_disposition", field="visit_no")
                if case_sampled is None:
                    raise ValidationError("admission_nat_required", field="visit_no")
                return case_sampled, case_result
        if result == TestResult.POSITIVE:
            raise ValidationError("reportable_not_admitted", field="nat_result")
        if sampled_at is None:
            raise ValidationError("admission_nat_required", field="nat_sampled_at")
        if sampled_at > now:
            raise ValidationError("time_in_future", field="nat_sampled_at")
        figures, _ = load_figures(s, WardFigures)
        if now - sampled_at > timedelta(hours=figures.admission_nat_hours):
            raise ValidationError("admission_nat_old", field="nat_sampled_at", hours=figures.admission_nat_hours)
        return sampled_at, result

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
            changed = s.execute(update(Permit).where(Permit.admission_id == a.id,
                                                     Permit.state == PermitState.ACTIVE.value)
                                .values(state=PermitState.REVOKED.value, revoked_at=a.discharged_at,
                                        revoked_by=actor.username, revoke_reason="discharged",
                                        version=Permit.version + 1))
            revoked = cast("CursorResult[Any]", changed).rowcount  # an UPDATE's result, though typed Result
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
