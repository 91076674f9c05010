"""Key-post staff, their tests and the environmental swabs (schema owned by migration 0022)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db.models import Base
from app.db.types import UTCDateTime


class StaffMember(Base):
    """A person at a key post: an account holder (``user_id``) or staff without a log-in (drivers, cleaners)."""

    __tablename__ = "staff_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), unique=True, nullable=True)
    full_name: Mapped[str] = mapped_column(String(64))
    post: Mapped[str] = mapped_column(String(24))
    phone: Mapped[str] = mapped_column(String(32), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    added_on: Mapped[date] = mapped_column(Date)  # the clinic day the person joined the roster
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class StaffTest(Base):
    """One nucleic-acid test of a staff member: the clinic day sampled and its result."""

    __tablename__ = "staff_tests"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_members.id"), index=True)
    clinic_day: Mapped[date] = mapped_column(Date, index=True)  # the clinic day sampled
    result: Mapped[str] = mapped_column(String(16))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    recorded_by: Mapped[str] = mapped_column(String(64))


class EnvSwab(Base):
    """An environmental surface swab: where, which clinic day, its result."""

    __tablename__ = "env_swabs"

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_day: Mapped[date] = mapped_column(Date, index=True)  # the clinic day sampled
    place: Mapped[str] = mapped_column(String(100))
    result: Mapped[str] = mapped_column(String(16))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    recorded_by: Mapped[str] = mapped_column(String(64))
