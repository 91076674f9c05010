"""Demo fever-clinic cases in every state, made through the real services with each step's clock set to
its own time (after the triage demo has received the patients), following the guideline rules: a NAT
and a blood routine for everyone, observation until the NAT result, exclusion on a negative NAT,
reportable cases leave by transfer (the transfer demo asks for the ambulances).

The most recent patients show the clocks relative to the moment the demo is made: a positive result
whose 2 h report clock is running (逢阳即报, the red 阳性 banner), a NAT whose turnaround is due soon
(warning), a suspected case not reported in time (overdue), a buffer-ward patient waiting for the NAT
— and, among the older ones, clocks met, a classification corrected with the medical director's
approved exception, and a suspected patient who left without permission (an incident, reported)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import func, select

from app.actor import Actor
from app.casework.case_service import CaseService
from app.casework.exceptions import CaseExceptionService
from app.casework.observation import ObservationService
from app.casework.records import CaseRecord
from app.casework.tables import Case
from app.clinic_mode import ClinicMode, load_mode
from app.clock import FixedClock
from app.db.engine import Database
from app.demo_actor import demo_actor
from app.severity.vitals import Vitals
from app.triage.tables import Handoff, Visit
from app.triage.vocab import HandoffState

# older patients, in turn; the first "admitted" one is the ward patient the transfer demo moves later
CYCLE = ("excluded", "home", "reported", "transfer", "admitted", "corrected", "left", "handover")
# the most recent patients (before the one still waiting), oldest first: clocks relative to now
RECENT = ("buffer", "unreported", "observing", "positive")
LAB = "县疾控中心实验室"




def create_casework_demo(db: Database, now: datetime) -> int:
    """Give the received demo patients a case each; returns cases made."""
    with db.read() as s:
        if s.scalar(select(func.count()).select_from(Case)):
            return 0
        arrivals = s.execute(select(Visit.visit_no, Handoff.received_at).join(Handoff, Handoff.visit_id == Visit.id)
                             .where(Handoff.state == HandoffState.ARRIVED.value).order_by(Handoff.received_at)).all()
        local = load_mode(s) == ClinicMode.TREAT  # a sentinel room disposes nobody here: it refers
    staff = {"doctor": demo_actor(db, "doctor", "demo-fever-room"),
             "night": demo_actor(db, "night", "demo-fever-room"), "admin": demo_actor(db, "admin", "demo-office")}
    patients = arrivals[:-1]  # the last one is still waiting for a doctor
    recent = RECENT[-len(patients):] if patients else ()
    plans = [CYCLE[i % len(CYCLE)] for i in range(len(patients) - len(recent))] + list(recent)
    made = 0
    for (visit_no, received_at), plan in zip(patients, plans):
        if received_at is None or received_at + timedelta(minutes=4) > now:  # None: never, once arrived
            continue
        _Play(db, staff, visit_no, received_at, now, local).run(plan)
        made += 1
    return made


#: The observation round's sets (NEWS2 2 and 6: a febrile patient, then one whose breathing worsened).
BASELINE = Vitals(temperature_c=38.4, respiratory_rate=18, spo2=97, oxygen=False, systolic_bp=124, heart_rate=96,
                  consciousness="A")
WORSE = Vitals(temperature_c=39.2, respiratory_rate=22, spo2=94, oxygen=False, systolic_bp=118, heart_rate=105,
               consciousness="A")


class _Stop(Exception):
    """The next step would be after the demo's moment: a recent patient stops there."""


class _Play:
    def __init__(self, db: Database, staff: dict[str, Actor], visit_no: str, received_at: datetime,
                 now: datetime, local: bool) -> None:
        self.db, self.staff, self.visit_no, self.now, self.local = db, staff, visit_no, now, local
        self.doctor = staff["doctor"]
        self.at = received_at + timedelta(minutes=4)

    # ----- time ------------------------------------------------------------------------------------
    def svc(self) -> CaseService:
        return CaseService(self.db, FixedClock(self.at))

    def after(self, minutes: float) -> None:
        """Move on; stop once the step would be in the future."""
        self.set(self.at + timedelta(minutes=minutes))

    def set(self, at: datetime) -> None:
        if at > self.now:
            raise _Stop
        self.at = max(self.at, at)

    def ago(self, minutes: float) -> None:
        """Move to ``minutes`` before the demo's moment (not before the last step)."""
        self.set(self.now - timedelta(minutes=minutes))

    # ----- steps -----------------------------------------------------------------------------------
    def case(self) -> CaseRecord:
        return self.svc().get(self.doctor, self.visit_no)

    def order(self, kind: str) -> int:
        return self.svc().order_test(self.doctor, self.visit_no, kind, "fever_clinic", self.at).tests[-1].id

    def result(self, test_id: int, value: str, ct: float | None = None) -> CaseRecord:
        test = next(t for t in self.case().tests if t.id == test_id)
        return self.svc().record_result(self.doctor, test_id, test.version, result=value, result_at=self.at,
                                        lab=LAB, ct_value=ct)

    def classify(self, classification: str, other_pathogen: str = "", exception_id: int | None = None
                 ) -> CaseRecord:
        return self.svc().classify(self.doctor, self.visit_no, self.case().version, classification,
                                   other_pathogen=other_pathogen, exception_id=exception_id)

    def report(self) -> None:
        self.svc().record_report(self.doctor, self.visit_no, f"44{self.case().id:011d}", self.at)

    def vitals(self, vitals: Vitals) -> None:
        """A set of observations in the observation round (app/casework/observation.py), by the case's doctor."""
        ObservationService(self.db, FixedClock(self.at)).record_vitals(self.doctor, self.visit_no, vitals)

    def dispose(self, disposition: str, detail: dict[str, object]) -> None:
        if self.local or disposition in ("left_without_permission", "died"):
            self.svc().dispose(self.doctor, self.visit_no, self.case().version, disposition, detail)

    # ----- the story -------------------------------------------------------------------------------
    def run(self, plan: str) -> None:
        try:
            self._play(plan)
        except _Stop:
            pass

    def _play(self, plan: str) -> None:
        case = self.svc().take(self.doctor, self.visit_no)
        self.after(6)
        self.svc().update_interview(self.doctor, self.visit_no, case.version, epi={"notes": "家中无类似病人"},
                                    findings="咽部充血，双肺呼吸音清，未闻及啰音")
        self.after(3)
        self.svc().start_observation(self.doctor, self.visit_no, "留观1室", f"{case.id % 6 + 1}床")
        self.after(1)
        self.vitals(BASELINE)  # the round's first set, at once
        self.after(1)
        if plan == "observing":
            self.ago(4 * 60 + 30)  # sampled four and a half hours ago: its 6 h turnaround is due soon
        if plan == "positive":
            self.ago(3 * 60)
        nat = self.order("nucleic_acid")
        self.order("blood_routine")
        step: Callable[[int], None] = getattr(self, f"_{plan}")
        step(nat)
        if self.case().closed_at is None and self.case().observation_started_at is not None:
            self.ago(40)  # the latest round, in time; the positive patient's breathing has worsened (an alert)
            self.vitals(WORSE if plan == "positive" else BASELINE)

    def _observing(self, nat: int) -> None:
        """Under observation, the NAT result still out (turnaround clock warning)."""

    def _handover(self, nat: int) -> None:
        self.svc().request_handover(self.doctor, self.visit_no, "night", "白班下班交接，核酸结果待回")

    def _positive(self, nat: int) -> None:
        """逢阳必报、逢阳即报: positive 25 minutes ago, its 2 h report clock running, not yet classified."""
        self.ago(25)
        self.result(nat, "positive", ct=27.5)

    def _buffer(self, nat: int) -> None:
        """Pending, the NAT out: the one way into a ward meanwhile is a buffer-ward single room."""
        self.after(40)
        self.dispose("admitted", {"ward": "缓冲病区", "bed": "2床", "buffer_single_room": True})

    def _unreported(self, nat: int) -> None:
        """Suspected three hours ago and not reported: the 2 h report clock is overdue."""
        self.ago(3 * 60)
        self.classify("suspected")

    def _left(self, nat: int) -> None:
        """Suspected, then gone without permission: an incident (alert, 2 h incident report, reported)."""
        self.after(25)
        self.classify("suspected")
        self.after(40)
        self.report()
        self.after(15)
        self.dispose("left_without_permission",
                     {"left_at": f"{self.at:%H:%M}", "noticed_by": "护士 李娜", "reported_to": "医务科 王主任"})
        self.after(30)
        self.svc().record_incident_report(self.doctor, self.visit_no, "县疾控中心 值班室", self.at)

    def _reported(self, nat: int) -> None:
        """Suspected, reported in time, investigated; a second NAT within 12 h (the transfer demo sends it)."""
        self.after(25)
        self.classify("suspected")
        self.after(50)
        self.report()
        self.after(60)
        self.order("nucleic_acid")
        self.after(120)
        self.svc().record_investigation(self.doctor, self.visit_no, self.at)

    def _transfer(self, nat: int) -> None:
        """Positive, confirmed and reported (the transfer demo sends it)."""
        self.after(200)
        self.result(nat, "positive", ct=24.5)
        self.after(15)
        self.classify("confirmed")
        self.after(35)
        self.report()
        self.after(180)
        self.svc().record_investigation(self.doctor, self.visit_no, self.at)

    def _corrected(self, nat: int) -> None:
        """Classified confirmed by mistake (no positive result); the medical director approves the
        correction to suspected, and the doctor uses that exception."""
        self.after(25)
        self.classify("confirmed")
        self.after(12)
        approval = CaseExceptionService(self.db, FixedClock(self.at)).approve(
            self.staff["admin"], self.visit_no, "classification_downgrade", {"to": "suspected"},
            "误选确诊：尚无核酸阳性结果，应为疑似病例")
        self.after(3)
        self.classify("suspected", exception_id=approval)
        self.after(30)
        self.report()

    def _excluded(self, nat: int, then: str = "excluded", other_pathogen: str = "") -> None:
        self.after(200 if then != "admitted" else 400)  # admitted: a late result (turnaround missed)
        self.result(nat, "negative")
        self.after(5)
        self.classify("excluded", other_pathogen=other_pathogen)
        self.after(5)
        if then == "excluded":
            self.dispose("excluded_general", {"excluding_test_id": nat})
        elif then == "home":
            self.dispose("home_advice", {"advice": "居家休息，奥司他韦口服，发热加重随诊"})
        else:
            self.dispose("admitted", {"ward": "内科病区", "bed": "12床"})

    def _home(self, nat: int) -> None:
        self._excluded(nat, "home", other_pathogen="甲型流感")

    def _admitted(self, nat: int) -> None:
        self._excluded(nat, "admitted")
