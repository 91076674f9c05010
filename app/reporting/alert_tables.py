"""The early-warning alert table (schema owned by migration 0008)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.models import Base
from app.db.types import UTCDateTime


class Alert(Base):
    """One raised signal. ``dedupe_key`` is unique so re-scanning the same records never raises it twice;
    evidence is JSON of counts, visit numbers and method values only (never a name or an ID number)."""

    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(24), index=True)
    dedupe_key: Mapped[str] = mapped_column(String(160), unique=True)
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    clinic_day: Mapped[date] = mapped_column(Date, index=True)
    evidence: Mapped[str] = mapped_column(Text)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True, index=True)
    acknowledged_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    action_taken: Mapped[str | None] = mapped_column(String(500), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
