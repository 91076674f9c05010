"""Plain dataclasses the casework services return."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.casework.vocab import ClockState


@dataclass(frozen=True)
class WaitingPatient:
    visit_no: str
    patient_name: str
    arrived_at: datetime
    decision: str
    temperature_c: float


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
    met_at: datetime | None

    def state(self, now: datetime) -> ClockState:
        """Overdue only after the due moment: a report at exactly 2 h is on time."""
        moment = self.met_at or now
        if moment > self.due_at:
            return ClockState.OVERDUE
        return ClockState.WARNING if moment >= self.warn_at else ClockState.OK

    @property
    def missed(self) -> bool:
        return self.met_at is not None and self.met_at > self.due_at


@dataclass(frozen=True)
class HandoverRecord:
    id: int
    visit_no: str
    from_username: str
    to_username: str
    reason: str
    requested_at: datetime
    state: str


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

    @property
    def pending_results(self) -> tuple[LabTestRecord, ...]:
        return tuple(t for t in self.tests if t.result is None)


@dataclass(frozen=True)
class BoardEntry:
    clock: ClockRecord
    state: ClockState
    seconds_left: int  # negative when overdue
    doctor_username: str


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
