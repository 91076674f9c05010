"""Issue 15 — carry forward, through the services (SQLite and PostgreSQL):

* a febrile buyer at the pharmacy counter brings their name, phone, ID number and the counter's screening
  to the desk (``PurchaseRecord.carry`` / ``PharmacyService.carry_forward``), so nothing is typed twice;
* a guide slip scanned again after the patient arrived is 已到达 (``Arrival.already_arrived``, with when and
  who received them), not an error, and writes nothing; a slip whose hand-off ended otherwise is still refused.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.actor import Actor
from app.clock import FixedClock
from app.context import AppContext
from app.db.models import AuditEvent
from app.errors import Conflict, NotFound
from app.triage.handoff_service import Arrival
from app.triage.identity import check_digit
from app.triage.pharmacy_service import PurchaseInput
from app.triage.records import PatientInput, ScreeningInput

PHONE = "13800138000"


def resident_id(birth: date = date(1980, 1, 1)) -> str:
    first17 = f"110105{birth:%Y%m%d}007"
    return first17 + check_digit(first17)


def test_a_febrile_buyer_carries_name_phone_id_and_screening(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse = staff["nurse"]
    record = ctx.pharmacy.record(nurse, PurchaseInput(buyer_name=" 赵 六 ", drug_category="antipyretic", phone=PHONE,
                                                      temperature_c=38.4, id_number=resident_id()))
    carry = record.carry
    assert carry is not None and record.screening_id is not None
    assert (carry.buyer_name, carry.phone, carry.id_number) == ("赵 六", PHONE, resident_id())
    assert carry.temperature_c == 38.4 and carry.screening_id == record.screening_id
    assert carry.decision == record.decision and "fever" in carry.reasons
    assert ctx.pharmacy.carry_forward(nurse, record.id) == carry  # the same, read back later

    # the desk registers with what was carried: the visit's screening is the counter's
    visit = ctx.registration.register(nurse, screening_id=carry.screening_id, patient=PatientInput(
        name=carry.buyer_name, id_type="resident_id", id_number=carry.id_number, phone=carry.phone,
        address="新河镇一村"), health_code="green")
    detail = ctx.registration.detail(nurse, visit.visit_no)
    assert detail.patient.phone == PHONE and detail.screening.inputs.temperature_c == 38.4


def test_a_buyer_without_a_temperature_carries_no_screening(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse = staff["nurse"]
    record = ctx.pharmacy.record(nurse, PurchaseInput(buyer_name="钱七", drug_category="cough", phone=PHONE))
    assert record.carry is not None and record.carry.screening_id is None and record.carry.decision is None
    assert record.carry.id_number is None and record.carry.temperature_c is None
    with pytest.raises(NotFound):
        ctx.pharmacy.carry_forward(nurse, record.id + 99)


def _registered(ctx: AppContext, nurse: Actor) -> str:
    screening = ctx.screening.record(nurse, ScreeningInput(38.6, health_code="green"))
    return ctx.registration.register(nurse, screening_id=screening.id, patient=PatientInput(
        name="王䶮", id_type="resident_id", id_number=resident_id(), phone=PHONE)).visit_no


def _audit_rows(ctx: AppContext) -> int:
    with ctx.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "handoff.arrive")) or 0)


def test_a_slip_scanned_again_is_already_arrived(ctx: AppContext, staff: dict[str, Actor], clock: FixedClock) -> None:
    nurse, doctor = staff["nurse"], staff["doctor"]
    visit_no = _registered(ctx, nurse)
    ctx.handoffs.send(nurse, visit_no, "导医 陈")
    clock.advance(minutes=6)
    first = ctx.handoffs.confirm_arrival(doctor, visit_no)
    assert isinstance(first, Arrival) and not first.already_arrived
    assert first.state == "arrived" and first.received_by == "doctor" and first.received_by_name == "张伟"
    rows = _audit_rows(ctx)

    clock.advance(minutes=30)
    again = ctx.handoffs.confirm_arrival(nurse, f" {visit_no.lower()} ")  # another desk, the scanner's text
    assert again.already_arrived and again.state == "arrived"
    assert again.received_at == first.received_at and again.received_by_name == "张伟"  # when, and who
    assert _audit_rows(ctx) == rows  # nothing written for a re-scan


def test_a_slip_whose_hand_off_ended_otherwise_is_refused(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse, doctor = staff["nurse"], staff["doctor"]
    visit_no = _registered(ctx, nurse)
    ctx.handoffs.send(nurse, visit_no, "导医 陈")
    ctx.handoffs.report_left(nurse, visit_no, noticed_by="导医 陈", reported_to="院感科")
    with pytest.raises(Conflict) as exc:
        ctx.handoffs.confirm_arrival(doctor, visit_no)
    assert exc.value.code == "handoff_closed"
    with pytest.raises(NotFound):
        ctx.handoffs.confirm_arrival(doctor, "XH01-20261123-9999")
