"""A cancellation made inside the salon's cutoff is recorded as late (issue 14).

``appointments.late_cancellation``: decided once, when the appointment is cancelled,
against its start and the salon's ``late_cancel_hours`` (the receptionist may waive
it); false for every other status, so it is kept apart from an ordinary cancellation
and from a no-show. Existing rows are ordinary (false).

Self-contained: its own SQL.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN on both backends (SQLite needs no table rebuild for it, so the
    # appointments' triggers and the exclusion constraint stay as they are).
    op.add_column(
        "appointments",
        sa.Column("late_cancellation", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE appointments DROP COLUMN late_cancellation")
    else:
        op.drop_column("appointments", "late_cancellation")
