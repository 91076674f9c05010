"""The antipyretic register (退热药品购买登记), through the services, on SQLite and PostgreSQL.

"无二级以上医疗机构医生处方不得出售退烧药物…对购买退烧药物的顾客需进行登记，并引导到就近发热门诊就诊":
each rule both ways — categories, prescription, phone and ID number, the guide slip's data, the
follow-up list (seen at a fever clinic, or called back) and the pharmacy screening on the timeline.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from app.actor import Actor
from app.clock import FixedClock
from app.context import AppContext
from app.db.models import AuditEvent
from app.errors import Conflict, PermissionDenied, ValidationError
from app.triage.identity import check_digit
from app.triage.pharmacy_service import ANTIPYRETIC_RULE, PurchaseInput
from app.triage.records import PatientInput, ScreeningInput
from app.triage.tables import PharmacyPurchase
from app.triage.vocab import LEGACY_DRUG_CATEGORIES, DrugCategory

PHONE = "13800138000"


def resident_id(n: int = 1, birth: date = date(1980, 1, 1)) -> str:
    first17 = f"110105{birth:%Y%m%d}{n:03d}"
    return first17 + check_digit(first17)


def buy(ctx: AppContext, nurse: Actor, **kw: object):
    fields: dict[str, object] = {"buyer_name": "赵六", "drug_category": "cough", "phone": PHONE, **kw}
    return ctx.pharmacy.record(nurse, PurchaseInput(**fields))  # type: ignore[arg-type]


def register_walk_in(ctx: AppContext, nurse: Actor, *, phone: str | None = None, id_number: str | None = None,
                     screening_id: int | None = None) -> str:
    if screening_id is None:
        screening_id = ctx.screening.record(nurse, ScreeningInput(38.5, symptoms=frozenset({"fever"}),
                                                                  health_code="green")).id
    patient = (PatientInput(name="赵六", id_type="resident_id", id_number=id_number, phone=phone) if id_number
               else PatientInput(name="赵六", id_type="other", id_missing_reason="未带证件", sex="male", phone=phone))
    return ctx.registration.register(nurse, screening_id=screening_id, patient=patient,
                                     health_code="green").visit_no


def errors_of(exc: pytest.ExceptionInfo[ValidationError]) -> tuple[str, str | None]:
    return exc.value.code, exc.value.details.get("field")


# ----- categories ---------------------------------------------------------------------------------

def test_the_monitored_categories_are_accepted_and_the_retired_one_is_not(
        ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse = staff["nurse"]
    assert [c.value for c in DrugCategory] == ["antipyretic", "antiviral", "antibiotic", "cough"]
    for category in ("antiviral", "antibiotic", "cough"):
        record = buy(ctx, nurse, drug_category=category)
        assert record.sold and record.drug_category == category
    assert "antidiarrhoeal" in LEGACY_DRUG_CATEGORIES
    for category in ("antidiarrhoeal", "vitamins", ""):
        with pytest.raises(ValidationError) as exc:
            buy(ctx, nurse, drug_category=category)
        assert errors_of(exc) == ("drug_category", "drug_category")


def test_an_old_antidiarrhoeal_row_stays_readable(ctx: AppContext, staff: dict[str, Actor],
                                                  clock: FixedClock) -> None:
    from app import vocabulary as V
    from app.vocabulary.triage import DRUG_CATEGORY

    with ctx.db.write() as s:
        s.add(PharmacyPurchase(at=clock.now(), clinic_day=date(2026, 11, 23), username="old", buyer_name="旧记录",
                               drug_category="antidiarrhoeal"))
    with ctx.db.read() as s:
        row = s.scalars(select(PharmacyPurchase)).one()
        assert (row.outcome, row.prescription, row.follow_up) == ("sold", "none", False)
    assert V.label(DRUG_CATEGORY, "antidiarrhoeal") == "止泻药(原类别)"
    assert ctx.pharmacy.followup(staff["nurse"], row.id).state == "not_required"
    assert ctx.pharmacy.open_followups(staff["nurse"]) == []


# ----- prescription: "无二级以上医疗机构医生处方不得出售退烧药物" ------------------------------------------

def test_an_antipyretic_with_a_level2_prescription_is_sold(ctx: AppContext, staff: dict[str, Actor]) -> None:
    record = buy(ctx, staff["nurse"], drug_category="antipyretic", prescription="level2_plus",
                 prescriber=" 张 医生 ", prescriber_institution="县人民医院")
    assert record.sold and record.outcome == "sold" and record.refused_rule is None
    with ctx.db.read() as s:
        row = s.get(PharmacyPurchase, record.id)
        assert row is not None
        assert (row.prescription, row.prescriber, row.prescriber_institution) == ("level2_plus", "张 医生", "县人民医院")


@pytest.mark.parametrize("prescription", ["none", "below_level2"])
def test_an_antipyretic_without_a_level2_prescription_is_registered_but_not_sold(
        ctx: AppContext, staff: dict[str, Actor], prescription: str) -> None:
    extra = {} if prescription == "none" else {"prescriber": "李医生", "prescriber_institution": "柳林村卫生室"}
    record = buy(ctx, staff["nurse"], drug_category="antipyretic", prescription=prescription, **extra)
    assert not record.sold and record.outcome == "not_sold" and record.refused_rule == ANTIPYRETIC_RULE
    with ctx.db.read() as s:  # the registration is kept: registered, guided, followed up
        row = s.get(PharmacyPurchase, record.id)
        assert row is not None and row.outcome == "not_sold" and row.phone == PHONE and row.follow_up
        audit = s.scalars(select(AuditEvent).where(AuditEvent.action == "pharmacy.purchase")).one()
        summary = json.loads(audit.summary)
        assert summary["outcome"] == "not_sold" and summary["refused_rule"] == ANTIPYRETIC_RULE
        assert "赵六" not in audit.summary and PHONE not in audit.summary
    assert [f.purchase_id for f in ctx.pharmacy.open_followups(staff["nurse"])] == [record.id]


def test_other_categories_need_no_prescription(ctx: AppContext, staff: dict[str, Actor]) -> None:
    for category in ("antiviral", "antibiotic", "cough"):
        assert buy(ctx, staff["nurse"], drug_category=category, prescription="none").sold


def test_a_prescription_names_its_doctor_and_institution(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse = staff["nurse"]
    with pytest.raises(ValidationError) as exc:
        buy(ctx, nurse, drug_category="antipyretic", prescription="level2_plus", prescriber_institution="县医院")
    assert errors_of(exc) == ("prescriber_required", "prescriber")
    with pytest.raises(ValidationError) as exc:
        buy(ctx, nurse, drug_category="antipyretic", prescription="level2_plus", prescriber="张医生")
    assert errors_of(exc) == ("prescriber_institution_required", "prescriber_institution")
    with pytest.raises(ValidationError) as exc:
        buy(ctx, nurse, prescription="level3")
    assert errors_of(exc) == ("prescription", "prescription")
    with pytest.raises(ValidationError) as exc:
        buy(ctx, nurse, prescription="below_level2", prescriber="张" * 65, prescriber_institution="卫生室")
    assert errors_of(exc) == ("too_long", "prescriber")
    record = buy(ctx, nurse, prescription="none", prescriber="ignored", prescriber_institution="ignored")
    with ctx.db.read() as s:
        row = s.get(PharmacyPurchase, record.id)
        assert row is not None and (row.prescriber, row.prescriber_institution) == ("", "")


# ----- the buyer: phone required, ID number optional but checked ----------------------------------------

def test_the_phone_is_required_and_checked(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse = staff["nurse"]
    for phone in (None, "", "   "):
        with pytest.raises(ValidationError) as exc:
            buy(ctx, nurse, phone=phone)
        assert errors_of(exc) == ("buyer_phone_required", "phone")
    with pytest.raises(ValidationError) as exc:
        buy(ctx, nurse, phone="12345")
    assert errors_of(exc) == ("phone", "phone")
    record = buy(ctx, nurse, phone="+86 138-0013-8000")
    with ctx.db.read() as s:
        row = s.get(PharmacyPurchase, record.id)
        assert row is not None and row.phone == PHONE


def test_the_id_number_is_optional_but_checked_when_given(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse = staff["nurse"]
    without = buy(ctx, nurse, id_number="  ")
    good = resident_id(7)
    with_id = buy(ctx, nurse, id_number=good.lower() if good.endswith("X") else f" {good} ")
    with ctx.db.read() as s:
        assert s.get(PharmacyPurchase, without.id).id_number is None  # type: ignore[union-attr]
        assert s.get(PharmacyPurchase, with_id.id).id_number == good  # type: ignore[union-attr]
    broken = good[:17] + ("0" if good[17] != "0" else "1")
    for number, code in ((broken, "id_check_digit"), ("12345", "id_format"),
                         (resident_id(1, date(2030, 1, 1)), "id_birth_date")):
        with pytest.raises(ValidationError) as exc:
            buy(ctx, nurse, id_number=number)
        assert errors_of(exc) == (code, "id_number")


def test_only_triage_staff_register_purchases(ctx: AppContext, staff: dict[str, Actor]) -> None:
    with pytest.raises(PermissionDenied):
        buy(ctx, staff["doctor"])
    assert buy(ctx, staff["nurse"]).id


# ----- the guide slip: every buyer -------------------------------------------------------------------

def test_every_buyer_gets_a_guide_to_the_fever_clinic(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse, admin = staff["nurse"], staff["admin"]
    record = buy(ctx, nurse, drug_category="antipyretic")
    guide = ctx.pharmacy.guide(nurse, record.id)
    assert (guide.purchase_id, guide.buyer_name, guide.drug_category, guide.outcome) == (
        record.id, "赵六", "antipyretic", "not_sold")
    assert guide.clinic_mode == "refer" and guide.hospital_name == ""  # a township clinic refers by default
    ctx.transfers.save_hospital(admin, name="县人民医院", kind="designated", address="城关镇人民路88号",
                                phone="0371-12345678")
    guide = ctx.pharmacy.guide(nurse, record.id)
    assert (guide.hospital_name, guide.hospital_address, guide.hospital_phone) == (
        "县人民医院", "城关镇人民路88号", "0371-12345678")
    ctx.clinic.change_mode(admin, "treat", "本院设发热门诊")
    assert ctx.pharmacy.guide(nurse, record.id).clinic_mode == "treat"


# ----- the follow-up list ------------------------------------------------------------------------------

def test_every_buyer_is_followed_up_oldest_first(ctx: AppContext, staff: dict[str, Actor],
                                                 clock: FixedClock) -> None:
    nurse = staff["nurse"]
    first = buy(ctx, nurse, buyer_name="甲", phone="13800000001", drug_category="antiviral")
    clock.advance(minutes=5)
    second = buy(ctx, nurse, buyer_name="乙", phone="13800000002", drug_category="antipyretic")
    open_ = ctx.pharmacy.open_followups(nurse)
    assert [(f.purchase_id, f.buyer_name, f.phone, f.state, f.calls) for f in open_] == [
        (first.id, "甲", "13800000001", "open", 0), (second.id, "乙", "13800000002", "open", 0)]
    assert open_[1].outcome == "not_sold"
    with pytest.raises(PermissionDenied):
        ctx.pharmacy.open_followups(staff["doctor"])


def test_a_fever_clinic_visit_with_the_same_phone_takes_the_buyer_off(
        ctx: AppContext, staff: dict[str, Actor], clock: FixedClock) -> None:
    nurse = staff["nurse"]
    register_walk_in(ctx, nurse, phone=PHONE)  # a visit BEFORE the purchase does not count
    clock.advance(minutes=10)
    record = buy(ctx, nurse)
    assert ctx.pharmacy.followup(nurse, record.id).state == "open"
    clock.advance(hours=3)
    register_walk_in(ctx, nurse, phone="13900000000")  # someone else
    assert [f.purchase_id for f in ctx.pharmacy.open_followups(nurse)] == [record.id]
    clock.advance(hours=1)
    visit_no = register_walk_in(ctx, nurse, phone=PHONE)
    assert ctx.pharmacy.open_followups(nurse) == []
    state = ctx.pharmacy.followup(nurse, record.id)
    assert (state.state, state.seen_visit_no) == ("seen_at_fever_clinic", visit_no)
    with pytest.raises(Conflict) as exc:
        ctx.pharmacy.record_callback(nurse, record.id, "no_fever")
    assert exc.value.code == "followup_closed" and exc.value.details["visit_no"] == visit_no


def test_a_fever_clinic_visit_with_the_same_id_number_takes_the_buyer_off(
        ctx: AppContext, staff: dict[str, Actor], clock: FixedClock) -> None:
    nurse = staff["nurse"]
    number = resident_id(3)
    other = buy(ctx, nurse, phone="13700000000", id_number=resident_id(4))
    record = buy(ctx, nurse, phone="13700000001", id_number=number)
    clock.advance(hours=2)
    register_walk_in(ctx, nurse, id_number=number, phone="13600000000")  # another phone, same person
    assert [f.purchase_id for f in ctx.pharmacy.open_followups(nurse)] == [other.id]
    assert ctx.pharmacy.followup(nurse, record.id).state == "seen_at_fever_clinic"


def test_a_febrile_buyer_registered_from_the_counter_is_seen(ctx: AppContext, staff: dict[str, Actor],
                                                             clock: FixedClock) -> None:
    nurse = staff["nurse"]
    record = buy(ctx, nurse, drug_category="antipyretic", temperature_c=38.6)
    assert record.febrile and record.screening_id and record.decision == "fever_clinic"
    clock.advance(minutes=3)
    register_walk_in(ctx, nurse, screening_id=record.screening_id, phone="13500000000")
    assert ctx.pharmacy.followup(nurse, record.id).state == "seen_at_fever_clinic"
    assert ctx.pharmacy.open_followups(nurse) == []


def test_a_call_back_with_an_outcome_closes_and_no_answer_keeps_it_open(
        ctx: AppContext, staff: dict[str, Actor], clock: FixedClock) -> None:
    nurse = staff["nurse"]
    record = buy(ctx, nurse)
    clock.advance(hours=4)
    call = ctx.pharmacy.record_callback(nurse, record.id, "no_answer")
    assert not call.closed
    (still,) = ctx.pharmacy.open_followups(nurse)
    assert (still.calls, still.last_call_at) == (1, clock.now())
    clock.advance(hours=2)
    call = ctx.pharmacy.record_callback(nurse, record.id, "seen_elsewhere", " 县人民医院发热门诊 ")
    assert call.closed and call.note == "县人民医院发热门诊"
    assert ctx.pharmacy.open_followups(nurse) == []
    state = ctx.pharmacy.followup(nurse, record.id)
    assert (state.state, state.callback_outcome, state.calls) == ("called_back", "seen_elsewhere", 2)
    with pytest.raises(Conflict) as exc:
        ctx.pharmacy.record_callback(nurse, record.id, "refused")
    assert exc.value.code == "followup_closed"
    with ctx.db.read() as s:
        rows = list(s.scalars(select(AuditEvent).where(AuditEvent.action == "pharmacy.callback")
                              .order_by(AuditEvent.seq)))
    assert [(r.entity, r.entity_id, r.outcome) for r in rows] == [
        ("purchase", str(record.id), "success"), ("purchase", str(record.id), "success"),
        ("purchase", str(record.id), "failed")]
    assert json.loads(rows[1].summary)["outcome"] == "seen_elsewhere" and json.loads(rows[1].summary)["closed"]


@pytest.mark.parametrize("outcome", ["seen_elsewhere", "no_fever", "refused", "unreachable"])
def test_each_closing_outcome_closes(ctx: AppContext, staff: dict[str, Actor], outcome: str) -> None:
    record = buy(ctx, staff["nurse"])
    assert ctx.pharmacy.record_callback(staff["nurse"], record.id, outcome).closed
    assert ctx.pharmacy.open_followups(staff["nurse"]) == []


def test_a_call_back_needs_a_known_outcome_and_purchase(ctx: AppContext, staff: dict[str, Actor]) -> None:
    from app.errors import NotFound

    nurse = staff["nurse"]
    record = buy(ctx, nurse)
    with pytest.raises(ValidationError) as exc:
        ctx.pharmacy.record_callback(nurse, record.id, "maybe")
    assert errors_of(exc) == ("callback_outcome", "outcome")
    with pytest.raises(ValidationError) as exc:
        ctx.pharmacy.record_callback(nurse, record.id, "no_fever", "说" * 201)
    assert errors_of(exc) == ("too_long", "note")
    with pytest.raises(NotFound):
        ctx.pharmacy.record_callback(nurse, record.id + 99, "no_fever")
    with pytest.raises(PermissionDenied):
        ctx.pharmacy.record_callback(staff["doctor"], record.id, "no_fever")
    assert [f.purchase_id for f in ctx.pharmacy.open_followups(nurse)] == [record.id]


# ----- the counter screening belongs to the patient's timeline -----------------------------------------

def test_the_pharmacy_screening_is_on_the_patients_timeline(ctx: AppContext, staff: dict[str, Actor],
                                                            clock: FixedClock) -> None:
    nurse = staff["nurse"]
    unrelated = buy(ctx, nurse, buyer_name="别人", phone="13300000000")
    record = buy(ctx, nurse, drug_category="antipyretic", temperature_c=38.8)
    clock.advance(minutes=2)
    visit_no = register_walk_in(ctx, nurse, screening_id=record.screening_id, phone=PHONE)
    ctx.pharmacy.record_callback(nurse, unrelated.id, "no_answer")
    timeline = ctx.timelines.timeline(nurse, visit_no)
    actions = [e.action for e in timeline.events]
    assert actions[:2] == ["pharmacy.purchase", "triage.register"]
    assert actions.count("pharmacy.purchase") == 1 and "pharmacy.callback" not in actions
    assert timeline.events[0].summary["outcome"] == "not_sold"
    # a desk screening's timeline has no purchase in it
    other = register_walk_in(ctx, nurse, phone="13200000000")
    assert "pharmacy.purchase" not in [e.action for e in ctx.timelines.timeline(nurse, other).events]
