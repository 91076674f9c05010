"""Multi-point early-warning alerts (多点触发预警), deduplicated by signal.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db.types import UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(24), nullable=False, index=True),
        sa.Column("dedupe_key", sa.String(160), nullable=False, unique=True),
        sa.Column("raised_at", UTCDateTime(), nullable=False, index=True),
        sa.Column("clinic_day", sa.Date, nullable=False, index=True),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("acknowledged_at", UTCDateTime(), nullable=True, index=True),
        sa.Column("acknowledged_by", sa.String(64), nullable=True),
        sa.Column("action_taken", sa.String(500), nullable=True),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )


def downgrade() -> None:
    op.drop_table("alerts")
