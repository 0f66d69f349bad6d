"""INSERT … ON CONFLICT DO NOTHING on both backends: "record this once" without a race.

Checking first and inserting second lets two simultaneous requests both pass the check;
the database's own conflict handling does not.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session


def insert_once(session: Session, model: type[Any], **values: Any) -> bool:
    """Insert the row unless its key exists; True if this call inserted it."""
    key = list(model.__table__.primary_key.columns)
    # The dialect's insert is imported here: SQLAlchemy's PostgreSQL package (with all its
    # drivers' modules) costs a counter PC on SQLite a tenth of a second at start.
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        statement: Any = postgresql_insert(model).values(**values).on_conflict_do_nothing()
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        statement = sqlite_insert(model).values(**values).on_conflict_do_nothing()
    # RETURNING yields a row only when the row was inserted (rowcount is unreliable here).
    return session.execute(statement.returning(*key)).first() is not None
