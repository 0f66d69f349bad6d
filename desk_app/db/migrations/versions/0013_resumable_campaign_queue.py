"""A campaign's queuing is resumable and cannot be doubled.

- ``campaigns.queue_cursor``: the highest customer id whose message is queued; a campaign
  queues its recipients in customer id order, one short transaction per chunk, and each
  chunk moves the cursor in the same transaction as its outbox rows. A process killed
  mid-queue leaves the cursor at the last committed chunk; resuming starts after it.
- ``campaigns.queue_done_at``: when the last chunk was queued; NULL while queuing.
  Campaigns already there were queued in full by the code before (one pass), so they
  are marked done at their creation time.
- ``campaigns.queue_touched_at``: when a chunk was last committed, so the background
  resume leaves a campaign alone that another process is still queuing.
- ``outbox (campaign_id, customer_id)`` unique: one message per recipient and campaign,
  whatever two processes do at the same time (NULL campaign ids – booking messages,
  automations – are all distinct, on both backends). It also serves the lookups by
  campaign, so the old index on (campaign_id, status) stays for the result counts only.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desk_sql.types import UTCDateTime

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("campaigns", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("queue_cursor", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("queue_done_at", UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("queue_touched_at", UTCDateTime(), nullable=True))
    op.execute("UPDATE campaigns SET queue_done_at = created_at, queue_touched_at = created_at")
    op.create_index(
        "ux_outbox_campaign_customer", "outbox", ["campaign_id", "customer_id"], unique=True
    )


def downgrade() -> None:
    op.drop_index("ux_outbox_campaign_customer", table_name="outbox")
    with op.batch_alter_table("campaigns", schema=None) as batch_op:
        batch_op.drop_column("queue_touched_at")
        batch_op.drop_column("queue_done_at")
        batch_op.drop_column("queue_cursor")
