"""The vital-signs table (schema owned by migration 0023)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.casework import tables as _casework_tables  # noqa: F401  (the tables its foreign keys name)
from app.db.models import Base
from app.db.types import UTCDateTime


class VitalSigns(Base):
    """One set of observations, at pre-triage (``screening_id``) or in the observation round (``case_id``).

    NEWS2, its highest single score and the triage level are kept as computed at the time, with the figures
    then in force: a trend or a printed form shows what the clinician saw, never a recomputation."""

    __tablename__ = "vital_signs"
    __table_args__ = (Index("ix_vital_signs_case", "case_id", "taken_at", "id"),)  # a case's latest set, its trend

    id: Mapped[int] = mapped_column(primary_key=True)
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime())
    username: Mapped[str] = mapped_column(String(64))
    workstation: Mapped[str] = mapped_column(String(64))
    screening_id: Mapped[int | None] = mapped_column(ForeignKey("screenings.id"), nullable=True, index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), nullable=True)
    temperature_c: Mapped[float] = mapped_column(Float)
    respiratory_rate: Mapped[int | None] = mapped_column(Integer, nullable=True)
    spo2: Mapped[int | None] = mapped_column(Integer, nullable=True)
    spo2_scale: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    oxygen: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    systolic_bp: Mapped[int | None] = mapped_column(Integer, nullable=True)
    heart_rate: Mapped[int | None] = mapped_column(Integer, nullable=True)
    consciousness: Mapped[str | None] = mapped_column(String(1), nullable=True)  # app.severity.vocab.Avpu
    news2: Mapped[int] = mapped_column(Integer)  # a floor when news2_complete is False
    news2_complete: Mapped[bool] = mapped_column(Boolean)
    max_single: Mapped[int] = mapped_column(Integer)
    level: Mapped[int] = mapped_column(Integer)  # emergency triage level 1–4 (app.severity.vocab.Level)
    reasons: Mapped[str] = mapped_column(String(300), default="", server_default="")  # LevelReason codes, comma-separated
