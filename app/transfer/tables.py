"""Transfer tables (schema owned by migration 0005; ``origin_ward`` added by 0010, ``purpose`` by 0015,
the handover facts by 0019)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db.models import Base
from app.db.types import UTCDateTime


class Hospital(Base):
    """Designated and backup designated hospitals, kept by the admin."""

    __tablename__ = "hospitals"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    kind: Mapped[str] = mapped_column(String(12))
    accepting: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class TrustedClinic(Base):
    """Another clinic's public key, so its signed transfer forms and receipts can be verified."""

    __tablename__ = "trusted_clinics"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    public_key: Mapped[str] = mapped_column(String(64))
    key_id: Mapped[str] = mapped_column(String(16), unique=True)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # what its key may verify here (app.desk_keys.TrustPurpose): "transfer" — never a permit (0015)
    purpose: Mapped[str] = mapped_column(String(20), default="transfer", server_default="transfer")


class Transfer(Base):
    __tablename__ = "transfers"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    visit_no: Mapped[str] = mapped_column(String(40), index=True)
    state: Mapped[str] = mapped_column(String(12), index=True)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    requested_by: Mapped[str] = mapped_column(String(64))
    hospital_id: Mapped[int] = mapped_column(ForeignKey("hospitals.id"))
    hospital_name: Mapped[str] = mapped_column(String(100))  # as it was when requested
    condition: Mapped[str] = mapped_column(String(10))
    oxygen: Mapped[bool] = mapped_column(Boolean, default=False)
    precautions: Mapped[str] = mapped_column(String(200), default="")
    staff: Mapped[str] = mapped_column(String(200), default="")
    request_reason: Mapped[str] = mapped_column(String(200), default="")
    call_120_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    dispatch_ref: Mapped[str | None] = mapped_column(String(40), nullable=True)
    vehicle_plate: Mapped[str | None] = mapped_column(String(20), nullable=True)
    negative_pressure: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    crew: Mapped[str | None] = mapped_column(String(200), nullable=True)
    departed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    handed_over_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True, index=True)  # daily report
    receiving_staff: Mapped[str | None] = mapped_column(String(64), nullable=True)
    receiving_department: Mapped[str | None] = mapped_column(String(64), nullable=True)
    arrival_condition: Mapped[str | None] = mapped_column(String(10), nullable=True)
    handover_source: Mapped[str | None] = mapped_column(String(10), nullable=True)  # entered / receipt
    disinfected_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    disinfection_method: Mapped[str | None] = mapped_column(String(100), nullable=True)
    disinfected_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    cancel_reason: Mapped[str | None] = mapped_column(String(200), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # where the crew collects the patient when the request came from a ward ("内科病区 12床"); "" = the fever clinic
    origin_ward: Mapped[str] = mapped_column(String(100), default="", server_default="")
    # what the receiving hospital needs that the case does not hold (0019): entered with the request
    underlying_conditions: Mapped[str] = mapped_column(String(200), default="", server_default="")  # 基础疾病/过敏史
    lines_medication: Mapped[str] = mapped_column(String(200), default="", server_default="")  # 吸氧、静脉通路、已用药物
    documents: Mapped[str] = mapped_column(String(200), default="", server_default="")  # 病历摘要、检验报告…
    # the set of observations the request carries (0023): a vital_signs id, as clocks.ref_id names its row
    vital_signs_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class ReceivedTransfer(Base):
    """At a receiving hospital that runs Fever Sentinel: a verified incoming transfer."""

    __tablename__ = "received_transfers"
    __table_args__ = (UniqueConstraint("issuer_code", "transfer_ref"),)  # revision 0005: one receipt per transfer

    id: Mapped[int] = mapped_column(primary_key=True)
    issuer_code: Mapped[str] = mapped_column(String(20))
    transfer_ref: Mapped[int] = mapped_column(Integer)
    visit_no: Mapped[str] = mapped_column(String(40))
    summary: Mapped[str] = mapped_column(Text)  # the verified payload, JSON
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    received_by: Mapped[str] = mapped_column(String(64))
    receiving_staff: Mapped[str] = mapped_column(String(64))
    receiving_department: Mapped[str] = mapped_column(String(64))
    arrival_condition: Mapped[str] = mapped_column(String(10))
