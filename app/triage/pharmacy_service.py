"""退热药品购买登记: the pharmacy counter's register of "一退两抗" (退热药、抗病毒药、抗菌药物) and cough medicine.

The guideline: "无二级以上医疗机构医生处方不得出售退烧药物…对购买退烧药物的顾客需进行登记，并引导到就近发热门诊就诊".

* Every buyer is registered — name, phone (required), resident ID number (optional, checked when given),
  the medicine's category and the prescription (issuing doctor and institution, and whether that
  institution is level 2 or above; or none) — and gets a guide slip to the fever clinic.
* An antipyretic without a prescription from a level-2+ institution's doctor is **not sold**: ``record``
  does not refuse the registration (the buyer must still be registered and guided), it records the
  purchase with ``outcome="not_sold"`` and returns ``sold=False`` with ``refused_rule`` naming the rule
  (``ANTIPYRETIC_RULE``). The desk tells the nurse not to hand over the medicine.
* A buyer with a temperature or symptoms is screened like a walk-in; when that sends them to the fever
  clinic, registration follows at the desk.
* Every purchase stays on the follow-up list until the buyer is seen at a fever clinic or called back
  (app/triage/pharmacy_followup.py).

For the daily report: ``pharmacy_purchases.drug_category`` (antipyretic / antiviral / antibiotic / cough;
old rows may hold "antidiarrhoeal"), ``.clinic_day``, ``.outcome`` (sold / not_sold) and ``.prescription``
(none / level2_plus / below_level2).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, select

from app.actor import Actor
from app.clinic_mode import load_mode
from app.errors import Conflict, NotFound, ValidationError
from app.permissions import Perm
from app.services.base import Service, authorize
from app.text_rules import check_text
from app.transfer.tables import Hospital
from app.transfer.vocab import HospitalKind
from app.triage import pharmacy_followup as followup
from app.triage.common import clinic_day
from app.triage.identity import normalise_phone, parse_resident_id
from app.triage.pharmacy_followup import PharmacyCallback
from app.triage.records import ScreeningInput
from app.triage.screening_service import add_screening
from app.triage.tables import PharmacyPurchase, Screening
from app.triage.vocab import CallbackOutcome, DrugCategory, FollowUpState, Prescription, SaleOutcome

#: The rule a refused antipyretic sale names (also the audit summary's ``refused_rule``).
ANTIPYRETIC_RULE = "antipyretic_needs_level2_prescription"
NOTE_MAX = 200


@dataclass(frozen=True)
class PurchaseInput:
    buyer_name: str
    drug_category: str  # DrugCategory
    drug_name: str = ""
    phone: str | None = None  # required: the buyer is registered (and called back)
    temperature_c: float | None = None
    temp_method: str = "forehead"
    symptoms: frozenset[str] = frozenset()
    id_number: str | None = None  # resident ID, optional; checked (checksum, birth date) when given
    prescription: str = Prescription.NONE.value  # Prescription
    prescriber: str = ""  # the issuing doctor (required with a prescription)
    prescriber_institution: str = ""  # required with a prescription


@dataclass(frozen=True)
class CarryForward:
    """What a buyer sent on from the pharmacy counter brings to the desk, so nothing is typed twice: the
    registration form starts with the name, phone and resident ID number, and the screening taken at the
    counter (temperature, reasons, decision) is the visit's screening. ``at`` is when the counter
    registered them (the desk says where the data came from)."""

    purchase_id: int
    at: datetime
    buyer_name: str
    phone: str | None
    id_number: str | None  # a resident ID, already checked at the counter
    temperature_c: float | None
    screening_id: int | None  # None: no temperature or symptoms were taken at the counter
    decision: str | None
    reasons: tuple[str, ...] = ()
    symptoms: tuple[str, ...] = ()


@dataclass(frozen=True)
class PurchaseRecord:
    id: int
    at: datetime
    buyer_name: str
    drug_category: str
    febrile: bool
    screening_id: int | None  # set when the buyer was screened: register and guide them next
    decision: str | None
    sold: bool = True
    outcome: str = SaleOutcome.SOLD.value  # SaleOutcome
    refused_rule: str | None = None  # ANTIPYRETIC_RULE when the sale was refused
    prescription: str = Prescription.NONE.value
    carry: CarryForward | None = None  # what the desk pre-fills when the buyer is sent on to registration


@dataclass(frozen=True)
class FollowUpRecord:
    purchase_id: int
    at: datetime
    buyer_name: str
    phone: str | None
    drug_category: str
    outcome: str  # SaleOutcome
    febrile: bool
    state: str  # FollowUpState
    calls: int = 0  # call-backs so far (unanswered ones included)
    last_call_at: datetime | None = None
    seen_visit_no: str | None = None  # the matching fever-clinic visit (state seen_at_fever_clinic)
    callback_outcome: str | None = None  # the closing call-back (state called_back)


@dataclass(frozen=True)
class CallbackRecord:
    id: int
    purchase_id: int
    at: datetime
    username: str
    outcome: str  # CallbackOutcome
    note: str
    closed: bool  # the buyer left the follow-up list


@dataclass(frozen=True)
class BuyerGuide:
    """What the buyer's guide slip prints: where to go, and who the slip belongs to (masked when printed)."""

    purchase_id: int
    at: datetime
    buyer_name: str
    drug_category: str
    outcome: str  # SaleOutcome
    clinic_mode: str  # ClinicMode: treat → this clinic's fever clinic; refer → sentinel room, then referral
    hospital_name: str = ""  # the designated hospital (refer mode), when one is on record
    hospital_address: str = ""
    hospital_phone: str = ""


def _text(value: str, field: str, limit: int) -> str:
    check_text(value, field, multiline=True)  # line breaks fold below; hidden characters are refused
    text = " ".join(value.split())
    if len(text) > limit:
        raise ValidationError("too_long", field=field, maximum=limit)
    return text


def sale_outcome(category: str, prescription: str) -> tuple[SaleOutcome, str | None]:
    """"无二级以上医疗机构医生处方不得出售退烧药物": an antipyretic is sold only on a level-2+ prescription."""
    if category == DrugCategory.ANTIPYRETIC and prescription != Prescription.LEVEL2_PLUS:
        return SaleOutcome.NOT_SOLD, ANTIPYRETIC_RULE
    return SaleOutcome.SOLD, None


class PharmacyService(Service):
    def record(self, actor: Actor, p: PurchaseInput) -> PurchaseRecord:
        """Register a buyer. Refuses bad input (``patient_name``, ``drug_category``, ``buyer_phone_required``,
        ``phone``, ``id_format``/``id_check_digit``/``id_birth_date``, ``prescription``,
        ``prescriber_required``, ``prescriber_institution_required``, ``too_long``); never refuses the
        registration for a missing prescription — that sale is recorded as not sold."""
        name = " ".join(p.buyer_name.split())
        if not 1 <= len(name) <= 64:
            raise ValidationError("patient_name", field="buyer_name")
        if p.drug_category not in DrugCategory._value2member_map_:  # the retired "antidiarrhoeal" too
            raise ValidationError("drug_category", field="drug_category")
        if p.phone is None or not p.phone.strip():
            raise ValidationError("buyer_phone_required", field="phone")
        phone = normalise_phone(p.phone)
        if p.prescription not in Prescription._value2member_map_:
            raise ValidationError("prescription", field="prescription")
        prescriber = institution = ""
        if p.prescription != Prescription.NONE:
            prescriber = _text(p.prescriber, "prescriber", 64)
            institution = _text(p.prescriber_institution, "prescriber_institution", 100)
            if not prescriber:
                raise ValidationError("prescriber_required", field="prescriber")
            if not institution:
                raise ValidationError("prescriber_institution_required", field="prescriber_institution")
        drug_name = _text(p.drug_name, "drug_name", 100)
        outcome, refused_rule = sale_outcome(p.drug_category, p.prescription)
        with self.audited_write(actor, "pharmacy.purchase", "purchase", Perm.TRIAGE) as op:
            s = op.session
            now = self.clock.now()
            today = clinic_day(s, now)
            id_number = None
            if p.id_number is not None and p.id_number.strip():
                id_number, _sex, _birth = parse_resident_id(p.id_number, today)
            screening = None
            if p.temperature_c is not None or p.symptoms:
                if p.temperature_c is None:
                    raise ValidationError("temperature_required", field="temperature")
                screening, _ = add_screening(
                    s, actor, self.clock,
                    ScreeningInput(temperature_c=p.temperature_c, temp_method=p.temp_method, symptoms=p.symptoms,
                                   antipyretic_elsewhere=False),
                    decision=None, override_reason=None, source="pharmacy")
            febrile = screening is not None and "fever" in screening.reasons.split(",")
            row = PharmacyPurchase(at=now, clinic_day=today, username=actor.username, buyer_name=name,
                                   phone=phone, drug_category=p.drug_category, drug_name=drug_name,
                                   temperature_c=p.temperature_c, febrile=febrile,
                                   screening_id=screening.id if screening else None, id_number=id_number,
                                   prescription=p.prescription, prescriber=prescriber,
                                   prescriber_institution=institution, outcome=outcome.value, follow_up=True)
            s.add(row)
            s.flush()
            op.entity_id = row.id
            op.summary = {"category": p.drug_category, "febrile": febrile,
                          "decision": screening.decision if screening else None,
                          "prescription": p.prescription, "outcome": outcome.value, "refused_rule": refused_rule,
                          "screening_id": row.screening_id}
            return PurchaseRecord(row.id, now, name, p.drug_category, febrile, row.screening_id,
                                  screening.decision if screening else None, outcome is SaleOutcome.SOLD,
                                  outcome.value, refused_rule, p.prescription, _carry(row, screening))

    def carry_forward(self, actor: Actor, purchase_id: int) -> CarryForward:
        """What the desk pre-fills for this buyer (name, phone, ID number, the counter's screening)."""
        with self.db.read() as s:
            authorize(s, actor, Perm.TRIAGE)
            row = s.get(PharmacyPurchase, purchase_id)
            if row is None:
                raise NotFound(entity="purchase", id=purchase_id)
            screening = s.get(Screening, row.screening_id) if row.screening_id is not None else None
            return _carry(row, screening)

    # ----- the follow-up list ---------------------------------------------------------------------
    def open_followups(self, actor: Actor, limit: int = 500) -> list[FollowUpRecord]:
        """Buyers still to be seen at a fever clinic or called back, oldest first."""
        with self.db.read() as s:
            authorize(s, actor, Perm.TRIAGE)
            rows = list(s.scalars(select(PharmacyPurchase).where(followup.is_open())
                                  .order_by(PharmacyPurchase.at, PharmacyPurchase.id).limit(limit)))
            calls = followup.attempts_of(s, [r.id for r in rows])
            return [_followup(r, FollowUpState.OPEN, *calls.get(r.id, (0, None))) for r in rows]

    def followup(self, actor: Actor, purchase_id: int) -> FollowUpRecord:
        """One purchase's place on the follow-up list: open, seen at a fever clinic (which visit) or called back."""
        with self.db.read() as s:
            authorize(s, actor, Perm.TRIAGE)
            row = s.get(PharmacyPurchase, purchase_id)
            if row is None:
                raise NotFound(entity="purchase", id=purchase_id)
            state, visit_no, closing = followup.state_of(s, row)
            n, last = followup.attempts_of(s, [row.id]).get(row.id, (0, None))
            return _followup(row, state, n, last, visit_no, closing.outcome if closing else None)

    def record_callback(self, actor: Actor, purchase_id: int, outcome: str, note: str = "") -> CallbackRecord:
        """A nurse called the buyer back. Every outcome but ``no_answer`` takes them off the list.
        Refused: ``callback_outcome`` (unknown code), ``followup_closed`` (already seen or called back,
        or registered before the list existed), ``too_long``."""
        if outcome not in CallbackOutcome._value2member_map_:
            raise ValidationError("callback_outcome", field="outcome")
        text = _text(note, "note", NOTE_MAX)
        with self.audited_write(actor, "pharmacy.callback", "purchase", Perm.TRIAGE, purchase_id) as op:
            s = op.session
            row = s.get(PharmacyPurchase, purchase_id, with_for_update=True)
            if row is None:
                raise NotFound(entity="purchase", id=purchase_id)
            state, visit_no, _closing = followup.state_of(s, row)
            if state is not FollowUpState.OPEN:
                raise Conflict("followup_closed", id=purchase_id, state=state.value, visit_no=visit_no)
            call = PharmacyCallback(purchase_id=row.id, at=self.clock.now(), username=actor.username,
                                    outcome=outcome, note=text)
            s.add(call)
            s.flush()
            closed = outcome in followup.CLOSING_OUTCOMES
            calls = followup.attempts_of(s, [row.id]).get(row.id, (0, None))[0]
            op.summary = {"outcome": outcome, "closed": closed, "call": calls, "note": text}
            return CallbackRecord(call.id, row.id, call.at, call.username, outcome, text, closed)

    # ----- the buyer's guide slip -----------------------------------------------------------------
    def guide(self, actor: Actor, purchase_id: int) -> BuyerGuide:
        """What the guide slip for this buyer says: where the nearest fever clinic is."""
        with self.db.read() as s:
            authorize(s, actor, Perm.TRIAGE)
            row = s.get(PharmacyPurchase, purchase_id)
            if row is None:
                raise NotFound(entity="purchase", id=purchase_id)
            mode = load_mode(s)
            hospital = s.scalars(select(Hospital).where(Hospital.kind == HospitalKind.DESIGNATED.value,
                                                        Hospital.accepting.is_(True))
                                 .order_by(Hospital.id).limit(1)).first()
            return BuyerGuide(row.id, row.at, row.buyer_name, row.drug_category, row.outcome, mode.value,
                              hospital.name if hospital else "", hospital.address if hospital else "",
                              hospital.phone if hospital else "")


def _codes(text: str) -> tuple[str, ...]:
    return tuple(code for code in text.split(",") if code)


def _carry(row: PharmacyPurchase, screening: Screening | Row[Any] | None) -> CarryForward:
    return CarryForward(row.id, row.at, row.buyer_name, row.phone, row.id_number,
                        screening.temperature_c if screening else row.temperature_c,
                        screening.id if screening else None, screening.decision if screening else None,
                        _codes(screening.reasons) if screening else (), _codes(screening.symptoms) if screening else ())


def _followup(r: PharmacyPurchase, state: FollowUpState, calls: int, last: datetime | None,
              visit_no: str | None = None, callback_outcome: str | None = None) -> FollowUpRecord:
    return FollowUpRecord(r.id, r.at, r.buyer_name, r.phone, r.drug_category, r.outcome, r.febrile, state.value,
                          calls, last, visit_no, callback_outcome)
