"""The campaign audience's visit facts: ``customer_visits``, one row per customer with
appointments (how many, how many completed, the last completed one), kept by triggers.

The audience used to find these with a look into ``appointments`` per customer; at chain
scale (200,000 customers, 1,000,000 appointments) that was most of a preview. The table
is filled here from the appointments and from now on follows every insert, delete and
change of an appointment in the same transaction (``desk_app.db.customer_visits``).

``ix_customers_email_lower``: the email addresses several customers share (a family),
found along an index instead of by sorting every customer's address.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desk_app.db import customer_visits
from desk_sql.types import UTCDateTime

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    op.create_table(
        "customer_visits",
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("appointments", sa.Integer(), nullable=False),
        sa.Column("visits", sa.Integer(), nullable=False),
        sa.Column("last_visit_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_customer_visits_customer_id_customers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("customer_id", name=op.f("pk_customer_visits")),
    )
    if bind.dialect.name == "postgresql":
        for statement in customer_visits.POSTGRESQL_FUNCTIONS:
            op.execute(statement)
    customer_visits.create_triggers(bind)
    customer_visits.rebuild(bind)
    # The audience finds addresses several customers share (sent once) along this index.
    op.create_index("ix_customers_email_lower", "customers", [sa.text("lower(email)")])


def downgrade() -> None:
    bind = op.get_bind()
    op.drop_index("ix_customers_email_lower", table_name="customers")
    customer_visits.drop_triggers(bind)
    if bind.dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS customer_visits_follow()")
        op.execute("DROP FUNCTION IF EXISTS customer_visits_recount(integer)")
    op.drop_table("customer_visits")
