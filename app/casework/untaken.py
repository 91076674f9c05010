"""首诊负责制: a patient who reached the fever clinic is taken by a doctor at once.

Source (DOMAIN.md): "做好发热病人基本身份信息登记…不得推诿任何患者" — the first doctor who sees the patient
owns the case; nobody may leave a patient waiting. A patient whose hand-off was confirmed as arrived and
whom no doctor has taken (no case) within ``CaseworkFigures.untaken_minutes`` (default 10 min, a county
may change it) is an alarm: the fever-clinic and triage desks show it until someone takes the case, and
the early-warning scan (app/reporting/alerts.py) raises one alert per visit so the daily report counts it
— also when the patient was taken late, between two scans.

Reads only; names are masked (app.privacy.mask_name): the list is shown on the triage desk's screen too.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.actor import Actor
from app.casework.figures import CaseworkFigures
from app.casework.tables import Case, no_case_yet
from app.figures import load_figures
from app.permissions import Perm
from app.privacy import mask_name
from app.services.base import Service, authorize
from app.triage.tables import Handoff, Patient, Screening, Visit
from app.triage.vocab import HandoffState


@dataclass(frozen=True)
class UntakenPatient:
    visit_no: str
    masked_name: str
    arrived_at: datetime
    decision: str  # the pre-triage decision code
    minutes_waited: int


@dataclass(frozen=True)
class UntakenReport:
    """Patients past the limit, the longest wait first; ``limit_minutes`` is the figure in force."""

    limit_minutes: int
    now: datetime
    patients: tuple[UntakenPatient, ...]

    @property
    def count(self) -> int:
        return len(self.patients)


@dataclass(frozen=True)
class LateArrival:
    """An arrival not taken within the limit: still waiting (``taken_at`` None) or taken late."""

    visit_no: str
    arrived_at: datetime
    taken_at: datetime | None
    minutes_waited: int  # until taken, or until now


def _minutes(span: timedelta) -> int:
    return max(0, int(span.total_seconds() // 60))


@dataclass(frozen=True)
class _Waiting:
    visit_no: str
    name: str
    decision: str
    arrived_at: datetime  # the visit's first arrival


def _arrivals(s: Session) -> list[_Waiting]:
    """Each visit confirmed as arrived with no case yet, with its first arrival, the first arrival first: an
    index range of the arrived hand-offs not taken (``ix_handoffs_waiting``), each checked for a case by its
    key; then the few visits found, by theirs. Two statements, so that no planner's guess at the waiting rows
    can turn the read into a scan of every visit or case."""
    first: dict[int, datetime] = {}
    for visit_id, at in s.connection().execute(
            select(Handoff.visit_id, Handoff.received_at)
            .where(Handoff.state == HandoffState.ARRIVED.value, Handoff.taken_at.is_(None),
                   Handoff.received_at.is_not(None), no_case_yet(Handoff.visit_id))
            .order_by(Handoff.received_at)):
        if at is not None:  # always: the query asks for a received time
            first.setdefault(visit_id, at)
    if not first:
        return []
    rows = s.connection().execute(
        select(Visit.id, Visit.visit_no, Patient.name, Screening.decision)
        .join(Patient, Patient.id == Visit.patient_id).join(Screening, Screening.id == Visit.screening_id)
        .where(Visit.id.in_(sorted(first)))).all()
    return sorted((_Waiting(visit_no, name, decision, first[visit_id]) for visit_id, visit_no, name, decision in rows),
                  key=lambda w: (w.arrived_at, w.visit_no))


def untaken_patients(s: Session, now: datetime, limit_minutes: int) -> list[UntakenPatient]:
    """Waiting longer than the limit (overdue only after it: at exactly 10 min the doctor is in time)."""
    limit = timedelta(minutes=limit_minutes)
    return [UntakenPatient(w.visit_no, mask_name(w.name), w.arrived_at, w.decision, _minutes(now - w.arrived_at))
            for w in _arrivals(s) if now - w.arrived_at > limit]


def taken_late(s: Session, limit_minutes: int, since: datetime,
               visit_nos: Collection[str] | None = None) -> list[LateArrival]:
    """The visits that arrived since ``since`` and were taken after the limit; ``visit_nos``: only these (the
    cases taken since the last scan, by their key — not the fortnight's arrivals again)."""
    limit = timedelta(minutes=limit_minutes)
    query = (select(Visit.visit_no, Handoff.received_at, Case.taken_at)
             .join(Handoff, Handoff.visit_id == Visit.id).join(Case, Case.visit_id == Visit.id)
             .where(Handoff.state == HandoffState.ARRIVED.value, Handoff.received_at >= since)
             .order_by(Handoff.received_at))
    if visit_nos is not None:
        if not visit_nos:
            return []
        query = query.where(Visit.visit_no.in_(sorted(visit_nos)))
    late: list[LateArrival] = []
    seen: set[str] = set()
    for visit_no, arrived_at, taken_at in s.connection().execute(query):
        if visit_no in seen or arrived_at is None:  # None: never, the query asks for one since ``since``
            continue
        seen.add(visit_no)
        if taken_at - arrived_at > limit:
            late.append(LateArrival(visit_no, arrived_at, taken_at, _minutes(taken_at - arrived_at)))
    return late


def late_arrivals(s: Session, now: datetime, limit_minutes: int, since: datetime) -> list[LateArrival]:
    """Every arrival the rule was broken for: untaken past the limit now, or (arrived since ``since``)
    taken after the limit. No names: this feeds the early-warning evidence."""
    return [LateArrival(p.visit_no, p.arrived_at, None, p.minutes_waited)
            for p in untaken_patients(s, now, limit_minutes)] + taken_late(s, limit_minutes, since)


class UntakenService(Service):
    def untaken(self, actor: Actor) -> UntakenReport:
        """The patients at the fever clinic no doctor has taken within the limit, the longest wait first."""
        with self.db.read() as s:
            authorize(s, actor, Perm.VIEW_PATIENTS)
            figures, _version = load_figures(s, CaseworkFigures)
            now = self.clock.now()
            return UntakenReport(figures.untaken_minutes, now,
                                 tuple(untaken_patients(s, now, figures.untaken_minutes)))
