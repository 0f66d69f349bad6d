"""INSERT … ON CONFLICT DO NOTHING on both backends: "record this once" without a race.

Checking first and inserting second lets two simultaneous requests both pass the check;
the database's own conflict handling does not.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session


def insert_once(session: Session, model: type[Any], **values: Any) -> bool:
    """Insert the row unless its key exists; True if this call inserted it."""
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    key = list(model.__table__.primary_key.columns)
    statement = insert(model).values(**values).on_conflict_do_nothing().returning(*key)
    # RETURNING yields a row only when the row was inserted (rowcount is unreliable here).
    return session.execute(statement).first() is not None
