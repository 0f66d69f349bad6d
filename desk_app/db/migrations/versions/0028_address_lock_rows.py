"""Two writers of one address wait for each other on a row lock, not an advisory lock.

Revision 0021 serialised two transactions giving customers the same address (so that the
later one sees the earlier one's customer when it decides who shares an address) with a
transaction-scoped advisory lock per address. Every such lock is an entry in
PostgreSQL's shared lock table, which holds ``max_locks_per_transaction`` ×
``max_connections`` entries for the whole server (6,400 on a default server): a CSV
import of a few thousand customers with email and phone, in one transaction, failed with
"out of shared memory", and so did the benchmarks' loaders.

Now an address is locked by locking a row of ``audience_address_locks``: one row per
bucket of a 16-bit hash of the address (65,536 rows, made here and never changed). A row
lock lives in the row itself, so a transaction writing 200,000 customers holds no more
lock-table entries than one writing one. Two addresses in one bucket wait for each other
needlessly, a few milliseconds once in a while; the buckets hold no address (16 bits of a
hash name none), so an erased customer leaves nothing behind. The order stays: after
the customer's row lock, before any row of ``audience_facts``, sorted.

SQLite has one writer at a time anyway: nothing changes there.

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None

_BUCKETS = 65_536

_LOCK_ROWS = """CREATE OR REPLACE FUNCTION audience_facts_lock_addresses(keys text[])
        RETURNS void LANGUAGE plpgsql VOLATILE AS $$
        BEGIN
          -- Row locks (kept in the rows, not in the shared lock table), in one order.
          PERFORM 1 FROM audience_address_locks
            WHERE bucket IN (SELECT (hashtextextended(u, 0) & 65535)::integer
                             FROM unnest(keys) u
                             WHERE u IS NOT NULL AND u NOT IN ('email:', 'sms:'))
            ORDER BY bucket FOR UPDATE;
        END $$"""

# 0021's, for the downgrade.
_ADVISORY = """CREATE OR REPLACE FUNCTION audience_facts_lock_addresses(keys text[])
        RETURNS void LANGUAGE plpgsql VOLATILE AS $$
        DECLARE k text;
        BEGIN
          FOR k IN SELECT DISTINCT u FROM unnest(keys) u
                   WHERE u IS NOT NULL AND u NOT IN ('email:', 'sms:') ORDER BY u LOOP
            -- A transaction-scoped advisory lock per address (released at commit):
            -- nothing of the address is stored (an erased customer's address must
            -- not stay behind in a lock table). The one-bigint key space does not
            -- overlap desk_sql.locks' two-integer one.
            PERFORM pg_advisory_xact_lock(hashtextextended(k, 0));
          END LOOP;
        END $$"""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    # Driver SQL, run as written (no parameters to bind).
    bind.exec_driver_sql(
        "CREATE TABLE audience_address_locks (bucket integer "
        "CONSTRAINT pk_audience_address_locks PRIMARY KEY)"
    )
    bind.exec_driver_sql(
        f"INSERT INTO audience_address_locks (bucket) SELECT generate_series(0, {_BUCKETS - 1})"
    )
    bind.exec_driver_sql(_LOCK_ROWS)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    bind.exec_driver_sql(_ADVISORY)
    bind.exec_driver_sql("DROP TABLE audience_address_locks")
