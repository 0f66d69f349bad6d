"""The waitlist (issue 14): entries, the openings freed while someone waits, and the
automatic offers of an opening.

New tables only; nothing existing changes. Self-contained: its own DDL.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desk_sql.types import UTCDateTime

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def _fk(column: str, target: str, table: str, nullable: bool = False) -> sa.Column[int]:
    referred = target.split(".")[0]
    return sa.Column(
        column,
        sa.Integer(),
        sa.ForeignKey(target, name=f"fk_{table}_{column}_{referred}"),
        nullable=nullable,
    )


def upgrade() -> None:
    op.create_table(
        "waitlist_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(36), nullable=False),
        _fk("customer_id", "customers.id", "waitlist_entries"),
        _fk("service_id", "salon_services.id", "waitlist_entries"),
        _fk("staff_id", "staff.id", "waitlist_entries", nullable=True),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("windows", sa.JSON(), nullable=False),
        sa.Column("channel", sa.String(8), nullable=True),
        sa.Column("note", sa.String(200), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        _fk("appointment_id", "appointments.id", "waitlist_entries", nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("asked_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_waitlist_entries"),
        sa.UniqueConstraint("ref", name="uq_waitlist_entries_ref"),
    )
    op.create_index("ix_waitlist_entries_state", "waitlist_entries", ["state", "service_id"])
    op.create_index("ix_waitlist_entries_customer", "waitlist_entries", ["customer_id"])
    op.create_table(
        "waitlist_openings",
        sa.Column("id", sa.Integer(), nullable=False),
        _fk("staff_id", "staff.id", "waitlist_openings"),
        _fk("service_id", "salon_services.id", "waitlist_openings"),
        sa.Column("starts_at", UTCDateTime(), nullable=False),
        sa.Column("ends_at", UTCDateTime(), nullable=False),
        sa.Column("reason", sa.String(16), nullable=False),
        sa.Column("freed_at", UTCDateTime(), nullable=False),
        sa.Column("state", sa.String(8), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_waitlist_openings"),
    )
    op.create_index("ix_waitlist_openings_state", "waitlist_openings", ["state", "starts_at"])
    op.create_table(
        "waitlist_offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(36), nullable=False),
        _fk("opening_id", "waitlist_openings.id", "waitlist_offers"),
        _fk("entry_id", "waitlist_entries.id", "waitlist_offers"),
        sa.Column("sent_at", UTCDateTime(), nullable=False),
        sa.Column("held_until", UTCDateTime(), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_waitlist_offers"),
        sa.UniqueConstraint("ref", name="uq_waitlist_offers_ref"),
        sa.UniqueConstraint("opening_id", "entry_id", name="uq_waitlist_offers_opening_entry"),
    )


def downgrade() -> None:
    op.drop_table("waitlist_offers")
    op.drop_index("ix_waitlist_openings_state", table_name="waitlist_openings")
    op.drop_table("waitlist_openings")
    op.drop_index("ix_waitlist_entries_customer", table_name="waitlist_entries")
    op.drop_index("ix_waitlist_entries_state", table_name="waitlist_entries")
    op.drop_table("waitlist_entries")
