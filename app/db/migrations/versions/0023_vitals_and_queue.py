"""How sick, not only how risky (issue 17): vital signs, the queue, the observation round.

``vital_signs`` keeps every set of observations — at pre-triage (``screening_id``) and in the fever clinic's
observation round (``case_id``) — with the NEWS2 total, its highest single score and the emergency triage level
computed when it was saved, so a list, a chart or a printed form never recomputes the past with today's figures.
(case_id, taken_at, id) makes a case's latest set and its trend one index range. A screening keeps its severity
(level, NEWS2, and whether it goes to a doctor at once) for the lists and the daily report; a fever-clinic
visit its queue number (unique within its clinic day); a hand-off when and by whom its number was called; a
transfer request the set of observations it carries.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db.types import UTCDateTime

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "vital_signs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("taken_at", UTCDateTime(), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("workstation", sa.String(64), nullable=False),
        sa.Column("screening_id", sa.Integer, sa.ForeignKey("screenings.id"), nullable=True, index=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=True),
        sa.Column("temperature_c", sa.Float, nullable=False),
        sa.Column("respiratory_rate", sa.Integer, nullable=True),
        sa.Column("spo2", sa.Integer, nullable=True),
        sa.Column("spo2_scale", sa.Integer, nullable=False, server_default="1"),
        sa.Column("oxygen", sa.Boolean, nullable=True),
        sa.Column("systolic_bp", sa.Integer, nullable=True),
        sa.Column("heart_rate", sa.Integer, nullable=True),
        sa.Column("consciousness", sa.String(1), nullable=True),
        sa.Column("news2", sa.Integer, nullable=False),
        sa.Column("news2_complete", sa.Boolean, nullable=False),
        sa.Column("max_single", sa.Integer, nullable=False),
        sa.Column("level", sa.Integer, nullable=False),
        sa.Column("reasons", sa.String(300), nullable=False, server_default=""),
    )
    op.create_index("ix_vital_signs_case", "vital_signs", ["case_id", "taken_at", "id"])
    # plain ADD COLUMN (no table copy: a third year's screenings stay where they are)
    op.add_column("screenings", sa.Column("severity_level", sa.Integer, nullable=True))
    op.add_column("screenings", sa.Column("news2", sa.Integer, nullable=True))
    op.add_column("screenings", sa.Column("urgent", sa.Boolean, nullable=False, server_default=sa.false()))
    op.add_column("visits", sa.Column("queue_no", sa.Integer, nullable=True))
    op.create_index("ix_visits_queue", "visits", ["clinic_day", "queue_no"], unique=True)
    op.add_column("handoffs", sa.Column("called_at", UTCDateTime(), nullable=True))
    op.add_column("handoffs", sa.Column("called_by", sa.String(64), nullable=True))
    # the set of observations the request carries (a vital_signs id, as clocks.ref_id names its row)
    op.add_column("transfers", sa.Column("vital_signs_id", sa.Integer, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("transfers") as batch:
        batch.drop_column("vital_signs_id")
    with op.batch_alter_table("handoffs") as batch:
        batch.drop_column("called_by")
        batch.drop_column("called_at")
    op.drop_index("ix_visits_queue", table_name="visits")
    with op.batch_alter_table("visits") as batch:
        batch.drop_column("queue_no")
    with op.batch_alter_table("screenings") as batch:
        batch.drop_column("urgent")
        batch.drop_column("news2")
        batch.drop_column("severity_level")
    op.drop_index("ix_vital_signs_case", table_name="vital_signs")
    op.drop_table("vital_signs")
