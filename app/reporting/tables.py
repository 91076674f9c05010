"""Report tables (schema owned by migration 0007)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db.models import Base
from app.db.types import UTCDateTime


class DailyReport(Base):
    """A submitted daily report: immutable; a correction is a new version that names the old one."""

    __tablename__ = "daily_reports"
    __table_args__ = (UniqueConstraint("clinic_day", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_day: Mapped[date] = mapped_column(Date, index=True)
    version: Mapped[int] = mapped_column(Integer)
    supersedes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    zero_report: Mapped[bool] = mapped_column(Boolean)
    automatic: Mapped[bool] = mapped_column(Boolean, default=False)
    counts: Mapped[str] = mapped_column(Text)  # JSON: counts only, never names
    audit_seq: Mapped[int] = mapped_column(Integer)
    audit_hash: Mapped[str] = mapped_column(String(64))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    submitted_by: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(String(300), default="")


class OutboxEntry(Base):
    """Something to deliver to the county hub, written in the same transaction as its cause."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    body: Mapped[str] = mapped_column(Text)  # canonical JSON, signed when sent
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True, index=True)
    last_error: Mapped[str | None] = mapped_column(String(300), nullable=True)
    needs_admin: Mapped[bool] = mapped_column(Boolean, default=False)  # the hub refused it (4xx)
