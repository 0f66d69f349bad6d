"""Online booking: the published snapshot per salon, slot holds, submitted requests

Revision ID: g0004
Revises: g0003
Create Date: 2026-12-03 18:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "g0004"
down_revision = "g0003"
branch_labels = None
depends_on = None


def _installation(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["installation_id"],
        ["installations.id"],
        name=op.f(f"fk_{table}_installation_id_installations"),
    )


def upgrade() -> None:
    op.create_table(
        "booking_sites",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("installation_id", sa.Integer(), nullable=False),
        sa.Column("public_name", sa.String(length=40), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        _installation("booking_sites"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_sites")),
        sa.UniqueConstraint("installation_id", name=op.f("uq_booking_sites_installation_id")),
        sa.UniqueConstraint("public_name", name=op.f("uq_booking_sites_public_name")),
    )
    op.create_table(
        "booking_holds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("installation_id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.String(length=64), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("email_hash", sa.String(length=64), nullable=True),
        sa.Column("phone_hash", sa.String(length=64), nullable=True),
        _installation("booking_holds"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_holds")),
        sa.UniqueConstraint("installation_id", "request_id", name="uq_booking_holds_request"),
    )
    op.create_index(
        "ix_booking_holds_staff",
        "booking_holds",
        ["installation_id", "staff_id", "state"],
        unique=False,
    )
    op.create_table(
        "booking_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("installation_id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.String(length=64), nullable=False),
        sa.Column("public_name", sa.String(length=40), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("reason", sa.String(length=32), nullable=True),
        sa.Column("booking_ref", sa.String(length=36), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        _installation("booking_requests"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_requests")),
        sa.UniqueConstraint("installation_id", "request_id", name="uq_booking_requests_request"),
    )


def downgrade() -> None:
    op.drop_table("booking_requests")
    op.drop_index("ix_booking_holds_staff", table_name="booking_holds")
    op.drop_table("booking_holds")
    op.drop_table("booking_sites")
