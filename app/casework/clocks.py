"""Deadline clocks: started and met by recorded events, read by the deadline board.

Every clock is absolute UTC time (2 h is 2 real hours, across midnight or a daylight-saving
change); only the display uses the clinic's zone."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Result, and_, func, select, update
from sqlalchemy.orm import Session

from app.actor import Actor
from app.casework.records import BoardEntry, BoardPage, ClockRecord
from app.casework.tables import Case, Clock
from app.casework.vocab import ClockKind, ClockState
from app.db.models import User
from app.permissions import Perm
from app.privacy import mask_name
from app.services.base import Service, authorize
from app.staff.roster import StaffClockRow, staff_clocks
from app.triage.tables import Patient, Visit


def start(s: Session, case: Case, kind: str, started_at: datetime, window: tuple[timedelta, timedelta],
          ref_id: int | None = None) -> Clock:
    clock = Clock(case_id=case.id, visit_no=case.visit.visit_no, kind=kind, ref_id=ref_id, started_at=started_at,
                  warn_at=started_at + window[0], due_at=started_at + window[1])
    s.add(clock)
    return clock


def _count(result: Result[Any]) -> int:
    """The rows an UPDATE touched: its result is a CursorResult, though Session.execute is typed Result."""
    return cast("CursorResult[Any]", result).rowcount or 0


def meet(s: Session, case_id: int, kind: str, at: datetime, ref_id: int | None = None,
         started_by: datetime | None = None) -> int:
    """Close the open clocks of this kind (and lab test); returns how many. With ``started_by`` only the
    clocks started at or before that moment (an event cannot meet a deadline that began after it)."""
    conditions = [Clock.case_id == case_id, Clock.kind == kind, Clock.met_at.is_(None)]
    if ref_id is not None:
        conditions.append(Clock.ref_id == ref_id)
    if started_by is not None:
        conditions.append(Clock.started_at <= started_by)
    return _count(s.execute(update(Clock).where(and_(*conditions)).values(met_at=at)))


# the clocks a case's end leaves running: the 2 h report of a reportable or positive case (it must still be
# reported) and the incident report (started by the end itself)
KEEP_ON_SETTLE: frozenset[str] = frozenset({ClockKind.REPORT.value, ClockKind.INCIDENT.value})


def settle(s: Session, case_id: int, at: datetime, reason: str, *, kinds: Iterable[str] | None = None,
           keep: Iterable[str] = KEEP_ON_SETTLE) -> int:
    """The case ended (``reason``: the disposition code, or "reclassified"): close every clock it still
    owns — of ``kinds`` when given — except the kinds in ``keep``. ``met_at`` is the moment it ended and
    ``settled_reason`` says why, so the board drops them and the counts treat them as settled, not met.
    Returns how many were settled."""
    conditions = [Clock.case_id == case_id, Clock.met_at.is_(None)]
    kept = [str(k) for k in keep]
    if kept:
        conditions.append(Clock.kind.not_in(kept))
    if kinds is not None:
        conditions.append(Clock.kind.in_([str(k) for k in kinds]))
    return _count(s.execute(update(Clock).where(and_(*conditions)).values(met_at=at, settled_reason=reason[:32])))


def record(c: Clock) -> ClockRecord:
    return ClockRecord(c.id, c.visit_no, c.kind, c.ref_id, c.started_at, c.warn_at, c.due_at, c.met_at,
                       c.settled_reason)


class DeadlineService(Service):
    """The deadline board: every open clock, most urgent first."""

    def board(self, actor: Actor, *, limit: int = 200, offset: int = 0) -> BoardPage:
        now = self.clock.now()
        with self.db.read() as s:
            authorize(s, actor, Perm.VIEW_CLOCKS)
            open_ = Clock.met_at.is_(None)
            # count(due_at): the partial index ix_clocks_open_due holds it, so the count walks only open clocks
            total = s.scalar(select(func.count(Clock.due_at)).where(open_)) or 0
            overdue = s.scalar(select(func.count()).select_from(Clock).where(open_, Clock.due_at < now)) or 0
            warning = s.scalar(select(func.count()).select_from(Clock)
                               .where(open_, Clock.due_at >= now, Clock.warn_at <= now)) or 0
            rows = s.execute(select(Clock, Case.doctor_username, Patient.name, User.full_name)
                             .join(Case, Case.id == Clock.case_id)
                             .join(Visit, Visit.id == Case.visit_id).join(Patient, Patient.id == Visit.patient_id)
                             .outerjoin(User, User.username == Case.doctor_username)
                             .where(open_).order_by(Clock.due_at, Clock.id).offset(offset).limit(limit)).all()
            entries = tuple(self._entry(record(c), doctor, now, name, full) for c, doctor, name, full in rows)
            # issue 18: key-post staff due for their test today or overdue, merged in by due time
            staff = [self._staff_entry(c, now) for c in staff_clocks(s, now)]
            if staff:
                entries = self._merge(s, entries, staff, offset, limit)
        total += len(staff)
        overdue += sum(e.state == ClockState.OVERDUE for e in staff)
        warning += sum(e.state == ClockState.WARNING for e in staff)
        return BoardPage(entries, total, warning, overdue)

    def _merge(self, s: Session, cases: tuple[BoardEntry, ...], staff: list[BoardEntry], offset: int,
               limit: int) -> tuple[BoardEntry, ...]:
        """The page [offset, offset + limit) of the case clocks and the (few) staff clocks in one due-time order
        (a case clock first on a tie): the case rows are re-read from ``offset - len(staff)`` so every case row
        that can fall on the page is at hand, each placed by its rank among the case clocks."""
        first = max(0, offset - len(staff))
        if first != offset or len(cases) < limit + len(staff):
            rows = s.execute(select(Clock, Case.doctor_username, Patient.name, User.full_name)
                             .join(Case, Case.id == Clock.case_id)
                             .join(Visit, Visit.id == Case.visit_id).join(Patient, Patient.id == Visit.patient_id)
                             .outerjoin(User, User.username == Case.doctor_username)
                             .where(Clock.met_at.is_(None)).order_by(Clock.due_at, Clock.id)
                             .offset(first).limit(limit + len(staff))).all()
            now = self.clock.now()
            cases = tuple(self._entry(record(c), doctor, now, name, full) for c, doctor, name, full in rows)
        placed: list[tuple[int, int, BoardEntry]] = []
        for i, e in enumerate(cases):
            placed.append((first + i + sum(st.clock.due_at < e.clock.due_at for st in staff), 0, e))
        for j, e in enumerate(staff):
            before = s.scalar(select(func.count()).select_from(Clock)
                              .where(Clock.met_at.is_(None), Clock.due_at <= e.clock.due_at)) or 0
            placed.append((before + j, 1, e))
        return tuple(e for rank, _k, e in sorted(placed, key=lambda p: (p[0], p[1]))
                     if offset <= rank < offset + limit)

    @staticmethod
    def _staff_entry(c: StaffClockRow, now: datetime) -> BoardEntry:
        """A staff member's next test as a board row: no visit, the masked name, a negative id (never a case
        clock's)."""
        clock = ClockRecord(-c.staff_id, "", c.kind, c.staff_id, c.started_at, c.warn_at, c.due_at, None)
        return BoardEntry(clock, clock.state(now), int((c.due_at - now).total_seconds()), "", mask_name(c.full_name),
                          "")

    def overdue_count(self, actor: Actor) -> int:
        now = self.clock.now()
        with self.db.read() as s:
            authorize(s, actor, Perm.VIEW_CLOCKS)
            cases = s.scalar(select(func.count()).select_from(Clock)
                             .where(Clock.met_at.is_(None), Clock.due_at < now)) or 0
            return cases + sum(c.due_at < now for c in staff_clocks(s, now))

    def all_open(self, actor: Actor) -> list[BoardEntry]:
        now = self.clock.now()
        with self.db.read() as s:
            authorize(s, actor, Perm.VIEW_CLOCKS)
            rows = s.execute(select(Clock, Case.doctor_username, Patient.name, User.full_name)
                             .join(Case, Case.id == Clock.case_id)
                             .join(Visit, Visit.id == Case.visit_id).join(Patient, Patient.id == Visit.patient_id)
                             .outerjoin(User, User.username == Case.doctor_username)
                             .where(Clock.met_at.is_(None)).order_by(Clock.due_at, Clock.id)).all()
            entries = [self._entry(record(c), doctor, now, name, full) for c, doctor, name, full in rows]
            entries += [self._staff_entry(c, now) for c in staff_clocks(s, now)]
            return sorted(entries, key=lambda e: (e.clock.due_at, e.clock.id < 0))

    @staticmethod
    def _entry(clock: ClockRecord, doctor: str, now: datetime, patient_name: str = "",
               doctor_name: str | None = None) -> BoardEntry:
        state: ClockState = clock.state(now)
        return BoardEntry(clock, state, int((clock.due_at - now).total_seconds()), doctor, mask_name(patient_name),
                          doctor_name or doctor)
