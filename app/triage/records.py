"""Plain dataclasses the triage services return (and the printers and Qt models consume)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class TravelEntry:
    area: str  # as on the county's risk-area list, e.g. "广东省广州市白云区"
    last_date: date | None = None  # last day there (None: unknown, counts as within the window)


@dataclass(frozen=True)
class ScreeningInput:
    temperature_c: float
    temp_method: str = "forehead"  # TempMethod
    symptoms: frozenset[str] = frozenset()  # Symptom codes
    onset_date: date | None = None
    travel: tuple[TravelEntry, ...] = ()
    contact_case: bool = False
    cluster: bool = False
    health_code: str = "not_checked"  # HealthCode: the nurse must choose (green/yellow/red/none)
    occupation: str = "none"  # Occupation
    antipyretic_elsewhere: bool = False
    health_code_note: str | None = None  # why no code was shown (required with health_code "none")


@dataclass(frozen=True)
class Assessment:
    """What the rules say: the decision, every reason, and warnings to confirm (implausible values)."""

    decision: str  # Decision code
    reasons: tuple[str, ...]  # Reason codes
    matched_areas: tuple[tuple[str, str], ...] = ()  # (area, level)
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScreeningRecord:
    id: int
    screened_at: datetime
    nurse: str  # user name
    inputs: ScreeningInput
    computed_decision: str
    decision: str  # final (may be escalated, or downgraded with a reason)
    reasons: tuple[str, ...]
    override_reason: str | None
    visit_no: str | None = None
    patient_name: str | None = None


@dataclass(frozen=True)
class PatientInput:
    name: str
    id_type: str  # IdType
    id_number: str | None = None
    id_missing_reason: str | None = None
    sex: str | None = None  # derived from a resident ID; required otherwise
    birth_date: date | None = None  # derived from a resident ID
    phone: str | None = None
    address: str = ""
    occupation: str = ""
    workplace: str = ""


@dataclass(frozen=True)
class PatientRecord:
    id: int
    name: str
    id_type: str
    id_number: str | None
    id_missing_reason: str | None
    sex: str
    birth_date: date | None
    phone: str | None
    address: str
    occupation: str
    workplace: str
    version: int
    last_visit_no: str | None = None


@dataclass(frozen=True)
class HandoffRecord:
    id: int
    visit_no: str
    patient_name: str
    state: str  # HandoffState
    escort: str
    sent_at: datetime
    sent_by: str
    sent_workstation: str
    due_at: datetime
    received_at: datetime | None = None
    received_by: str | None = None
    incident_noticed_by: str | None = None
    incident_reported_to: str | None = None
    incident_note: str | None = None
    version: int = 1
    received_by_name: str | None = None  # the receiver's real name, where a list shows who received


@dataclass(frozen=True)
class VisitDetail:
    """Everything the registration form prints."""

    visit_no: str
    registered_at: datetime
    nurse_username: str
    nurse_name: str
    patient: PatientRecord
    screening: ScreeningRecord
    onset_date: date | None
    vaccination_doses: int | None
    handoffs: tuple[HandoffRecord, ...] = field(default_factory=tuple)
    # username → full name of everyone the form names (issue 15: paper carries real names)
    people: dict[str, str] = field(default_factory=dict)
    # the fever-clinic case, once a doctor took it (接诊医生 / 初步诊断 / 去向 lines; blank until then)
    doctor_name: str = ""
    classification: str = ""  # app.casework.vocab.Classification
    disposition: str = ""  # app.casework.vocab.Disposition
