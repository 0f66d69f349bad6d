"""Reliability: delivery leases, transport health, webhook receipts, operator actions;
SMS addresses in E.164

Revision ID: g0003
Revises: g0002
Create Date: 2026-12-03 09:00:00.000000
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "g0003"
down_revision = "g0002"
branch_labels = None
depends_on = None

_NOT_DIGITS = re.compile(r"[^0-9]")


def upgrade() -> None:
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lease_owner", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "webhook_receipts",
        sa.Column("provider", sa.String(length=16), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("provider", "digest", name=op.f("pk_webhook_receipts")),
    )
    op.create_index(
        "ix_webhook_receipts_received_at", "webhook_receipts", ["received_at"], unique=False
    )
    op.create_table(
        "transport_health",
        sa.Column("transport", sa.String(length=8), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("error", sa.String(length=64), nullable=True),
        sa.Column("since", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("next_try_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("transport", name=op.f("pk_transport_health")),
    )
    op.create_table(
        "operator_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("installation_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_operator_actions")),
    )
    _sms_addresses_to_e164()


def _sms_addresses_to_e164() -> None:
    """Numbers stored as typed ("+49 151 7777 7777") become "+4915177777777", so an
    inbound STOP (always E.164) finds them. Only '+'-numbers: nothing else was accepted."""
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT id, to_address FROM messages WHERE channel = 'sms' AND to_address LIKE '+%'"
        )
    ).all()
    for row_id, address in rows:
        normalised = "+" + _NOT_DIGITS.sub("", address)
        if normalised != address:
            conn.execute(
                sa.text("UPDATE messages SET to_address = :a WHERE id = :i"),
                {"a": normalised, "i": row_id},
            )


def downgrade() -> None:
    op.drop_table("operator_actions")
    op.drop_table("transport_health")
    op.drop_index("ix_webhook_receipts_received_at", table_name="webhook_receipts")
    op.drop_table("webhook_receipts")
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_column("lease_until")
        batch_op.drop_column("lease_owner")
