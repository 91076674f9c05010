"""The county hub's first schema: registered clinics, the reports they sent, the lists it publishes.

Exactly what ``HubBase.metadata.create_all`` made before the hub had migrations, names included
(the unnamed unique constraints get the database's default names, as they did then), so a hub
database made that way is stamped at this revision, not rebuilt (app.hub.migrate).

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db.types import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hub_clinics",
        sa.Column("code", sa.String(20), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("key_id", sa.String(16), nullable=False),
        sa.Column("added_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "hub_reports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("clinic_code", sa.String(20), nullable=False),
        sa.Column("report_date", sa.Date, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("idempotency_key", sa.String(64), nullable=False, unique=True),
        sa.Column("body_sha256", sa.String(64), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("zero_report", sa.Boolean, nullable=False),
        sa.Column("automatic", sa.Boolean, nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("clinic_code", "report_date", "version"),
    )
    op.create_index("ix_hub_reports_clinic_code", "hub_reports", ["clinic_code"])
    op.create_index("ix_hub_reports_report_date", "hub_reports", ["report_date"])
    op.create_table(
        "hub_lists",
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("published_at", UTCDateTime(), nullable=False),
        sa.Column("items", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("hub_lists")
    op.drop_table("hub_reports")
    op.drop_table("hub_clinics")
