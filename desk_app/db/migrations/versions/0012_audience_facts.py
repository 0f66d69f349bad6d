"""The campaign audience's read model: ``audience_facts``, one narrow row per customer
with what the selections and the exclusion reasons look at.

Counting an audience used to join ``customers`` (wide: names, keys, notes, address) with
``customer_consent``, ``customer_visits`` and an aggregate over the outbox for every
change of a filter: 1.6 s for 200,000 customers on SQLite. The facts are filled here from
those sources and from now on follow every write to them by database triggers, in the
same transaction (``desk_app.db.audience_facts``). On PostgreSQL the visit recount of
0009 takes the customer's row lock from now on instead of an advisory lock per customer.

Revision ID: 0012
Revises: 0009
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desk_app.db import audience_facts
from desk_sql.types import UTCDateTime

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# 0009's recount, put back on downgrade.
_ADVISORY_RECOUNT = """CREATE OR REPLACE FUNCTION customer_visits_recount(cid integer)
    RETURNS void LANGUAGE sql VOLATILE AS $$
      SELECT pg_advisory_xact_lock(-175249989, cid);
      DELETE FROM customer_visits WHERE customer_id = cid;
      INSERT INTO customer_visits (customer_id, appointments, visits, last_visit_at)
        SELECT cid, COUNT(*), SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END),
               MAX(CASE WHEN status = 'done' THEN starts_at END)
        FROM appointments WHERE customer_id = cid HAVING COUNT(*) > 0;
    $$"""


def upgrade() -> None:
    bind = op.get_bind()
    op.create_table(
        "audience_facts",
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("first_name", sa.String(length=80), nullable=False),
        sa.Column("last_name", sa.String(length=80), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("prefers_sms", sa.Integer(), nullable=False),
        sa.Column("email_address", sa.String(length=254), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("email_problem", sa.String(length=40), nullable=True),
        sa.Column("sms_problem", sa.String(length=40), nullable=True),
        sa.Column("objection_notice_given", sa.Boolean(), nullable=False),
        sa.Column("birthday_md", sa.Integer(), nullable=True),
        sa.Column("objected", sa.Boolean(), nullable=False),
        sa.Column("email_state", sa.String(length=12), nullable=False),
        sa.Column("email_pending_until", UTCDateTime(), nullable=True),
        sa.Column("email_basis", sa.String(length=36), nullable=True),
        sa.Column("sms_state", sa.String(length=12), nullable=False),
        sa.Column("sms_pending_until", UTCDateTime(), nullable=True),
        sa.Column("sms_basis", sa.String(length=36), nullable=True),
        sa.Column("appointments", sa.Integer(), nullable=False),
        sa.Column("visits", sa.Integer(), nullable=False),
        sa.Column("last_visit_at", UTCDateTime(), nullable=True),
        sa.Column("last_ad_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_audience_facts_customer_id_customers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("customer_id", name=op.f("pk_audience_facts")),
    )
    if bind.dialect.name == "postgresql":
        for statement in audience_facts.POSTGRESQL_FUNCTIONS:
            op.execute(statement)
    audience_facts.rebuild(bind)
    # The addresses several customers share (sent once) are found along these.
    op.create_index("ix_audience_facts_email_address", "audience_facts", ["email_address"])
    op.create_index("ix_audience_facts_phone", "audience_facts", ["phone"])
    audience_facts.create_triggers(bind)


def downgrade() -> None:
    bind = op.get_bind()
    audience_facts.drop_triggers(bind)
    if bind.dialect.name == "postgresql":
        for statement in audience_facts.POSTGRESQL_DROP_FUNCTIONS:
            op.execute(statement)
        op.execute(_ADVISORY_RECOUNT)
    op.drop_table("audience_facts")
