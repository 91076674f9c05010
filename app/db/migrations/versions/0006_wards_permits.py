"""Wards, inpatients, escort/visitor permits, approved exceptions, gate events.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db.types import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "wards",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("gates", sa.String(200), nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_table(
        "admissions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("patient_id", sa.Integer, sa.ForeignKey("patients.id"), nullable=False, index=True),
        sa.Column("visit_id", sa.Integer, sa.ForeignKey("visits.id"), nullable=True),
        sa.Column("ward_id", sa.Integer, sa.ForeignKey("wards.id"), nullable=False, index=True),
        sa.Column("bed", sa.String(16), nullable=False),
        sa.Column("nursing_level", sa.String(8), nullable=False),
        sa.Column("admitted_at", UTCDateTime(), nullable=False),
        sa.Column("admitted_by", sa.String(64), nullable=False),
        sa.Column("discharged_at", UTCDateTime(), nullable=True, index=True),
    )
    op.create_table(
        "permit_exceptions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("admission_id", sa.Integer, sa.ForeignKey("admissions.id"), nullable=False, index=True),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.Column("approved_by", sa.String(64), nullable=False),
        sa.Column("approved_at", UTCDateTime(), nullable=False),
        sa.Column("used", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "permits",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("number", sa.String(16), nullable=False, unique=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("admission_id", sa.Integer, sa.ForeignKey("admissions.id"), nullable=False),
        sa.Column("holder_name", sa.String(64), nullable=False),
        sa.Column("holder_id_type", sa.String(20), nullable=False),
        sa.Column("holder_id_number", sa.String(32), nullable=True),
        sa.Column("relation", sa.String(32), nullable=False),
        sa.Column("phone", sa.String(20), nullable=True),
        sa.Column("valid_from", UTCDateTime(), nullable=False),
        sa.Column("valid_until", UTCDateTime(), nullable=False),
        sa.Column("escort_test_at", UTCDateTime(), nullable=True),
        sa.Column("exception_id", sa.Integer, sa.ForeignKey("permit_exceptions.id"), nullable=True),
        sa.Column("state", sa.String(8), nullable=False, index=True),
        sa.Column("issued_at", UTCDateTime(), nullable=False),
        sa.Column("issued_by", sa.String(64), nullable=False),
        sa.Column("revoked_at", UTCDateTime(), nullable=True, index=True),
        sa.Column("revoked_by", sa.String(64), nullable=True),
        sa.Column("revoke_reason", sa.String(200), nullable=True),
        sa.Column("replaces", sa.String(32), nullable=True),
        sa.Column("payload", sa.String(600), nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_index("ix_permits_admission_kind_state", "permits", ["admission_id", "kind", "state"])
    op.create_table(
        "gate_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_key", sa.String(40), nullable=False, unique=True),
        sa.Column("permit_id", sa.String(32), nullable=True, index=True),
        sa.Column("admission_id", sa.Integer, nullable=True, index=True),
        sa.Column("gate", sa.String(32), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False, index=True),
        sa.Column("outcome", sa.String(8), nullable=False),
        sa.Column("reason", sa.String(20), nullable=True),
        sa.Column("offline", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("workstation", sa.String(64), nullable=False),
    )


def downgrade() -> None:
    for table in ("gate_events", "permits", "permit_exceptions", "admissions", "wards"):
        op.drop_table(table)
