"""首诊负责制: the first doctor who takes a waiting patient owns the case until a hand-over the
receiving doctor accepts. Every step is audited against the visit number, so the timeline
can be rebuilt from the trail."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.actor import Actor
from app.casework import clocks
from app.casework.records import CaseRecord, HandoverRecord, LabTestRecord, WaitingPatient
from app.casework.tables import Case, CaseHandover, Clock, LabTest
from app.casework.vocab import (EPI_WINDOW, REPORT_WINDOW, REPORTABLE, TURNAROUND, Classification, ClockKind,
                                Disposition, HandoverState, Population, TestKind, TestResult)
from app.db.models import User
from app.errors import Conflict, NotFound, PermissionDenied, StaleEdit, ValidationError
from app.permissions import Perm
from app.services.base import Service, WriteOp, authorize
from app.transfer.targets import load_targets
from app.transfer.vocab import TransferClock
from app.triage.common import travel_from_json
from app.triage.tables import Handoff, Visit
from app.triage.vocab import HandoffState

EPI_KEYS = ("travel", "contacts", "exposures", "notes")


def _text(value: str | None, field: str, maximum: int, required: bool = True) -> str:
    text = " ".join((value or "").split())
    if required and not text:
        raise ValidationError("required", field=field)
    if len(text) > maximum:
        raise ValidationError("too_long", field=field, maximum=maximum)
    return text


def _test_record(t: LabTest) -> LabTestRecord:
    return LabTestRecord(t.id, t.kind, t.population, t.sample_at, t.ordered_by, t.result, t.ct_value, t.result_at,
                         t.lab, t.resulted_by, t.version)


def _prefilled_epi(visit: Visit) -> dict[str, Any]:
    sc = visit.screening
    travel = [{"area": t.area, "last_date": t.last_date.isoformat() if t.last_date else None}
              for t in travel_from_json(sc.travel)]
    contacts = "与确诊/疑似病例有接触" if sc.contact_case else ""
    exposures = [x for x, on in (("cluster", sc.cluster), (f"occupation:{sc.occupation}", sc.occupation != "none"))
                 if on]
    return {"travel": travel, "contacts": contacts, "exposures": exposures, "notes": ""}


class CaseService(Service):
    # ----- reading --------------------------------------------------------------------------
    def waiting(self, actor: Actor) -> list[WaitingPatient]:
        """Patients received at the fever clinic that no doctor has taken yet (oldest first)."""
        with self.db.read() as s:
            authorize(s, actor, Perm.CASEWORK)
            rows = s.execute(
                select(Visit, Handoff.received_at).join(Handoff, Handoff.visit_id == Visit.id)
                .outerjoin(Case, Case.visit_id == Visit.id)
                .where(Handoff.state == HandoffState.ARRIVED.value, Case.id.is_(None))
                .order_by(Handoff.received_at)).all()
            return [WaitingPatient(v.visit_no, v.patient.name, at, v.screening.decision, v.screening.temperature_c)
                    for v, at in rows]

    def get(self, actor: Actor, visit_no: str) -> CaseRecord:
        with self.db.read() as s:
            authorize(s, actor, Perm.VIEW_PATIENTS)
            return self._record(s, self._case(s, visit_no))

    def open_cases(self, actor: Actor, mine_only: bool = False) -> list[CaseRecord]:
        with self.db.read() as s:
            authorize(s, actor, Perm.VIEW_PATIENTS)
            query = select(Case).where(Case.closed_at.is_(None)).order_by(Case.taken_at)
            if mine_only:
                query = query.where(Case.doctor_id == actor.user_id)
            return [self._record(s, c) for c in s.scalars(query)]

    def handovers_for(self, actor: Actor) -> list[HandoverRecord]:
        """Hand-overs waiting for this doctor's answer."""
        with self.db.read() as s:
            authorize(s, actor, Perm.CASEWORK)
            rows = s.scalars(select(CaseHandover).where(CaseHandover.to_user_id == actor.user_id,
                                                        CaseHandover.state == HandoverState.PENDING.value))
            return [self._handover(s, h) for h in rows]

    # ----- responsibility -------------------------------------------------------------------
    def take(self, actor: Actor, visit_no: str) -> CaseRecord:
        """The first doctor takes the case; from now on they own it (no refusing, no unassigning)."""
        with self.audited_write(actor, "case.take", "visit", Perm.CASEWORK, visit_no.strip().upper()) as op:
            s = op.session
            visit = s.scalars(select(Visit).where(Visit.visit_no == visit_no.strip().upper())).first()
            if visit is None:
                raise NotFound(entity="visit", visit_no=visit_no)
            existing = s.scalars(select(Case).where(Case.visit_id == visit.id)).first()
            if existing is not None:
                raise Conflict("already_taken", doctor=existing.doctor_username)
            arrived = s.scalar(select(Handoff.id).where(Handoff.visit_id == visit.id,
                                                        Handoff.state == HandoffState.ARRIVED.value))
            if arrived is None:
                raise ValidationError("not_arrived", field="visit_no")
            case = Case(visit_id=visit.id, visit=visit, doctor_id=actor.user_id, doctor_username=actor.username,
                        taken_at=self.clock.now(), classification=Classification.PENDING.value,
                        epi=json.dumps(_prefilled_epi(visit), ensure_ascii=False))
            s.add(case)
            s.flush()
            op.summary = {"doctor": actor.username}
            return self._record(s, case)

    def request_handover(self, actor: Actor, visit_no: str, to_username: str, reason: str) -> HandoverRecord:
        reason = _text(reason, "reason", 200)
        with self._owned(actor, visit_no, "case.handover_request") as (op, case):
            s = op.session
            target = s.scalars(select(User).where(User.username == to_username.strip().lower(),
                                                  User.active.is_(True))).first()
            if target is None or "doctor" not in target.role_names:
                raise ValidationError("handover_target", field="to_username")
            if target.id == actor.user_id:
                raise ValidationError("handover_self", field="to_username")
            if s.scalar(select(CaseHandover.id).where(CaseHandover.case_id == case.id,
                                                      CaseHandover.state == HandoverState.PENDING.value)):
                raise Conflict("handover_pending")
            h = CaseHandover(case_id=case.id, from_username=actor.username, to_user_id=target.id,
                             to_username=target.username, reason=reason, requested_at=self.clock.now(),
                             state=HandoverState.PENDING.value)
            s.add(h)
            s.flush()
            op.summary = {"to": target.username, "reason": reason}
            return self._handover(s, h)

    def answer_handover(self, actor: Actor, handover_id: int, accept: bool, note: str = "") -> HandoverRecord:
        """Only the receiving doctor answers; on acceptance responsibility moves to them."""
        note = _text(note, "note", 200, required=not accept)
        action = "case.handover_accept" if accept else "case.handover_decline"
        with self.audited_write(actor, action, "visit", Perm.CASEWORK) as op:
            s = op.session
            h = s.get(CaseHandover, handover_id)
            if h is None:
                raise NotFound(entity="handover", id=handover_id)
            case = s.get(Case, h.case_id)
            assert case is not None
            op.entity_id = case.visit.visit_no
            if h.to_user_id != actor.user_id:
                raise PermissionDenied("not_handover_target")
            if h.state != HandoverState.PENDING.value:
                raise Conflict("handover_answered")
            h.state = (HandoverState.ACCEPTED if accept else HandoverState.DECLINED).value
            h.answered_at, h.answer_note = self.clock.now(), note
            if accept:
                case.doctor_id, case.doctor_username = actor.user_id, actor.username
            s.flush()
            op.summary = {"from": h.from_username, "to": h.to_username, "reason": h.reason, "note": note}
            return self._handover(s, h)

    # ----- clinical record ------------------------------------------------------------------
    def update_interview(self, actor: Actor, visit_no: str, expected_version: int, *, epi: dict[str, Any],
                         findings: str) -> CaseRecord:
        """Epidemiological interview and findings; the audit keeps what changed, before and after."""
        unknown = set(epi) - set(EPI_KEYS)
        if unknown:
            raise ValidationError("epi_field", field="epi", keys=sorted(unknown))
        findings = (findings or "").strip()
        if len(findings) > 4000:
            raise ValidationError("too_long", field="findings", maximum=4000)
        with self._owned(actor, visit_no, "case.interview", expected_version) as (op, case):
            before = json.loads(case.epi)
            after = {**before, **epi}
            changed = {k: {"before": before.get(k), "after": after.get(k)} for k in EPI_KEYS
                       if before.get(k) != after.get(k)}
            if case.findings != findings:
                changed["findings"] = {"before": case.findings, "after": findings}
            case.epi = json.dumps(after, ensure_ascii=False)
            case.findings = findings
            op.session.flush()
            op.summary = {"changed": changed}
            return self._record(op.session, case)

    def classify(self, actor: Actor, visit_no: str, expected_version: int, classification: str,
                 other_pathogen: str = "") -> CaseRecord:
        """Suspected, confirmed or asymptomatic starts the 2 h report and 24 h investigation clocks."""
        if classification not in Classification._value2member_map_:
            raise ValidationError("classification", field="classification")
        other_pathogen = _text(other_pathogen, "other_pathogen", 100, required=False)
        with self._owned(actor, visit_no, "case.classify", expected_version, allow_closed=False) as (op, case):
            now = self.clock.now()
            before = case.classification
            case.classification, case.other_pathogen, case.classified_at = classification, other_pathogen, now
            started = []
            if classification in REPORTABLE and classification != before:
                clocks.start(op.session, case, ClockKind.REPORT, now, REPORT_WINDOW)
                case.reported_at, case.report_card_no = None, None  # each reportable class is reported
                started.append(ClockKind.REPORT.value)
                if before not in REPORTABLE:
                    clocks.start(op.session, case, ClockKind.EPI, now, EPI_WINDOW)
                    targets, _ = load_targets(op.session)  # the ambulance must be asked for in time too
                    clocks.start(op.session, case, TransferClock.REQUEST, now,
                                 targets.window(targets.request_minutes))
                    started += [ClockKind.EPI.value, TransferClock.REQUEST.value]
            op.session.flush()
            op.summary = {"before": before, "after": classification, "other_pathogen": other_pathogen,
                          "clocks_started": started}
            return self._record(op.session, case)

    def record_report(self, actor: Actor, visit_no: str, card_no: str, reported_at: datetime) -> CaseRecord:
        """The case was reported in the national direct-reporting system (网络直报)."""
        card_no = _text(card_no, "card_no", 40)
        with self._owned(actor, visit_no, "case.reported") as (op, case):
            if case.classification not in REPORTABLE:
                raise ValidationError("not_reportable", field="classification")
            reported_at = self._past(reported_at, "reported_at", case.classified_at)
            case.report_card_no, case.reported_at = card_no, reported_at
            met = clocks.meet(op.session, case.id, ClockKind.REPORT, reported_at)
            op.session.flush()
            op.summary = {"card_no": card_no, "reported_at": reported_at.isoformat(), "clocks_met": met}
            return self._record(op.session, case)

    def record_investigation(self, actor: Actor, visit_no: str, done_at: datetime) -> CaseRecord:
        with self._owned(actor, visit_no, "case.investigated") as (op, case):
            done_at = self._past(done_at, "done_at", case.classified_at)
            case.epi_done_at = done_at
            met = clocks.meet(op.session, case.id, ClockKind.EPI, done_at)
            op.session.flush()
            op.summary = {"done_at": done_at.isoformat(), "clocks_met": met}
            return self._record(op.session, case)

    def start_observation(self, actor: Actor, visit_no: str, room: str, bed: str) -> CaseRecord:
        room, bed = _text(room, "room", 32), _text(bed, "bed", 32)
        with self._owned(actor, visit_no, "case.observe", allow_closed=False) as (op, case):
            case.observation_room, case.observation_bed = room, bed
            case.observation_started_at = case.observation_started_at or self.clock.now()
            op.session.flush()
            op.summary = {"room": room, "bed": bed}
            return self._record(op.session, case)

    def order_test(self, actor: Actor, visit_no: str, kind: str, population: str, sample_at: datetime
                   ) -> CaseRecord:
        """A nucleic-acid test starts its turnaround clock from the sample time; the patient waits
        under observation (a room and bed must be set first)."""
        if kind not in TestKind._value2member_map_:
            raise ValidationError("test_kind", field="kind")
        if population not in Population._value2member_map_:
            raise ValidationError("population", field="population")
        with self._owned(actor, visit_no, "case.order_test", allow_closed=False) as (op, case):
            sample_at = self._past(sample_at, "sample_at", case.visit.registered_at)
            if kind == TestKind.NUCLEIC_ACID and case.observation_started_at is None:
                raise ValidationError("observation_required", field="room")
            test = LabTest(case_id=case.id, kind=kind, population=population, ordered_at=self.clock.now(),
                           ordered_by=actor.username, sample_at=sample_at)
            op.session.add(test)
            op.session.flush()
            if kind == TestKind.NUCLEIC_ACID:
                clocks.start(op.session, case, ClockKind.RESULT, sample_at, TURNAROUND[population], ref_id=test.id)
            op.session.flush()
            op.summary = {"test_id": test.id, "kind": kind, "population": population,
                          "sample_at": sample_at.isoformat()}
            return self._record(op.session, case)

    def record_result(self, actor: Actor, test_id: int, expected_version: int, *, result: str,
                      result_at: datetime, lab: str, ct_value: float | None = None) -> CaseRecord:
        """Any doctor may enter a result the lab sends; it meets the test's turnaround clock."""
        if result not in TestResult._value2member_map_:
            raise ValidationError("test_result", field="result")
        if ct_value is not None and not 0 < ct_value < 50:
            raise ValidationError("ct_value", field="ct_value")
        lab = _text(lab, "lab", 64)
        with self.audited_write(actor, "case.result", "visit", Perm.CASEWORK) as op:
            s = op.session
            test = s.get(LabTest, test_id)
            if test is None:
                raise NotFound(entity="test", id=test_id)
            case = s.get(Case, test.case_id)
            assert case is not None
            op.entity_id = case.visit.visit_no
            if test.version != expected_version:
                raise StaleEdit(entity="test")
            if test.result is not None:
                raise Conflict("result_recorded")
            result_at = self._past(result_at, "result_at", test.sample_at)
            test.result, test.ct_value, test.result_at, test.lab, test.resulted_by = (
                result, ct_value, result_at, lab, actor.username)
            met = clocks.meet(s, case.id, ClockKind.RESULT, result_at, ref_id=test.id)
            s.flush()
            op.summary = {"test_id": test.id, "kind": test.kind, "result": result, "ct": ct_value, "lab": lab,
                          "result_at": result_at.isoformat(), "clocks_met": met}
            return self._record(s, case)

    def dispose(self, actor: Actor, visit_no: str, expected_version: int, disposition: str,
                detail: dict[str, Any] | None = None, reason: str = "") -> CaseRecord:
        """Close the case with a recorded outcome; nobody leaves the fever clinic without one."""
        if disposition not in Disposition._value2member_map_:
            raise ValidationError("disposition", field="disposition")
        detail = dict(detail or {})
        reason = _text(reason, "reason", 200, required=False)
        with self._owned(actor, visit_no, "case.dispose", expected_version, allow_closed=False) as (op, case):
            s = op.session
            tests = s.scalars(select(LabTest).where(LabTest.case_id == case.id)).all()
            pending = [t.id for t in tests if t.result is None]
            if pending and disposition in (Disposition.HOME_ADVICE, Disposition.EXCLUDED_GENERAL) and not reason:
                raise ValidationError("pending_result_reason", field="reason", tests=pending)
            self._check_disposition(case, disposition, detail, reason, tests)
            case.disposition, case.disposition_detail = disposition, json.dumps(detail, ensure_ascii=False)
            case.closed_at, case.closed_by = self.clock.now(), actor.username
            s.flush()
            op.summary = {"disposition": disposition, "detail": detail, "reason": reason,
                          "classification": case.classification, "pending_tests": pending}
            return self._record(s, case)

    @staticmethod
    def _check_disposition(case: Case, disposition: str, detail: dict[str, Any], reason: str,
                           tests: list[LabTest]) -> None:
        cls = case.classification
        if disposition == Disposition.EXCLUDED_GENERAL:
            if cls != Classification.EXCLUDED:
                raise ValidationError("not_excluded", field="classification")
            negative = {t.id for t in tests if t.result == TestResult.NEGATIVE}
            if detail.get("excluding_test_id") not in negative:
                raise ValidationError("excluding_result", field="excluding_test_id")
        elif disposition == Disposition.HOME_ADVICE:
            if cls in REPORTABLE:
                raise ValidationError("reportable_cannot_go_home", field="disposition")
            if not _text(detail.get("advice"), "advice", 300):
                raise ValidationError("required", field="advice")
        elif disposition == Disposition.ADMITTED:
            _text(detail.get("ward"), "ward", 64)
            if cls != Classification.EXCLUDED and not detail.get("buffer_single_room"):
                raise ValidationError("buffer_room_required", field="buffer_single_room")
        elif disposition == Disposition.TRANSFER:  # one way only: the transfer request records the ambulance
            raise ValidationError("transfer_via_request", field="disposition")
        elif disposition == Disposition.LEFT_WITHOUT_PERMISSION:
            for key, size in (("left_at", 40), ("noticed_by", 64), ("reported_to", 64)):
                _text(detail.get(key), key, size)

    # ----- helpers --------------------------------------------------------------------------
    def _past(self, at: datetime, field: str, not_before: datetime | None) -> datetime:
        if at.tzinfo is None:
            raise ValidationError("naive_time", field=field)
        if at > self.clock.now():
            raise ValidationError("time_in_future", field=field)
        if not_before is not None and at < not_before:
            raise ValidationError("time_too_early", field=field)
        return at

    @contextmanager
    def _owned(self, actor: Actor, visit_no: str, action: str, expected_version: int | None = None,
               allow_closed: bool = True) -> Iterator[tuple[WriteOp, Case]]:
        """An audited write on a case the actor is responsible for."""
        with self.audited_write(actor, action, "visit", Perm.CASEWORK, visit_no.strip().upper()) as op:
            case = self._case(op.session, visit_no)
            if case.doctor_id != actor.user_id:
                raise PermissionDenied("not_responsible", doctor=case.doctor_username)
            if expected_version is not None and case.version != expected_version:
                raise StaleEdit(entity="case")
            if not allow_closed and case.closed_at is not None:
                raise Conflict("case_closed", disposition=case.disposition)
            yield op, case

    @staticmethod
    def _case(s: Session, visit_no: str) -> Case:
        case = s.scalars(select(Case).join(Visit, Visit.id == Case.visit_id)
                         .where(Visit.visit_no == visit_no.strip().upper())).first()
        if case is None:
            raise NotFound(entity="case", visit_no=visit_no)
        return case

    @staticmethod
    def _handover(s: Session, h: CaseHandover) -> HandoverRecord:
        case = s.get(Case, h.case_id)
        assert case is not None
        return HandoverRecord(h.id, case.visit.visit_no, h.from_username, h.to_username, h.reason, h.requested_at,
                              h.state)

    def _record(self, s: Session, case: Case) -> CaseRecord:
        s.flush()
        visit = case.visit
        doctor_name = s.scalar(select(User.full_name).where(User.id == case.doctor_id)) or case.doctor_username
        tests = tuple(_test_record(t) for t in s.scalars(select(LabTest).where(LabTest.case_id == case.id)
                                                          .order_by(LabTest.id)))
        case_clocks = tuple(clocks.record(c) for c in s.scalars(select(Clock).where(Clock.case_id == case.id)
                                                                 .order_by(Clock.id)))
        pending = s.scalars(select(CaseHandover).where(CaseHandover.case_id == case.id,
                                                       CaseHandover.state == HandoverState.PENDING.value)).first()
        return CaseRecord(
            case.id, visit.visit_no, visit.patient.name, visit.patient.sex, visit.patient.birth_date,
            case.doctor_username, doctor_name, case.taken_at, case.classification, case.other_pathogen,
            case.classified_at, json.loads(case.epi), case.findings, case.observation_room, case.observation_bed,
            case.observation_started_at, case.report_card_no, case.reported_at, case.epi_done_at, case.disposition,
            json.loads(case.disposition_detail), case.closed_at, case.version, tests, case_clocks,
            self._handover(s, pending) if pending else None)



