"""Reliability: delivery leases, transport health, webhook receipts, operator actions;
SMS addresses in E.164

Revision ID: g0003
Revises: g0002
Create Date: 2026-12-03 09:00:00.000000
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import context, op

from desk_gateway.enforcement import normalised_address
from desk_gateway.tokens import address_hash

revision = "g0003"
down_revision = "g0002"
branch_labels = None
depends_on = None

log = logging.getLogger(__name__)


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
    """Numbers stored as typed ("+49 (0)151 7777 7777") become "+4915177777777", so an
    inbound STOP (always E.164) finds them: the normalisation intake applies
    (``normalised_address``; the "(0)" trunk prefix goes). A number intake would refuse stays
    as it is. Only '+'-numbers: nothing else was accepted.

    Suppressions are keyed hashes of the address as it was stored. For every number that
    changes, a suppression of its old form is copied to its E.164 form, so intake (which
    hashes E.164) still finds it. That needs the gateway's key (``secret_key`` in the
    migration's attributes, passed by ``server.open_database``). A suppression whose number
    is stored nowhere any more (an erased customer's: the erasure deleted the addresses)
    cannot be re-keyed from its hash: it keeps matching only the number as typed then.
    """
    conn = op.get_bind()
    changed: set[tuple[int, str, str]] = set()
    for table, column in (("messages", "to_address"), ("consent_requests", "address")):
        rows = conn.execute(
            sa.text(
                f"SELECT id, installation_id, {column} FROM {table}"
                f" WHERE channel = 'sms' AND {column} LIKE '+%'"
            )
        ).all()
        for row_id, installation_id, address in rows:
            normalised = normalised_address("sms", address)
            if normalised != address:
                conn.execute(
                    sa.text(f"UPDATE {table} SET {column} = :a WHERE id = :i"),
                    {"a": normalised, "i": row_id},
                )
                changed.add((installation_id, address, normalised))
    _rekey_suppressions(conn, changed)


def _rekey_suppressions(conn: sa.Connection, changed: set[tuple[int, str, str]]) -> None:
    if not changed or conn.execute(sa.text("SELECT COUNT(*) FROM suppressions")).scalar() == 0:
        return
    key = context.config.attributes.get("secret_key")
    if key is None:
        log.warning(
            "g0003: %d stored number(s) changed to E.164 but no gateway key was given: "
            "their suppressions were not re-keyed",
            len(changed),
        )
        return
    for installation_id, old, new in sorted(changed):
        found = conn.execute(
            sa.text(
                "SELECT reason, at FROM suppressions"
                " WHERE installation_id = :i AND address_hash = :h"
            ),
            {"i": installation_id, "h": address_hash(key, old)},
        ).first()
        if found is None:
            continue
        new_hash = address_hash(key, new)
        exists = conn.execute(
            sa.text("SELECT 1 FROM suppressions WHERE installation_id = :i AND address_hash = :h"),
            {"i": installation_id, "h": new_hash},
        ).first()
        if exists is None:
            conn.execute(
                sa.text(
                    "INSERT INTO suppressions (installation_id, address_hash, reason, at)"
                    " VALUES (:i, :h, :r, :at)"
                ),
                {"i": installation_id, "h": new_hash, "r": found.reason, "at": found.at},
            )


def downgrade() -> None:
    op.drop_table("operator_actions")
    op.drop_table("transport_health")
    op.drop_index("ix_webhook_receipts_received_at", table_name="webhook_receipts")
    op.drop_table("webhook_receipts")
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_column("lease_until")
        batch_op.drop_column("lease_owner")
