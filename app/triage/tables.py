"""Triage desk tables (schema owned by migration 0003)."""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

from sqlalchemy import Boolean, Date, Float, ForeignKey, Index, Integer, String, Table, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.models import Base
from app.db.types import UTCDateTime


class RiskArea(Base):
    """The county's current medium/high-risk area list (replaced whole on import or hub pull)."""

    __tablename__ = "risk_areas"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    level: Mapped[str] = mapped_column(String(10))
    since: Mapped[date | None] = mapped_column(Date, nullable=True)
    source: Mapped[str] = mapped_column(String(20))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Patient(Base):
    __tablename__ = "patients"
    __table_args__ = (
        Index("ux_patients_id_number", "id_type", "id_number", unique=True,
              sqlite_where="id_number IS NOT NULL", postgresql_where="id_number IS NOT NULL"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), index=True)
    name_initials: Mapped[str] = mapped_column(String(32), index=True)
    id_type: Mapped[str] = mapped_column(String(20))
    id_number: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    id_missing_reason: Mapped[str | None] = mapped_column(String(100), nullable=True)
    sex: Mapped[str] = mapped_column(String(8))
    birth_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    phone: Mapped[str | None] = mapped_column(String(20), nullable=True, index=True)
    address: Mapped[str] = mapped_column(String(200), default="")
    occupation: Mapped[str] = mapped_column(String(64), default="")
    workplace: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class Screening(Base):
    """One pre-triage screening: everyone is counted, registered as a patient or not."""

    __tablename__ = "screenings"
    __table_args__ = (Index("ix_screenings_day_decision", "clinic_day", "decision"),)  # revision 0003

    id: Mapped[int] = mapped_column(primary_key=True)
    screened_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    clinic_day: Mapped[date] = mapped_column(Date, index=True)
    user_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    username: Mapped[str] = mapped_column(String(64))
    workstation: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(10), default="desk")  # desk / pharmacy / import
    temperature_c: Mapped[float] = mapped_column(Float)
    temp_method: Mapped[str] = mapped_column(String(10))
    symptoms: Mapped[str] = mapped_column(String(200), default="")  # comma-separated codes
    onset_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    travel: Mapped[str] = mapped_column(Text, default="[]")  # JSON [[area, last_date|null], ...]
    contact_case: Mapped[bool] = mapped_column(Boolean, default=False)
    cluster: Mapped[bool] = mapped_column(Boolean, default=False)
    health_code: Mapped[str] = mapped_column(String(16))  # HealthCode (not_checked only from the pharmacy)
    health_code_note: Mapped[str | None] = mapped_column(String(100), nullable=True)  # why none was shown
    occupation: Mapped[str] = mapped_column(String(20))
    antipyretic: Mapped[bool] = mapped_column(Boolean, default=False)
    computed_decision: Mapped[str] = mapped_column(String(16))
    decision: Mapped[str] = mapped_column(String(16), index=True)
    reasons: Mapped[str] = mapped_column(String(300), default="")
    override_reason: Mapped[str | None] = mapped_column(String(200), nullable=True)
    # how sick (0023, issue 17): the emergency triage level and NEWS2 of the set taken at the desk (NULL before
    # 0023 and at the pharmacy), and whether it sends the patient to a doctor at once whatever ``decision`` says
    severity_level: Mapped[int | None] = mapped_column(Integer, nullable=True)
    news2: Mapped[int | None] = mapped_column(Integer, nullable=True)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    import_key: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)


class Visit(Base):
    """A registered fever patient's visit, numbered clinic code + date + sequence."""

    __tablename__ = "visits"
    __table_args__ = (Index("ix_visits_queue", "clinic_day", "queue_no", unique=True),)  # revision 0023

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_no: Mapped[str] = mapped_column(String(40), unique=True)
    clinic_day: Mapped[date] = mapped_column(Date, index=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    screening_id: Mapped[int] = mapped_column(ForeignKey("screenings.id"), unique=True)
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    user_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    username: Mapped[str] = mapped_column(String(64))
    workstation: Mapped[str] = mapped_column(String(64))
    onset_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    vaccination_doses: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # the fever clinic's queue number (0023), unique within the clinic day (ix_visits_queue); NULL elsewhere
    queue_no: Mapped[int | None] = mapped_column(Integer, nullable=True)

    patient: Mapped[Patient] = relationship(lazy="joined")
    screening: Mapped[Screening] = relationship(lazy="joined")


class Handoff(Base):
    """Escorted walk from the desk to the fever clinic; open until received or an incident."""

    __tablename__ = "handoffs"
    __table_args__ = (  # revision 0020: what is open now, read without the history (PostgreSQL's spelling)
        Index("ix_handoffs_visit_latest", "visit_id", "id"),  # a visit's current hand-off: its highest id
        Index("ix_handoffs_escorting", "sent_at", sqlite_where="state = 'escorting'",
              postgresql_where="(state)::text = 'escorting'::text"),
        Index("ix_handoffs_arrived", "received_at", sqlite_where="state = 'arrived'",
              postgresql_where="(state)::text = 'arrived'::text"),
        Index("ix_handoffs_waiting", "received_at", sqlite_where="state = 'arrived' AND taken_at IS NULL",
              postgresql_where="((state)::text = 'arrived'::text) AND (taken_at IS NULL)"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id"))
    # no index of its own (0020): a state is read with its partial index (ix_handoffs_escorting, _arrived,
    # _waiting); an index of every state would be the planner's choice without statistics, and walk history
    state: Mapped[str] = mapped_column(String(24))
    escort: Mapped[str] = mapped_column(String(64))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    sent_by: Mapped[str] = mapped_column(String(64))
    sent_workstation: Mapped[str] = mapped_column(String(64))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    received_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    received_workstation: Mapped[str | None] = mapped_column(String(64), nullable=True)
    incident_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True, index=True)  # daily report
    incident_noticed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    incident_reported_to: Mapped[str | None] = mapped_column(String(64), nullable=True)
    incident_note: Mapped[str | None] = mapped_column(String(300), nullable=True)
    # when a doctor took the arrived patient's case (首诊), set in the same transaction as the case; NULL
    # while the patient waits, so "waiting" is an index range (ix_handoffs_waiting), not a scan of history
    taken_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # when and by whom the doctor called the patient's queue number (0023); NULL while not called
    called_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    called_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    visit: Mapped[Visit] = relationship(lazy="joined")

    __mapper_args__ = {"version_id_col": version}


class PharmacyPurchase(Base):
    """退热药品购买登记: every buyer of an antipyretic, antiviral, antibiotic or cough medicine (older rows
    may hold the retired category "antidiarrhoeal"). ``outcome`` says whether the sale was made (an
    antipyretic without a level-2+ prescription is registered but not sold); ``follow_up`` is set for
    every purchase since migration 0013 (the follow-up list, app/triage/pharmacy_followup.py)."""

    __tablename__ = "pharmacy_purchases"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    clinic_day: Mapped[date] = mapped_column(Date, index=True)
    username: Mapped[str] = mapped_column(String(64))
    buyer_name: Mapped[str] = mapped_column(String(64))
    phone: Mapped[str | None] = mapped_column(String(20), nullable=True)
    drug_category: Mapped[str] = mapped_column(String(20))
    drug_name: Mapped[str] = mapped_column(String(100), default="")
    temperature_c: Mapped[float | None] = mapped_column(Float, nullable=True)
    febrile: Mapped[bool] = mapped_column(Boolean, default=False)
    screening_id: Mapped[int | None] = mapped_column(ForeignKey("screenings.id"), nullable=True)
    id_number: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)  # resident ID, optional
    prescription: Mapped[str] = mapped_column(String(16), default="none")  # Prescription
    prescriber: Mapped[str] = mapped_column(String(64), default="")  # the issuing doctor
    prescriber_institution: Mapped[str] = mapped_column(String(100), default="")
    outcome: Mapped[str] = mapped_column(String(12), default="sold", index=True)  # SaleOutcome
    follow_up: Mapped[bool] = mapped_column(Boolean, default=False, index=True)


# The tables the desk's saves write with Core (app/services/base.py ``insert_row``).
SCREENINGS = cast(Table, Screening.__table__)
PATIENTS = cast(Table, Patient.__table__)
VISITS = cast(Table, Visit.__table__)
