"""Campaigns, the consent projection and usable-address flags for set-based audiences.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27

Columns are added with plain ALTER TABLE (no batch copy) so the triggers on ``customers``
and ``outbox`` survive on SQLite. The backfill uses its own table definitions, not the
current models, so later model changes cannot break this step.
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

from desk_app.db.consent_projection import project_entries
from desk_app.domain.consent import LedgerEntry
from desk_app.domain.contact import can_receive_sms, is_valid_email
from desk_app.domain.enums import Channel, ConsentEvent
from desk_sql.types import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_customers = sa.table(
    "customers",
    sa.column("id", sa.Integer),
    sa.column("email", sa.String),
    sa.column("phone", sa.String),
    sa.column("email_valid", sa.Boolean),
    sa.column("phone_takes_sms", sa.Boolean),
)
_ledger = sa.table(
    "consent_ledger",
    sa.column("id", sa.Integer),
    sa.column("customer_id", sa.Integer),
    sa.column("event", sa.String),
    sa.column("at", UTCDateTime),
    sa.column("channel", sa.String),
    sa.column("request_id", sa.String),
)
_projection = sa.table(
    "customer_consent",
    sa.column("customer_id", sa.Integer),
    sa.column("objected", sa.Boolean),
    sa.column("email_state", sa.String),
    sa.column("email_pending_until", UTCDateTime),
    sa.column("email_basis", sa.String),
    sa.column("sms_state", sa.String),
    sa.column("sms_pending_until", UTCDateTime),
    sa.column("sms_basis", sa.String),
)


def upgrade() -> None:
    op.create_table(
        "campaigns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("filters", sa.JSON(), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("sms_body", sa.Text(), nullable=False),
        sa.Column("send_at", UTCDateTime(), nullable=False),
        sa.Column("queued", sa.Integer(), nullable=False),
        sa.Column("excluded", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaigns")),
    )
    op.create_table(
        "customer_consent",
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("objected", sa.Boolean(), nullable=False),
        sa.Column("email_state", sa.String(length=12), nullable=False),
        sa.Column("email_pending_until", UTCDateTime(), nullable=True),
        sa.Column("email_basis", sa.String(length=36), nullable=True),
        sa.Column("sms_state", sa.String(length=12), nullable=False),
        sa.Column("sms_pending_until", UTCDateTime(), nullable=True),
        sa.Column("sms_basis", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_customer_consent_customer_id_customers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("customer_id", name=op.f("pk_customer_consent")),
    )
    op.add_column(
        "customers",
        sa.Column("email_valid", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column(
        "customers",
        sa.Column("phone_takes_sms", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    if op.get_bind().dialect.name == "sqlite":
        # Alembic refuses a foreign key in ADD COLUMN on SQLite; SQLite itself accepts it.
        op.execute(
            "ALTER TABLE outbox ADD COLUMN campaign_id INTEGER "
            "CONSTRAINT fk_outbox_campaign_id_campaigns REFERENCES campaigns (id)"
        )
    else:
        op.add_column("outbox", sa.Column("campaign_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f("fk_outbox_campaign_id_campaigns"), "outbox", "campaigns", ["campaign_id"], ["id"]
        )
    op.create_index("ix_outbox_campaign", "outbox", ["campaign_id", "status"])
    op.create_index(
        "ix_appointments_customer_status", "appointments", ["customer_id", "status", "starts_at"]
    )
    _backfill_addresses()
    _backfill_projection()


def _backfill_addresses() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.select(_customers.c.id, _customers.c.email, _customers.c.phone))
    updates = [
        {
            "cid": cid,
            "valid": bool(email) and is_valid_email(email),
            "sms": bool(phone) and can_receive_sms(phone),
        }
        for cid, email, phone in rows
    ]
    if updates:
        bind.execute(
            _customers.update()
            .where(_customers.c.id == sa.bindparam("cid"))
            .values(email_valid=sa.bindparam("valid"), phone_takes_sms=sa.bindparam("sms")),
            updates,
        )


def _backfill_projection() -> None:
    bind = op.get_bind()
    entries: dict[int, list[LedgerEntry]] = defaultdict(list)
    rows = bind.execute(
        sa.select(
            _ledger.c.customer_id,
            _ledger.c.event,
            _ledger.c.at,
            _ledger.c.channel,
            _ledger.c.request_id,
        ).order_by(_ledger.c.id)
    )
    for customer_id, event, at, channel, request_id in rows:
        entries[customer_id].append(
            LedgerEntry(
                event=ConsentEvent(event),
                at=at,
                channel=Channel(channel) if channel else None,
                request_id=request_id,
            )
        )
    projected = [project_entries(cid, found) for cid, found in entries.items()]
    if projected:
        bind.execute(_projection.insert(), projected)


def downgrade() -> None:
    op.drop_index("ix_appointments_customer_status", table_name="appointments")
    op.drop_index("ix_outbox_campaign", table_name="outbox")
    with op.batch_alter_table("outbox") as batch_op:
        if op.get_bind().dialect.name != "sqlite":  # SQLite: the table copy drops it
            batch_op.drop_constraint(op.f("fk_outbox_campaign_id_campaigns"), type_="foreignkey")
        batch_op.drop_column("campaign_id")
    with op.batch_alter_table("customers") as batch_op:
        batch_op.drop_column("phone_takes_sms")
        batch_op.drop_column("email_valid")
    op.drop_table("customer_consent")
    op.drop_table("campaigns")
