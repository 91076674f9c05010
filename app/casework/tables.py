"""Fever clinic tables (schema owned by migration 0004)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, Float, ForeignKey, Index, Integer, String, Text, func, select
from sqlalchemy.orm import InstrumentedAttribute, Mapped, mapped_column, relationship

from app.db.models import Base
from app.db.types import UTCDateTime
from app.triage.tables import Visit


class Case(Base):
    """A visit in the fever clinic, owned by the first doctor until an accepted hand-over."""

    __tablename__ = "cases"
    __table_args__ = (  # revision 0021: the fever-clinic page's open cases a page at a time (app/casework/case_list.py)
        Index("ix_cases_closed_taken", "closed_at", "taken_at", "id"),  # open ones (NULL) in order; a day's closings
        Index("ix_cases_doctor_open", "doctor_id", "closed_at", "taken_at", "id"),  # ... and one doctor's
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id"), unique=True)
    doctor_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    doctor_username: Mapped[str] = mapped_column(String(64), index=True)
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime())
    classification: Mapped[str] = mapped_column(String(16), index=True)
    other_pathogen: Mapped[str] = mapped_column(String(100), default="")
    classified_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    epi: Mapped[str] = mapped_column(Text, default="{}")  # JSON: travel, contacts, exposures (prefilled from triage)
    findings: Mapped[str] = mapped_column(Text, default="")
    observation_room: Mapped[str | None] = mapped_column(String(32), nullable=True)
    observation_bed: Mapped[str | None] = mapped_column(String(32), nullable=True)
    observation_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    report_card_no: Mapped[str | None] = mapped_column(String(40), nullable=True)
    reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    epi_done_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    disposition: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    disposition_detail: Mapped[str] = mapped_column(Text, default="{}")  # JSON
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)  # ix_cases_closed_taken
    closed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # an incident (a suspected or positive patient left without permission) reported onwards (migration 0009)
    incident_reported_to: Mapped[str | None] = mapped_column(String(64), nullable=True)
    incident_reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    visit: Mapped[Visit] = relationship(lazy="joined")

    __mapper_args__ = {"version_id_col": version}


def no_case_yet(visit_id: ColumnElement[int] | InstrumentedAttribute[int]) -> ColumnElement[bool]:
    """No case opened on this visit yet: the waiting patients' test, probed row by row through the cases' unique
    visit index. Written as a COUNT sub-select, which PostgreSQL keeps per row: a NOT EXISTS it turns into an anti-join,
    and where it guesses hundreds of waiting rows (a partial index's estimate, ix_handoffs_waiting) it hashes every
    case ever opened for a handful of patients (issue 16: 23 ms of a 15-s poll at 10⁵ visits)."""
    return select(func.count()).select_from(Case).where(Case.visit_id == visit_id).scalar_subquery() == 0


class CaseHandover(Base):
    __tablename__ = "case_handovers"
    __table_args__ = (  # revision 0021: hand-overs waiting for a doctor's answer (PostgreSQL's spelling)
        Index("ix_case_handovers_pending", "to_user_id", sqlite_where="state = 'pending'",
              postgresql_where="(state)::text = 'pending'::text"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    from_username: Mapped[str] = mapped_column(String(64))
    to_user_id: Mapped[int] = mapped_column(Integer, index=True)
    to_username: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(200))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime())
    state: Mapped[str] = mapped_column(String(10), index=True)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    answer_note: Mapped[str] = mapped_column(String(200), default="")


class LabTest(Base):
    __tablename__ = "lab_tests"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    population: Mapped[str] = mapped_column(String(16))
    ordered_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)  # daily report (0020)
    ordered_by: Mapped[str] = mapped_column(String(64))
    sample_at: Mapped[datetime] = mapped_column(UTCDateTime())
    result: Mapped[str | None] = mapped_column(String(10), nullable=True)
    ct_value: Mapped[float | None] = mapped_column(Float, nullable=True)
    result_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True, index=True)  # daily report
    lab: Mapped[str] = mapped_column(String(64), default="")
    resulted_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class Clock(Base):
    """A deadline started by a recorded event and met by another; open while met_at is null.

    Kept as rows (not recomputed from every case) so the deadline board reads one small index."""

    __tablename__ = "clocks"
    __table_args__ = (
        Index("ix_clocks_open_due", "due_at", sqlite_where="met_at IS NULL", postgresql_where="met_at IS NULL"),
        Index("ix_clocks_kind_due", "kind", "due_at"),  # the daily report's late counts (revision 0020)
        Index("ix_clocks_kind_met", "kind", "met_at"),  # ... and its "reported within 2 h"
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    visit_no: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(32))
    ref_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # the lab test or transfer it times
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    warn_at: Mapped[datetime] = mapped_column(UTCDateTime())
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    met_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # set when the clock was closed by the case ending (the disposition or incident), not met by its own event
    settled_reason: Mapped[str | None] = mapped_column(String(32), nullable=True)


class CaseClassification(Base):
    """Every classification as it happened (the daily report counts the day's events, not today's state)."""

    __tablename__ = "case_classifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    before: Mapped[str] = mapped_column(String(16))
    after: Mapped[str] = mapped_column(String(16))
    username: Mapped[str] = mapped_column(String(64))
    exception_id: Mapped[int | None] = mapped_column(ForeignKey("rule_exceptions.id"), nullable=True)


class RuleException(Base):
    """特殊情况: a step a guideline rule refuses, approved by a second person with the right role and a
    reason, used once by the person it was granted for (the approver cannot use their own)."""

    __tablename__ = "rule_exceptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    subject: Mapped[str] = mapped_column(String(64), index=True)  # what it is for, e.g. the visit number
    detail: Mapped[str] = mapped_column(Text, default="{}")  # JSON: e.g. {"to": "excluded"}
    reason: Mapped[str] = mapped_column(String(200))
    approved_by: Mapped[str] = mapped_column(String(64))
    approved_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    used_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
