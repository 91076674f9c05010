"""Plain dataclasses the transfer services return."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.casework.records import ClockRecord


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
