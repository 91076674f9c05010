"""Fever clinic casework: cases, responsibility hand-overs, lab tests, deadline clocks.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
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
        "cases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("visit_id", sa.Integer, sa.ForeignKey("visits.id"), nullable=False, unique=True),
        sa.Column("doctor_id", sa.Integer, nullable=True),
        sa.Column("doctor_username", sa.String(64), nullable=False, index=True),
        sa.Column("taken_at", UTCDateTime(), nullable=False),
        sa.Column("classification", sa.String(16), nullable=False, index=True),
        sa.Column("other_pathogen", sa.String(100), nullable=False, server_default=""),
        sa.Column("classified_at", UTCDateTime(), nullable=True),
        sa.Column("epi", sa.Text, nullable=False, server_default="{}"),
        sa.Column("findings", sa.Text, nullable=False, server_default=""),
        sa.Column("observation_room", sa.String(32), nullable=True),
        sa.Column("observation_bed", sa.String(32), nullable=True),
        sa.Column("observation_started_at", UTCDateTime(), nullable=True),
        sa.Column("report_card_no", sa.String(40), nullable=True),
        sa.Column("reported_at", UTCDateTime(), nullable=True),
        sa.Column("epi_done_at", UTCDateTime(), nullable=True),
        sa.Column("disposition", sa.String(32), nullable=True, index=True),
        sa.Column("disposition_detail", sa.Text, nullable=False, server_default="{}"),
        sa.Column("closed_at", UTCDateTime(), nullable=True),
        sa.Column("closed_by", sa.String(64), nullable=True),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_table(
        "case_handovers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("from_username", sa.String(64), nullable=False),
        sa.Column("to_user_id", sa.Integer, nullable=False, index=True),
        sa.Column("to_username", sa.String(64), nullable=False),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.Column("requested_at", UTCDateTime(), nullable=False),
        sa.Column("state", sa.String(10), nullable=False, index=True),
        sa.Column("answered_at", UTCDateTime(), nullable=True),
        sa.Column("answer_note", sa.String(200), nullable=False, server_default=""),
    )
    op.create_table(
        "lab_tests",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("population", sa.String(16), nullable=False),
        sa.Column("ordered_at", UTCDateTime(), nullable=False),
        sa.Column("ordered_by", sa.String(64), nullable=False),
        sa.Column("sample_at", UTCDateTime(), nullable=False),
        sa.Column("result", sa.String(10), nullable=True),
        sa.Column("ct_value", sa.Float, nullable=True),
        sa.Column("result_at", UTCDateTime(), nullable=True),
        sa.Column("lab", sa.String(64), nullable=False, server_default=""),
        sa.Column("resulted_by", sa.String(64), nullable=True),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_table(
        "clocks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("visit_no", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("ref_id", sa.Integer, nullable=True),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("warn_at", UTCDateTime(), nullable=False),
        sa.Column("due_at", UTCDateTime(), nullable=False),
        sa.Column("met_at", UTCDateTime(), nullable=True),
    )
    op.create_index("ix_clocks_open_due", "clocks", ["due_at"], sqlite_where=sa.text("met_at IS NULL"),
                    postgresql_where=sa.text("met_at IS NULL"))


def downgrade() -> None:
    for table in ("clocks", "lab_tests", "case_handovers", "cases"):
        op.drop_table(table)
