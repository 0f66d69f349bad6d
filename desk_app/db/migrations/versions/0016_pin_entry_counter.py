"""Signing in by the PIN alone (issue 12): the salon-wide count of wrong PINs typed
without picking a member first.

- ``pin_entry_counter``: one row (``id`` 1): the misses in a row and the end of the
  lockout of PIN-alone entry. In the database so that every counter PC shares it.

Self-contained: its own SQL, no import of live application code but the column type.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desk_sql.types import UTCDateTime

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pin_entry_counter",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("locked_until", UTCDateTime(), nullable=True),
        sa.CheckConstraint("id = 1", name=op.f("ck_pin_entry_counter_single_row")),
        sa.CheckConstraint(
            "failed_attempts >= 0", name=op.f("ck_pin_entry_counter_failures_not_negative")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pin_entry_counter")),
    )


def downgrade() -> None:
    op.drop_table("pin_entry_counter")
