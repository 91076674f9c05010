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
                                                           travel=(TravelEntry("上海浦东", ctx.clock.now().date() - timedelta(days=3)),),
                                                           health_code="green"))
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


def set_mode(ctx: AppContext, mode: str) -> None:
    """The clinic's mode (app.clinic_mode), written as the setting the admin keeps."""
    from app.clinic_mode import MODE_KEY
    from app.db.models import ClinicSetting

    with ctx.db.write() as s:
        row = s.get(ClinicSetting, MODE_KEY)
        if row is None:
            s.add(ClinicSetting(key=MODE_KEY, value=mode, updated_at=ctx.clock.now()))
        else:
            row.value = mode


def observed_with_tests(ctx: AppContext, doctor: Actor, visit_no: str, blood_routine: bool = True) -> int:
    """Observation, a nucleic-acid test sampled now (and a blood routine); returns the NAT's id."""
    ctx.cases.start_observation(doctor, visit_no, "留观1室", "3床")
    case = ctx.cases.order_test(doctor, visit_no, "nucleic_acid", "fever_clinic", ctx.clock.now())
    if blood_routine:
        ctx.cases.order_test(doctor, visit_no, "blood_routine", "fever_clinic", ctx.clock.now())
    return case.tests[-1].id


def result(ctx: AppContext, doctor: Actor, visit_no: str, test_id: int, value: str, after_hours: float = 3):
    """The lab's result for a test, ``after_hours`` later on the test clock."""
    ctx.clock.advance(hours=after_hours)  # type: ignore[attr-defined]
    test = next(t for t in ctx.cases.get(doctor, visit_no).tests if t.id == test_id)
    return ctx.cases.record_result(doctor, test_id, test.version, result=value, result_at=ctx.clock.now(),
                                   lab="县疾控中心实验室")


def excluded_case(ctx: AppContext, doctor: Actor, visit_no: str) -> tuple[int, object]:
    """NAT + blood routine, a negative NAT result, classified excluded; returns (nat id, record)."""
    nat = observed_with_tests(ctx, doctor, visit_no)
    case = result(ctx, doctor, visit_no, nat, "negative")
    return nat, ctx.cases.classify(doctor, visit_no, case.version, "excluded")
