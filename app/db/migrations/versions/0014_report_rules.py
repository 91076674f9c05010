"""Daily report and rule figures (issue 12).

The daily report now counts classifications from the day's events (``case_classifications``, made in
0009). A case classified before that table existed has no event, so its past days would lose it: one
event is written for each such case, from what it kept (pending → its class, at ``classified_at``, by
its doctor). Cases that already have an event are left alone; nothing else changes.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db.types import UTCDateTime  # noqa: F401

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sa.text(
        'INSERT INTO case_classifications (case_id, at, "before", "after", username) '
        "SELECT c.id, c.classified_at, 'pending', c.classification, c.doctor_username FROM cases c "
        "WHERE c.classification <> 'pending' AND c.classified_at IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM case_classifications e WHERE e.case_id = c.id)"))


def downgrade() -> None:
    pass  # the events written on upgrade are true history: they stay
