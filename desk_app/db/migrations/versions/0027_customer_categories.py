"""Who had a service of which category, kept per customer: ``customer_categories``.

Why: the campaign audience's filter "had a service of category X" (e.g. everyone who had
a colour service) collected its customers on every change of a filter from the completed
appointments of the category's services (ix_appointments_done_service, 0014): some
190,000 appointments for 90,000 customers at chain scale, sorted into a list of distinct
customers each time – a third of the count's time on SQLite and the reason the counts
missed 250 ms while the owner edits the filters.

Now one row per customer and service category with completed appointments of it (how
many, the last one), primary key (category, customer id): the filter reads one range of
it, already distinct and in customer order. Database triggers keep it in the same
statement as every write to its sources (appointments inserted, deleted, completed,
undone, moved to another customer, service or time; a service given another category),
each recounting the customer's category from the appointments; on PostgreSQL under the
customer's row lock, as customer_visits' recount. The rows already there are counted
in one grouped pass.

Self-contained: the SQL is written out here as it is at this revision
(``desk_app.db.customer_categories`` says what it is at head; tests/db/
test_migration_0027.py holds the two together).

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desk_sql.types import UTCDateTime

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None

_COLUMNS = "category, customer_id, visits, last_visit_at"
_COUNTED = (
    "SELECT s.category, a.customer_id, COUNT(*), MAX(a.starts_at) "
    "FROM appointments a JOIN salon_services s ON s.id = a.service_id "
    "WHERE a.status = 'done'"
)
_GROUPED = " GROUP BY s.category, a.customer_id"


def _recount(customer: str, category: str) -> str:
    return (
        f"DELETE FROM customer_categories WHERE category = {category} "
        f"AND customer_id = {customer}; "
        f"INSERT INTO customer_categories ({_COLUMNS}) {_COUNTED} "
        f"AND a.customer_id = {customer} AND s.category = {category}{_GROUPED};"
    )


def _recount_service(service: str, old: str, new: str) -> str:
    customers = (
        f"(SELECT customer_id FROM appointments WHERE service_id = {service} AND status = 'done')"
    )
    return (
        f"DELETE FROM customer_categories WHERE category IN ({old}, {new}) "
        f"AND customer_id IN {customers}; "
        f"INSERT INTO customer_categories ({_COLUMNS}) {_COUNTED} "
        f"AND s.category IN ({old}, {new}) AND a.customer_id IN {customers}{_GROUPED};"
    )


def _category_of(row: str) -> str:
    return f"(SELECT category FROM salon_services WHERE id = {row}.service_id)"


_TRIGGERS = (
    ("customer_categories_on_insert", "appointments"),
    ("customer_categories_on_delete", "appointments"),
    ("customer_categories_on_update", "appointments"),
    ("customer_categories_on_service", "salon_services"),
)
_APPOINTMENT_COLUMNS = "customer_id, service_id, status, starts_at"

_SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER customer_categories_on_insert AFTER INSERT ON appointments
        WHEN NEW.status = 'done'
        BEGIN {_recount("NEW.customer_id", _category_of("NEW"))} END""",
    f"""CREATE TRIGGER customer_categories_on_delete AFTER DELETE ON appointments
        WHEN OLD.status = 'done'
        BEGIN {_recount("OLD.customer_id", _category_of("OLD"))} END""",
    f"""CREATE TRIGGER customer_categories_on_update
        AFTER UPDATE OF {_APPOINTMENT_COLUMNS} ON appointments
        WHEN OLD.status = 'done' OR NEW.status = 'done'
        BEGIN {_recount("OLD.customer_id", _category_of("OLD"))}
              {_recount("NEW.customer_id", _category_of("NEW"))} END""",
    f"""CREATE TRIGGER customer_categories_on_service AFTER UPDATE OF category ON salon_services
        WHEN OLD.category IS NOT NEW.category
        BEGIN {_recount_service("NEW.id", "OLD.category", "NEW.category")} END""",
]

_POSTGRESQL_FUNCTIONS = [
    f"""CREATE FUNCTION customer_categories_recount(cid integer, sid integer) RETURNS void
        LANGUAGE plpgsql VOLATILE AS $$
        DECLARE cat text;
        BEGIN
          PERFORM 1 FROM customers WHERE id = cid FOR NO KEY UPDATE;
          SELECT category INTO cat FROM salon_services WHERE id = sid;
          {_recount("cid", "cat")}
        END $$""",
    """CREATE FUNCTION customer_categories_follow() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP <> 'INSERT' AND OLD.status = 'done' THEN
            PERFORM customer_categories_recount(OLD.customer_id, OLD.service_id);
          END IF;
          IF TG_OP <> 'DELETE' AND NEW.status = 'done' AND (TG_OP = 'INSERT'
              OR OLD.status <> 'done' OR OLD.customer_id <> NEW.customer_id
              OR OLD.service_id <> NEW.service_id) THEN
            PERFORM customer_categories_recount(NEW.customer_id, NEW.service_id);
          END IF;
          RETURN NULL;
        END $$""",
    f"""CREATE FUNCTION customer_categories_follow_service() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM 1 FROM customers WHERE id IN (SELECT customer_id FROM appointments
            WHERE service_id = NEW.id AND status = 'done') ORDER BY id FOR NO KEY UPDATE;
          {_recount_service("NEW.id", "OLD.category", "NEW.category")}
          RETURN NULL;
        END $$""",
]
_POSTGRESQL_TRIGGERS = [
    """CREATE TRIGGER customer_categories_on_insert AFTER INSERT ON appointments
        FOR EACH ROW EXECUTE FUNCTION customer_categories_follow()""",
    """CREATE TRIGGER customer_categories_on_delete AFTER DELETE ON appointments
        FOR EACH ROW EXECUTE FUNCTION customer_categories_follow()""",
    f"""CREATE TRIGGER customer_categories_on_update
        AFTER UPDATE OF {_APPOINTMENT_COLUMNS} ON appointments
        FOR EACH ROW EXECUTE FUNCTION customer_categories_follow()""",
    """CREATE TRIGGER customer_categories_on_service AFTER UPDATE OF category ON salon_services
        FOR EACH ROW WHEN (OLD.category IS DISTINCT FROM NEW.category)
        EXECUTE FUNCTION customer_categories_follow_service()""",
]


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    op.create_table(
        "customer_categories",
        sa.Column("category", sa.String(60), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("visits", sa.Integer(), nullable=False),
        sa.Column("last_visit_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_customer_categories_customer_id_customers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("category", "customer_id", name=op.f("pk_customer_categories")),
        sqlite_with_rowid=False,
    )
    # The foreign key's cascade and the per-customer recount look rows up by customer.
    op.create_index("ix_customer_categories_customer", "customer_categories", ["customer_id"])
    # Driver SQL, run as written (no parameters to bind).
    if not sqlite:
        for statement in _POSTGRESQL_FUNCTIONS:
            bind.exec_driver_sql(statement)
    for statement in _SQLITE_TRIGGERS if sqlite else _POSTGRESQL_TRIGGERS:
        bind.exec_driver_sql(statement)
    # Count the completed appointments already there (one grouped pass).
    bind.exec_driver_sql(f"INSERT INTO customer_categories ({_COLUMNS}) {_COUNTED}{_GROUPED}")


def downgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    for name, table in _TRIGGERS:
        on = "" if sqlite else f" ON {table}"
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}{on}")
    if not sqlite:
        op.execute("DROP FUNCTION IF EXISTS customer_categories_follow_service()")
        op.execute("DROP FUNCTION IF EXISTS customer_categories_follow()")
        op.execute("DROP FUNCTION IF EXISTS customer_categories_recount(integer, integer)")
    op.drop_index("ix_customer_categories_customer", table_name="customer_categories")
    op.drop_table("customer_categories")
