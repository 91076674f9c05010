"""Transfers and responsibility (issue 12): finality, ward transfers, case reassignment.

A transfer asked for from a ward records where the crew collects the patient (``transfers.origin_ward``).
The new codes (hospital kind ``fever_clinic``, hand-over state ``cancelled``) fit the existing columns.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db.types import UTCDateTime  # noqa: F401

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("transfers", sa.Column("origin_ward", sa.String(100), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("transfers") as batch:
        batch.drop_column("origin_ward")
