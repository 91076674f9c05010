"""Plain dataclasses the casework services return."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.casework.vocab import ClockState


@dataclass(frozen=True)
class WaitingPatient:
    """A patient received and not taken, as the queue lists them (app/casework/queue.py)."""

    visit_no: str
    patient_name: str  # the full name: the doctor's list
    arrived_at: datetime
    decision: str
    temperature_c: float
    queue_no: int | None = None  # None: sent before the queue numbers (0023)
    masked_name: str = ""  # the name the waiting room may see
    level: int | None = None  # app.severity.vocab.Level at pre-triage; None: no level (ordered as IV)
    urgent: bool = False  # to the doctor at once (level I or II)
    target_minutes: int = 60  # to be seen within, for the level (TriageLevelFigures; 0: at once)
    called_at: datetime | None = None
    called_by: str | None = None

    def waited_minutes(self, now: datetime) -> int:
        return max(0, int((now - self.arrived_at).total_seconds() // 60))

    def overdue(self, now: datetime) -> bool:
        """Waited longer than the level's target (at exactly the target still in time; level I: at once)."""
        return (now - self.arrived_at).total_seconds() > self.target_minutes * 60


@dataclass(frozen=True)
class LabTestRecord:
    id: int
    kind: str
    population: str
    sample_at: datetime
    ordered_by: str
    result: str | None
    ct_value: float | None
    result_at: datetime | None
    lab: str
    resulted_by: str | None
    version: int


@dataclass(frozen=True)
class ClockRecord:
    id: int
    visit_no: str
    kind: str
    ref_id: int | None
    started_at: datetime
    warn_at: datetime
    due_at: datetime
    met_at: datetime | None  # met by its own event, or settled when the case ended (see settled_reason)
    # the disposition code when the case's end closed the clock rather than its own event; None otherwise
    settled_reason: str | None = None

    def state(self, now: datetime) -> ClockState:
        """Overdue only after the due moment: a report at exactly 2 h is on time (a settled clock: as it
        stood when the case ended)."""
        moment = self.met_at or now
        if moment > self.due_at:
            return ClockState.OVERDUE
        return ClockState.WARNING if moment >= self.warn_at else ClockState.OK

    @property
    def open(self) -> bool:
        return self.met_at is None

    @property
    def settled(self) -> bool:
        """Closed by the case's end (disposition, incident, reclassification), not met by its own event."""
        return self.met_at is not None and self.settled_reason is not None

    @property
    def met(self) -> bool:
        """Met by its own event (the report, the result, the sample...)."""
        return self.met_at is not None and self.settled_reason is None

    @property
    def missed(self) -> bool:
        """Met, but after the deadline (a settled clock is neither met in time nor missed)."""
        return self.met and self.met_at is not None and self.met_at > self.due_at


@dataclass(frozen=True)
class HandoverRecord:
    id: int
    visit_no: str
    from_username: str
    to_username: str
    reason: str
    requested_at: datetime
    state: str
    patient_name: str = ""  # the full name: the hand-over list is the doctors' own (issue 15)


@dataclass(frozen=True)
class CaseRow:
    """One open case as the fever-clinic page lists it (app/casework/case_list.py): what its columns show, read
    a page at a time, instead of a whole CaseRecord per open case."""

    id: int
    visit_no: str
    patient_name: str
    doctor_username: str
    doctor_name: str  # the responsible doctor's real name (the username when the account is gone)
    classification: str
    observation_room: str | None
    observation_bed: str | None
    pending_results: int  # tests ordered whose result is not in
    taken_at: datetime
    handover_to: str | None  # the user name a pending hand-over goes to

    @property
    def cursor(self) -> tuple[datetime, int]:
        """Where the next page starts (``after=``): the list's order, (taken_at, id)."""
        return self.taken_at, self.id


@dataclass(frozen=True)
class CaseRecord:
    id: int
    visit_no: str
    patient_name: str
    sex: str
    birth_date: Any
    doctor_username: str
    doctor_name: str
    taken_at: datetime
    classification: str
    other_pathogen: str
    classified_at: datetime | None
    epi: dict[str, Any]
    findings: str
    observation_room: str | None
    observation_bed: str | None
    observation_started_at: datetime | None
    report_card_no: str | None
    reported_at: datetime | None
    epi_done_at: datetime | None
    disposition: str | None
    disposition_detail: dict[str, Any]
    closed_at: datetime | None
    version: int
    tests: tuple[LabTestRecord, ...]
    clocks: tuple[ClockRecord, ...]
    pending_handover: HandoverRecord | None
    # 逢阳必报: the nucleic-acid or antigen tests of this visit with a positive result (the desk's red 阳性 banner)
    positive_test_ids: tuple[int, ...] = ()
    clinic_mode: str = "treat"  # app.clinic_mode.ClinicMode in force when the record was read
    # why each disposition would be refused now (Disposition code -> error code), before its details are
    # checked; a disposition not listed is allowed (TRANSFER: only through TransferService.request)
    refusals: dict[str, str] = field(default_factory=dict)
    incident_reported_to: str | None = None
    incident_reported_at: datetime | None = None
    # approved classification exceptions for this visit not used yet
    pending_exceptions: tuple[CaseExceptionRecord, ...] = ()

    @property
    def pending_results(self) -> tuple[LabTestRecord, ...]:
        return tuple(t for t in self.tests if t.result is None)

    @property
    def positive(self) -> bool:
        """A positive nucleic-acid or antigen result is in: classify (suspected/confirmed/asymptomatic),
        report within 2 h, transfer."""
        return bool(self.positive_test_ids)

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    @property
    def in_ward(self) -> bool:
        """Disposed "admitted": closed for the fever clinic, but results, classification, report and
        investigation are still recorded (and a transfer can be requested from the ward)."""
        return self.disposition == "admitted"


@dataclass(frozen=True)
class CaseExceptionRecord:
    """特殊情况 approved for one visit (app/casework/exceptions.py)."""

    id: int
    kind: str  # CaseExceptionKind
    visit_no: str
    detail: dict[str, Any]  # classification_downgrade: {"to": classification}
    reason: str
    approved_by: str
    approved_at: datetime
    used_at: datetime | None
    used_by: str | None

    @property
    def used(self) -> bool:
        return self.used_at is not None


@dataclass(frozen=True)
class BoardEntry:
    clock: ClockRecord
    state: ClockState
    seconds_left: int  # negative when overdue
    doctor_username: str
    patient_masked: str = ""  # the patient's name masked (app.privacy.mask_name): the board is public (issue 15)
    doctor_name: str = ""  # the responsible doctor's real name (the username when the account is gone)


@dataclass(frozen=True)
class BoardPage:
    entries: tuple[BoardEntry, ...]
    open_total: int
    warning: int
    overdue: int


@dataclass(frozen=True)
class TimelineEvent:
    at: datetime
    username: str
    roles: str
    workstation: str
    action: str
    outcome: str
    summary: dict[str, Any]
    seq: int | None = None  # audit sequence number (None for clock verdicts)
    full_name: str = ""  # the user's real name, read with the row (paper and screens name people, issue 15)
