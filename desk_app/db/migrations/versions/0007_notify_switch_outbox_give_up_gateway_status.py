"""Notify switch time, outbox give-up counter, the gateway's transport status.

- ``appointments.notify_set_at``: when staff (or the customer online) set the booking's
  notify switch on purpose; NULL when it was never set by hand (the default at booking
  time). An objection turns the switch off unless it was set after the objection
  (DESIGN.md 2, issue 8).
- ``outbox.gateway_failures``: hand-overs of this message that ended in gateway trouble
  (5xx, cut connections, malformed answers); after ten the message is given up
  (``failed``, reason ``too_many_attempts``) so it never blocks the others.
- ``sync_state.gateway_status`` / ``gateway_status_at``: the latest answer of the
  gateway's ``GET /v1/status`` (NULL: unknown, e.g. an older gateway), for the
  status bar of every counter PC.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desk_sql.types import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("notify_set_at", UTCDateTime(), nullable=True))
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("gateway_failures", sa.Integer(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("sync_state", schema=None) as batch_op:
        batch_op.add_column(sa.Column("gateway_status", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("gateway_status_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_state", schema=None) as batch_op:
        batch_op.drop_column("gateway_status_at")
        batch_op.drop_column("gateway_status")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("gateway_failures")
    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.drop_column("notify_set_at")
