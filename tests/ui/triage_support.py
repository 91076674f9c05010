"""Shared set-up for the triage-desk GUI tests: a clinic on a FixedClock, a nurse and a doctor,
the county's risk areas, and helpers that make visits through the real services."""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import cv2

from tests.printing.pdftools import decode_qr as read_qr
from pypdf import PdfReader

from app.actor import Actor
from app.context import AppContext
from app.triage.config_service import RiskAreaRecord
from app.triage.identity import check_digit
from app.triage.records import PatientInput, ScreeningInput, TravelEntry, VisitDetail
from ui.ops import Runner
from ui.session import Session

ZONE = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 3, 10, 9, 0, tzinfo=ZONE)
NURSE_PASSWORD = "nurse-pass-2026"
DOCTOR_PASSWORD = "doctor-pass-2026"
RISK_AREAS = [RiskAreaRecord("广东省广州市白云区", "high", None, "import"),
              RiskAreaRecord("河北省石家庄市藁城区", "medium", None, "import")]


def resident_id(birth: date, *, want_x: bool = False, area: str = "110105") -> str:
    """A valid 18-character resident ID; with ``want_x`` one whose check digit is X."""
    for seq in range(1000):
        first17 = f"{area}{birth:%Y%m%d}{seq:03d}"
        digit = check_digit(first17)
        if (digit == "X") == want_x:
            return first17 + digit
    raise AssertionError("no such ID")


def add_staff(ctx: AppContext, admin: Actor) -> None:
    ctx.users.create(admin, username="nurse", full_name="李娜", roles=["triage_nurse"], password=NURSE_PASSWORD)
    ctx.users.create(admin, username="doctor", full_name="张伟", roles=["doctor"], password=DOCTOR_PASSWORD)
    ctx.triage_config.replace_risk_areas(admin, RISK_AREAS, "import")


def session_for(ctx: AppContext, username: str, password: str, runner: Runner, desk: str = "desk-1") -> Session:
    actor = ctx.users.authenticate(username, password, desk)
    return Session(ctx, actor, runner, ctx.clinic.get(), ctx.users.full_name_of(actor))


def make_visit(ctx: AppContext, nurse: Actor, name: str = "王芳", id_number: str | None = None,
               escort: str | None = "导医 陈静") -> VisitDetail:
    screening = ctx.screening.record(nurse, ScreeningInput(38.4, symptoms=frozenset({"fever", "cough"}),
                                                           travel=(TravelEntry("上海", None),), health_code="green"))
    detail = ctx.registration.register(nurse, screening_id=screening.id, patient=PatientInput(
        name=name, id_type="resident_id", id_number=id_number or resident_id(date(1985, 6, 1)),
        phone="13900001111"))
    if escort:
        ctx.handoffs.send(nurse, detail.visit_no, escort)
    return detail


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() or "" for page in PdfReader(__import__("io").BytesIO(data)).pages)


def decode_qr(pdf: Path, tmp: Path) -> str:
    """Render the first page with pdftoppm at 300 dpi (a card's QR modules are about half a
    millimetre) and read its QR code back with OpenCV's detectors, as the printing tests do."""
    stem = tmp / "page"
    subprocess.run(["pdftoppm", "-r", "300", "-png", "-f", "1", "-l", "1", str(pdf), str(stem)], check=True)
    image = cv2.imread(str(next(tmp.glob("page*.png"))), cv2.IMREAD_GRAYSCALE)
    return read_qr(image)[0]
