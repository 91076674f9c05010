"""Demo purchases at the pharmacy counter (called by app/triage/demo.py for each one it makes): the four
monitored categories, a phone for every buyer, fever reducers with and without a level-2+ prescription
(so some are registered but not sold), and call-backs on the older ones so the follow-up list shows
buyers still open, called without answer, and taken off."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from app.actor import Actor
from app.clock import FixedClock
from app.db.engine import Database
from app.triage.pharmacy_service import PharmacyService, PurchaseInput

MEDICINES = {
    "antipyretic": ["布洛芬缓释胶囊", "对乙酰氨基酚片"],
    "antiviral": ["奥司他韦胶囊", "阿比多尔片"],
    "antibiotic": ["阿莫西林胶囊", "头孢克肟片"],
    "cough": ["复方甘草片", "右美沙芬糖浆"],
}
DOCTORS = [("王建国", "县人民医院"), ("刘芳", "县中医院"), ("陈明", "新河镇卫生院")]  # the last is below level 2
CALLBACKS = [("no_fever", ""), ("seen_elsewhere", "县人民医院发热门诊"), ("refused", "自述症状轻微"),
             ("unreachable", "号码停机")]


def demo_purchase(db: Database, nurse: Actor, at: datetime, now: datetime, name: str, kind: str,
                  temperature: float) -> None:
    """One buyer at ``at``; ``kind`` as app/triage/demo.py drew it (anything but a fever reducer or cough
    medicine becomes an antiviral or an antibiotic). A separate random stream, so the rest of the demo stays as it was."""
    rng = random.Random(f"pharmacy-{at.isoformat()}")
    category = rng.choice(["antiviral", "antibiotic"]) if kind not in ("antipyretic", "cough") else kind
    prescription, doctor, institution = "none", "", ""
    if category == "antipyretic" and rng.random() < 0.6:
        doctor, institution = rng.choice(DOCTORS)
        prescription = "below_level2" if institution.endswith("卫生院") else "level2_plus"
    record = PharmacyService(db, FixedClock(at)).record(nurse, PurchaseInput(
        buyer_name=name, drug_category=category, drug_name=rng.choice(MEDICINES[category]),
        phone=f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}", temperature_c=temperature,
        prescription=prescription, prescriber=doctor, prescriber_institution=institution))
    call_at = at + timedelta(hours=rng.randint(20, 30))
    if call_at >= now:
        return  # today's buyers are still to be called
    chance = rng.random()
    if chance < 0.25:
        return  # not called yet: on the list
    if chance < 0.45:
        PharmacyService(db, FixedClock(call_at)).record_callback(nurse, record.id, "no_answer")
        return
    outcome, note = rng.choice(CALLBACKS)
    PharmacyService(db, FixedClock(call_at)).record_callback(nurse, record.id, outcome, note)
