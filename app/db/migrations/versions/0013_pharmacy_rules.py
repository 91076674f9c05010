"""Antipyretic register (issue 12): prescriptions, buyer identity, follow-up list.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

from app.db.types import UTCDateTime  # noqa: F401

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Older rows: no prescription recorded, sold, and not on the follow-up list (registered before the rule).
    op.add_column("pharmacy_purchases", sa.Column("id_number", sa.String(32), nullable=True))
    op.add_column("pharmacy_purchases", sa.Column("prescription", sa.String(16), nullable=False,
                                                  server_default="none"))
    op.add_column("pharmacy_purchases", sa.Column("prescriber", sa.String(64), nullable=False, server_default=""))
    op.add_column("pharmacy_purchases", sa.Column("prescriber_institution", sa.String(100), nullable=False,
                                                  server_default=""))
    op.add_column("pharmacy_purchases", sa.Column("outcome", sa.String(12), nullable=False, server_default="sold"))
    op.add_column("pharmacy_purchases", sa.Column("follow_up", sa.Boolean, nullable=False,
                                                  server_default=sa.false()))
    op.create_index("ix_pharmacy_purchases_id_number", "pharmacy_purchases", ["id_number"])
    op.create_index("ix_pharmacy_purchases_outcome", "pharmacy_purchases", ["outcome"])
    op.create_index("ix_pharmacy_purchases_follow_up", "pharmacy_purchases", ["follow_up"])
    op.create_table(
        "pharmacy_callbacks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("purchase_id", sa.Integer, sa.ForeignKey("pharmacy_purchases.id"), nullable=False, index=True),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("note", sa.String(200), nullable=False, server_default=""),
    )


def downgrade() -> None:
    op.drop_table("pharmacy_callbacks")
    for name in ("follow_up", "outcome", "id_number"):
        op.drop_index(f"ix_pharmacy_purchases_{name}", "pharmacy_purchases")
    with op.batch_alter_table("pharmacy_purchases") as batch:
        for column in ("follow_up", "outcome", "prescriber_institution", "prescriber", "prescription", "id_number"):
            batch.drop_column(column)
