"""Art. 17 erasure: suppression list, erasure records and the hash key.

- ``privacy_key``: one row with the installation's key for keyed address hashes, made
  here so every counter PC finds the same key and no two can race to create it.
- ``suppressions``: keyed hashes of erased customers' addresses (never the address).
- ``erasures``: who erased whom and when, and whether the gateway still has to be told.
- The consent ledger is not touched: DESIGN.md 2 keeps it append-only also against
  erasure requests; its rows are the consent and withdrawal proof that must remain.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from desk_sql.types import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_privacy_key = sa.table(
    "privacy_key",
    sa.column("id", sa.Integer),
    sa.column("key", sa.String),
    sa.column("created_at", UTCDateTime),
)


def upgrade() -> None:
    op.create_table(
        "privacy_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_privacy_key_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_privacy_key")),
    )
    op.create_table(
        "suppressions",
        sa.Column("address_hash", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("address_hash", name=op.f("pk_suppressions")),
    )
    op.create_table(
        "erasures",
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("erased_at", UTCDateTime(), nullable=False),
        sa.Column("staff", sa.String(length=80), nullable=False),
        sa.Column("gateway_pending", sa.Boolean(), nullable=False),
        sa.Column("gateway_erased_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_erasures_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("customer_id", name=op.f("pk_erasures")),
    )
    op.get_bind().execute(
        _privacy_key.insert().values(id=1, key=secrets.token_hex(32), created_at=datetime.now(UTC))
    )


def downgrade() -> None:
    op.drop_table("erasures")
    op.drop_table("suppressions")
    op.drop_table("privacy_key")
