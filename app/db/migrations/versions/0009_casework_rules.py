"""Fever-clinic rules (issue 12): classification events, clock settlement, rule exceptions.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

from app.db.types import UTCDateTime  # noqa: F401

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("clocks", sa.Column("settled_reason", sa.String(32), nullable=True))
    op.add_column("cases", sa.Column("incident_reported_to", sa.String(64), nullable=True))
    op.add_column("cases", sa.Column("incident_reported_at", UTCDateTime(), nullable=True))
    op.create_table(
        "rule_exceptions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False, index=True),
        sa.Column("subject", sa.String(64), nullable=False, index=True),
        sa.Column("detail", sa.Text, nullable=False, server_default="{}"),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.Column("approved_by", sa.String(64), nullable=False),
        sa.Column("approved_at", UTCDateTime(), nullable=False, index=True),
        sa.Column("used_at", UTCDateTime(), nullable=True),
        sa.Column("used_by", sa.String(64), nullable=True),
    )
    op.create_table(
        "case_classifications",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("at", UTCDateTime(), nullable=False, index=True),
        sa.Column("before", sa.String(16), nullable=False),
        sa.Column("after", sa.String(16), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("exception_id", sa.Integer, sa.ForeignKey("rule_exceptions.id"), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("case_classifications")
    op.drop_table("rule_exceptions")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("incident_reported_at")
        batch.drop_column("incident_reported_to")
    with op.batch_alter_table("clocks") as batch:
        batch.drop_column("settled_reason")
