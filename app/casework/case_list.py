"""The fever-clinic page's list of open cases (issue 16), a page at a time.

CaseService.open_cases builds a whole CaseRecord (tests, clocks, refusals, exceptions…) per open case; at
20 000 open cases the page's refresh took seconds. The list shows a few columns, so a page of them is one
statement: the case with its visit, patient and doctor joined, and per row two correlated look-ups (results
pending, a pending hand-over) on the case's own indexed rows. Pages follow (taken_at, id) from a keyset cursor
on an index that keeps the open cases together in that order (migration 0021), and the count reads the same
range: neither grows with the years of closed cases. "Open" is what the page always showed: not closed (an
admitted patient's case is closed for the fever clinic)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal, select, tuple_
from sqlalchemy.orm import Session

from app.casework.records import CaseRow
from app.casework.tables import Case, CaseHandover, LabTest
from app.casework.vocab import HandoverState
from app.db.models import User
from app.db.types import UTCDateTime
from app.triage.tables import Patient, Visit

PAGE = 200


def _open(doctor_id: int | None) -> list[ColumnElement[bool]]:
    """Open cases; with ``doctor_id`` that doctor's (ix_cases_closed_taken, ix_cases_doctor_open)."""
    conditions: list[ColumnElement[bool]] = [Case.closed_at.is_(None)]
    if doctor_id is not None:
        conditions.append(Case.doctor_id == doctor_id)
    return conditions


def open_count(s: Session, doctor_id: int | None = None) -> int:
    """How many open cases (of one doctor): the same index range the pages walk."""
    return s.scalar(select(func.count()).select_from(Case).where(*_open(doctor_id))) or 0


def _query(doctor_id: int | None, after: tuple[datetime, int] | None, limit: int) -> Select[Any]:
    pending = (select(func.count()).select_from(LabTest).where(LabTest.case_id == Case.id, LabTest.result.is_(None))
               .correlate(Case).scalar_subquery())
    handover = (select(CaseHandover.to_username)
                .where(CaseHandover.case_id == Case.id, CaseHandover.state == HandoverState.PENDING.value)
                .order_by(CaseHandover.id).limit(1).correlate(Case).scalar_subquery())
    query = (select(Case.id, Visit.visit_no, Patient.name, Case.doctor_username, User.full_name, Case.classification,
                    Case.observation_room, Case.observation_bed, pending, Case.taken_at, handover)
             .join(Visit, Visit.id == Case.visit_id).join(Patient, Patient.id == Visit.patient_id)
             .outerjoin(User, User.id == Case.doctor_id).where(*_open(doctor_id)))
    if after is not None:  # one row-value range on the index: no gap, no repeat, however many share a time
        query = query.where(tuple_(Case.taken_at, Case.id) > tuple_(literal(after[0], UTCDateTime()),
                                                                    literal(after[1])))
    # closed_at (NULL in every row) first, as in the index: PostgreSQL takes only an equality, not IS NULL, as
    # fixing an index's leading column, and would otherwise sort every open case for each page
    return query.order_by(Case.closed_at, Case.taken_at, Case.id).limit(limit)


def open_page(s: Session, doctor_id: int | None = None, after: tuple[datetime, int] | None = None,
              limit: int = PAGE) -> list[CaseRow]:
    """Open cases in (taken_at, id) order, the first ``limit`` after the cursor ``after`` (CaseRow.cursor)."""
    return [CaseRow(id_, visit_no, name, username, full_name or username, cls, room, bed, int(pending), taken_at,
                    handover_to)
            for id_, visit_no, name, username, full_name, cls, room, bed, pending, taken_at, handover_to
            in s.execute(_query(doctor_id, after, limit))]
