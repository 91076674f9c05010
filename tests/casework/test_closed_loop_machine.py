"""The closed loop holds (issue 12), checked by playing random clinic days through the services.

A hypothesis state machine screens, registers, sends, receives, takes, hands over, orders tests, records
results (negative or positive), classifies (forwards, and backwards through an approved exception),
disposes, requests and moves transfers, admits to wards, issues permits and scans them at the gate,
switches the clinic mode, and moves the clock. Every refusal a service gives is a rule doing its job;
anything else fails. After every step the invariants are read straight from the database:

* nobody leaves the fever clinic without a negative nucleic-acid result or a transfer;
* every positive result has a running or met (never merely settled) 2 h report clock;
* every suspected, confirmed or asymptomatic case ends only in a transfer (or an incident);
* no escort or visitor permit exists in a buffer or isolation ward without an approved exception;
* every open loop is on the deadline board (open transfers, pending results, owed transfers, incidents).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, invariant, rule
from sqlalchemy import select

from app import audit
from app.actor import Actor
from app.casework.tables import Case, Clock, LabTest
from app.casework import vocab
from app.casework.vocab import INCIDENTS, POSITIVE_KINDS, REPORTABLE, ClockKind, Disposition
from app.clock import FixedClock
from app.context import AppContext, open_context
from app.errors import FeverSentinelError
from app.passwords import OWASP_FLOOR
from app.paths import DataPaths
from app.transfer.tables import Transfer
from app.transfer.vocab import TransferClock, TransferState
from app.triage.identity import check_digit
from app.triage.records import PatientInput, ScreeningInput
from app.triage.tables import Visit
from app.wards.permit_service import Holder
from app.wards.tables import Admission, Permit, Ward

START = datetime(2026, 12, 1, 0, 30, tzinfo=timezone.utc)  # 08:30 in the clinic
PASSWORD = "machine-pass-1"
ID_NUMBERS = [body + check_digit(body) for body in
              ("11010519491231002", "11010119900307777", "44052419800101001", "11010120000101123")]
OPEN_TRANSFER = (TransferState.REQUESTED.value, TransferState.DISPATCHED.value, TransferState.DEPARTED.value)
REPORTABLE_CODES = {c.value for c in REPORTABLE}
POSITIVE_CODES = {k.value for k in POSITIVE_KINDS}


class ClosedLoop(RuleBasedStateMachine):
    visits = Bundle("visits")

    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="fs-machine-"))
        self.clock = FixedClock(START)
        self.ctx: AppContext = open_context(DataPaths(self.tmp / "data"), clock=self.clock, argon2=OWASP_FLOOR)
        self.refusals: set[str] = set()
        self.set_up_clinic()

    def teardown(self) -> None:
        try:  # every flow leaves a trail whose chain and business-row digests verify (issue 13)
            with self.ctx.db.read() as s:
                report = audit.verify_all(s)
            assert report.ok, report
        finally:
            self.ctx.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    # ----- the clinic ------------------------------------------------------------------------
    def set_up_clinic(self) -> None:
        ctx = self.ctx
        ctx.clinic.initialize(Actor.system("machine"), code="XH01", name="新河镇卫生院", level="township",
                              admin_username="director", admin_full_name="王院长", admin_password=PASSWORD,
                              mode="treat")
        self.director = ctx.users.authenticate("director", PASSWORD, "ws-admin")
        for name, full, roles in (("nurse", "李娜", ["triage_nurse"]), ("doc1", "张伟", ["doctor"]),
                                  ("doc2", "刘洋", ["doctor"]), ("gate", "赵强", ["gatekeeper"])):
            ctx.users.create(self.director, username=name, full_name=full, roles=roles, password=PASSWORD)
        self.actors = {name: ctx.users.authenticate(name, PASSWORD, f"ws-{name}")
                       for name in ("nurse", "doc1", "doc2", "gate")}
        self.hospital = ctx.transfers.save_hospital(self.director, name="县人民医院", kind="designated").id
        self.wards = {kind: ctx.wards.save_ward(self.director, name=name, type=kind, gates=["东门"]).id
                      for kind, name in (("general", "内科病区"), ("buffer", "缓冲病区"),
                                         ("observation", "隔离留观病区"))}
        self.patients = 0

    @initialize(target=visits, doctor=st.sampled_from(["doc1", "doc2"]), contact=st.booleans())
    def first_patient(self, doctor: str, contact: bool) -> str:
        return self.arrive(39.2, "green", contact, "tested", doctor)

    @initialize(target=visits, doctor=st.sampled_from(["doc1", "doc2"]))
    def second_patient(self, doctor: str) -> str:
        return self.arrive(38.1, "red", False, "tested", doctor)

    @initialize(target=visits, reach=st.sampled_from(["arrived", "taken", "tested"]))
    def third_patient(self, reach: str) -> str:
        return self.arrive(37.8, "yellow", True, reach, "doc1")

    def attempt(self, action: Callable[[], Any]) -> Any:
        """Run a desk action; a refusal by a rule is fine (kept, so the test can show rules were met)."""
        try:
            return action()
        except FeverSentinelError as exc:
            self.refusals.add(exc.code)
            return None

    def case(self, visit_no: str) -> Case | None:
        with self.ctx.db.read() as s:
            case = s.scalars(select(Case).join(Visit, Visit.id == Case.visit_id)
                             .where(Visit.visit_no == visit_no)).first()
            if case is not None:
                s.expunge(case)
            return case

    def owner(self, visit_no: str) -> Actor:
        case = self.case(visit_no)
        name = case.doctor_username if case is not None else "doc1"
        return self.actors.get(name, self.actors["doc1"])

    # ----- rules: the desks -------------------------------------------------------------------
    @rule(target=visits, temp=st.sampled_from([36.6, 37.8, 39.2]),
          code=st.sampled_from(["green", "yellow", "red"]), contact=st.booleans(),
          reach=st.sampled_from(["sent", "arrived", "taken", "tested", "tested", "tested"]),
          doctor=st.sampled_from(["doc1", "doc2"]))
    def arrive(self, temp: float, code: str, contact: bool, reach: str, doctor: str) -> str:
        """A patient comes in and (mostly) gets as far as ``reach`` at once, so the random walk spends its
        steps on the decisions that matter rather than on getting each patient through the door."""
        nurse = self.actors["nurse"]
        screening = self.ctx.screening.record(nurse, ScreeningInput(temp, symptoms=frozenset({"cough"}),
                                                                    contact_case=contact, health_code=code))
        id_number = ID_NUMBERS[self.patients % len(ID_NUMBERS)] if self.patients < len(ID_NUMBERS) else None
        self.patients += 1
        patient = PatientInput(name=f"患者{self.patients}", id_type="resident_id" if id_number else "other",
                               id_number=id_number, id_missing_reason=None if id_number else "未带证件",
                               sex=None if id_number else "male")
        visit = self.ctx.registration.register(nurse, screening_id=screening.id, patient=patient)
        v = visit.visit_no
        self.ctx.handoffs.send(nurse, v, "导医 陈")
        if reach != "sent":
            self.ctx.handoffs.confirm_arrival(self.actors["doc1"], v)
        if reach in ("taken", "tested"):
            self.ctx.cases.take(self.actors[doctor], v)
        if reach == "tested":
            self.ctx.cases.start_observation(self.actors[doctor], v, "留观1", "1床")
            for kind in (vocab.TestKind.NUCLEIC_ACID, vocab.TestKind.BLOOD_ROUTINE):
                self.ctx.cases.order_test(self.actors[doctor], v, kind, "fever_clinic", self.clock.now())
        return v

    @rule(v=visits)
    def receive(self, v: str) -> None:
        self.attempt(lambda: self.ctx.handoffs.confirm_arrival(self.actors["doc1"], v))

    @rule(v=visits, doctor=st.sampled_from(["doc1", "doc2"]))
    def take(self, v: str, doctor: str) -> None:
        self.attempt(lambda: self.ctx.cases.take(self.actors[doctor], v))

    @rule(v=visits)
    def hand_over(self, v: str) -> None:
        owner = self.owner(v)
        other = "doc2" if owner.username == "doc1" else "doc1"
        handover = self.attempt(lambda: self.ctx.cases.request_handover(owner, v, other, "换班"))
        if handover is not None:
            self.attempt(lambda: self.ctx.cases.answer_handover(self.actors[other], handover.id, True))

    @rule(v=visits)
    def observe(self, v: str) -> None:
        self.attempt(lambda: self.ctx.cases.start_observation(self.owner(v), v, "留观1", "1床"))

    @rule(v=visits, kind=st.sampled_from([vocab.TestKind.NUCLEIC_ACID, vocab.TestKind.BLOOD_ROUTINE, vocab.TestKind.ANTIGEN,
                                          vocab.TestKind.CT]))
    def order(self, v: str, kind: str) -> None:
        if kind == vocab.TestKind.NUCLEIC_ACID:
            self.observe(v)
        self.attempt(lambda: self.ctx.cases.order_test(self.owner(v), v, kind, "fever_clinic", self.clock.now()))

    @rule(v=visits, result=st.sampled_from(["negative", "negative", "positive"]))
    def result(self, v: str, result: str) -> None:
        """The lab answers the case's oldest pending test (a result is recorded once)."""
        case = self.case(v)
        if case is None:
            return
        with self.ctx.db.read() as s:
            test = s.scalars(select(LabTest).where(LabTest.case_id == case.id, LabTest.result.is_(None))
                             .order_by(LabTest.id)).first()
            if test is None:
                return
            test_id, version = test.id, test.version
        self.attempt(lambda: self.ctx.cases.record_result(self.owner(v), test_id, version, result=result,
                                                          result_at=self.clock.now(), lab="县疾控"))

    @rule(v=visits, to=st.sampled_from(["pending", "suspected", "confirmed", "asymptomatic", "excluded"]),
          exception=st.booleans())
    def classify(self, v: str, to: str, exception: bool) -> None:
        case = self.case(v)
        if case is None:
            return
        exception_id = None
        if exception:  # the medical director approves a move the rules refuse (特殊情况)
            exception_id = self.attempt(lambda: self.ctx.case_exceptions.approve(
                self.director, v, "classification_downgrade", {"to": to}, "复核后更正分类"))
        self.attempt(lambda: self.ctx.cases.classify(self.owner(v), v, case.version, to,
                                                     exception_id=exception_id))

    @rule(v=visits, disposition=st.sampled_from([d.value for d in Disposition]))
    def dispose(self, v: str, disposition: str) -> None:
        case = self.case(v)
        if case is None:
            return
        with self.ctx.db.read() as s:
            negative = s.scalar(select(LabTest.id).where(LabTest.case_id == case.id, LabTest.result == "negative",
                                                         LabTest.kind == vocab.TestKind.NUCLEIC_ACID.value))
        now = self.clock.now().isoformat()
        detail = {"excluding_test_id": negative, "advice": "居家观察，不适随诊", "ward": "缓冲病区",
                  "buffer_single_room": True, "left_at": now, "noticed_by": "护士", "reported_to": "院感科",
                  "died_at": now, "certified_by": "张伟"}
        self.attempt(lambda: self.ctx.cases.dispose(self.owner(v), v, case.version, disposition, detail))

    @rule(v=visits)
    def report(self, v: str) -> None:
        self.attempt(lambda: self.ctx.cases.record_report(self.owner(v), v, "CARD-1", self.clock.now()))

    @rule(v=visits)
    def report_incident(self, v: str) -> None:
        self.attempt(lambda: self.ctx.cases.record_incident_report(self.owner(v), v, "县疾控", self.clock.now()))

    @rule(v=visits, by_owner=st.booleans())
    def request_transfer(self, v: str, by_owner: bool) -> None:
        actor = self.owner(v) if by_owner else self.actors["doc2"]
        self.attempt(lambda: self.ctx.transfers.request(actor, v, hospital_id=self.hospital, condition="stable",
                                                        oxygen=False, precautions="N95", staff="护士 李",
                                                        reason="转诊"))

    @rule(v=visits, step=st.sampled_from(["dispatch", "depart", "handover", "disinfect", "cancel"]))
    def move_transfer(self, v: str, step: str) -> None:
        with self.ctx.db.read() as s:
            t = s.scalars(select(Transfer).where(Transfer.visit_no == v).order_by(Transfer.id.desc())).first()
            if t is None:
                return
            tid, version = t.id, t.version
        nurse, now, transfers = self.actors["nurse"], self.clock.now(), self.ctx.transfers
        steps: dict[str, Callable[[], Any]] = {
            "dispatch": lambda: transfers.dispatch(nurse, tid, version, call_120_at=now, dispatch_ref="120-1",
                                                   vehicle_plate="湘A12345", negative_pressure=True, crew="司机 王"),
            "depart": lambda: transfers.depart(nurse, tid, version, now),
            "handover": lambda: transfers.record_handover(nurse, tid, version, receiving_staff="刘医生",
                                                          receiving_department="感染科", handed_over_at=now,
                                                          arrival_condition="stable"),
            "disinfect": lambda: transfers.record_disinfection(nurse, tid, version, disinfected_at=now,
                                                               method="含氯消毒剂", by="司机 王"),
            "cancel": lambda: transfers.cancel(nurse, tid, version, "救护车改派"),
        }
        self.attempt(steps[step])

    @rule(v=visits, ward=st.sampled_from(["general", "buffer", "observation"]))
    def admit(self, v: str, ward: str) -> None:
        self.attempt(lambda: self.ctx.wards.admit(self.actors["doc1"], ward_id=self.wards[ward], bed="3床",
                                                  nursing_level="2", visit_no=v))

    @rule(v=visits, kind=st.sampled_from(["escort", "visitor"]), exception=st.booleans())
    def issue_permit(self, v: str, kind: str, exception: bool) -> None:
        with self.ctx.db.read() as s:
            admission = s.scalars(select(Admission).join(Visit, Visit.id == Admission.visit_id)
                                  .where(Admission.discharged_at.is_(None), Visit.visit_no == v)).first()
            if admission is None:
                return
            admission_id, ward_type = admission.id, admission.ward.type
        exception_id = None
        if exception and ward_type in ("buffer", "observation"):
            exception_id = self.attempt(lambda: self.ctx.wards.approve_exception(
                self.director, admission_id, f"{kind}_isolation_ward", "病危，家属须陪护"))
        holder = Holder("家属甲", "resident_id", ID_NUMBERS[1], "配偶", "13800000000")
        nurse, now = self.actors["nurse"], self.clock.now()
        if kind == "escort":
            self.attempt(lambda: self.ctx.permits.issue_escort(nurse, admission_id, holder,
                                                               test_at=now - timedelta(hours=2),
                                                               test_result="negative", exception_id=exception_id))
        else:
            self.attempt(lambda: self.ctx.permits.issue_visitor(nurse, admission_id, holder, window_start=now,
                                                                window_end=now + timedelta(minutes=30),
                                                                reason="病危告知", exception_id=exception_id))

    @rule(v=visits)
    def scan_at_gate(self, v: str) -> None:
        with self.ctx.db.read() as s:
            payload = s.scalar(select(Permit.payload).join(Admission, Admission.id == Permit.admission_id)
                               .join(Visit, Visit.id == Admission.visit_id).where(Visit.visit_no == v)
                               .order_by(Permit.issued_at.desc()))
        if payload is not None:
            self.attempt(lambda: self.ctx.gate.check(self.actors["gate"], payload, "东门"))

    @rule(mode=st.sampled_from(["refer", "treat"]))
    def switch_mode(self, mode: str) -> None:
        self.attempt(lambda: self.ctx.clinic.change_mode(self.director, mode, "县卫健局调整接诊方式"))

    @rule(minutes=st.sampled_from([5, 20, 90, 400]))
    def time_passes(self, minutes: int) -> None:
        self.clock.advance(minutes=minutes)

    # ----- invariants -------------------------------------------------------------------------
    @invariant()
    def nobody_leaves_without_a_negative_nat_or_a_transfer(self) -> None:
        with self.ctx.db.read() as s:
            for case in s.scalars(select(Case).where(Case.disposition.in_(
                    [Disposition.HOME_ADVICE.value, Disposition.EXCLUDED_GENERAL.value, Disposition.ADMITTED.value]))):
                nats = s.scalars(select(LabTest).where(LabTest.case_id == case.id,
                                                       LabTest.kind == vocab.TestKind.NUCLEIC_ACID.value)).all()
                negative = any(t.result == "negative" for t in nats)
                if case.disposition == Disposition.ADMITTED and not negative:
                    # the one way in before exclusion: a buffer single room, the sample taken, result awaited
                    assert nats and '"buffer_single_room": true' in case.disposition_detail, case.visit.visit_no
                else:
                    assert negative, (case.visit.visit_no, case.disposition)

    @invariant()
    def every_positive_has_a_running_or_met_report_clock(self) -> None:
        with self.ctx.db.read() as s:
            for test in s.scalars(select(LabTest).where(LabTest.result == "positive",
                                                        LabTest.kind.in_(POSITIVE_CODES))):
                clock = s.scalars(select(Clock).where(Clock.case_id == test.case_id, Clock.ref_id == test.id,
                                                      Clock.kind == ClockKind.REPORT.value)).first()
                assert clock is not None and clock.settled_reason is None, test.id

    @invariant()
    def reportable_cases_end_only_in_a_transfer(self) -> None:
        with self.ctx.db.read() as s:
            for case in s.scalars(select(Case).where(Case.classification.in_(REPORTABLE_CODES),
                                                     Case.closed_at.is_not(None))):
                allowed = {Disposition.TRANSFER.value, *(d.value for d in INCIDENTS)}
                if case.disposition == Disposition.ADMITTED:  # became reportable in the ward: a transfer is owed
                    assert self._open_clock(s, case.id, TransferClock.REQUEST.value), case.visit.visit_no
                else:
                    assert case.disposition in allowed, (case.visit.visit_no, case.disposition)

    @invariant()
    def no_permit_in_an_isolation_ward_without_an_exception(self) -> None:
        with self.ctx.db.read() as s:
            rows = s.execute(select(Permit.number, Permit.exception_id).join(Admission, Admission.id == Permit.admission_id)
                             .join(Ward, Ward.id == Admission.ward_id).where(Ward.type.in_(["buffer", "observation"])))
            for number, exception_id in rows:
                assert exception_id is not None, number

    @invariant()
    def every_open_loop_is_on_the_deadline_board(self) -> None:
        with self.ctx.db.read() as s:
            for t in s.scalars(select(Transfer).where(Transfer.state.in_(OPEN_TRANSFER))):
                kind = TransferClock.HANDOVER if t.state == TransferState.DEPARTED else TransferClock.DEPARTURE
                assert self._open_clock(s, t.case_id, kind.value, ref_id=t.id), (t.visit_no, t.state)
            for case in s.scalars(select(Case).where(Case.closed_at.is_(None),
                                                     Case.classification.in_(REPORTABLE_CODES))):
                has_transfer = s.scalar(select(Transfer.id).where(Transfer.case_id == case.id,
                                                                  Transfer.state.in_(OPEN_TRANSFER)))
                assert has_transfer or self._open_clock(s, case.id, TransferClock.REQUEST.value), \
                    case.visit.visit_no
            in_care = (Case.closed_at.is_(None)) | (Case.disposition == Disposition.ADMITTED.value)
            for test_id, case_id in s.execute(select(LabTest.id, LabTest.case_id).join(Case, Case.id == LabTest.case_id)
                                              .where(in_care, LabTest.kind == vocab.TestKind.NUCLEIC_ACID.value,
                                                     LabTest.result.is_(None))):
                assert self._open_clock(s, case_id, ClockKind.RESULT.value, ref_id=test_id), test_id
            for case in s.scalars(select(Case).where(Case.disposition == Disposition.LEFT_WITHOUT_PERMISSION.value,
                                                     Case.incident_reported_at.is_(None))):
                positive = s.scalar(select(LabTest.id).where(LabTest.case_id == case.id,
                                                             LabTest.result == "positive",
                                                             LabTest.kind.in_(POSITIVE_CODES)))
                if case.classification in REPORTABLE_CODES or positive:
                    assert self._open_clock(s, case.id, ClockKind.INCIDENT.value), case.visit.visit_no

    @staticmethod
    def _open_clock(s: Any, case_id: int, kind: str, ref_id: int | None = None) -> bool:
        query = select(Clock.id).where(Clock.case_id == case_id, Clock.kind == kind, Clock.met_at.is_(None))
        if ref_id is not None:
            query = query.where(Clock.ref_id == ref_id)
        return s.scalar(query) is not None


ClosedLoop.TestCase.settings = settings(max_examples=30, stateful_step_count=60, deadline=None,
                                        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
test_the_closed_loop_holds = ClosedLoop.TestCase
