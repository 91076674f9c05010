"""Plain dataclasses the triage services return (and the printers and Qt models consume)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from app.severity.store import VitalSignsRecord
from app.severity.triage_level import Severity


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
    # the other vital signs (issue 17), each optional: None is "not measured", never "normal"
    spo2: int | None = None  # %, scale 1 (the desk never chooses scale 2)
    respiratory_rate: int | None = None  # per minute
    heart_rate: int | None = None  # per minute
    systolic_bp: int | None = None  # mmHg
    consciousness: str | None = None  # app.severity.vocab.Avpu (A C V P U)
    oxygen: bool | None = None  # on supplemental oxygen (None: not recorded)


@dataclass(frozen=True)
class Assessment:
    """What the rules say: the decision, every reason, and warnings to confirm (implausible values: the
    temperature's, then app.severity.vocab.VitalWarning codes of the other readings); ``severity``: how sick,
    from the vital signs (None only where no set is taken, the pharmacy counter)."""

    decision: str  # Decision code
    reasons: tuple[str, ...]  # Reason codes
    matched_areas: tuple[tuple[str, str], ...] = ()  # (area, level)
    warnings: tuple[str, ...] = ()
    severity: Severity | None = None


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
    # how sick (issue 17), as computed when saved: the triage level and NEWS2 of the set taken at the desk (None
    # when no set was taken: the pharmacy counter, a paper import, before 0023), and whether the patient goes to
    # a doctor at once whatever ``decision`` says
    severity_level: int | None = None  # app.severity.vocab.Level
    news2: int | None = None  # a floor when vital_signs.news2_complete is False
    urgent: bool = False
    # the set itself (readings, NEWS2 complete or not, level reasons), where the reader loaded it: the record
    # the desk gets back on saving, and VisitDetail.screening
    vital_signs: VitalSignsRecord | None = None


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
    queue_no: int | None = None  # the fever clinic's queue number (app.casework.queue.queue_label); 0023


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
