"""首诊负责制: the first doctor who takes a waiting patient owns the case until a hand-over the
receiving doctor accepts. Every step is audited against the visit number, so the timeline
can be rebuilt from the trail.

The guideline rules the service enforces (issue 12; sources in DOMAIN.md):

* "全部患者要进行新冠病毒核酸和血常规检测": in a fever clinic (ClinicMode.TREAT) every case has a
  nucleic-acid test (NAT) and a blood routine ordered before any disposition but an incident
  ("nat_and_blood_routine_required").
* "报告未出应全部留观…待核酸检测结果明确再作进一步处置": until a NAT result of this visit is in the patient
  stays under observation — home advice, back to general outpatient and admission are refused
  ("nat_result_pending"). "Excluded" needs a negative NAT result of this visit (antigen, antibody, blood
  routine and CT support the decision but never exclude); home advice and admission come only after
  exclusion ("not_excluded"). One exception, the wards' rule "应先在缓冲区进行单人单间隔离治疗": a case
  still pending (not reportable, not positive) whose NAT is sampled but not resulted may be admitted to a
  buffer-ward single room (detail ``buffer_single_room``; "buffer_room_required" otherwise).
* "逢阳必报、逢阳即报": a positive NAT or antigen result starts a 2 h report clock from the result time and
  raises the POSITIVE_RESULT alert in the same transaction; from then the case is positive: it may only
  be classified suspected/confirmed/asymptomatic ("positive_reportable_only") and transferred
  ("positive_transfer_only").
* "不得以任何理由延迟转诊": suspected, confirmed and asymptomatic cases leave only by transfer
  ("reportable_transfer_only"); incidents (left without permission, died) are always recorded.
* Classification only moves forward (vocab.FORWARD); pending → excluded needs a negative NAT result
  ("exclusion_needs_negative_nat"), suspected → excluded two, sampled CaseworkFigures.
  exclusion_interval_hours apart ("exclusion_needs_two_negative_nat"); any other move needs an approved
  exception (app/casework/exceptions.py; "classification_forward_only"). Every change is a
  CaseClassification row.
* "疑似病例12小时内完成核酸检测": classified suspected starts the nat_12h clock, met by a NAT sampled at or
  after the classification.
* Closing a case settles every clock it owns (clocks.settle) except the 2 h report clock (still to be
  reported); a reportable or positive patient who leaves without permission raises the
  LEFT_WITHOUT_PERMISSION alert and starts the incident report clock (record_incident_report).
* A closed case refuses hand-overs, orders and results ("case_closed") — except a case disposed
  "admitted" (now in a ward): it still takes orders, results, classification, report and investigation,
  so a ward patient who turns positive or suspected is classified and then transferred from the ward.
* Sentinel room (ClinicMode.REFER, "门诊发现发热病例须立即转定点发热门诊"): tests are not required; the only
  local dispositions are the incidents, everyone else leaves by a transfer request
  ("refer_mode_transfer_only").
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.orm import Session

from app.access_log import Access, record_access
from app.actor import Actor
from app.casework import clocks
from app.casework.case_list import PAGE, open_count, open_page
from app.casework.exceptions import consume, exception_record, pending_for_visits
from app.casework.figures import CaseworkFigures
from app.casework.observation import start_round
from app.casework.queue import read_waiting
from app.casework.records import CaseRecord, CaseRow, HandoverRecord, LabTestRecord, WaitingPatient
from app.casework.tables import Case, CaseClassification, CaseHandover, Clock, LabTest
from app.casework.vocab import (EPI_WINDOW, FORWARD, INCIDENTS, POSITIVE_KINDS, REPORTABLE, TURNAROUND,
                                CaseExceptionKind, Classification, ClockKind, Disposition, HandoverState,
                                Population, TestKind, TestResult)
from app.clinic_mode import ClinicMode, load_mode
from app.db.models import User
from app.errors import Conflict, NotFound, PermissionDenied, StaleEdit, ValidationError
from app.figures import load_figures
from app.permissions import Perm
from app.reporting.alerts import AlertKind, raise_now
from app.services.base import Service, WriteOp, authorize
from app.text_rules import check_text
from app.transfer.targets import load_targets
from app.transfer.vocab import TransferClock
from app.triage.common import clinic_day, travel_from_json
from app.triage.tables import Handoff, Patient, Visit
from app.triage.vocab import HandoffState

EPI_KEYS = ("travel", "contacts", "exposures", "notes")
RECLASSIFIED = "reclassified"  # Clock.settled_reason when a downgrade ends the clocks of a reportable class
# what a reportable class starts that a move out of it (to pending or excluded) ends
_REPORTABLE_ONLY_CLOCKS = (TransferClock.REQUEST.value, ClockKind.NAT_12H.value)
_CORRECTED_CLOCKS = (ClockKind.REPORT.value, ClockKind.EPI.value)  # also ended when an exception corrects it
IN_CHUNK = 500  # ids per IN (...) when reading many cases' rows: well under SQLite's bound-parameter limit


def _text(value: str | None, field: str, maximum: int, required: bool = True) -> str:
    check_text(value, field, multiline=True)  # line breaks fold below; hidden characters are refused
    text = " ".join((value or "").split())
    if required and not text:
        raise ValidationError("required", field=field)
    if len(text) > maximum:
        raise ValidationError("too_long", field=field, maximum=maximum)
    return text


def _test_record(t: LabTest) -> LabTestRecord:
    return LabTestRecord(t.id, t.kind, t.population, t.sample_at, t.ordered_by, t.result, t.ct_value, t.result_at,
                         t.lab, t.resulted_by, t.version)


def _positive_ids(tests: list[LabTest]) -> tuple[int, ...]:
    """逢阳必报: the NAT and antigen tests of the case with a positive result."""
    return tuple(t.id for t in tests if t.kind in POSITIVE_KINDS and t.result == TestResult.POSITIVE)


def _negative_nats(tests: list[LabTest]) -> list[LabTest]:
    """The tests that can exclude: nucleic-acid tests of this visit with a negative result."""
    return [t for t in tests if t.kind == TestKind.NUCLEIC_ACID and t.result == TestResult.NEGATIVE]


def _refusal(case: Case, disposition: str, tests: list[LabTest], mode: str) -> tuple[str, dict[str, Any]] | None:
    """Why ``disposition`` is refused for this case now (error code and details), before its detail is
    checked; None when allowed. One place for dispose() and CaseRecord.refusals."""
    if case.closed_at is not None:
        return "case_closed", {"disposition": case.disposition}
    if disposition in INCIDENTS:
        return None  # an incident is a fact: always recorded
    if disposition == Disposition.TRANSFER:  # one way only: the transfer request records the ambulance
        return "transfer_via_request", {}
    if mode == ClinicMode.REFER:
        return "refer_mode_transfer_only", {}
    cls = case.classification
    if cls in REPORTABLE:
        return "reportable_transfer_only", {"classification": cls}
    positive = _positive_ids(tests)
    if positive:
        return "positive_transfer_only", {"tests": list(positive)}
    missing = [k.value for k in (TestKind.NUCLEIC_ACID, TestKind.BLOOD_ROUTINE) if not any(t.kind == k for t in tests)]
    if missing:
        return "nat_and_blood_routine_required", {"missing": missing}
    if cls == Classification.EXCLUDED:
        return None
    nats = [t for t in tests if t.kind == TestKind.NUCLEIC_ACID]
    if _negative_nats(tests):
        return "not_excluded", {}  # the result is in: classify the case (excluded) first
    if disposition == Disposition.ADMITTED and any(t.result is None for t in nats):
        return None  # the buffer-ward single room while the NAT is out (checked with the detail)
    return "nat_result_pending", {"tests": [t.id for t in nats if t.result is None]}


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
        """Patients received at the fever clinic that no doctor has taken yet, in the queue's one order
        (app/casework/queue.py: severity, then the epidemic decision, then the longest wait; issue 17)."""
        with self.db.read() as s:
            authorize(s, actor, Perm.CASEWORK)
            return read_waiting(s)

    def get(self, actor: Actor, visit_no: str, *, opened: bool = False) -> CaseRecord:
        """One case. ``opened``: a person opened it on purpose (the case dialog), recorded as ``access.view``
        of ``case`` (app/access_log.py); the dialog re-reading after its own save is not."""
        with self.db.write() if opened else self.db.read() as s:
            authorize(s, actor, Perm.VIEW_PATIENTS)
            record = self._record(s, self._case(s, visit_no))
            if opened:
                record_access(s, self.clock.now(), actor, Access.VIEW, "case", 1, entity_id=record.visit_no)
            return record

    def open_cases(self, actor: Actor, mine_only: bool = False, include_admitted: bool = False) -> list[CaseRecord]:
        """Cases not closed; with ``include_admitted`` also those disposed "admitted" (in a ward, still
        taking results, classification and a transfer request)."""
        with self.db.read() as s:
            authorize(s, actor, Perm.VIEW_PATIENTS)
            still_open: ColumnElement[bool] = Case.closed_at.is_(None)
            if include_admitted:
                still_open = or_(still_open, Case.disposition == Disposition.ADMITTED.value)
            query = select(Case).where(still_open).order_by(Case.taken_at)
            if mine_only:
                query = query.where(Case.doctor_id == actor.user_id)
            return self._records(s, list(s.scalars(query)), load_mode(s))

    def case_list(self, actor: Actor, *, mine_only: bool = False, after: tuple[datetime, int] | None = None,
                  limit: int = PAGE) -> list[CaseRow]:
        """The fever-clinic page's open cases (not closed), oldest taken first, ``limit`` rows after the cursor
        ``after`` (the last row's CaseRow.cursor): one statement a page, whatever the history."""
        with self.db.read() as s:
            authorize(s, actor, Perm.VIEW_PATIENTS)
            return open_page(s, actor.user_id if mine_only else None, after, limit)

    def count_open(self, actor: Actor, *, mine_only: bool = False) -> int:
        """How many cases ``case_list`` pages through (an index range of the open cases)."""
        with self.db.read() as s:
            authorize(s, actor, Perm.VIEW_PATIENTS)
            return open_count(s, actor.user_id if mine_only else None)

    def handovers_for(self, actor: Actor) -> list[HandoverRecord]:
        """Hand-overs waiting for this doctor's answer, oldest first: one statement on the pending ones
        (ix_case_handovers_pending), however many this doctor answered before."""
        with self.db.read() as s:
            authorize(s, actor, Perm.CASEWORK)
            rows = s.execute(select(CaseHandover, Visit.visit_no, Patient.name)
                             .join(Case, Case.id == CaseHandover.case_id).join(Visit, Visit.id == Case.visit_id)
                             .join(Patient, Patient.id == Visit.patient_id)
                             .where(CaseHandover.to_user_id == actor.user_id,
                                    CaseHandover.state == HandoverState.PENDING.value)
                             .order_by(CaseHandover.id)).all()
            return [HandoverRecord(h.id, visit_no, h.from_username, h.to_username, h.reason, h.requested_at, h.state,
                                   name) for h, visit_no, name in rows]

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
            # the patient no longer waits: the waiting list reads ix_handoffs_waiting (taken_at IS NULL)
            s.execute(update(Handoff).where(Handoff.visit_id == visit.id, Handoff.state == HandoffState.ARRIVED.value,
                                            Handoff.taken_at.is_(None)).values(taken_at=case.taken_at))
            op.summary = {"doctor": actor.username}
            return self._record(s, case)

    def request_handover(self, actor: Actor, visit_no: str, to_username: str, reason: str) -> HandoverRecord:
        reason = _text(reason, "reason", 200)
        with self._owned(actor, visit_no, "case.handover_request", allow_closed=False) as (op, case):
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
                 other_pathogen: str = "", exception_id: int | None = None) -> CaseRecord:
        """Classification only moves forward (vocab.FORWARD); a downgrade needs ``exception_id``, an
        approved, unused classification_downgrade exception for this visit and target, approved by someone
        else. Excluded needs a negative NAT result of this visit (suspected → excluded: two, sampled
        CaseworkFigures.exclusion_interval_hours apart — or an exception). A positive case is only classified
        suspected, confirmed or asymptomatic.

        Suspected, confirmed or asymptomatic starts the 2 h report clock (and, coming from a class that is
        not reportable, the 24 h investigation and the transfer-request clocks — also for a case already
        in a ward); suspected starts the 12 h nucleic-acid clock. Moving to pending or excluded settles
        the transfer-request and 12 h clocks ("reclassified"; with an exception, a correction, the report
        and investigation clocks too). Every change is a CaseClassification row."""
        if classification not in Classification._value2member_map_:
            raise ValidationError("classification", field="classification")
        other_pathogen = _text(other_pathogen, "other_pathogen", 100, required=False)
        with self._owned(actor, visit_no, "case.classify", expected_version, allow_closed=False,
                         allow_admitted=True) as (op, case):
            s = op.session
            now = self.clock.now()
            before = case.classification
            tests = self._tests(s, case)
            positive = _positive_ids(tests)
            if positive and classification not in REPORTABLE:
                raise ValidationError("positive_reportable_only", field="classification", tests=list(positive))
            figures, _ = load_figures(s, CaseworkFigures)
            used = None
            if classification != before:
                if classification == Classification.EXCLUDED and not _negative_nats(tests):
                    raise ValidationError("exclusion_needs_negative_nat", field="classification")
                refused: ValidationError | None = None
                if classification not in FORWARD[before]:
                    refused = ValidationError("classification_forward_only", field="classification",
                                              before=before, after=classification)
                elif classification == Classification.EXCLUDED and before == Classification.SUSPECTED:
                    samples = sorted(t.sample_at for t in _negative_nats(tests))
                    if samples[-1] - samples[0] < timedelta(hours=figures.exclusion_interval_hours):
                        refused = ValidationError("exclusion_needs_two_negative_nat", field="classification",
                                                  hours=figures.exclusion_interval_hours)
                if refused is not None:
                    if exception_id is None:
                        raise refused
                    used = consume(s, exception_id, actor, case.visit.visit_no,
                                   CaseExceptionKind.CLASSIFICATION_DOWNGRADE.value, {"to": classification}, now)
            if exception_id is not None and used is None:
                raise ValidationError("exception_not_needed", field="exception_id")
            case.other_pathogen = other_pathogen
            started: list[str] = []
            settled = 0
            if classification != before:
                case.classification, case.classified_at = classification, now
                s.add(CaseClassification(case_id=case.id, at=now, before=before, after=classification,
                                         username=actor.username, exception_id=used.id if used else None))
                if classification in REPORTABLE:
                    clocks.start(s, case, ClockKind.REPORT, now, figures.window(figures.report_hours))
                    case.reported_at, case.report_card_no = None, None  # each reportable class is reported
                    started.append(ClockKind.REPORT.value)
                    if before not in REPORTABLE:
                        clocks.start(s, case, ClockKind.EPI, now, EPI_WINDOW)
                        targets, _ = load_targets(s)  # the ambulance must be asked for in time too
                        clocks.start(s, case, TransferClock.REQUEST, now, targets.window(targets.request_minutes))
                        started += [ClockKind.EPI.value, TransferClock.REQUEST.value]
                if classification == Classification.SUSPECTED:
                    clocks.start(s, case, ClockKind.NAT_12H, now, figures.window(figures.suspect_nat_hours))
                    started.append(ClockKind.NAT_12H.value)
                if classification not in REPORTABLE and before in REPORTABLE:
                    kinds = _REPORTABLE_ONLY_CLOCKS + (_CORRECTED_CLOCKS if used else ())
                    settled = clocks.settle(s, case.id, now, RECLASSIFIED, kinds=kinds, keep=())
            s.flush()
            op.summary = {"before": before, "after": classification, "other_pathogen": other_pathogen,
                          "clocks_started": started}
            if used is not None:
                op.summary |= {"exception_id": used.id, "approved_by": used.approved_by}
            if settled:
                op.summary["clocks_settled"] = settled
            return self._record(s, case)

    def record_report(self, actor: Actor, visit_no: str, card_no: str, reported_at: datetime) -> CaseRecord:
        """The case was reported in the national direct-reporting system (网络直报): a reportable case, or a
        positive result (逢阳即报). Meets the open 2 h report clocks started at or before ``reported_at``."""
        card_no = _text(card_no, "card_no", 40)
        with self._owned(actor, visit_no, "case.reported") as (op, case):
            s = op.session
            positive = _positive_ids(self._tests(s, case))
            if case.classification not in REPORTABLE and not positive:
                raise ValidationError("not_reportable", field="classification")
            first_open = s.scalar(select(Clock.started_at).where(
                Clock.case_id == case.id, Clock.kind == ClockKind.REPORT.value, Clock.met_at.is_(None))
                .order_by(Clock.started_at).limit(1))
            reported_at = self._past(reported_at, "reported_at", first_open or case.classified_at)
            case.report_card_no, case.reported_at = card_no, reported_at
            met = clocks.meet(s, case.id, ClockKind.REPORT, reported_at, started_by=reported_at)
            s.flush()
            op.summary = {"card_no": card_no, "reported_at": reported_at.isoformat(), "clocks_met": met}
            return self._record(s, case)

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
            op.summary = {"room": room, "bed": bed}
            if case.observation_started_at is None:  # observation begins: so does its round (a move keeps it)
                case.observation_started_at = self.clock.now()
                first_round = start_round(op.session, case, case.observation_started_at)
                op.summary["round_due_at"] = first_round.due_at.isoformat()
            op.session.flush()
            return self._record(op.session, case)

    def order_test(self, actor: Actor, visit_no: str, kind: str, population: str, sample_at: datetime
                   ) -> CaseRecord:
        """A nucleic-acid test starts its turnaround clock from the sample time; the patient waits
        under observation (a room and bed must be set first)."""
        if kind not in TestKind._value2member_map_:
            raise ValidationError("test_kind", field="kind")
        if population not in Population._value2member_map_:
            raise ValidationError("population", field="population")
        with self._owned(actor, visit_no, "case.order_test", allow_closed=False, allow_admitted=True) as (op, case):
            sample_at = self._past(sample_at, "sample_at", case.visit.registered_at)
            in_ward = case.disposition == Disposition.ADMITTED  # isolated in the ward, not in the observation room
            if kind == TestKind.NUCLEIC_ACID and case.observation_started_at is None and not in_ward:
                raise ValidationError("observation_required", field="room")
            test = LabTest(case_id=case.id, kind=kind, population=population, ordered_at=self.clock.now(),
                           ordered_by=actor.username, sample_at=sample_at)
            op.session.add(test)
            op.session.flush()
            met = 0
            if kind == TestKind.NUCLEIC_ACID:
                clocks.start(op.session, case, ClockKind.RESULT, sample_at, TURNAROUND[population], ref_id=test.id)
                # 疑似病例12小时内完成核酸检测: a sample at or after the classification meets it
                met = clocks.meet(op.session, case.id, ClockKind.NAT_12H, sample_at, started_by=sample_at)
            op.session.flush()
            op.summary = {"test_id": test.id, "kind": kind, "population": population,
                          "sample_at": sample_at.isoformat()}
            if met:
                op.summary["clocks_met"] = met
            return self._record(op.session, case)

    def record_result(self, actor: Actor, test_id: int, expected_version: int, *, result: str,
                      result_at: datetime, lab: str, ct_value: float | None = None) -> CaseRecord:
        """Any doctor may enter a result the lab sends; it meets the test's turnaround clock. A closed case
        takes no results ("case_closed"), except one disposed "admitted" (the patient is in a ward).

        逢阳必报、逢阳即报: a positive NAT or antigen result, in the same transaction, starts a 2 h report
        clock from ``result_at`` (ref_id = the test) and raises the POSITIVE_RESULT alert."""
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
            if case.closed_at is not None and case.disposition != Disposition.ADMITTED:
                raise Conflict("case_closed", disposition=case.disposition)
            if test.version != expected_version:
                raise StaleEdit(entity="test")
            if test.result is not None:
                raise Conflict("result_recorded")
            result_at = self._past(result_at, "result_at", test.sample_at)
            test.result, test.ct_value, test.result_at, test.lab, test.resulted_by = (
                result, ct_value, result_at, lab, actor.username)
            met = clocks.meet(s, case.id, ClockKind.RESULT, result_at, ref_id=test.id)
            op.summary = {"test_id": test.id, "kind": test.kind, "result": result, "ct": ct_value, "lab": lab,
                          "result_at": result_at.isoformat(), "clocks_met": met}
            if result == TestResult.POSITIVE and test.kind in POSITIVE_KINDS:
                figures, _ = load_figures(s, CaseworkFigures)
                visit_no = case.visit.visit_no
                clocks.start(s, case, ClockKind.REPORT, result_at, figures.window(figures.report_hours),
                             ref_id=test.id)
                evidence = {"visit_no": visit_no, "test_id": test.id, "kind": test.kind,
                            "result_at": result_at.isoformat(), "classification": case.classification}
                raised = raise_now(s, AlertKind.POSITIVE_RESULT, f"positive:{visit_no}:{test.id}",
                                   clinic_day(s, result_at), evidence, self.clock.now())
                op.summary |= {"positive": True, "clocks_started": [ClockKind.REPORT.value], "alert": raised}
            s.flush()
            return self._record(s, case)

    def dispose(self, actor: Actor, visit_no: str, expected_version: int, disposition: str,
                detail: dict[str, Any] | None = None, reason: str = "") -> CaseRecord:
        """Close the case with a recorded outcome; nobody leaves the fever clinic without one.

        The rules (module docstring) refuse with the codes listed in CaseRecord.refusals; then the detail:
        excluded_general {"excluding_test_id": a negative NAT of this visit}; home_advice {"advice"};
        admitted {"ward", "bed"?, "buffer_single_room": True while the case is pending};
        left_without_permission {"left_at", "noticed_by", "reported_to"}; died {"died_at", "certified_by"}.
        Every clock the case owns is settled with the disposition as reason, except the 2 h report clock
        (and, for "admitted", the NAT turnaround: the result still comes). A reportable or positive patient
        who left without permission raises the LEFT_WITHOUT_PERMISSION alert and starts the incident
        report clock (record_incident_report meets it)."""
        if disposition not in Disposition._value2member_map_:
            raise ValidationError("disposition", field="disposition")
        detail = dict(detail or {})
        reason = _text(reason, "reason", 200, required=False)
        with self._owned(actor, visit_no, "case.dispose", expected_version, allow_closed=False) as (op, case):
            s = op.session
            tests = self._tests(s, case)
            refusal = _refusal(case, disposition, tests, load_mode(s))
            if refusal is not None:
                code, details = refusal
                raise ValidationError(code, field="disposition", **details)
            self._check_detail(case, disposition, detail, tests)
            now = self.clock.now()
            positive = _positive_ids(tests)
            case.disposition, case.disposition_detail = disposition, json.dumps(detail, ensure_ascii=False)
            case.closed_at, case.closed_by = now, actor.username
            keep = set(clocks.KEEP_ON_SETTLE)
            if disposition == Disposition.ADMITTED:
                keep.add(ClockKind.RESULT.value)
            settled = clocks.settle(s, case.id, now, disposition, keep=keep)
            op.summary = {"disposition": disposition, "detail": detail, "reason": reason,
                          "classification": case.classification,
                          "pending_tests": [t.id for t in tests if t.result is None], "clocks_settled": settled}
            if disposition == Disposition.LEFT_WITHOUT_PERMISSION and (case.classification in REPORTABLE or positive):
                figures, _ = load_figures(s, CaseworkFigures)
                clocks.start(s, case, ClockKind.INCIDENT, now, figures.window(figures.incident_report_hours))
                number = case.visit.visit_no
                evidence = {"visit_no": number, "classification": case.classification, "positive": bool(positive),
                            "disposition": disposition}
                raised = raise_now(s, AlertKind.LEFT_WITHOUT_PERMISSION, f"left:case:{number}",
                                   clinic_day(s, now), evidence, now)
                op.summary |= {"incident": True, "clocks_started": [ClockKind.INCIDENT.value], "alert": raised}
            s.flush()
            return self._record(s, case)

    def record_incident_report(self, actor: Actor, visit_no: str, reported_to: str, reported_at: datetime
                               ) -> CaseRecord:
        """A reportable or positive patient who left without permission was reported onwards (to whom,
        when): meets the incident report clock. Once per incident."""
        reported_to = _text(reported_to, "reported_to", 64)
        with self._owned(actor, visit_no, "case.incident_reported") as (op, case):
            s = op.session
            clock_ids = s.scalars(select(Clock.id).where(Clock.case_id == case.id,
                                                         Clock.kind == ClockKind.INCIDENT.value)).all()
            if case.disposition != Disposition.LEFT_WITHOUT_PERMISSION or not clock_ids:
                raise ValidationError("not_an_incident", field="disposition")
            if case.incident_reported_at is not None:
                raise Conflict("incident_reported", reported_to=case.incident_reported_to)
            reported_at = self._past(reported_at, "reported_at", case.closed_at)
            case.incident_reported_to, case.incident_reported_at = reported_to, reported_at
            met = clocks.meet(s, case.id, ClockKind.INCIDENT, reported_at)
            s.flush()
            op.summary = {"reported_to": reported_to, "reported_at": reported_at.isoformat(), "clocks_met": met}
            return self._record(s, case)

    @staticmethod
    def _check_detail(case: Case, disposition: str, detail: dict[str, Any], tests: list[LabTest]) -> None:
        """The disposition's own record, once the rules allow it (_refusal)."""
        if disposition == Disposition.EXCLUDED_GENERAL:
            if case.classification != Classification.EXCLUDED:
                raise ValidationError("not_excluded", field="classification")
            if detail.get("excluding_test_id") not in {t.id for t in _negative_nats(tests)}:
                raise ValidationError("excluding_result", field="excluding_test_id")
        elif disposition == Disposition.HOME_ADVICE:
            _text(detail.get("advice"), "advice", 300)
        elif disposition == Disposition.ADMITTED:
            _text(detail.get("ward"), "ward", 64)
            if case.classification != Classification.EXCLUDED and detail.get("buffer_single_room") is not True:
                raise ValidationError("buffer_room_required", field="buffer_single_room")
        elif disposition == Disposition.LEFT_WITHOUT_PERMISSION:
            for key, size in (("left_at", 40), ("noticed_by", 64), ("reported_to", 64)):
                _text(detail.get(key), key, size)
        elif disposition == Disposition.DIED:
            for key, size in (("died_at", 40), ("certified_by", 64)):
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
               allow_closed: bool = True, allow_admitted: bool = False) -> Iterator[tuple[WriteOp, Case]]:
        """An audited write on a case the actor is responsible for; ``allow_closed`` False refuses a closed
        case, unless ``allow_admitted`` and it was disposed "admitted" (the patient is in a ward)."""
        with self.audited_write(actor, action, "visit", Perm.CASEWORK, visit_no.strip().upper()) as op:
            case = self._case(op.session, visit_no)
            if case.doctor_id != actor.user_id:
                raise PermissionDenied("not_responsible", doctor=case.doctor_username)
            if expected_version is not None and case.version != expected_version:
                raise StaleEdit(entity="case")
            if not allow_closed and case.closed_at is not None and not (
                    allow_admitted and case.disposition == Disposition.ADMITTED):
                raise Conflict("case_closed", disposition=case.disposition)
            yield op, case

    @staticmethod
    def _tests(s: Session, case: Case) -> list[LabTest]:
        return list(s.scalars(select(LabTest).where(LabTest.case_id == case.id).order_by(LabTest.id)))

    @staticmethod
    def _case(s: Session, visit_no: str) -> Case:
        case = s.scalars(select(Case).join(Visit, Visit.id == Case.visit_id)
                         .where(Visit.visit_no == visit_no.strip().upper())).first()
        if case is None:
            raise NotFound(entity="case", visit_no=visit_no)
        return case

    @staticmethod
    def _handover(s: Session, h: CaseHandover, case: Case | None = None) -> HandoverRecord:
        case = case or s.get(Case, h.case_id)
        assert case is not None
        return HandoverRecord(h.id, case.visit.visit_no, h.from_username, h.to_username, h.reason, h.requested_at,
                              h.state, case.visit.patient.name)

    def _record(self, s: Session, case: Case, mode: str | None = None) -> CaseRecord:
        return self._records(s, [case], mode)[0]

    def _records(self, s: Session, cases: list[Case], mode: str | None = None) -> list[CaseRecord]:
        """Many cases' records with one query per kind of child row (tests, clocks, pending hand-overs,
        exceptions, doctors' names) for all of them, so the fever-clinic page costs no read per open case."""
        s.flush()
        mode = mode or load_mode(s)
        tests: dict[int, list[LabTest]] = {c.id: [] for c in cases}
        case_clocks: dict[int, list[Clock]] = {c.id: [] for c in cases}
        pending: dict[int, CaseHandover] = {}
        exceptions: dict[str, list[Any]] = {}
        names: dict[int | None, str] = {}
        for part in (cases[i:i + IN_CHUNK] for i in range(0, len(cases), IN_CHUNK)):
            ids = [c.id for c in part]
            for t in s.scalars(select(LabTest).where(LabTest.case_id.in_(ids)).order_by(LabTest.id)):
                tests[t.case_id].append(t)
            for k in s.scalars(select(Clock).where(Clock.case_id.in_(ids)).order_by(Clock.id)):
                case_clocks[k.case_id].append(k)
            for h in s.scalars(select(CaseHandover).where(CaseHandover.case_id.in_(ids),
                                                          CaseHandover.state == HandoverState.PENDING.value)
                               .order_by(CaseHandover.id)):
                pending.setdefault(h.case_id, h)
            exceptions.update(pending_for_visits(s, [c.visit.visit_no for c in part]))
            doctors = {c.doctor_id for c in part if c.doctor_id is not None} - names.keys()
            names.update({i: n for i, n in s.execute(select(User.id, User.full_name).where(User.id.in_(doctors)))})
        records = []
        for case in cases:
            visit, rows = case.visit, tests[case.id]
            refusals = {d.value: r[0] for d in Disposition if (r := _refusal(case, d, rows, mode)) is not None}
            handover = pending.get(case.id)
            records.append(CaseRecord(
                case.id, visit.visit_no, visit.patient.name, visit.patient.sex, visit.patient.birth_date,
                case.doctor_username, names.get(case.doctor_id) or case.doctor_username, case.taken_at,
                case.classification, case.other_pathogen, case.classified_at, json.loads(case.epi), case.findings,
                case.observation_room, case.observation_bed, case.observation_started_at, case.report_card_no,
                case.reported_at, case.epi_done_at, case.disposition, json.loads(case.disposition_detail),
                case.closed_at, case.version, tuple(_test_record(t) for t in rows),
                tuple(clocks.record(k) for k in case_clocks[case.id]),
                self._handover(s, handover, case) if handover else None, _positive_ids(rows), str(mode), refusals,
                case.incident_reported_to, case.incident_reported_at,
                tuple(exception_record(e) for e in exceptions.get(visit.visit_no, []))))
        return records
