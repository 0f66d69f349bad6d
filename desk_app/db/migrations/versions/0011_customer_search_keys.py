"""The customer list's search index: ``customer_search_keys``.

One row per short prefix ("bucket") of each name part, phone number and email address of
a customer, with the customer's place in the list (last_name_key, first_name_key, id)
and the whole text (``desk_app.domain.search_keys``). Along its primary key the matches
of any typed prefix come in list order, so a search page is an index range with a LIMIT
however many customers match ("m", "0176"). SQLite keeps it WITHOUT ROWID (the table is
the index); on PostgreSQL bucket and term compare byte by byte (COLLATE "C") so prefix
ranges are exact under any database collation.

Filled here from the customers; from now on written with the name terms on every write
(``desk_app.db.customer_search_keys``). The tables are spelled out here as they were at
this revision (not the live models, which later revisions change); the keys come from
the pure ``search_keys``, as they are today: a revision that changes their format must
make them again anyway.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desk_app.domain.search_keys import search_keys

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


_CHUNK = 20_000
_customers = sa.table(
    "customers",
    sa.column("id", sa.Integer),
    sa.column("first_name", sa.String),
    sa.column("last_name", sa.String),
    sa.column("first_name_key", sa.String),
    sa.column("last_name_key", sa.String),
    sa.column("email", sa.String),
    sa.column("phone_digits", sa.String),
)
_keys = sa.table(
    "customer_search_keys",
    sa.column("bucket", sa.String),
    sa.column("last_name_key", sa.String),
    sa.column("first_name_key", sa.String),
    sa.column("customer_id", sa.Integer),
    sa.column("term", sa.String),
)


def _fill(bind: sa.Connection) -> None:
    c = _customers.c
    result = bind.execute(
        sa.select(
            c.id,
            c.first_name,
            c.last_name,
            c.first_name_key,
            c.last_name_key,
            c.email,
            c.phone_digits,
        ).order_by(c.id)
    )
    while chunk := result.fetchmany(_CHUNK):
        rows = [
            {
                "bucket": bucket,
                "last_name_key": last_key,
                "first_name_key": first_key,
                "customer_id": customer_id,
                "term": term,
            }
            for customer_id, first, last, first_key, last_key, email, digits in chunk
            for bucket, term in search_keys(first, last, email, digits)
        ]
        if rows:
            bind.execute(_keys.insert(), rows)


def _bytewise(length: int) -> sa.types.TypeEngine[str]:
    return sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")


def upgrade() -> None:
    op.create_table(
        "customer_search_keys",
        sa.Column("bucket", _bytewise(80), nullable=False),
        sa.Column("last_name_key", sa.String(80), nullable=False),
        sa.Column("first_name_key", sa.String(80), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("term", _bytewise(255), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_customer_search_keys_customer_id_customers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "bucket",
            "last_name_key",
            "first_name_key",
            "customer_id",
            "term",
            name=op.f("pk_customer_search_keys"),
        ),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_customer_search_keys_customer_id", "customer_search_keys", ["customer_id"])
    _fill(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_customer_search_keys_customer_id", table_name="customer_search_keys")
    op.drop_table("customer_search_keys")
