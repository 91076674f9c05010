"""Audit anchors the clinics send, and the hub's receipts (issue 13).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db.types import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hub_anchors",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("clinic_code", sa.String(20), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("report_date", sa.Date, nullable=True),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("rollback", sa.Boolean, nullable=False),
        sa.UniqueConstraint("clinic_code", "seq", "hash"),
    )
    op.create_index("ix_hub_anchors_clinic_code", "hub_anchors", ["clinic_code"])


def downgrade() -> None:
    op.drop_index("ix_hub_anchors_clinic_code", "hub_anchors")
    op.drop_table("hub_anchors")
