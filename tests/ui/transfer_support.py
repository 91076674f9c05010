"""Shared set-up for the transfer GUI tests: hospitals, a suspected case, a second site."""

from __future__ import annotations

from pathlib import Path

from app.actor import Actor
from app.clock import FixedClock
from app.context import AppContext, open_context
from app.passwords import OWASP_FLOOR
from app.paths import DataPaths
from app.transfer.records import TransferRecord
from tests.ui.casework_support import taken_case
from tests.ui.conftest import ADMIN_PASSWORD
from ui.session import Session


def admin_actor(ctx: AppContext) -> Actor:
    return ctx.users.authenticate("admin", ADMIN_PASSWORD, "test-desk")


def add_hospitals(ctx: AppContext) -> int:
    """A backup hospital that is not accepting, a designated one that is; returns the designated one's id."""
    admin = admin_actor(ctx)
    ctx.transfers.save_hospital(admin, name="县人民医院", kind="backup", address="县城南路8号", accepting=False)
    ctx.transfers.save_hospital(admin, name="县中医院", kind="backup", address="县城东路2号", phone="0731-5550002")
    return ctx.transfers.save_hospital(admin, name="市传染病医院", kind="designated", address="市北路1号",
                                       phone="0731-88886666").id


def suspected_case(ctx: AppContext, nurse: Session, doctor: Session, name: str = "王芳", seq: int = 1) -> str:
    case = taken_case(ctx, nurse.actor, doctor.actor, name, seq)
    ctx.cases.classify(doctor.actor, case.visit_no, case.version, "suspected")
    return case.visit_no


def requested(ctx: AppContext, doctor: Session, visit_no: str, hospital_id: int) -> TransferRecord:
    return ctx.transfers.request(doctor.actor, visit_no, hospital_id=hospital_id, condition="serious", oxygen=True,
                                 precautions="N95、防护服、面屏", staff="护士 李娜")


def receiving_site(tmp_path: Path, clock: FixedClock) -> AppContext:
    """Another clinic (a designated hospital running Fever Sentinel) with a doctor 'recv'."""
    ctx = open_context(DataPaths(tmp_path / "hospital"), clock=clock, argon2=OWASP_FLOOR)
    ctx.clinic.initialize(Actor.system(), code="SZ01", name="市传染病医院", level="county", admin_username="boss",
                          admin_full_name="院长", admin_password="admin-pass-1")
    ctx.users.create(Actor.system(), username="recv", full_name="周医生", roles=["doctor"], password="recv-pass-1")
    return ctx
