"""Indexes on the columns that refer to an appointment: ``outbox.appointment_id`` and
``online_requests.appointment_id``.

Deleting an appointment makes the database look for rows referring to it (the foreign
keys' check, on both backends). Without an index on the referring column each deleted
appointment read the whole outbox – the largest table, a confirmation and a reminder per
appointment and a message per campaign recipient. An erasure deletes all of a customer's
appointments and a retention run those of up to 2,000 customers: 1,272 appointments of
500 customers took 2.4 s on PostgreSQL with 36,000 messages (0.2 s with the index) and
2.0 s on SQLite with 9,900 (0.1 s), growing with the outbox times the appointments.

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

revision = "0029"
down_revision = "0028"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_outbox_appointment", "outbox", ["appointment_id"])
    op.create_index("ix_online_requests_appointment", "online_requests", ["appointment_id"])


def downgrade() -> None:
    op.drop_index("ix_online_requests_appointment", table_name="online_requests")
    op.drop_index("ix_outbox_appointment", table_name="outbox")
