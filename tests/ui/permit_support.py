"""Shared set-up for the ward, permit and gate GUI tests: wards with gates, two inpatients, a
gatekeeper, and helpers that drive the real dialogs."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from app.actor import Actor
from app.context import AppContext
from app.triage.records import PatientInput
from app.wards.gate import GateStation
from app.wards.permit_service import Holder
from app.wards.records import AdmissionRecord, PermitRecord
from tests.ui.conftest import ADMIN_PASSWORD
from tests.ui.triage_support import resident_id, session_for
from ui.gate_station import GateStationPage
from ui.ops import SyncRunner
from ui.pages.permit_dialogs import IssueDialog
from ui.pages.permit_page import PermitsPage
from ui.session import Session

GATE_PASSWORD = "gate-pass-2026"
GENERAL_GATE = "住院部门岗"
ICU_GATE = "重症门岗"
HOLDER_ID = resident_id(date(1975, 1, 1))


def setup_wards(ctx: AppContext) -> dict[str, AdmissionRecord]:
    admin = ctx.users.authenticate("admin", ADMIN_PASSWORD, "desk")
    ctx.users.create(admin, username="gate", full_name="赵强", roles=["gatekeeper"], password=GATE_PASSWORD)
    general = ctx.wards.save_ward(admin, name="普通病区", type="general", gates=[GENERAL_GATE])
    icu = ctx.wards.save_ward(admin, name="重症监护病区", type="critical_care", gates=[ICU_GATE])
    doctor = ctx.users.authenticate("doctor", "doctor-pass-2026", "desk")
    sampled = ctx.clock.now() - timedelta(hours=6)  # 应检尽检: each admitted with a negative result
    return {
        "general": ctx.wards.admit(doctor, ward_id=general.id, bed="3床", nursing_level="2", patient=PatientInput(
            name="刘桂英", id_type="resident_id", id_number=resident_id(date(1948, 3, 2))),
            nat_sampled_at=sampled, nat_result="negative"),
        "icu": ctx.wards.admit(doctor, ward_id=icu.id, bed="1床", nursing_level="1", patient=PatientInput(
            name="陈建华", id_type="resident_id", id_number=resident_id(date(1952, 7, 9))),
            nat_sampled_at=sampled, nat_result="negative"),
    }


def gate_session(ctx: AppContext) -> Session:
    return session_for(ctx, "gate", GATE_PASSWORD, SyncRunner(), desk="gate-pc")


def gate_page(qtbot: Any, ctx: AppContext, gate: str, data_dir: Path, station: GateStation | None = None
              ) -> GateStationPage:
    session = gate_session(ctx)
    station = station or GateStation(ctx.gate, ctx.clock, data_dir, gate)
    page = GateStationPage(session, station=station, feed_interval_ms=60_000)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    page.activated()
    return page


def scan(qtbot: Any, page: GateStationPage, text: str) -> None:
    page.scan.setFocus()
    qtbot.keyClicks(page.scan, text)  # ASCII only (a Base45 payload or a permit number)
    qtbot.keyClick(page.scan, "\r")


def permits_page(qtbot: Any, session: Session) -> PermitsPage:
    page = PermitsPage(session)
    qtbot.addWidget(page)
    page.show()
    page.activated()
    return page


def fill_holder(dialog: IssueDialog, type_text: Any, name: str = "刘强", id_number: str = HOLDER_ID,
                relation: str = "儿子") -> None:
    """The holder; an escort's negative result, a visitor's reason (what every permit now needs)."""
    type_text(dialog.identity.name, name)
    type_text(dialog.identity.id_number, id_number)
    type_text(dialog.relation, relation)
    type_text(dialog.identity.phone, "13912345678")
    if dialog.kind == "escort":
        dialog.test_result.setCurrentIndex(dialog.test_result.findData("negative"))
    else:
        type_text(dialog.reason, "病危告知")


def open_issue(page: PermitsPage, admission_id: int, kind: str) -> IssueDialog:
    page.choose_patient(admission_id)
    (page.escort_button if kind == "escort" else page.visitor_button).click()
    dialog = page.dialog
    assert isinstance(dialog, IssueDialog)
    return dialog


def issue_escort_directly(ctx: AppContext, nurse: Actor, admission_id: int) -> PermitRecord:
    return ctx.permits.issue_escort(nurse, admission_id, Holder("刘强", "resident_id", HOLDER_ID, "儿子"),
                                    test_at=ctx.clock.now() - timedelta(hours=2), test_result="negative")


def issue_visitor_directly(ctx: AppContext, nurse: Actor, admission_id: int, minutes: int = 30) -> PermitRecord:
    now = ctx.clock.now()
    return ctx.permits.issue_visitor(nurse, admission_id, Holder("林芳", "passport", "E7654321", "同事"),
                                     window_start=now, window_end=now + timedelta(minutes=minutes),
                                     reason="病危告知")


def visible(widget: QWidget) -> bool:
    return not widget.isHidden()
