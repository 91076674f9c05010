"""A hospital with wards of each type, inpatients and staff."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from app.actor import Actor
from app.context import AppContext
from app.triage.records import PatientInput
from app.wards.permit_service import Holder

ESCORT = Holder(name="王小明", id_type="resident_id", id_number="110105198001010016", relation="儿子",
                phone="13800138000")
VISITOR = Holder(name="李丽", id_type="passport", id_number="E1234567", relation="朋友")


@dataclass
class Ward:
    admin: Actor
    nurse: Actor
    gatekeeper: Actor
    wards: dict[str, int]
    patients: dict[str, int]  # admission ids by label


@pytest.fixture
def hospital(ctx: AppContext, admin: Actor) -> Ward:
    ctx.users.create(admin, username="nurse", full_name="李娜", roles=["triage_nurse", "doctor"], password="nurse-pass-1")
    ctx.users.create(admin, username="gate", full_name="赵强", roles=["gatekeeper"], password="gate-pass-1")
    wards = {t: ctx.wards.save_ward(admin, name=n, type=t, gates=g).id for t, n, g in (
        ("general", "内科病区", ["内科门岗"]), ("buffer", "缓冲病区", ["缓冲门岗"]),
        ("observation", "隔离留观病区", ["留观门岗"]),
        ("critical_care", "重症监护室", ["ICU门岗"]), ("infectious", "感染病区", ["感染门岗"]))}
    nurse = ctx.users.authenticate("nurse", "nurse-pass-1", "ward-desk")
    patients = {}
    sampled = ctx.clock.now() - timedelta(hours=8)
    for label, ward, level, number, result in (
            ("general", "general", "2", "11010519491231002X", "negative"),
            ("level3", "general", "3", "110105195001010012", "negative"),
            ("icu", "critical_care", "1", "11010519510101001X", "negative"),
            ("infectious", "infectious", "2", "110105195201010017", "negative"),
            ("buffer", "buffer", "2", "110105195301010014", None),
            ("observation", "observation", "2", "110105195401010011", None)):
        patients[label] = ctx.wards.admit(nurse, ward_id=wards[ward], bed=f"{len(patients) + 1}床", nursing_level=level,
                                          patient=PatientInput(name=f"病人{label}", id_type="resident_id",
                                                               id_number=number),
                                          nat_sampled_at=sampled, nat_result=result).id
    return Ward(admin, nurse, ctx.users.authenticate("gate", "gate-pass-1", "ward-gate"), wards, patients)


def escort(ctx: AppContext, h: Ward, label: str = "general", **kw):  # type: ignore[no-untyped-def]
    return ctx.permits.issue_escort(h.nurse, h.patients[label], ESCORT,
                                    test_at=kw.pop("test_at", ctx.clock.now() - timedelta(hours=6)),
                                    test_result=kw.pop("test_result", "negative"), **kw)


def visitor(ctx: AppContext, h: Ward, label: str = "general", minutes: int = 30, start_in: int = 0,
            **kw):  # type: ignore[no-untyped-def]
    start = ctx.clock.now() + timedelta(minutes=start_in)
    return ctx.permits.issue_visitor(h.nurse, h.patients[label], kw.pop("holder", VISITOR), window_start=start,
                                     window_end=start + timedelta(minutes=minutes),
                                     reason=kw.pop("reason", "病危告知"), **kw)
