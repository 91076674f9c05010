"""Demo wards, inpatients and permits of every kind and state, through the real services."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select

from app.actor import Actor
from app.clock import FixedClock
from app.db.engine import Database
from app.db.models import User
from app.keys import KeyStore
from app.triage.identity import check_digit
from app.triage.records import PatientInput
from app.wards.gate import GateService
from app.wards.permit_service import Holder, PermitService
from app.wards.tables import Ward
from app.wards.ward_service import WardService

WARDS = (("内科病区", "general", ["内科门岗"]), ("缓冲病区", "buffer", ["缓冲门岗"]),
         ("重症监护室", "critical_care", ["ICU门岗"]), ("感染病区", "infectious", ["感染门岗", "感染后门"]))
INPATIENTS = (("内科病区", "3床", "2", "刘桂英", "32058319470312"), ("内科病区", "5床", "3", "陈建华", "32058319520806"),
              ("缓冲病区", "1床", "1", "黄玉兰", "44010619610215"), ("重症监护室", "2床", "special", "周明", "11010519580909"),
              ("感染病区", "6床", "2", "吴涛", "13010919790101"))


def _id(first14: str, seq: int) -> str:
    first17 = f"{first14}{seq:03d}"
    return first17 + check_digit(first17)


def _actor(db: Database, username: str, workstation: str) -> Actor:
    with db.read() as s:
        user = s.scalars(select(User).where(User.username == username)).one()
        return Actor(user.id, user.username, user.role_names, workstation)


def create_ward_demo(db: Database, keys: KeyStore, admin: Actor, now: datetime) -> int:
    """Wards, five inpatients, and escort/visitor permits active, revoked, reprinted, expired,
    for a discharged patient, with an approved exception, and one visitor inside too long."""
    with db.read() as s:
        if s.scalar(select(func.count()).select_from(Ward)):
            return 0
    earlier = FixedClock(now - timedelta(hours=3))
    wards = WardService(db, earlier)
    ids = {name: wards.save_ward(admin, name=name, type=kind, gates=gates).id for name, kind, gates in WARDS}
    doctor, nurse = _actor(db, "doctor", "demo-ward"), _actor(db, "nurse", "demo-ward")
    gatekeeper = _actor(db, "gate", "demo-gate")
    adm = {}
    for i, (ward, bed, level, name, first14) in enumerate(INPATIENTS):
        adm[name] = wards.admit(doctor, ward_id=ids[ward], bed=bed, nursing_level=level, patient=PatientInput(
            name=name, id_type="resident_id", id_number=_id(first14, 11 + i))).id
    permits = PermitService(db, earlier, keys)
    son = Holder("刘强", "resident_id", _id("32058319750101", 33), "儿子", "13912345678")
    active = permits.issue_escort(nurse, adm["刘桂英"], son, test_at=earlier.now() - timedelta(hours=5))
    permits.reprint(nurse, active.id, "陪护证遗失")  # the old card is revoked
    approval = wards.approve_exception(admin, adm["陈建华"], "escort_level_3", "夜间躁动，医嘱留陪护一人")
    permits.issue_escort(nurse, adm["陈建华"], Holder("陈小红", "resident_id", _id("32058319800202", 44), "女儿"),
                         test_at=earlier.now() - timedelta(hours=2), exception_id=approval)
    expired = PermitService(db, FixedClock(now - timedelta(days=3)), keys)
    expired.issue_escort(nurse, adm["黄玉兰"], Holder("黄伟", "resident_id", _id("44010619850505", 55), "丈夫"),
                         test_at=now - timedelta(days=3, hours=3), valid_until=now - timedelta(days=1))
    visitor = permits.issue_visitor(nurse, adm["黄玉兰"], Holder("林芳", "passport", "E7654321", "同事"),
                                    window_start=earlier.now(), window_end=now + timedelta(hours=2))
    permits.issue_visitor(nurse, adm["刘桂英"], Holder("刘敏", "resident_id", _id("32058319900303", 66), "孙女"),
                          window_start=now + timedelta(hours=1), window_end=now + timedelta(hours=3))
    gone = permits.issue_escort(nurse, adm["黄玉兰"], Holder("黄丽", "resident_id", _id("44010619880808", 77), "女儿"),
                                test_at=earlier.now() - timedelta(hours=1))
    permits.revoke(nurse, gone.id, "陪护人发热，暂停陪护")
    GateService(db, FixedClock(now - timedelta(minutes=42))).check(gatekeeper, visitor.payload, "缓冲门岗")
    wards.discharge(doctor, adm["周明"])  # a discharged patient (no permits may be issued any more)
    return len(adm)
