"""Transfers to the designated hospital: hospitals, trusted clinic keys, transfers, receipts.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db.types import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":  # SQLite does not enforce lengths (and batch mode would
        op.alter_column("clocks", "kind", type_=sa.String(32))  # rebuild the partial index)
    op.create_table(
        "hospitals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("address", sa.String(200), nullable=False, server_default=""),
        sa.Column("phone", sa.String(30), nullable=False, server_default=""),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("accepting", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_table(
        "trusted_clinics",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(20), nullable=False, unique=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("key_id", sa.String(16), nullable=False, unique=True),
        sa.Column("added_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "transfers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("visit_no", sa.String(40), nullable=False, index=True),
        sa.Column("state", sa.String(12), nullable=False, index=True),
        sa.Column("requested_at", UTCDateTime(), nullable=False, index=True),
        sa.Column("requested_by", sa.String(64), nullable=False),
        sa.Column("hospital_id", sa.Integer, sa.ForeignKey("hospitals.id"), nullable=False),
        sa.Column("hospital_name", sa.String(100), nullable=False),
        sa.Column("condition", sa.String(10), nullable=False),
        sa.Column("oxygen", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("precautions", sa.String(200), nullable=False, server_default=""),
        sa.Column("staff", sa.String(200), nullable=False, server_default=""),
        sa.Column("request_reason", sa.String(200), nullable=False, server_default=""),
        sa.Column("call_120_at", UTCDateTime(), nullable=True),
        sa.Column("dispatch_ref", sa.String(40), nullable=True),
        sa.Column("vehicle_plate", sa.String(20), nullable=True),
        sa.Column("negative_pressure", sa.Boolean, nullable=True),
        sa.Column("crew", sa.String(200), nullable=True),
        sa.Column("departed_at", UTCDateTime(), nullable=True),
        sa.Column("handed_over_at", UTCDateTime(), nullable=True),
        sa.Column("receiving_staff", sa.String(64), nullable=True),
        sa.Column("receiving_department", sa.String(64), nullable=True),
        sa.Column("arrival_condition", sa.String(10), nullable=True),
        sa.Column("handover_source", sa.String(10), nullable=True),
        sa.Column("disinfected_at", UTCDateTime(), nullable=True),
        sa.Column("disinfection_method", sa.String(100), nullable=True),
        sa.Column("disinfected_by", sa.String(64), nullable=True),
        sa.Column("cancel_reason", sa.String(200), nullable=True),
        sa.Column("closed_at", UTCDateTime(), nullable=True),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_table(
        "received_transfers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("issuer_code", sa.String(20), nullable=False),
        sa.Column("transfer_ref", sa.Integer, nullable=False),
        sa.Column("visit_no", sa.String(40), nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("received_by", sa.String(64), nullable=False),
        sa.Column("receiving_staff", sa.String(64), nullable=False),
        sa.Column("receiving_department", sa.String(64), nullable=False),
        sa.Column("arrival_condition", sa.String(10), nullable=False),
        sa.UniqueConstraint("issuer_code", "transfer_ref"),
    )


def downgrade() -> None:
    for table in ("received_transfers", "transfers", "trusted_clinics", "hospitals"):
        op.drop_table(table)
