"""What the database says its triggers and functions are, for the guards that compare a
revision's frozen SQL with the live module that says what the schema at head has."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import Connection, text


def definitions(c: Connection, prefix: str, functions: Sequence[str] = ()) -> list[tuple[str, str]]:
    """The triggers named ``prefix…`` and, on PostgreSQL, the functions named so or in
    ``functions``: (name, definition as the database keeps it), by name."""
    like = {"like": f"{prefix}%"}
    if c.dialect.name == "sqlite":
        query = (
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            "AND name LIKE :like ORDER BY name"
        )
        return [(r[0], r[1]) for r in c.execute(text(query), like)]
    query = (
        "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname LIKE :like "
        "UNION ALL SELECT proname, prosrc FROM pg_proc "
        "WHERE proname LIKE :like OR proname = ANY(:names) ORDER BY 1"
    )
    return [(r[0], r[1]) for r in c.execute(text(query), {**like, "names": list(functions)})]


def remade_by_the_module(
    c: Connection,
    functions: Sequence[str],
    drop_triggers: Callable[[Connection], None],
    create_triggers: Callable[[Connection], None],
) -> None:
    """Drop the triggers and make them and their functions again as the module says."""
    drop_triggers(c)
    if c.dialect.name == "postgresql":
        for statement in functions:
            c.exec_driver_sql(statement.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1))
    create_triggers(c)
