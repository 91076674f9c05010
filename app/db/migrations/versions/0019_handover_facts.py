"""Handover facts (issue 15): what the transfer handover form carries that nothing held before.

transfers gains ``underlying_conditions`` (基础疾病及过敏史), ``lines_medication`` (途中管路及已用药物) and
``documents`` (随行资料), entered by the doctor with the request; "" on a request made before. The phones
need no column: the hospital list has had ``hospitals.phone`` since 0005, and the clinic's own phone is a
clinic setting (``clinic.contacts``).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

COLUMNS = ("underlying_conditions", "lines_medication", "documents")


def upgrade() -> None:
    for name in COLUMNS:
        op.add_column("transfers", sa.Column(name, sa.String(200), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("transfers") as batch:
        for name in reversed(COLUMNS):
            batch.drop_column(name)
