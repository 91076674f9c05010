"""Demo hospitals and transfers in every state, through the real services with per-step clocks: a cancelled
request is asked for again at the backup hospital (a suspected case still owes its transfer), and a patient
in a ward who turned antigen-positive is transferred from the ward (discharged when the ambulance leaves)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import func, select

from app.actor import Actor
from app.casework.case_service import CaseService
from app.casework.tables import Case
from app.casework.vocab import Disposition
from app.clock import FixedClock
from app.db.engine import Database
from app.demo_actor import demo_actor
from app.errors import FeverSentinelError
from app.keys import KeyStore
from app.transfer.records import TransferRecord
from app.transfer.service import TransferService
from app.transfer.tables import Transfer
from app.triage.tables import Visit
from app.wards.tables import Ward
from app.wards.ward_service import WardService

log = logging.getLogger(__name__)

HOSPITALS = (("市传染病医院", "designated", "市北区康复路1号", "0755-88886666", True),
             ("县人民医院感染科", "backup", "县城人民路88号", "0755-23456789", True),
             ("市第二人民医院", "backup", "市南区健康路9号", "0755-22223333", False),
             ("县人民医院发热门诊", "fever_clinic", "县城人民路88号门诊楼1层", "0755-23456780", True))
STATES = ("requested", "dispatched", "departed", "handed_over", "closed", "cancelled")




def create_transfer_demo(db: Database, keys: KeyStore, admin: Actor, now: datetime) -> int:
    """Hospitals, then one transfer per state for the demo's suspected cases; returns transfers made."""
    with db.read() as s:
        if s.scalar(select(func.count()).select_from(Transfer)):
            return 0
        suspected = s.execute(select(Visit.visit_no, Case.classified_at).join(Case, Case.visit_id == Visit.id)
                              .where(Case.classification.in_(["suspected", "confirmed"]), Case.closed_at.is_(None))
                              .order_by(Case.classified_at)).all()
    service = TransferService(db, FixedClock(now), keys)
    hospital_ids = [service.save_hospital(admin, name=n, kind=k, address=a, phone=p, accepting=acc).id
                    for n, k, a, p, acc in HOSPITALS]
    doctor, nurse = demo_actor(db, "doctor", "demo-fever-room"), demo_actor(db, "nurse", "demo-desk")
    made = 0
    for (visit_no, classified_at), state in zip(suspected, STATES):
        if classified_at is None:  # never: a classified case has its time
            continue
        at = min(classified_at + timedelta(minutes=20), now)
        t = TransferService(db, FixedClock(at), keys).request(
            doctor, visit_no, hospital_id=hospital_ids[0], condition="serious", oxygen=True,
            precautions="N95口罩、防护服、护目镜，负压担架", staff="护士 李娜")
        made += 1
        for step, minutes in _steps(state):
            at += timedelta(minutes=minutes)
            if at > now:
                break  # a recent case: the rest has not happened yet
            t = step(TransferService(db, FixedClock(at), keys), nurse, t, at)
        if t.state == "cancelled" and at + timedelta(minutes=5) <= now:  # still owed: asked for again
            TransferService(db, FixedClock(at + timedelta(minutes=5)), keys).request(
                doctor, visit_no, hospital_id=hospital_ids[1], condition="serious", oxygen=True,
                precautions="N95口罩、防护服、护目镜，负压担架", staff="护士 李娜", reason="改约后备定点医院")
            made += 1
    try:
        made += _from_a_ward(db, keys, admin, now, hospital_ids[0])
    except FeverSentinelError as exc:  # the other areas' rules may refuse a step: the rest of the demo stands
        log.warning("demo: no transfer from a ward (%s)", exc)
    return made


def _from_a_ward(db: Database, keys: KeyStore, admin: Actor, now: datetime, hospital_id: int) -> int:
    """The demo's admitted patient (excluded, in 内科病区) turns antigen-positive in the ward: classified
    suspected, and transferred from the ward by the doctor on duty there."""
    with db.read() as s:
        row = s.execute(select(Visit.visit_no, Case.closed_at, Case.doctor_username).join(Case, Case.visit_id == Visit.id)
                        .where(Case.disposition == Disposition.ADMITTED.value).order_by(Case.closed_at)).first()
        ward_id = s.scalar(select(Ward.id).where(Ward.name == "内科病区"))
    if row is None or row.closed_at + timedelta(hours=3) > now:
        return 0
    visit_no, at = row.visit_no, row.closed_at + timedelta(minutes=10)
    owner, ward_doctor = demo_actor(db, row.doctor_username, "demo-fever-room"), demo_actor(db, "night", "demo-ward")
    nurse = demo_actor(db, "nurse", "demo-desk")
    if ward_id is None:
        ward_id = WardService(db, FixedClock(at)).save_ward(admin, name="内科病区", type="general",
                                                            gates=["内科门岗"]).id
    WardService(db, FixedClock(at)).admit(owner, ward_id=ward_id, bed="12床", nursing_level="2", visit_no=visit_no)
    at += timedelta(minutes=90)
    case = CaseService(db, FixedClock(at)).order_test(owner, visit_no, "antigen", "inpatient", at)
    test = case.tests[-1]
    at += timedelta(minutes=20)
    case = CaseService(db, FixedClock(at)).record_result(owner, test.id, test.version, result="positive",
                                                         result_at=at, lab="本院检验科")
    at += timedelta(minutes=10)
    CaseService(db, FixedClock(at)).classify(owner, visit_no, case.version, "suspected")
    at += timedelta(minutes=15)
    t = TransferService(db, FixedClock(at), keys).request(
        ward_doctor, visit_no, hospital_id=hospital_id, condition="stable", oxygen=False,
        precautions="N95口罩、防护服、护目镜", staff="病区护士 赵敏")
    for step, minutes in _steps("departed"):
        at += timedelta(minutes=minutes)
        if at > now:
            break
        t = step(TransferService(db, FixedClock(at), keys), nurse, t, at)
    return 1


def _steps(state: str) -> list[tuple[Callable[[TransferService, Actor, TransferRecord, datetime], TransferRecord],
                                     int]]:
    """The steps that bring a fresh request to ``state``, each with the minutes it takes."""
    if state == "cancelled":
        return [(lambda s, a, t, at: s.cancel(a, t.id, t.version, "定点医院床位已满，改约后备定点医院"), 10)]
    chain: list[tuple[Callable[[TransferService, Actor, TransferRecord, datetime], TransferRecord], int]] = [
        (lambda s, a, t, at: s.dispatch(a, t.id, t.version, call_120_at=at, dispatch_ref=f"120-{t.id:04d}",
                                        vehicle_plate="粤B·J1203", negative_pressure=True,
                                        crew="司机 王强；随车医生 刘芳"), 8),
        (lambda s, a, t, at: s.depart(a, t.id, t.version, at), 25),
        (lambda s, a, t, at: s.record_handover(a, t.id, t.version, receiving_staff="周医生",
                                               receiving_department="感染科", handed_over_at=at,
                                               arrival_condition="stable"), 40),
        (lambda s, a, t, at: s.record_disinfection(a, t.id, t.version, disinfected_at=at, method="过氧化氢喷雾＋擦拭",
                                                   by="洗消员 陈刚"), 60),
    ]
    return chain[:STATES.index(state)]
