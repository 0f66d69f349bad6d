"""The campaign audience's visit facts: ``customer_visits``, one row per customer with
appointments (how many, how many completed, the last completed one), kept by triggers.

The audience used to find these with a look into ``appointments`` per customer; at chain
scale (200,000 customers, 1,000,000 appointments) that was most of a preview. The table
is filled here from the appointments and from now on follows every insert, delete and
change of an appointment in the same transaction (``desk_app.db.customer_visits``).

The SQL is written out here as it was at this revision, not taken from
``desk_app.db.customer_visits``: a later revision that changes the counting changes that
module, and every new database still runs this one first (0012 replaced the recount's
advisory lock with the customer's row lock).

``ix_customers_email_lower``: the email addresses several customers share (a family),
found along an index instead of by sorting every customer's address.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desk_sql.types import UTCDateTime

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_COUNTS = (
    "COUNT(*), SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END), "
    "MAX(CASE WHEN status = 'done' THEN starts_at END)"
)
_COLUMNS = "customer_id, appointments, visits, last_visit_at"
_TRIGGER_NAMES = (
    "customer_visits_on_insert",
    "customer_visits_on_delete",
    "customer_visits_on_update",
)


def _recount_sqlite(who: str) -> str:
    return (
        f"DELETE FROM customer_visits WHERE customer_id = {who}.customer_id; "
        f"INSERT INTO customer_visits ({_COLUMNS}) SELECT {who}.customer_id, {_COUNTS} "
        f"FROM appointments WHERE customer_id = {who}.customer_id HAVING COUNT(*) > 0;"
    )


_SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER customer_visits_on_insert AFTER INSERT ON appointments
        BEGIN {_recount_sqlite("NEW")} END""",
    f"""CREATE TRIGGER customer_visits_on_delete AFTER DELETE ON appointments
        BEGIN {_recount_sqlite("OLD")} END""",
    f"""CREATE TRIGGER customer_visits_on_update
        AFTER UPDATE OF customer_id, status, starts_at ON appointments
        BEGIN {_recount_sqlite("OLD")} {_recount_sqlite("NEW")} END""",
]

_POSTGRESQL_FUNCTIONS = [
    # Two transactions recounting one customer wait for each other on an advisory lock
    # (space -175249989: desk_sql.locks' numbering of "customer_visits"); the volatile SQL
    # function's next statement then sees the other one's appointment.
    f"""CREATE FUNCTION customer_visits_recount(cid integer) RETURNS void
        LANGUAGE sql VOLATILE AS $$
          SELECT pg_advisory_xact_lock(-175249989, cid);
          DELETE FROM customer_visits WHERE customer_id = cid;
          INSERT INTO customer_visits ({_COLUMNS})
            SELECT cid, {_COUNTS} FROM appointments WHERE customer_id = cid
            HAVING COUNT(*) > 0;
        $$""",
    """CREATE FUNCTION customer_visits_follow() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP <> 'INSERT' THEN PERFORM customer_visits_recount(OLD.customer_id); END IF;
          IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE'
              AND NEW.customer_id IS DISTINCT FROM OLD.customer_id) THEN
            PERFORM customer_visits_recount(NEW.customer_id);
          END IF;
          RETURN NULL;
        END $$""",
]
_POSTGRESQL_TRIGGERS = [
    """CREATE TRIGGER customer_visits_on_insert AFTER INSERT ON appointments
        FOR EACH ROW EXECUTE FUNCTION customer_visits_follow()""",
    """CREATE TRIGGER customer_visits_on_delete AFTER DELETE ON appointments
        FOR EACH ROW EXECUTE FUNCTION customer_visits_follow()""",
    """CREATE TRIGGER customer_visits_on_update
        AFTER UPDATE OF customer_id, status, starts_at ON appointments
        FOR EACH ROW EXECUTE FUNCTION customer_visits_follow()""",
]


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
    sqlite = bind.dialect.name == "sqlite"
    # Driver SQL, run as written (no parameters to bind).
    if not sqlite:
        for statement in _POSTGRESQL_FUNCTIONS:
            bind.exec_driver_sql(statement)
    for statement in _SQLITE_TRIGGERS if sqlite else _POSTGRESQL_TRIGGERS:
        bind.exec_driver_sql(statement)
    # Count the appointments already there (one grouped pass).
    bind.exec_driver_sql(
        f"INSERT INTO customer_visits ({_COLUMNS}) "
        f"SELECT customer_id, {_COUNTS} FROM appointments GROUP BY customer_id"
    )
    # The audience finds addresses several customers share (sent once) along this index.
    op.create_index("ix_customers_email_lower", "customers", [sa.text("lower(email)")])


def downgrade() -> None:
    bind = op.get_bind()
    op.drop_index("ix_customers_email_lower", table_name="customers")
    on = "" if bind.dialect.name == "sqlite" else " ON appointments"
    for name in _TRIGGER_NAMES:
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}{on}")
    if bind.dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS customer_visits_follow()")
        op.execute("DROP FUNCTION IF EXISTS customer_visits_recount(integer)")
    op.drop_table("customer_visits")
