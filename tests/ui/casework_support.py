"""Shared set-up for the fever-clinic GUI tests: a second doctor, and patients received at the
fever clinic (screened, registered, escorted and confirmed through the real services)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QApplication

from app.actor import Actor
from app.casework.records import CaseRecord
from app.context import AppContext
from tests.ui.conftest import ADMIN_PASSWORD
from tests.ui.triage_support import make_visit, resident_id, session_for
from ui.ops import Runner
from ui.session import Session

NIGHT_PASSWORD = "night-pass-2026"


def add_night_doctor(ctx: AppContext) -> None:
    admin = ctx.users.authenticate("admin", ADMIN_PASSWORD, "test-desk")
    ctx.users.create(admin, username="night", full_name="刘洋", roles=["doctor"], password=NIGHT_PASSWORD)


def night_session(ctx: AppContext, runner: Runner) -> Session:
    add_night_doctor(ctx)
    return session_for(ctx, "night", NIGHT_PASSWORD, runner, desk="fever-clinic-2")


def received_patient(ctx: AppContext, nurse: Actor, doctor: Actor, name: str = "王芳", seq: int = 1) -> str:
    """A febrile patient registered, escorted and received at the fever clinic; returns the visit number."""
    detail = make_visit(ctx, nurse, name=name, id_number=resident_id(date(1980 + seq, 6, 1)))
    ctx.handoffs.confirm_arrival(doctor, detail.visit_no)
    return detail.visit_no


def taken_case(ctx: AppContext, nurse: Actor, doctor: Actor, name: str = "王芳", seq: int = 1) -> CaseRecord:
    visit_no = received_patient(ctx, nurse, doctor, name, seq)
    return ctx.cases.take(doctor, visit_no)


def treat_mode(ctx: AppContext) -> None:
    """The clinic runs its own fever room (发热诊室): local dispositions after the tests (issue 12); a
    township clinic refers every patient by default."""
    admin = ctx.users.authenticate("admin", ADMIN_PASSWORD, "test-desk")
    if ctx.clinic.mode().mode != "treat":
        ctx.clinic.change_mode(admin, "treat", "本院设发热诊室")


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


CHIEF_PASSWORD = "chief-pass-2026"


def add_chief(ctx: AppContext) -> None:
    """A doctor who is also an administrator (may approve exceptions): 周主任 (chief)."""
    admin = ctx.users.authenticate("admin", ADMIN_PASSWORD, "test-desk")
    ctx.users.create(admin, username="chief", full_name="周主任", roles=["doctor", "admin"], password=CHIEF_PASSWORD)


def admin_actor(ctx: AppContext) -> Actor:
    return ctx.users.authenticate("admin", ADMIN_PASSWORD, "director-desk")


def confirmed_case(ctx: AppContext, nurse: Actor, doctor: Actor, name: str = "王芳", seq: int = 1) -> CaseRecord:
    """A taken case classified confirmed (by mistake, say): any step back needs an exception."""
    case = taken_case(ctx, nurse, doctor, name, seq)
    return ctx.cases.classify(doctor, case.visit_no, case.version, "confirmed")
