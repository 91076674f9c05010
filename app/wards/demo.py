"""Demo wards, inpatients and permits of every kind and state, through the real services, following the
ward rules: every inpatient admitted with a nucleic-acid test (the not-yet-excluded ones in the buffer or
isolation-observation ward), escorts with a negative result whose permit ends with it, visits of 30
minutes with a reason — one visitor refused at the gate when coming back, one overstaying — and an
isolation-ward escort allowed by an administrator's exception, issued by a nurse."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select

from app.actor import Actor
from app.clock import FixedClock
from app.db.engine import Database
from app.demo_actor import demo_actor
from app.keys import KeyStore
from app.triage.identity import check_digit
from app.triage.records import PatientInput
from app.wards.gate import GateService
from app.wards.permit_service import Holder, PermitService
from app.wards.tables import Permit, Ward
from app.wards.ward_service import WardService

WARDS = (("内科病区", "general", ["内科门岗"]), ("缓冲病区", "buffer", ["缓冲门岗"]),
         ("隔离留观病区", "observation", ["留观门岗"]),
         ("重症监护室", "critical_care", ["ICU门岗"]), ("感染病区", "infectious", ["感染门岗", "感染后门"]))
# ward, bed, nursing level, name, first 14 ID digits, the admission test's result (None: still pending)
INPATIENTS = (("内科病区", "3床", "2", "刘桂英", "32058319470312", "negative"),
              ("内科病区", "5床", "3", "陈建华", "32058319520806", "negative"),
              ("内科病区", "7床", "2", "王秀珍", "32058319550417", "negative"),
              ("缓冲病区", "1床", "1", "黄玉兰", "44010619610215", None),
              ("隔离留观病区", "2床", "2", "孙丽", "44010619700921", None),
              ("重症监护室", "2床", "special", "周明", "11010519580909", "negative"),
              ("感染病区", "6床", "2", "吴涛", "13010919790101", "negative"))


def _id(first14: str, seq: int) -> str:
    first17 = f"{first14}{seq:03d}"
    return first17 + check_digit(first17)




def create_ward_demo(db: Database, keys: KeyStore, admin: Actor, now: datetime) -> int:
    """Wards, seven inpatients, and escort/visitor permits active, revoked, reprinted, ended with the
    escort's test, for a discharged patient, with approved exceptions, a visitor refused on coming back
    and one visitor inside too long (an overstay alert)."""
    with db.read() as s:
        if s.scalar(select(func.count()).select_from(Permit)):
            return 0
        existing = {w.name: w.id for w in s.scalars(select(Ward))}  # another area's demo may have made some
    earlier = FixedClock(now - timedelta(hours=3))
    wards = WardService(db, earlier)
    ids = {name: existing.get(name) or wards.save_ward(admin, name=name, type=kind, gates=gates).id
           for name, kind, gates in WARDS}
    doctor, nurse = demo_actor(db, "doctor", "demo-ward"), demo_actor(db, "nurse", "demo-ward")
    director = demo_actor(db, "admin", "demo-ward")  # approves exceptions; a nurse issues the permit
    gatekeeper = demo_actor(db, "gate", "demo-gate")
    adm = {}
    for i, (ward, bed, level, name, first14, result) in enumerate(INPATIENTS):
        admitting = wards if name != "王秀珍" else WardService(db, FixedClock(now - timedelta(days=4)))
        adm[name] = admitting.admit(doctor, ward_id=ids[ward], bed=bed, nursing_level=level, patient=PatientInput(
            name=name, id_type="resident_id", id_number=_id(first14, 11 + i)),
            nat_sampled_at=admitting.clock.now() - timedelta(hours=2 + i), nat_result=result).id
    permits = PermitService(db, earlier, keys)
    son = Holder("刘强", "resident_id", _id("32058319750101", 33), "儿子", "13912345678")
    active = permits.issue_escort(nurse, adm["刘桂英"], son, test_at=earlier.now() - timedelta(hours=5),
                                  test_result="negative")
    permits.reprint(nurse, active.id, "陪护证遗失")  # the old card is revoked
    approval = wards.approve_exception(director, adm["陈建华"], "escort_level_3", "夜间躁动，医嘱留陪护一人")
    permits.issue_escort(nurse, adm["陈建华"], Holder("陈小红", "resident_id", _id("32058319800202", 44), "女儿"),
                         test_at=earlier.now() - timedelta(hours=2), test_result="negative", exception_id=approval)
    # an escort whose negative result is more than 48 h old: the permit ended with it (renew with a new result)
    lapsed = PermitService(db, FixedClock(now - timedelta(days=3)), keys)
    lapsed.issue_escort(nurse, adm["王秀珍"], Holder("王磊", "resident_id", _id("32058319850505", 55), "儿子"),
                        test_at=now - timedelta(days=3, hours=3), test_result="negative")
    # the buffer ward takes no escort: an administrator's exception, a nurse issues, later revoked
    isolation = wards.approve_exception(director, adm["黄玉兰"], "escort_isolation_ward",
                                        "患者病危，医嘱留陪护一人（已核酸阴性）")
    gone = permits.issue_escort(nurse, adm["黄玉兰"], Holder("黄丽", "resident_id", _id("44010619880808", 77), "女儿"),
                                test_at=earlier.now() - timedelta(hours=1), test_result="negative",
                                exception_id=isolation)
    permits.revoke(nurse, gone.id, "陪护人发热，暂停陪护")
    # visits: 30 minutes, one passage, with the reason an on-site visit is needed
    def at(minutes: int) -> FixedClock:
        return FixedClock(now + timedelta(minutes=minutes))

    used = PermitService(db, at(-130), keys).issue_visitor(
        nurse, adm["陈建华"], Holder("刘敏", "resident_id", _id("32058319900303", 66), "孙女"),
        window_start=now - timedelta(minutes=120), window_end=now - timedelta(minutes=90), reason="术前谈话签字")
    GateService(db, at(-115)).check(gatekeeper, used.payload, "内科门岗")  # in
    GateService(db, at(-100)).check(gatekeeper, used.payload, "内科门岗", direction="out")  # out (F3)
    GateService(db, at(-95)).check(gatekeeper, used.payload, "内科门岗")  # back again: refused (visit used)
    late = PermitService(db, at(-60), keys).issue_visitor(
        nurse, adm["刘桂英"], Holder("林芳", "passport", "E7654321", "同事"),
        window_start=now - timedelta(minutes=50), window_end=now - timedelta(minutes=20), reason="病危告知")
    GateService(db, at(-45)).check(gatekeeper, late.payload, "内科门岗")  # in, and still inside: an overstay
    GateService(db, FixedClock(now - timedelta(minutes=45) + timedelta(seconds=4))).check(
        gatekeeper, late.payload, "内科门岗")  # the scanner read the card twice: 重复扫描, not a second passage
    PermitService(db, FixedClock(now), keys).issue_visitor(
        nurse, adm["王秀珍"], Holder("王芳", "resident_id", _id("32058319920606", 88), "女儿"),
        window_start=now + timedelta(hours=1), window_end=now + timedelta(hours=1, minutes=30), reason="交代出院事项")
    GateService(db, FixedClock(now)).raise_overstays(gatekeeper)
    WardService(db, FixedClock(now)).discharge(doctor, adm["周明"])  # discharged: no permits may be issued any more
    return len(adm)
