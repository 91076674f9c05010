"""Wards, escorts and visitors (issue 12): escort test results, visitor windows and reasons.

Adds the escort's test result and the validity asked for (``valid_until`` is cut to the test's
validity), the visitor's reason, and the patient's nucleic-acid test at admission. Escort permits made
before: their test was recorded as "negative test at", so their result is negative, the validity they
were issued with is what was asked for, and ``valid_until`` ends with the test's 48 hours.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from alembic import op

from app.db.types import UTCDateTime

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

ESCORT_TEST_HOURS = 48  # the default of WardFigures.escort_test_valid_hours when this revision was made


def upgrade() -> None:
    op.add_column("permits", sa.Column("escort_test_result", sa.String(10), nullable=True))
    op.add_column("permits", sa.Column("requested_until", UTCDateTime(), nullable=True))
    op.add_column("permits", sa.Column("visit_reason", sa.String(200), nullable=False, server_default=""))
    op.add_column("admissions", sa.Column("nat_sampled_at", UTCDateTime(), nullable=True))
    op.add_column("admissions", sa.Column("nat_result", sa.String(10), nullable=True))
    permits = sa.table("permits", sa.column("id", sa.String), sa.column("kind", sa.String),
                       sa.column("valid_until", UTCDateTime()), sa.column("escort_test_at", UTCDateTime()),
                       sa.column("escort_test_result", sa.String), sa.column("requested_until", UTCDateTime()))
    bind = op.get_bind()
    rows = bind.execute(sa.select(permits.c.id, permits.c.valid_until, permits.c.escort_test_at)
                        .where(permits.c.kind == "escort")).all()
    for row in rows:
        until = row.valid_until
        if row.escort_test_at is not None:
            until = min(until, row.escort_test_at + timedelta(hours=ESCORT_TEST_HOURS))
        bind.execute(permits.update().where(permits.c.id == row.id).values(
            escort_test_result="negative" if row.escort_test_at is not None else None,
            requested_until=row.valid_until, valid_until=until))


def downgrade() -> None:
    with op.batch_alter_table("admissions") as batch:
        batch.drop_column("nat_result")
        batch.drop_column("nat_sampled_at")
    with op.batch_alter_table("permits") as batch:
        batch.drop_column("visit_reason")
        batch.drop_column("requested_until")
        batch.drop_column("escort_test_result")
