"""The triage nurse's day through the services, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
from datetime import date

import pytest

from app import audit
from app.actor import Actor
from app.clock import FixedClock
from app.context import AppContext
from app.errors import Conflict, PermissionDenied, StaleEdit, ValidationError
from app.triage.lists import ListQuery
from app.triage.pharmacy_service import PurchaseInput
from app.triage.records import PatientInput, ScreeningInput, TravelEntry
from app.triage.rules import TriageRules

RESIDENT = "11010519491231002X"
FEVER = ScreeningInput(38.4, symptoms=frozenset({"fever", "cough"}),
                       travel=(TravelEntry("广州白云", date(2026, 11, 18)),), health_code="green")


def register_fever_patient(ctx: AppContext, nurse: Actor, name: str = "王䶮", id_number: str = RESIDENT):
    screening = ctx.screening.record(nurse, FEVER)
    return ctx.registration.register(nurse, screening_id=screening.id, patient=PatientInput(
        name=name, id_type="resident_id", id_number=id_number, phone="13800138000", address="新河镇一村"))


def test_every_screening_is_counted(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse = staff["nurse"]
    healthy = ctx.screening.record(nurse, ScreeningInput(36.5, health_code="green"))
    assert healthy.decision == "general" and healthy.reasons == ()
    febrile = ctx.screening.record(nurse, FEVER)
    assert febrile.decision == "isolate" and "travel_high" in febrile.reasons
    assert ctx.lists.count(nurse, ListQuery(day=date(2026, 11, 23))) == 2
    assert ctx.lists.count(nurse, ListQuery(decision="general")) == 1


def test_doctor_and_gatekeeper_cannot_screen(ctx: AppContext, staff: dict[str, Actor]) -> None:
    with pytest.raises(PermissionDenied):
        ctx.screening.record(staff["doctor"], ScreeningInput(36.5, health_code="green"))
    with pytest.raises(PermissionDenied):
        ctx.screening.record(staff["admin"], ScreeningInput(36.5, health_code="green"))


def test_downgrade_needs_a_recorded_reason(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse = staff["nurse"]
    with pytest.raises(ValidationError):
        ctx.screening.record(nurse, ScreeningInput(37.5, health_code="green"), decision="general")
    record = ctx.screening.record(nurse, ScreeningInput(37.5, health_code="green"), decision="general", override_reason="饮热水后复测正常")
    assert record.decision == "general" and record.computed_decision == "fever_clinic"
    with ctx.db.read() as s:
        entry = audit.page(s, offset=0, limit=1)[0]
    assert entry.action == "triage.screen" and "饮热水后复测正常" in entry.summary


def test_registration_numbers_and_returning_patient(ctx: AppContext, staff: dict[str, Actor], clock: FixedClock
                                                    ) -> None:
    nurse = staff["nurse"]
    first = register_fever_patient(ctx, nurse)
    assert first.visit_no == "XH01-20261123-0001"
    assert (first.patient.sex, first.patient.birth_date) == ("female", date(1949, 12, 31))
    found = ctx.registration.search_patients(nurse, "1101051949")
    assert [p.id for p in found] == [first.patient.id] and found[0].last_visit_no == first.visit_no
    assert ctx.registration.search_patients(nurse, "wy")[0].id == first.patient.id
    assert ctx.registration.search_patients(nurse, "王")[0].id == first.patient.id
    assert ctx.registration.search_patients(nurse, "138001")[0].id == first.patient.id

    screening = ctx.screening.record(nurse, FEVER)
    with pytest.raises(Conflict) as exc:  # typed again instead of confirming: the nurse is pointed to the record
        ctx.registration.register(nurse, screening_id=screening.id,
                                  patient=PatientInput(name="王䶮", id_type="resident_id", id_number=RESIDENT))
    assert exc.value.details["patient_id"] == first.patient.id
    clock.advance(hours=2)
    second = ctx.registration.register(nurse, screening_id=screening.id, patient_id=first.patient.id,
                                       patient_version=first.patient.version, patient=PatientInput(
                                           name="王䶮", id_type="resident_id", id_number=RESIDENT,
                                           phone="13900139000"))
    assert second.visit_no == "XH01-20261123-0002"  # the refused attempt took no number (issue 16)
    assert second.patient.phone == "13900139000"
    with pytest.raises(StaleEdit):
        third = ctx.screening.record(nurse, FEVER)
        ctx.registration.register(nurse, screening_id=third.id, patient_id=first.patient.id,
                                  patient_version=first.patient.version,
                                  patient=PatientInput(name="王䶮", id_type="resident_id", id_number=RESIDENT))


def test_general_outpatient_is_not_registered_as_fever_patient(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse = staff["nurse"]
    healthy = ctx.screening.record(nurse, ScreeningInput(36.5, health_code="green"))
    with pytest.raises(ValidationError) as exc:
        ctx.registration.register(nurse, screening_id=healthy.id,
                                  patient=PatientInput(name="路人", id_type="passport", id_number="E12345678",
                                                       sex="male"))
    assert exc.value.code == "not_fever_patient"


def test_handoff_closed_loop(ctx: AppContext, staff: dict[str, Actor], clock: FixedClock) -> None:
    nurse, doctor = staff["nurse"], staff["doctor"]
    visit = register_fever_patient(ctx, nurse)
    sent = ctx.handoffs.send(nurse, visit.visit_no, "保安 刘强")
    assert sent.state == "escorting" and (sent.due_at - sent.sent_at).total_seconds() == 15 * 60
    with pytest.raises(Conflict):
        ctx.handoffs.send(nurse, visit.visit_no, "保安 刘强")
    assert [h.visit_no for h in ctx.handoffs.open_handoffs(doctor)] == [visit.visit_no]
    assert ctx.handoffs.overdue(doctor) == []
    clock.advance(minutes=16)
    assert [h.visit_no for h in ctx.handoffs.overdue(nurse)] == [visit.visit_no]
    arrived = ctx.handoffs.confirm_arrival(doctor, visit.visit_no.lower())
    assert arrived.state == "arrived" and arrived.received_by == "doctor"
    assert ctx.handoffs.open_handoffs(doctor) == []
    again = ctx.handoffs.confirm_arrival(doctor, visit.visit_no)  # a slip scanned twice: 已到达, not a failure
    assert again.already_arrived and again.received_at == arrived.received_at
    detail = ctx.registration.detail(doctor, visit.visit_no)
    assert detail.handoffs[-1].state == "arrived"
    today = ctx.handoffs.arrived_since(nurse, arrived.sent_at)  # the board's "arrived" table names the receiver
    assert [(h.received_by, h.received_by_name) for h in today] == [("doctor", "张伟")]


def test_patient_who_left_is_an_incident(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse = staff["nurse"]
    visit = register_fever_patient(ctx, nurse)
    ctx.handoffs.send(nurse, visit.visit_no, "导医 陈")
    with pytest.raises(ValidationError):
        ctx.handoffs.report_left(nurse, visit.visit_no, noticed_by="", reported_to="院感科")
    left = ctx.handoffs.report_left(nurse, visit.visit_no, noticed_by="导医 陈", reported_to="院感科 王主任",
                                    note="在走廊自行离开")
    assert left.state == "left_without_permission" and left.incident_reported_to == "院感科 王主任"
    assert ctx.handoffs.open_handoffs(nurse) == []


def test_unknown_slip_is_not_found(ctx: AppContext, staff: dict[str, Actor]) -> None:
    from app.errors import NotFound

    with pytest.raises(NotFound):
        ctx.handoffs.confirm_arrival(staff["doctor"], "XH01-20261123-9999")


def test_pharmacy_register(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse = staff["nurse"]
    plain = ctx.pharmacy.record(nurse, PurchaseInput(buyer_name="赵六", drug_category="cough", phone="13800138001"))
    assert not plain.febrile and plain.screening_id is None
    febrile = ctx.pharmacy.record(nurse, PurchaseInput(buyer_name="钱七", drug_category="antipyretic",
                                                       phone="13800138002", temperature_c=38.1))
    assert febrile.febrile and febrile.decision == "fever_clinic" and febrile.screening_id
    buyer = PatientInput(name="钱七", id_type="passport", id_number="E1234567", sex="male")
    with pytest.raises(ValidationError) as exc:  # the counter took the temperature only: check the code now
        ctx.registration.register(nurse, screening_id=febrile.screening_id, patient=buyer)
    assert exc.value.code == "health_code_unchecked"
    visit = ctx.registration.register(nurse, screening_id=febrile.screening_id, patient=buyer, health_code="green")
    assert visit.screening.inputs.temperature_c == 38.1 and visit.screening.inputs.health_code == "green"
    with pytest.raises(ValidationError):
        ctx.pharmacy.record(nurse, PurchaseInput(buyer_name="孙八", drug_category="vitamins"))


def test_rules_edited_by_admin_apply_at_once(ctx: AppContext, staff: dict[str, Actor]) -> None:
    admin, nurse = staff["admin"], staff["nurse"]
    rules, version = ctx.triage_config.rules()
    ctx.triage_config.update_rules(admin, TriageRules(fever_threshold_c=37.0), version)
    assert ctx.screening.assess(ScreeningInput(37.1, health_code="green")).decision == "fever_clinic"
    with pytest.raises(StaleEdit):
        ctx.triage_config.update_rules(admin, rules, version)
    with pytest.raises(PermissionDenied):
        ctx.triage_config.update_rules(nurse, rules, version + 1)


def test_risk_area_import(ctx: AppContext, staff: dict[str, Actor], tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "areas.csv"
    path.write_bytes("\ufeffname,level,since\n上海市浦东新区,高风险,2026-11-20\n北京市朝阳区,medium,\n".encode())
    assert ctx.triage_config.import_risk_areas(staff["admin"], path) == 2
    assert {a.name: a.level for a in ctx.triage_config.risk_areas()} == {"上海市浦东新区": "high",
                                                                          "北京市朝阳区": "medium"}
    bad = tmp_path / "bad.csv"
    bad.write_text("上海市浦东新区,很高\n", encoding="utf-8")
    with pytest.raises(ValidationError):
        ctx.triage_config.import_risk_areas(staff["admin"], bad)
    assert len(ctx.triage_config.risk_areas()) == 2  # a bad file changes nothing


def test_list_search_paging_and_csv(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse = staff["nurse"]
    visit = register_fever_patient(ctx, nurse)
    for _ in range(5):
        ctx.screening.record(nurse, ScreeningInput(36.4, health_code="green"))
    page1 = ctx.lists.page(nurse, ListQuery(), limit=4)
    page2 = ctx.lists.page(nurse, ListQuery(), before_id=page1[-1].screening_id, limit=4)
    assert len(page1) == 4 and len(page2) == 2
    assert ctx.lists.page(nurse, ListQuery(text="wy"))[0].visit_no == visit.visit_no
    assert ctx.lists.page(nurse, ListQuery(text="0001"))[0].visit_no == visit.visit_no
    assert ctx.lists.count(nurse, ListQuery(registered_only=True)) == 1
    out = io.StringIO()
    assert ctx.lists.export_csv(nurse, ListQuery(decision="isolate"), out) == 1
    assert visit.visit_no in out.getvalue() and "王䶮" in out.getvalue()
