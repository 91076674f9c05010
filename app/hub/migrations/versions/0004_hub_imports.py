"""Imported outbox files and their receipts, kept (issue 18): a restart still serves a receipt, and the same file
imported again gets the same receipt.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db.types import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hub_imports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("file_sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("token", sa.String(48), nullable=False, unique=True),
        sa.Column("clinic_code", sa.String(20), nullable=False),
        sa.Column("imported_at", UTCDateTime(), nullable=False),
        sa.Column("imported_by", sa.String(64), nullable=False),
        sa.Column("file_name", sa.String(100), nullable=False),
        sa.Column("stored", sa.Integer, nullable=False),
        sa.Column("already", sa.Integer, nullable=False),
        sa.Column("refused", sa.Integer, nullable=False),
        sa.Column("receipt", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("hub_imports")
