"""Keeping ``customer_categories`` equal to the completed appointments it summarises.

``customer_categories`` is the audience's answer to "who had a service of this category"
(revision 0027): one row per customer and service category with at least one completed
appointment of it – how many and the last one. The category filter of a campaign reads
one range of its primary key (category, customer id) instead of collecting the customers
of 190,000 completed appointments of the category's services on every change of a filter.

The appointments and the services stay the truth. Database triggers rewrite the rows a
write touches in the same statement – an appointment booked as done, completed, undone,
moved to another customer, service or time, deleted; a service given another category –
whoever writes (the counter, another counter PC, the gateway sync, a plain UPDATE). Each
trigger recounts the customer's category from the appointments (a few rows along
``ix_appointments_customer_status``) instead of adding and subtracting, so the table
cannot drift. On PostgreSQL the recount takes the customer's row lock first, as
``customer_visits_recount`` does (one lock, one order): two transactions recounting the
same customer are serialised and the later one, a new statement with a new snapshot,
counts the earlier one's appointment too.

``rebuild`` recounts everyone in one grouped pass (bulk loaders that lift the triggers);
``drift`` says which rows differ from a recount (the ``db check-read-models`` command and
the tests).

This module says what the schema at head has; revision 0027 keeps its own copy of the
SQL, and ``tests/db/test_migration_0027.py`` fails when the two part.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection

DONE = "done"
COLUMNS = "category, customer_id, visits, last_visit_at"
# Every (category, customer) with completed appointments, counted from the sources.
COUNTED = (
    "SELECT s.category, a.customer_id, COUNT(*), MAX(a.starts_at) "
    "FROM appointments a JOIN salon_services s ON s.id = a.service_id "
    f"WHERE a.status = '{DONE}'"
)
_GROUPED = " GROUP BY s.category, a.customer_id"


def _recount(customer: str, category: str) -> str:
    """Statements rewriting one customer's row of one category (SQL expressions)."""
    return (
        f"DELETE FROM customer_categories WHERE category = {category} "
        f"AND customer_id = {customer}; "
        f"INSERT INTO customer_categories ({COLUMNS}) {COUNTED} "
        f"AND a.customer_id = {customer} AND s.category = {category}{_GROUPED};"
    )


def _recount_service(service: str, old: str, new: str) -> str:
    """A service changed its category: everyone who had it done, both categories."""
    customers = (
        f"(SELECT customer_id FROM appointments WHERE service_id = {service} AND status = '{DONE}')"
    )
    return (
        f"DELETE FROM customer_categories WHERE category IN ({old}, {new}) "
        f"AND customer_id IN {customers}; "
        f"INSERT INTO customer_categories ({COLUMNS}) {COUNTED} "
        f"AND s.category IN ({old}, {new}) AND a.customer_id IN {customers}{_GROUPED};"
    )


def _category_of(row: str) -> str:
    return f"(SELECT category FROM salon_services WHERE id = {row}.service_id)"


TRIGGERS = (
    ("customer_categories_on_insert", "appointments"),
    ("customer_categories_on_delete", "appointments"),
    ("customer_categories_on_update", "appointments"),
    ("customer_categories_on_service", "salon_services"),
)
_APPOINTMENT_COLUMNS = "customer_id, service_id, status, starts_at"

SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER customer_categories_on_insert AFTER INSERT ON appointments
        WHEN NEW.status = '{DONE}'
        BEGIN {_recount("NEW.customer_id", _category_of("NEW"))} END""",
    f"""CREATE TRIGGER customer_categories_on_delete AFTER DELETE ON appointments
        WHEN OLD.status = '{DONE}'
        BEGIN {_recount("OLD.customer_id", _category_of("OLD"))} END""",
    f"""CREATE TRIGGER customer_categories_on_update
        AFTER UPDATE OF {_APPOINTMENT_COLUMNS} ON appointments
        WHEN OLD.status = '{DONE}' OR NEW.status = '{DONE}'
        BEGIN {_recount("OLD.customer_id", _category_of("OLD"))}
              {_recount("NEW.customer_id", _category_of("NEW"))} END""",
    f"""CREATE TRIGGER customer_categories_on_service AFTER UPDATE OF category ON salon_services
        WHEN OLD.category IS NOT NEW.category
        BEGIN {_recount_service("NEW.id", "OLD.category", "NEW.category")} END""",
]

POSTGRESQL_FUNCTIONS = [
    # The customer's row lock first, as customer_visits_recount takes it (both run for
    # the same appointment, in one order): a second transaction waits, then counts anew.
    f"""CREATE FUNCTION customer_categories_recount(cid integer, sid integer) RETURNS void
        LANGUAGE plpgsql VOLATILE AS $$
        DECLARE cat text;
        BEGIN
          PERFORM 1 FROM customers WHERE id = cid FOR NO KEY UPDATE;
          SELECT category INTO cat FROM salon_services WHERE id = sid;
          {_recount("cid", "cat")}
        END $$""",
    f"""CREATE FUNCTION customer_categories_follow() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP <> 'INSERT' AND OLD.status = '{DONE}' THEN
            PERFORM customer_categories_recount(OLD.customer_id, OLD.service_id);
          END IF;
          IF TG_OP <> 'DELETE' AND NEW.status = '{DONE}' AND (TG_OP = 'INSERT'
              OR OLD.status <> '{DONE}' OR OLD.customer_id <> NEW.customer_id
              OR OLD.service_id <> NEW.service_id) THEN
            PERFORM customer_categories_recount(NEW.customer_id, NEW.service_id);
          END IF;
          RETURN NULL;
        END $$""",
    # Everyone who had the service done, locked in id order (no deadlock with another
    # such statement), then both categories recounted for them in one pass.
    f"""CREATE FUNCTION customer_categories_follow_service() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM 1 FROM customers WHERE id IN (SELECT customer_id FROM appointments
            WHERE service_id = NEW.id AND status = '{DONE}') ORDER BY id FOR NO KEY UPDATE;
          {_recount_service("NEW.id", "OLD.category", "NEW.category")}
          RETURN NULL;
        END $$""",
]
POSTGRESQL_DROP_FUNCTIONS = [
    "DROP FUNCTION IF EXISTS customer_categories_follow_service()",
    "DROP FUNCTION IF EXISTS customer_categories_follow()",
    "DROP FUNCTION IF EXISTS customer_categories_recount(integer, integer)",
]
POSTGRESQL_TRIGGERS = [
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


def rebuild(connection: Connection) -> None:
    """Recount every customer and category from the appointments (one grouped pass)."""
    connection.exec_driver_sql("DELETE FROM customer_categories")
    connection.exec_driver_sql(f"INSERT INTO customer_categories ({COLUMNS}) {COUNTED}{_GROUPED}")


def drift(connection: Connection) -> list[tuple[object, ...]]:
    """The rows that differ from a recount: kept and not counted, counted and not kept
    (the same key may appear in both). Empty when the read model is current."""
    kept = f"SELECT {COLUMNS} FROM customer_categories"
    counted = f"{COUNTED}{_GROUPED}"
    rows = connection.exec_driver_sql(
        f"SELECT 'kept', k.* FROM ({kept} EXCEPT {counted}) k "
        f"UNION ALL SELECT 'counted', c.* FROM ({counted} EXCEPT {kept}) c"
    )
    return [tuple(row) for row in rows]


def create_triggers(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    for statement in SQLITE_TRIGGERS if sqlite else POSTGRESQL_TRIGGERS:
        connection.exec_driver_sql(statement)


def drop_triggers(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    for name, table in TRIGGERS:
        on = "" if sqlite else f" ON {table}"
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}{on}")


@contextmanager
def lifted(connection: Connection) -> Iterator[None]:
    """No triggers during a bulk load; every row recounted once afterwards."""
    drop_triggers(connection)
    yield
    rebuild(connection)
    create_triggers(connection)
