"""The audit trail anchored: business-row digests, hub anchors and receipts (issue 13).

audit_events gains ``row_digest`` (nullable: old rows have none and hash as before); hub_receipts
keeps the county hub's signed receipts for the anchors it holds.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db.types import UTCDateTime

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("audit_events", sa.Column("row_digest", sa.String(64), nullable=True))
    op.create_table(
        "hub_receipts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("received_at", sa.String(40), nullable=False),
        sa.Column("key_id", sa.String(16), nullable=False),
        sa.Column("signature", sa.String(100), nullable=False),
        sa.Column("stored_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("seq", "hash"),
    )


def downgrade() -> None:
    op.drop_table("hub_receipts")
    op.drop_column("audit_events", "row_digest")  # SQLite >= 3.35 drops in place (its triggers stay)
