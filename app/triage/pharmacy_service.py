"""退热药品购买登记: buyers of fever, cough or diarrhoea drugs are counted; a febrile buyer is
screened like any walk-in and guided to the fever clinic."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.actor import Actor
from app.errors import ValidationError
from app.permissions import Perm
from app.services.base import Service
from app.triage.common import clinic_day
from app.triage.identity import normalise_phone
from app.triage.records import ScreeningInput
from app.triage.screening_service import add_screening
from app.triage.tables import PharmacyPurchase
from app.triage.vocab import DrugCategory


@dataclass(frozen=True)
class PurchaseInput:
    buyer_name: str
    drug_category: str
    drug_name: str = ""
    phone: str | None = None
    temperature_c: float | None = None
    temp_method: str = "forehead"
    symptoms: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PurchaseRecord:
    id: int
    at: datetime
    buyer_name: str
    drug_category: str
    febrile: bool
    screening_id: int | None  # set when the buyer was screened: register and guide them next
    decision: str | None


class PharmacyService(Service):
    def record(self, actor: Actor, p: PurchaseInput) -> PurchaseRecord:
        name = " ".join(p.buyer_name.split())
        if not 1 <= len(name) <= 64:
            raise ValidationError("patient_name", field="buyer_name")
        if p.drug_category not in DrugCategory._value2member_map_:
            raise ValidationError("drug_category", field="drug_category")
        phone = normalise_phone(p.phone)
        with self.audited_write(actor, "pharmacy.purchase", "purchase", Perm.TRIAGE) as op:
            s = op.session
            now = self.clock.now()
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
            row = PharmacyPurchase(at=now, clinic_day=clinic_day(s, now), username=actor.username, buyer_name=name,
                                   phone=phone, drug_category=p.drug_category, drug_name=p.drug_name.strip()[:100],
                                   temperature_c=p.temperature_c, febrile=febrile,
                                   screening_id=screening.id if screening else None)
            s.add(row)
            s.flush()
            op.entity_id = row.id
            op.summary = {"category": p.drug_category, "febrile": febrile,
                          "decision": screening.decision if screening else None}
            return PurchaseRecord(row.id, now, name, p.drug_category, febrile, row.screening_id,
                                  screening.decision if screening else None)
