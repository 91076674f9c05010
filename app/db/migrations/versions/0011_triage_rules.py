"""Pre-triage and clinic mode (issue 12): health code checked, travel window from onset.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

from app.db.types import UTCDateTime  # noqa: F401

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":  # "not_checked" needs 11 characters (SQLite ignores lengths)
        op.alter_column("screenings", "health_code", type_=sa.String(16))
    op.add_column("screenings", sa.Column("health_code_note", sa.String(100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("screenings") as batch:
        batch.drop_column("health_code_note")
