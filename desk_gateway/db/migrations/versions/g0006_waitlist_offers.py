"""Waitlist offers (issue 14): the offers the desktop sends and the one acceptance of
each freed time.

Revision ID: g0006
Revises: g0005
Create Date: 2026-12-04 23:50:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desk_sql.types import UTCDateTime

revision = "g0006"
down_revision = "g0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "waitlist_offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("installation_id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=64), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("customer_ref", sa.String(length=36), nullable=False),
        sa.Column("slot", sa.String(length=64), nullable=False),
        sa.Column("treatment", sa.String(length=120), nullable=False),
        sa.Column("staff", sa.String(length=80), nullable=False),
        sa.Column("starts_at", UTCDateTime(), nullable=False),
        sa.Column("ends_at", UTCDateTime(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("accepted_at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["installation_id"],
            ["installations.id"],
            name=op.f("fk_waitlist_offers_installation_id_installations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_waitlist_offers")),
        sa.UniqueConstraint("installation_id", "ref", name="uq_waitlist_offers_installation_ref"),
        sa.UniqueConstraint("token_hash", name=op.f("uq_waitlist_offers_token_hash")),
    )
    op.create_index(op.f("ix_waitlist_offers_customer_ref"), "waitlist_offers", ["customer_ref"])
    op.create_table(
        "waitlist_claims",
        sa.Column("installation_id", sa.Integer(), nullable=False),
        sa.Column("slot", sa.String(length=64), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("claimed_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["installation_id"],
            ["installations.id"],
            name=op.f("fk_waitlist_claims_installation_id_installations"),
        ),
        sa.ForeignKeyConstraint(
            ["offer_id"],
            ["waitlist_offers.id"],
            name=op.f("fk_waitlist_claims_offer_id_waitlist_offers"),
        ),
        sa.PrimaryKeyConstraint("installation_id", "slot", name=op.f("pk_waitlist_claims")),
    )


def downgrade() -> None:
    op.drop_table("waitlist_claims")
    op.drop_index(op.f("ix_waitlist_offers_customer_ref"), table_name="waitlist_offers")
    op.drop_table("waitlist_offers")
