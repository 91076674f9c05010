"""Pre-triage desk: risk areas, patients, screenings, visits, hand-offs, pharmacy register.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db.types import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "risk_areas",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("level", sa.String(10), nullable=False),
        sa.Column("since", sa.Date, nullable=True),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "patients",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(64), nullable=False, index=True),
        sa.Column("name_initials", sa.String(32), nullable=False, index=True),
        sa.Column("id_type", sa.String(20), nullable=False),
        sa.Column("id_number", sa.String(32), nullable=True, index=True),
        sa.Column("id_missing_reason", sa.String(100), nullable=True),
        sa.Column("sex", sa.String(8), nullable=False),
        sa.Column("birth_date", sa.Date, nullable=True),
        sa.Column("phone", sa.String(20), nullable=True, index=True),
        sa.Column("address", sa.String(200), nullable=False, server_default=""),
        sa.Column("occupation", sa.String(64), nullable=False, server_default=""),
        sa.Column("workplace", sa.String(100), nullable=False, server_default=""),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_index("ux_patients_id_number", "patients", ["id_type", "id_number"], unique=True,
                    sqlite_where=sa.text("id_number IS NOT NULL"), postgresql_where=sa.text("id_number IS NOT NULL"))
    op.create_table(
        "screenings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("screened_at", UTCDateTime(), nullable=False, index=True),
        sa.Column("clinic_day", sa.Date, nullable=False, index=True),
        sa.Column("user_id", sa.Integer, nullable=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("workstation", sa.String(64), nullable=False),
        sa.Column("source", sa.String(10), nullable=False, server_default="desk"),
        sa.Column("temperature_c", sa.Float, nullable=False),
        sa.Column("temp_method", sa.String(10), nullable=False),
        sa.Column("symptoms", sa.String(200), nullable=False, server_default=""),
        sa.Column("onset_date", sa.Date, nullable=True),
        sa.Column("travel", sa.Text, nullable=False, server_default="[]"),
        sa.Column("contact_case", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("cluster", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("health_code", sa.String(10), nullable=False),
        sa.Column("occupation", sa.String(20), nullable=False),
        sa.Column("antipyretic", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("computed_decision", sa.String(16), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False, index=True),
        sa.Column("reasons", sa.String(300), nullable=False, server_default=""),
        sa.Column("override_reason", sa.String(200), nullable=True),
        sa.Column("import_key", sa.String(64), nullable=True, unique=True),
    )
    op.create_index("ix_screenings_day_decision", "screenings", ["clinic_day", "decision"])
    op.create_table(
        "visits",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("visit_no", sa.String(40), nullable=False, unique=True),
        sa.Column("clinic_day", sa.Date, nullable=False, index=True),
        sa.Column("patient_id", sa.Integer, sa.ForeignKey("patients.id"), nullable=False, index=True),
        sa.Column("screening_id", sa.Integer, sa.ForeignKey("screenings.id"), nullable=False, unique=True),
        sa.Column("registered_at", UTCDateTime(), nullable=False, index=True),
        sa.Column("user_id", sa.Integer, nullable=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("workstation", sa.String(64), nullable=False),
        sa.Column("onset_date", sa.Date, nullable=True),
        sa.Column("vaccination_doses", sa.Integer, nullable=True),
    )
    op.create_table(
        "handoffs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("visit_id", sa.Integer, sa.ForeignKey("visits.id"), nullable=False, index=True),
        sa.Column("state", sa.String(24), nullable=False, index=True),
        sa.Column("escort", sa.String(64), nullable=False),
        sa.Column("sent_at", UTCDateTime(), nullable=False, index=True),
        sa.Column("sent_by", sa.String(64), nullable=False),
        sa.Column("sent_workstation", sa.String(64), nullable=False),
        sa.Column("due_at", UTCDateTime(), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=True),
        sa.Column("received_by", sa.String(64), nullable=True),
        sa.Column("received_workstation", sa.String(64), nullable=True),
        sa.Column("incident_at", UTCDateTime(), nullable=True),
        sa.Column("incident_noticed_by", sa.String(64), nullable=True),
        sa.Column("incident_reported_to", sa.String(64), nullable=True),
        sa.Column("incident_note", sa.String(300), nullable=True),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_table(
        "pharmacy_purchases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", UTCDateTime(), nullable=False, index=True),
        sa.Column("clinic_day", sa.Date, nullable=False, index=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("buyer_name", sa.String(64), nullable=False),
        sa.Column("phone", sa.String(20), nullable=True),
        sa.Column("drug_category", sa.String(20), nullable=False),
        sa.Column("drug_name", sa.String(100), nullable=False, server_default=""),
        sa.Column("temperature_c", sa.Float, nullable=True),
        sa.Column("febrile", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("screening_id", sa.Integer, sa.ForeignKey("screenings.id"), nullable=True),
    )


def downgrade() -> None:
    for table in ("pharmacy_purchases", "handoffs", "visits", "screenings", "patients", "risk_areas"):
        op.drop_table(table)
