"""The gate: passages, repeated scans, offline re-checks (issue 13).

``gate_events`` gains the gatekeeper's action (``direction``: in / out) and, for an exit, what was wrong
with the permit when its holder left (``flags``: comma-separated ExitFlag codes — leaving is never
refused). ``gate_inside`` holds who is inside now, one row per permit, written by every passage (an
entry adds it, an exit removes it): the inside list and the "another visitor is inside" rule read it,
not a time window. Filled here from the last passage of each permit.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

from app.db.types import UTCDateTime  # noqa: F401

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("gate_events", sa.Column("direction", sa.String(4), nullable=True))
    op.add_column("gate_events", sa.Column("flags", sa.String(120), nullable=True))
    op.create_table(
        "gate_inside",
        sa.Column("permit_id", sa.String(32), primary_key=True),
        sa.Column("admission_id", sa.Integer(), nullable=False, index=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("gate", sa.String(32), nullable=False),
        sa.Column("since", UTCDateTime(), nullable=False),
    )
    events = sa.table("gate_events", sa.column("id", sa.Integer), sa.column("permit_id", sa.String),
                      sa.column("admission_id", sa.Integer), sa.column("gate", sa.String),
                      sa.column("at", UTCDateTime()), sa.column("outcome", sa.String))
    permits = sa.table("permits", sa.column("id", sa.String), sa.column("kind", sa.String))
    inside = sa.table("gate_inside", sa.column("permit_id", sa.String), sa.column("admission_id", sa.Integer),
                      sa.column("kind", sa.String), sa.column("gate", sa.String), sa.column("since", UTCDateTime()))
    bind = op.get_bind()
    last: dict[str, Any] = {}
    for row in bind.execute(sa.select(events.c.permit_id, events.c.admission_id, events.c.gate, events.c.at,
                                      events.c.outcome, permits.c.kind)
                            .join(permits, permits.c.id == events.c.permit_id)
                            .where(events.c.outcome.in_(["admit", "exit"]))
                            .order_by(events.c.at, events.c.id)):
        last[row.permit_id] = row
    rows = [{"permit_id": r.permit_id, "admission_id": r.admission_id, "kind": r.kind, "gate": r.gate,
             "since": r.at} for r in last.values() if r.outcome == "admit" and r.admission_id is not None]
    if rows:
        bind.execute(inside.insert(), rows)


def downgrade() -> None:
    op.drop_table("gate_inside")
    with op.batch_alter_table("gate_events") as batch:
        batch.drop_column("flags")
        batch.drop_column("direction")
