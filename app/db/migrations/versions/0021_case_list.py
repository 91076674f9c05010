"""The fever-clinic page's case list (issue 16): open cases read a page at a time.

The page lists the open cases (closed_at IS NULL) by (taken_at, id), 200 at a time from a keyset cursor, and
counts them; "my cases" is the same for one doctor. (closed_at, taken_at, id) keeps the open cases together in
that order, so a page is a short index range whatever the history, on SQLite (which keeps no statistics and
took the index on closed_at alone, then sorted every open case) and on PostgreSQL alike; it replaces that
index, whose every use (the daily report's closings of a day) it serves as well. (doctor_id, closed_at,
taken_at, id) does the same for one doctor. The hand-overs waiting for a doctor's answer get a partial index:
the index of every hand-over ever sent to a doctor grows with the years.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-11
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

PENDING = "state = 'pending'"


def upgrade() -> None:
    op.create_index("ix_cases_closed_taken", "cases", ["closed_at", "taken_at", "id"])
    op.drop_index("ix_cases_closed_at", table_name="cases")
    op.create_index("ix_cases_doctor_open", "cases", ["doctor_id", "closed_at", "taken_at", "id"])
    op.create_index("ix_case_handovers_pending", "case_handovers", ["to_user_id"], sqlite_where=sa.text(PENDING),
                    postgresql_where=sa.text(PENDING))


def downgrade() -> None:
    op.drop_index("ix_case_handovers_pending", table_name="case_handovers")
    op.drop_index("ix_cases_doctor_open", table_name="cases")
    op.create_index("ix_cases_closed_at", "cases", ["closed_at"])
    op.drop_index("ix_cases_closed_taken", table_name="cases")
