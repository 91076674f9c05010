"""Plain dataclasses the ward, permit and gate services return."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class WardRecord:
    id: int
    name: str
    type: str
    gates: tuple[str, ...]
    version: int


@dataclass(frozen=True)
class AdmissionRecord:
    id: int
    patient_name: str
    ward_id: int
    ward_name: str
    ward_type: str
    bed: str
    nursing_level: str
    admitted_at: datetime
    discharged_at: datetime | None
    visit_no: str | None
    nat_sampled_at: datetime | None = None  # the patient's nucleic-acid test at admission
    nat_result: str | None = None  # negative / positive / None (result pending)


@dataclass(frozen=True)
class PermitRecord:
    id: str
    number: str
    kind: str
    admission_id: int
    patient_name: str
    ward_name: str
    bed: str
    gates: tuple[str, ...]
    holder_name: str
    relation: str
    valid_from: datetime
    valid_until: datetime
    escort_test_at: datetime | None
    state: str
    issued_at: datetime
    revoke_reason: str | None
    replaces: str | None
    payload: str
    version: int
    escort_test_result: str | None = None  # negative
    requested_until: datetime | None = None  # the validity signed into the QR (valid_until ends with the test)
    visit_reason: str = ""


@dataclass(frozen=True)
class GateDecision:
    outcome: str  # admit / exit / deny
    reason: str | None  # a Deny code when denied
    permit_number: str | None = None
    kind: str | None = None
    masked_name: str | None = None
    id_last4: str | None = None
    ward: str | None = None
    bed: str | None = None
    valid_until: datetime | None = None
    inside_since: datetime | None = None  # for an exit: when they went in
    offline: bool = False  # decided from the gate's own copy of the lists (data_taken_at)
    overstay_minutes: int | None = None  # an exit: the visitor left this many minutes after the visit's end
    direction: str = "in"  # the gatekeeper's action: in / out
    flags: tuple[str, ...] = ()  # an exit: what was wrong with the permit (ExitFlag codes); leaving is never refused
    repeat_of: str | None = None  # a repeated scan: the passage it repeats (admit / exit)
    repeat_at: datetime | None = None  # … and when that passage was recorded
    data_taken_at: datetime | None = None  # offline: when the gate's copy of the lists was taken


@dataclass(frozen=True)
class InsideRecord:
    permit_number: str
    kind: str
    masked_name: str
    ward: str
    bed: str
    gate: str
    since: datetime
    overdue: bool  # a visitor still inside after the visit's end (an overstay)
    deadline: datetime | None = None  # a visitor's: the window's end, or the visit's longest time from entry


@dataclass(frozen=True)
class GateStatus:
    """What the gate page shows beside the scan field (issue 13)."""

    online: bool | None  # None: no scan or poll has answered yet
    data_taken_at: datetime | None  # when the offline copy of the lists was taken (None: there is none)
    pending: int  # offline scans waiting to be written back
    set_aside: int  # offline records that could not be read, kept in the quarantine file


@dataclass(frozen=True)
class RefusableAdmission:
    """An admission decided offline that the live data refuses (raised as an incident)."""

    permit_number: str | None
    gate: str
    at: datetime
    reason: str  # a Deny code


@dataclass(frozen=True)
class WriteBackResult:
    stored: int  # offline scans written to the clinic database now
    already: int  # written before (the same event key): not twice
    refusable: tuple[RefusableAdmission, ...] = ()
    set_aside: int = 0  # unreadable records kept aside in the quarantine file
