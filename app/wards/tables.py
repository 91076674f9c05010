"""Ward and permit tables (schema owned by migrations 0006 and 0012)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.models import Base
from app.db.types import UTCDateTime
from app.triage.tables import Patient


class Ward(Base):
    __tablename__ = "wards"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    type: Mapped[str] = mapped_column(String(16))
    gates: Mapped[str] = mapped_column(String(200))  # comma-separated gate names
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class Admission(Base):
    __tablename__ = "admissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visits.id"), nullable=True)
    ward_id: Mapped[int] = mapped_column(ForeignKey("wards.id"), index=True)
    bed: Mapped[str] = mapped_column(String(16))
    nursing_level: Mapped[str] = mapped_column(String(8))
    admitted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    admitted_by: Mapped[str] = mapped_column(String(64))
    discharged_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True, index=True)
    # the patient's nucleic-acid test at admission (应检尽检): the visit's case test, or the one recorded
    nat_sampled_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    nat_result: Mapped[str | None] = mapped_column(String(10), nullable=True)  # negative / positive / None: pending

    patient: Mapped[Patient] = relationship(lazy="joined")
    ward: Mapped[Ward] = relationship(lazy="joined")


class PermitException(Base):
    """An escort or visit the rules refuse, approved by an admin with a reason (recorded)."""

    __tablename__ = "permit_exceptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    admission_id: Mapped[int] = mapped_column(ForeignKey("admissions.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    reason: Mapped[str] = mapped_column(String(200))
    approved_by: Mapped[str] = mapped_column(String(64))
    approved_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)  # daily report (0020)
    used: Mapped[bool] = mapped_column(Boolean, default=False)


class Permit(Base):
    __tablename__ = "permits"
    __table_args__ = (Index("ix_permits_admission_kind_state", "admission_id", "kind", "state"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # random 128-bit, hex
    number: Mapped[str] = mapped_column(String(16), unique=True)  # short number printed for typing
    kind: Mapped[str] = mapped_column(String(8))
    admission_id: Mapped[int] = mapped_column(ForeignKey("admissions.id"))
    holder_name: Mapped[str] = mapped_column(String(64))
    holder_id_type: Mapped[str] = mapped_column(String(20))
    holder_id_number: Mapped[str | None] = mapped_column(String(32), nullable=True)
    relation: Mapped[str] = mapped_column(String(32))
    phone: Mapped[str | None] = mapped_column(String(20), nullable=True)
    valid_from: Mapped[datetime] = mapped_column(UTCDateTime())
    valid_until: Mapped[datetime] = mapped_column(UTCDateTime())
    escort_test_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    escort_test_result: Mapped[str | None] = mapped_column(String(10), nullable=True)  # negative (issue 12)
    # the validity asked for (signed into the QR); valid_until is cut to the escort's test validity
    requested_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    visit_reason: Mapped[str] = mapped_column(String(200), default="")  # why an on-site visit (required)
    exception_id: Mapped[int | None] = mapped_column(ForeignKey("permit_exceptions.id"), nullable=True)
    state: Mapped[str] = mapped_column(String(8), index=True)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)  # daily report (0020)
    issued_by: Mapped[str] = mapped_column(String(64))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True, index=True)
    revoked_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    revoke_reason: Mapped[str | None] = mapped_column(String(200), nullable=True)
    replaces: Mapped[str | None] = mapped_column(String(32), nullable=True)
    payload: Mapped[str] = mapped_column(String(600))  # the signed QR text printed on the card
    version: Mapped[int] = mapped_column(Integer, default=1)

    admission: Mapped[Admission] = relationship(lazy="joined")

    __mapper_args__ = {"version_id_col": version}


class GateEvent(Base):
    """Every scan and its decision; entries and exits (written back later when the gate was offline)."""

    __tablename__ = "gate_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_key: Mapped[str] = mapped_column(String(40), unique=True)  # idempotent write-back of offline scans
    permit_id: Mapped[str | None] = mapped_column(String(32), index=True)
    admission_id: Mapped[int | None] = mapped_column(Integer, index=True)
    gate: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    outcome: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str | None] = mapped_column(String(20), nullable=True)
    offline: Mapped[bool] = mapped_column(Boolean, default=False)
    username: Mapped[str] = mapped_column(String(64))
    workstation: Mapped[str] = mapped_column(String(64))
    direction: Mapped[str | None] = mapped_column(String(4), nullable=True)  # in / out (migration 0016)
    flags: Mapped[str | None] = mapped_column(String(120), nullable=True)  # an exit: ExitFlag codes, comma-separated


class GateInside(Base):
    """Who is inside now, one row per permit: an entry adds it, an exit removes it (migration 0016)."""

    __tablename__ = "gate_inside"

    permit_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    admission_id: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(8))
    gate: Mapped[str] = mapped_column(String(32))
    since: Mapped[datetime] = mapped_column(UTCDateTime())
