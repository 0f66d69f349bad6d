"""Booking messages: bookings (the manage page), message attachments and booking refs,
consent requests carried by another message

Revision ID: g0005
Revises: g0004
Create Date: 2026-12-03 19:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "g0005"
down_revision = "g0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bookings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("installation_id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=64), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("customer_ref", sa.String(length=36), nullable=True),
        sa.Column("treatment", sa.String(length=120), nullable=False),
        sa.Column("staff", sa.String(length=80), nullable=False),
        sa.Column("treatment_id", sa.Integer(), nullable=True),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cancel_until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("public_name", sa.String(length=40), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("change_request_id", sa.String(length=64), nullable=True),
        sa.Column("change_starts_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["installation_id"],
            ["installations.id"],
            name=op.f("fk_bookings_installation_id_installations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bookings")),
        sa.UniqueConstraint("installation_id", "ref", name="uq_bookings_installation_ref"),
        sa.UniqueConstraint("token_hash", name=op.f("uq_bookings_token_hash")),
    )
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bookings_customer_ref"), ["customer_ref"])
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("attachments", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("booking_ref", sa.String(length=64), nullable=True))
    with op.batch_alter_table("consent_requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("carried_by", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("reject_code", sa.String(length=32), nullable=True))
        batch_op.create_index(
            "ix_consent_requests_carried_by", ["installation_id", "carried_by"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("consent_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_consent_requests_carried_by")
        batch_op.drop_column("reject_code")
        batch_op.drop_column("carried_by")
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_column("booking_ref")
        batch_op.drop_column("attachments")
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bookings_customer_ref"))
    op.drop_table("bookings")
