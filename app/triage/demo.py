"""Several days of realistic triage activity for the demo clinic, made through the real services
(each event with a clock set to its own time), so the demo shows what the desk really records."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from app.actor import Actor
from app.clock import FixedClock
from app.db.engine import Database
from app.demo_actor import demo_actor
from app.triage.config_service import RiskAreaRecord, TriageConfigService
from app.triage.handoff_service import HandoffService
from app.triage.identity import check_digit
from app.triage.pharmacy_demo import demo_purchase
from app.triage.records import PatientInput, ScreeningInput, TravelEntry
from app.triage.registration_service import RegistrationService
from app.triage.screening_service import ScreeningService
from app.triage.tables import Screening

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
         "秀兰", "霞", "平", "刚", "桂英", "建华", "玉兰", "䶮", "子涵", "浩然", "梓萱", "一诺"]
VILLAGES = ["新河镇东村", "新河镇西村", "新河镇南街", "柳林村", "石桥村", "河湾村", "新河镇中学", "新河镇粮站"]
RISK_AREAS = [RiskAreaRecord("广东省广州市白云区", "high", None, "demo"),
              RiskAreaRecord("河北省石家庄市藁城区", "medium", None, "demo"),
              RiskAreaRecord("上海市浦东新区", "medium", None, "demo")]
ESCORTS = ["导医 陈静", "保安 刘强", "护士 李娜"]
AREA_CODES = ["110105", "320583", "440106", "130109", "310115", "510107"]


def resident_id(rng: random.Random, birth: date) -> str:
    first17 = f"{rng.choice(AREA_CODES)}{birth:%Y%m%d}{rng.randint(0, 999):03d}"
    return first17 + check_digit(first17)




def create_triage_demo(db: Database, admin: Actor, now: datetime, tz: str, days: int = 5, seed: int = 7) -> int:
    """Add ``days`` days of screenings ending now; returns how many screenings were made."""
    with db.read() as s:
        if s.scalar(select(func.count()).select_from(Screening)):
            return 0
    rng = random.Random(seed)
    nurse, doctor = demo_actor(db, "nurse", "demo-desk"), demo_actor(db, "doctor", "demo-desk")
    TriageConfigService(db, FixedClock(now)).replace_risk_areas(admin, RISK_AREAS, "demo")
    zone = ZoneInfo(tz)
    today = now.astimezone(zone).date()
    made = 0
    for back in range(days - 1, -1, -1):
        day = today - timedelta(days=back)
        start = datetime.combine(day, time(7, 30), zone)
        end = min(datetime.combine(day, time(18, 0), zone), now - timedelta(minutes=1))
        count = rng.randint(35, 60) if back else max(8, int((end - start).total_seconds() / 900))
        moments = sorted(start + timedelta(seconds=rng.uniform(0, max((end - start).total_seconds(), 60)))
                         for _ in range(count))
        for i, at in enumerate(moments):
            if at >= now:
                break
            made += 1
            last_today = back == 0 and i >= len(moments) - 3
            _one_arrival(db, rng, nurse, doctor, at, now, febrile=rng.random() < 0.14 or last_today,
                         stay_open=last_today)
        for _ in range(rng.randint(1, 4)):
            at = start + timedelta(minutes=rng.randint(0, 500))
            if at < now:  # the same draws as before issue 12 (3 categories, 4 names): the story stays
                name = rng.choice(SURNAMES) + rng.choice(GIVEN)
                kind = rng.choice(["antipyretic", "cough", "antiviral"])
                rng.choice(["布洛芬缓释胶囊", "对乙酰氨基酚片", "复方甘草片", "奥司他韦胶囊"])  # drawn, unused
                # prescriptions (some fever reducers not sold), phones, call-backs: app/triage/pharmacy_demo.py
                demo_purchase(db, nurse, at, now, name, kind, round(rng.uniform(36.2, 37.0), 1))
    return made


def _one_arrival(db: Database, rng: random.Random, nurse: Actor, doctor: Actor, at: datetime, now: datetime, *,
                 febrile: bool, stay_open: bool) -> None:
    clock = FixedClock(at)
    if not febrile:
        ScreeningService(db, clock).record(nurse, ScreeningInput(round(rng.uniform(36.0, 37.1), 1),
                                                                 health_code="green"))
        return
    symptoms = frozenset(rng.sample(["fever", "cough", "fatigue", "sore_throat", "nasal", "myalgia"], rng.randint(1, 3)))
    travel = (TravelEntry(rng.choice(["广州白云", "石家庄藁城", "上海浦东"]), (at - timedelta(days=rng.randint(2, 10))).date()),
              ) if rng.random() < 0.3 else ()
    # the nurse checks every code; now and then an elderly patient has none to show (no draw from rng,
    # so the rest of the demo's story stays as it was)
    no_code = at.minute % 11 == 0
    inputs = ScreeningInput(round(rng.uniform(37.3, 39.4), 1), temp_method=rng.choice(["forehead", "axillary"]),
                            symptoms=symptoms, onset_date=(at - timedelta(days=rng.randint(0, 3))).date(),
                            travel=travel, cluster=rng.random() < 0.05,
                            health_code="none" if no_code else "green",
                            health_code_note="老人无智能手机" if no_code else None)
    screening = ScreeningService(db, clock).record(nurse, inputs)
    birth = date(rng.randint(1940, 2015), rng.randint(1, 12), rng.randint(1, 28))
    clock.advance(minutes=rng.randint(2, 5))
    visit = RegistrationService(db, clock).register(nurse, screening_id=screening.id, patient=PatientInput(
        name=rng.choice(SURNAMES) + rng.choice(GIVEN), id_type="resident_id", id_number=resident_id(rng, birth),
        phone=f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}", address=rng.choice(VILLAGES) +
        f"{rng.randint(1, 80)}号", occupation=rng.choice(["农民", "学生", "教师", "个体", "退休"])),
        vaccination_doses=rng.randint(0, 3))
    clock.advance(minutes=1)
    HandoffService(db, clock).send(nurse, visit.visit_no, rng.choice(ESCORTS))
    if stay_open:
        return  # still on the way (the last one today is overdue if it is more than 15 min old)
    clock.advance(minutes=rng.randint(3, 12))
    if clock.now() >= now:
        return
    if rng.random() < 0.03:
        HandoffService(db, clock).report_left(doctor, visit.visit_no, noticed_by="导医 陈静",
                                              reported_to="院感科 王主任", note="候诊时自行离开")
    else:
        HandoffService(db, clock).confirm_arrival(doctor, visit.visit_no)
