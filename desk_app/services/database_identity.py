"""The database's own identity: a random name made once, kept in the settings table.

Backups carry it in their file names (``domain.backup_plan``), so databases sharing a
backup folder keep apart, and a restore can say that a file is a copy of another
database. A restore keeps the live database's identity: the copy of the state it
replaced, and the backups after it, stay this database's.

May not import Qt, the ui or the config layer.
"""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.backup_plan import DATABASE_ID, DATABASE_ID_KEY


def database_id(session: Session) -> str:
    """The identity, "" while the database has none yet (it never made a backup)."""
    stored = session.scalar(select(m.Setting.value).where(m.Setting.key == DATABASE_ID_KEY))
    return stored if stored is not None and DATABASE_ID.fullmatch(stored) else ""


def ensure_database_id(session: Session) -> str:
    """The identity, made now if there is none. Two processes making it at once keep
    the first one's (an insert that does nothing on a taken key, then a read)."""
    if found := database_id(session):
        return found
    made = secrets.token_hex(6)
    if session.get(m.Setting, DATABASE_ID_KEY) is not None:  # edited by hand: no identity
        session.merge(m.Setting(key=DATABASE_ID_KEY, value=made))
    else:
        # Imported here: the window's start imports what its first paint needs only.
        from sqlalchemy.dialects.postgresql import insert as pg_insert
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
        session.execute(
            insert(m.Setting).values(key=DATABASE_ID_KEY, value=made).on_conflict_do_nothing()
        )
    return database_id(session)


def keep_database_id(session: Session, identity: str) -> None:
    """Write ``identity`` back (after a restore brought in the backup's settings)."""
    if identity:
        session.merge(m.Setting(key=DATABASE_ID_KEY, value=identity))
