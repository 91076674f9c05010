"""A fever clinic with two doctors and a patient received from the desk."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.actor import Actor
from app.context import AppContext
from app.triage.records import PatientInput, ScreeningInput, TravelEntry


def arrive(ctx: AppContext, nurse: Actor, doctor: Actor, name: str = "王䶮",
           id_number: str = "11010519491231002X") -> str:
    """Screen, register, send and receive one febrile patient; returns the visit number."""
    screening = ctx.screening.record(nurse, ScreeningInput(38.6, symptoms=frozenset({"fever", "cough"}),
                                                           travel=(TravelEntry("上海浦东", ctx.clock.now().date() - timedelta(days=3)),)))
    visit = ctx.registration.register(nurse, screening_id=screening.id,
                                      patient=PatientInput(name=name, id_type="resident_id", id_number=id_number))
    ctx.handoffs.send(nurse, visit.visit_no, "导医 陈")
    ctx.handoffs.confirm_arrival(doctor, visit.visit_no)
    return visit.visit_no


@pytest.fixture
def clinic(ctx: AppContext, admin: Actor) -> dict[str, Actor]:
    for name, full, roles in (("nurse", "李娜", ["triage_nurse"]), ("doc1", "张伟", ["doctor"]),
                              ("doc2", "刘洋", ["doctor"]), ("gate", "赵强", ["gatekeeper"])):
        ctx.users.create(admin, username=name, full_name=full, roles=roles, password=f"{name}-pass-1")
    return {name: ctx.users.authenticate(name, f"{name}-pass-1", f"ws-{name}")
            for name in ("nurse", "doc1", "doc2", "gate")} | {"admin": admin}
