"""Desk keys per workstation and trust by purpose (issue 13).

``desk_keys``: each workstation's public key, its state (pending / enrolled / revoked) and its enrolment
(an FST1 token signed by the clinic key). ``trusted_clinics.purpose``: what another clinic's key may
verify here — ``transfer`` (its transfer forms and receipts), the only purpose; existing rows get it.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db.types import UTCDateTime

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "desk_keys",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key_id", sa.String(16), nullable=False, unique=True),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("workstation", sa.String(64), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("enrolment", sa.Text(), nullable=True),
        sa.Column("purposes", sa.String(60), nullable=False, server_default=""),
        sa.Column("first_seen", UTCDateTime(), nullable=False),
        sa.Column("enrolled_by", sa.String(64), nullable=True),
        sa.Column("enrolled_at", UTCDateTime(), nullable=True),
        sa.Column("revoked_by", sa.String(64), nullable=True),
        sa.Column("revoked_at", UTCDateTime(), nullable=True),
        sa.Column("revoke_reason", sa.String(200), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
    )
    op.add_column("trusted_clinics", sa.Column("purpose", sa.String(20), nullable=False,
                                               server_default="transfer"))


def downgrade() -> None:
    with op.batch_alter_table("trusted_clinics") as batch:
        batch.drop_column("purpose")
    op.drop_table("desk_keys")
