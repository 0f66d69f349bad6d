"""Keeping ``customer_visits`` equal to the appointments it counts.

The appointments stay the only truth; ``customer_visits`` is their count per customer,
rewritten by database triggers (revision 0009) in the same statement that inserts,
deletes or changes an appointment – whoever writes (the ORM, a bulk insert, an erasure,
another counter PC), the campaign audience reads the facts as they are.

Each trigger recounts the customer from the appointments (an index-only range of a few
rows) instead of adding and subtracting, so the table cannot drift. On PostgreSQL the
recount itself, ``customer_visits_recount``, takes the customer's row lock since 0012
and is kept with the audience facts' functions (``desk_app.db.audience_facts``), so two
transactions recounting the same customer are serialised and the later one counts the
earlier one's appointment too.

``rebuild`` recounts everyone: bulk loaders that lift the triggers (``TRIGGER_NAMES``)
for speed.

This module says what the schema at head has; the revisions keep their own copies of the
SQL (0009 wrote the first), and ``tests/db/test_migration_0009.py`` fails when the two
part: a change here needs a revision that makes the same change.
"""

from __future__ import annotations

from sqlalchemy import Connection

DONE = "done"

_COUNTS = (
    f"COUNT(*), SUM(CASE WHEN status = '{DONE}' THEN 1 ELSE 0 END), "
    f"MAX(CASE WHEN status = '{DONE}' THEN starts_at END)"
)
_COLUMNS = "customer_id, appointments, visits, last_visit_at"


def _recount_sqlite(who: str) -> str:
    return (
        f"DELETE FROM customer_visits WHERE customer_id = {who}.customer_id; "
        f"INSERT INTO customer_visits ({_COLUMNS}) SELECT {who}.customer_id, {_COUNTS} "
        f"FROM appointments WHERE customer_id = {who}.customer_id HAVING COUNT(*) > 0;"
    )


TRIGGER_NAMES = (
    "customer_visits_on_insert",
    "customer_visits_on_delete",
    "customer_visits_on_update",
)

SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER customer_visits_on_insert AFTER INSERT ON appointments
        BEGIN {_recount_sqlite("NEW")} END""",
    f"""CREATE TRIGGER customer_visits_on_delete AFTER DELETE ON appointments
        BEGIN {_recount_sqlite("OLD")} END""",
    f"""CREATE TRIGGER customer_visits_on_update
        AFTER UPDATE OF customer_id, status, starts_at ON appointments
        BEGIN {_recount_sqlite("OLD")} {_recount_sqlite("NEW")} END""",
]

POSTGRESQL_FUNCTIONS = [
    # The recount is audience_facts.POSTGRESQL_FUNCTIONS' (it takes the same row lock).
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
POSTGRESQL_TRIGGERS = [
    """CREATE TRIGGER customer_visits_on_insert AFTER INSERT ON appointments
        FOR EACH ROW EXECUTE FUNCTION customer_visits_follow()""",
    """CREATE TRIGGER customer_visits_on_delete AFTER DELETE ON appointments
        FOR EACH ROW EXECUTE FUNCTION customer_visits_follow()""",
    """CREATE TRIGGER customer_visits_on_update
        AFTER UPDATE OF customer_id, status, starts_at ON appointments
        FOR EACH ROW EXECUTE FUNCTION customer_visits_follow()""",
]


def rebuild(connection: Connection) -> None:
    """Recount every customer from the appointments (one grouped pass)."""
    connection.exec_driver_sql("DELETE FROM customer_visits")
    connection.exec_driver_sql(
        f"INSERT INTO customer_visits ({_COLUMNS}) "
        f"SELECT customer_id, {_COUNTS} FROM appointments GROUP BY customer_id"
    )


def create_triggers(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    for statement in SQLITE_TRIGGERS if sqlite else POSTGRESQL_TRIGGERS:
        connection.exec_driver_sql(statement)


def drop_triggers(connection: Connection) -> None:
    on = "" if connection.dialect.name == "sqlite" else " ON appointments"
    for name in TRIGGER_NAMES:
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}{on}")
