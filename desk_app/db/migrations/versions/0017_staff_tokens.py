"""Command-line tokens for unattended jobs (issue 12): ``staff_tokens``.

One row per token the owner issued for a member: the token's SHA-256 only (the token
is 256 random bits, printed once and never stored), for which member, who issued it
(id and name as they were then), when, until when, and whether it was revoked. Rows are
never deleted by the application: a revoked or expired token stays listed.

Self-contained: its own SQL, no import of live application code but the column type.
Chained on 0016 (it needs nothing of it).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desk_sql.types import UTCDateTime

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("token_sha256", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=80), nullable=False, server_default=""),
        sa.Column("issued_by_id", sa.Integer(), nullable=True),
        sa.Column("issued_by_name", sa.String(length=80), nullable=False),
        sa.Column("issued_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("revoked_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint(
            "expires_at > issued_at", name=op.f("ck_staff_tokens_expires_after_issue")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff.id"],
            name=op.f("fk_staff_tokens_staff_id_staff"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_tokens")),
        sa.UniqueConstraint("token_sha256", name=op.f("uq_staff_tokens_token_sha256")),
    )
    op.create_index("ix_staff_tokens_staff", "staff_tokens", ["staff_id"])


def downgrade() -> None:
    op.drop_table("staff_tokens")
