"""Demo fever-clinic cases in every state, some overdue, made through the real services with
each step's clock set to its own time (after the triage demo has received the patients)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select

from app.actor import Actor
from app.casework.case_service import CaseService
from app.casework.tables import Case
from app.clock import FixedClock
from app.db.engine import Database
from app.db.models import User
from app.triage.tables import Handoff, Visit
from app.triage.vocab import HandoffState

PLANS = ("excluded", "home", "reported", "transfer", "admitted", "unreported", "observing", "handover", "left",
         "waiting")


def _doctor(db: Database, username: str) -> Actor:
    with db.read() as s:
        user = s.scalars(select(User).where(User.username == username)).one()
        return Actor(user.id, user.username, user.role_names, "demo-fever-room")


def create_casework_demo(db: Database, now: datetime) -> int:
    """Give the received demo patients a case each (cycling through PLANS); returns cases made."""
    with db.read() as s:
        if s.scalar(select(func.count()).select_from(Case)):
            return 0
        arrivals = s.execute(select(Visit.visit_no, Handoff.received_at).join(Handoff, Handoff.visit_id == Visit.id)
                             .where(Handoff.state == HandoffState.ARRIVED.value).order_by(Handoff.received_at)).all()
    doctor, night = _doctor(db, "doctor"), _doctor(db, "night")
    made = 0
    for i, (visit_no, received_at) in enumerate(arrivals):
        plan = PLANS[i % len(PLANS)] if i < len(arrivals) - 1 else "waiting"
        if plan == "waiting":
            continue
        _play(db, doctor, night, visit_no, received_at, now, plan)
        made += 1
    return made


def _play(db: Database, doctor: Actor, night: Actor, visit_no: str, received_at: datetime, now: datetime,
          plan: str) -> None:
    clock = FixedClock(received_at + timedelta(minutes=4))

    def svc() -> CaseService:
        return CaseService(db, FixedClock(clock.now()))

    def step(minutes: float) -> bool:
        """Move on; False once the step would be in the future (a recent patient stops there)."""
        clock.advance(minutes=minutes)
        return clock.now() <= now

    if clock.now() > now:
        return

    case = svc().take(doctor, visit_no)
    if not step(6):
        return
    case = svc().update_interview(doctor, visit_no, case.version, epi={"notes": "家中无类似病人"},
                                  findings="咽部充血，双肺呼吸音清，未闻及啰音")
    if not step(3):
        return
    svc().start_observation(doctor, visit_no, "留观1室", f"{case.id % 6 + 1}床")
    if not step(2):
        return
    case = svc().order_test(doctor, visit_no, "nucleic_acid", "fever_clinic", clock.now())
    test = case.tests[0]
    if plan == "observing":
        svc().order_test(doctor, visit_no, "blood_routine", "fever_clinic", clock.now())
        return  # result still pending: under observation, its turnaround clock running
    if plan == "handover":
        svc().request_handover(doctor, visit_no, "night", "白班下班交接，核酸结果待回")
        return
    if plan == "left":
        if not step(40):
            return
        svc().dispose(doctor, visit_no, case.version, "left_without_permission",
                      {"left_at": f"{clock.now():%H:%M}", "noticed_by": "护士 李娜", "reported_to": "医务科 王主任"})
        return
    if plan in ("reported", "transfer", "unreported"):
        if not step(25):
            return
        case = svc().classify(doctor, visit_no, case.version, "confirmed" if plan == "transfer" else "suspected")
        if plan == "unreported":
            return  # the 2 h report clock runs (red on the board once it is past)
        if not step(50):
            return
        svc().record_report(doctor, visit_no, f"44{case.id:011d}", clock.now())
        if not step(180):
            return
        svc().record_investigation(doctor, visit_no, clock.now())
        if plan == "transfer":  # confirmed: the transfer demo asks for the ambulance
            svc().record_result(doctor, test.id, test.version, result="positive", ct_value=24.5,
                                result_at=clock.now(), lab="县疾控中心实验室")
        return
    if not step(200 if plan != "admitted" else 400):  # admitted: a late result (turnaround missed)
        return
    case = svc().record_result(doctor, test.id, test.version, result="negative", result_at=clock.now(),
                               lab="县疾控中心实验室")
    case = svc().classify(doctor, visit_no, case.version, "excluded",
                          other_pathogen="甲型流感" if plan == "home" else "")
    if plan == "excluded":
        svc().dispose(doctor, visit_no, case.version, "excluded_general", {"excluding_test_id": test.id})
    elif plan == "home":
        svc().dispose(doctor, visit_no, case.version, "home_advice", {"advice": "居家休息，奥司他韦口服，发热加重随诊"})
    else:
        svc().dispose(doctor, visit_no, case.version, "admitted", {"ward": "内科病区", "bed": "12床"})
