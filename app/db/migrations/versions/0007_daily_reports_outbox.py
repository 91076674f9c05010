"""Daily (and zero) reports with versions, and the outbox to the county hub.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db.types import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "daily_reports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("clinic_day", sa.Date, nullable=False, index=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("supersedes", sa.Integer, nullable=True),
        sa.Column("zero_report", sa.Boolean, nullable=False),
        sa.Column("automatic", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("counts", sa.Text, nullable=False),
        sa.Column("audit_seq", sa.Integer, nullable=False),
        sa.Column("audit_hash", sa.String(64), nullable=False),
        sa.Column("submitted_at", UTCDateTime(), nullable=False),
        sa.Column("submitted_by", sa.String(64), nullable=False),
        sa.Column("note", sa.String(300), nullable=False, server_default=""),
        sa.UniqueConstraint("clinic_day", "version"),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("idempotency_key", sa.String(64), nullable=False, unique=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_attempt_at", UTCDateTime(), nullable=False, index=True),
        sa.Column("delivered_at", UTCDateTime(), nullable=True, index=True),
        sa.Column("last_error", sa.String(300), nullable=True),
        sa.Column("needs_admin", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    # a submitted report is immutable, like the audit trail
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE FUNCTION daily_reports_immutable() RETURNS trigger LANGUAGE plpgsql AS "
                   "$$ BEGIN RAISE EXCEPTION 'daily_reports are immutable'; END $$")
        op.execute("CREATE TRIGGER daily_reports_no_change BEFORE UPDATE OR DELETE ON daily_reports "
                   "FOR EACH ROW EXECUTE FUNCTION daily_reports_immutable()")
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER daily_reports_no_{event.lower()} BEFORE {event} ON daily_reports "
                       "BEGIN SELECT RAISE(ABORT, 'daily_reports are immutable'); END")


def downgrade() -> None:
    op.drop_table("outbox")
    op.drop_table("daily_reports")
