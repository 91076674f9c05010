"""Open now (issue 16): every "open now" read independent of history.

Partial and covering indexes so that the screening list, the hand-off polls, the fever-clinic page, the
open clocks and the gate's "who is inside" read only what is open now, never the whole history. Other parts
of issue 16 add their indexes in the marked sections below (saves/reports, polls).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db.types import UTCDateTime

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


ESCORTING = "state = 'escorting'"
ARRIVED = "state = 'arrived'"
WAITING = "state = 'arrived' AND taken_at IS NULL"
#: saves/reports: the time columns the daily report counts one day by (app/reporting/daily.py)
_REPORT_COLUMNS = (("lab_tests", "ordered_at"), ("lab_tests", "result_at"), ("transfers", "handed_over_at"),
                   ("handoffs", "incident_at"), ("cases", "closed_at"), ("permit_exceptions", "approved_at"),
                   ("permits", "issued_at"))


def _partial(name: str, table: str, columns: list[str], where: str) -> None:
    op.create_index(name, table, columns, sqlite_where=sa.text(where), postgresql_where=sa.text(where))


def upgrade() -> None:
    # --- state (part "state") ---
    # a visit's current hand-off is its highest id: (visit_id, id) answers it per row without grouping
    op.create_index("ix_handoffs_visit_latest", "handoffs", ["visit_id", "id"])
    op.drop_index("ix_handoffs_visit_id", table_name="handoffs")
    _partial("ix_handoffs_escorting", "handoffs", ["sent_at"], ESCORTING)
    _partial("ix_handoffs_arrived", "handoffs", ["received_at"], ARRIVED)
    # the patient's case taken (首诊): kept by CaseService.take in the case's transaction; backfilled here
    op.add_column("handoffs", sa.Column("taken_at", UTCDateTime(), nullable=True))
    op.execute("UPDATE handoffs SET taken_at = (SELECT cases.taken_at FROM cases WHERE cases.visit_id = "
               "handoffs.visit_id) WHERE state = 'arrived'")
    _partial("ix_handoffs_waiting", "handoffs", ["received_at"], WAITING)
    # an index of every state would be SQLite's choice without statistics (the app keeps none) over the
    # partial ones above, and walk every arrival ever made; the open cases are read by ix_cases_closed_at
    op.drop_index("ix_handoffs_state", table_name="handoffs")
    # --- saves/reports (part "saves") ---
    # the daily report counts one day: each time column it counts by gets an index, so no count reads history
    for table, column in _REPORT_COLUMNS:
        op.create_index(f"ix_{table}_{column}", table, [column])
    op.create_index("ix_clocks_kind_due", "clocks", ["kind", "due_at"])
    op.create_index("ix_clocks_kind_met", "clocks", ["kind", "met_at"])
    # --- polls (part "polls") ---
    pass


def downgrade() -> None:
    # --- state (part "state") ---
    op.create_index("ix_handoffs_state", "handoffs", ["state"])
    for name in ("ix_handoffs_waiting", "ix_handoffs_arrived", "ix_handoffs_escorting"):
        op.drop_index(name, table_name="handoffs")  # before the table is copied without taken_at
    with op.batch_alter_table("handoffs") as batch:
        batch.drop_column("taken_at")
    op.create_index("ix_handoffs_visit_id", "handoffs", ["visit_id"])
    op.drop_index("ix_handoffs_visit_latest", table_name="handoffs")
    # --- saves/reports (part "saves") ---
    for name, table in (("ix_clocks_kind_met", "clocks"), ("ix_clocks_kind_due", "clocks"),
                        *((f"ix_{t}_{c}", t) for t, c in _REPORT_COLUMNS)):
        op.drop_index(name, table_name=table)
    # --- polls (part "polls") ---
    pass
