"""An index in the customer list's order, so paging deep into 200,000 customers stays fast.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_customers_list_order", "customers", ["last_name_key", "first_name_key", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_customers_list_order", table_name="customers")
