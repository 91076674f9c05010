"""Triage fixtures: a clinic with a nurse and a doctor, and a risk-area list."""

from __future__ import annotations

import pytest

from app.actor import Actor
from app.context import AppContext
from app.triage.config_service import RiskAreaRecord

NURSE_PW = "nurse-pass-1"
DOCTOR_PW = "doctor-pass-1"


@pytest.fixture
def staff(ctx: AppContext, admin: Actor) -> dict[str, Actor]:
    ctx.users.create(admin, username="nurse", full_name="李娜", roles=["triage_nurse"], password=NURSE_PW)
    ctx.users.create(admin, username="doctor", full_name="张伟", roles=["doctor"], password=DOCTOR_PW)
    ctx.triage_config.replace_risk_areas(admin, [RiskAreaRecord("广东省广州市白云区", "high", None, "test"),
                                                 RiskAreaRecord("河北省石家庄市藁城区", "medium", None, "test")], "test")
    return {
        "admin": admin,
        "nurse": ctx.users.authenticate("nurse", NURSE_PW, "desk-1"),
        "doctor": ctx.users.authenticate("doctor", DOCTOR_PW, "fever-room"),
    }
