"""Plain dataclasses the transfer services return."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from app.casework.records import ClockRecord
from app.severity.store import VitalSignsRecord


@dataclass(frozen=True)
class HospitalRecord:
    id: int
    name: str
    address: str
    phone: str
    kind: str
    accepting: bool
    version: int


@dataclass(frozen=True)
class TransferRecord:
    id: int
    visit_no: str
    patient_name: str
    sex: str
    birth_date: object
    classification: str
    state: str
    requested_at: datetime
    requested_by: str
    hospital_id: int
    hospital_name: str
    condition: str
    oxygen: bool
    precautions: str
    staff: str
    request_reason: str
    call_120_at: datetime | None
    dispatch_ref: str | None
    vehicle_plate: str | None
    negative_pressure: bool | None
    crew: str | None
    departed_at: datetime | None
    handed_over_at: datetime | None
    receiving_staff: str | None
    receiving_department: str | None
    arrival_condition: str | None
    handover_source: str | None
    disinfected_at: datetime | None
    disinfection_method: str | None
    disinfected_by: str | None
    cancel_reason: str | None
    closed_at: datetime | None
    version: int
    clocks: tuple[ClockRecord, ...]
    origin_ward: str = ""  # the ward (and bed) the patient is collected from; "" = the fever clinic
    # for the handover form (issue 15), read from the case and the hospital list, never typed again:
    requested_by_name: str = ""  # the requesting doctor's full name (requested_by is the log-in name)
    hospital_phone: str = ""  # the receiving hospital's phone, from the hospital list
    symptoms: tuple[str, ...] = ()  # app.triage.vocab.Symptom codes, from the screening
    onset_date: date | None = None
    temperature_c: float | None = None  # the latest temperature (the screening's, until vital signs are kept)
    temperature_at: datetime | None = None
    epi: dict[str, Any] = field(default_factory=dict)  # the case's interview: travel, contacts, exposures, notes
    findings: str = ""  # the doctor's findings (诊查所见)
    # entered with the request (schema 0019)
    underlying_conditions: str = ""  # 基础疾病及过敏史
    lines_medication: str = ""  # 途中管路及已用药物
    documents: str = ""  # 随行资料
    # the set of observations the request carried (transfers.vital_signs_id, schema 0023): the case's latest set
    # when the request was made, else the pre-triage one; None: neither. Readings, NEWS2 and level as computed then
    vital_signs: VitalSignsRecord | None = None


@dataclass(frozen=True)
class ReceivedRecord:
    id: int
    issuer_code: str
    visit_no: str
    masked_name: str
    classification: str
    received_at: datetime
    receipt_token: str


@dataclass(frozen=True)
class TrustedClinicInfo:
    """Another clinic whose signed handover forms and receipts this site accepts."""

    code: str
    name: str
    key_id: str
    public_key: str  # as pasted, so the admin can compare it with what the clinic gave
    added_at: datetime
    purpose: str = "transfer"  # app.desk_keys.TrustPurpose: what its key may verify here
