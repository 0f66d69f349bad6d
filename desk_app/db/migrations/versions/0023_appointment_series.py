"""Recurring appointments (issue 14): a series table, and each appointment's series and
place in it.

``appointment_series`` keeps the rule as booked (frequency, interval, the number of
occurrences it expanded to, the until date of an until rule) and whom it is for;
``appointments.series_id`` / ``series_index`` tie an occurrence to it. Both new columns
are NULL for every appointment booked on its own, so nothing existing changes.

Self-contained: its own DDL.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desk_sql.types import UTCDateTime

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "appointment_series",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("frequency", sa.String(16), nullable=False),
        sa.Column("interval", sa.Integer(), nullable=False),
        sa.Column("occurrences", sa.Integer(), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column(
            "customer_id",
            sa.Integer(),
            sa.ForeignKey("customers.id", name="fk_appointment_series_customer_id_customers"),
            nullable=False,
        ),
        sa.Column(
            "service_id",
            sa.Integer(),
            sa.ForeignKey(
                "salon_services.id", name="fk_appointment_series_service_id_salon_services"
            ),
            nullable=False,
        ),
        sa.Column(
            "staff_id",
            sa.Integer(),
            sa.ForeignKey("staff.id", name="fk_appointment_series_staff_id_staff"),
            nullable=False,
        ),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_appointment_series"),
    )
    # Plain SQL on both: SQLite adds a column with a reference in place (no table
    # rebuild, so the appointments' triggers stay).
    op.execute(
        "ALTER TABLE appointments ADD COLUMN series_id INTEGER "
        "CONSTRAINT fk_appointments_series_id_appointment_series "
        "REFERENCES appointment_series (id)"
    )
    op.execute("ALTER TABLE appointments ADD COLUMN series_index INTEGER")
    op.create_index("ix_appointments_series_id", "appointments", ["series_id"])


def downgrade() -> None:
    op.drop_index("ix_appointments_series_id", table_name="appointments")
    op.execute("ALTER TABLE appointments DROP COLUMN series_index")
    op.execute("ALTER TABLE appointments DROP COLUMN series_id")
    op.drop_table("appointment_series")
