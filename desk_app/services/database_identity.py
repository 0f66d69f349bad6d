"""The database's own identity: a random name made once, kept in the settings table.

Backups carry it in their file names (``domain.backup_plan``), so databases sharing a
backup folder keep apart, and a restore can say that a file is a copy of another
database. A restore keeps the live database's identity: the copy of the state it
replaced, and the backups after it, stay this database's.

A copy of the file (a test copy, a copy taken to another PC) carries the identity too.
So the identity is kept with the place of the file it was made for: a database found
at another place while a database of the same identity is still at the old one is a
copy, and takes an identity of its own at its first backup; one whose old place is empty
was moved, and keeps it. (PostgreSQL databases are not copied by copying a file.)

May not import Qt, the ui or the config layer.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.db.sqlite_backups import stored_setting_at
from desk_app.domain.backup_plan import DATABASE_ID, DATABASE_ID_KEY

LOCATION_KEY = "database_location"  # the SQLite file the identity was made for
USED_FOLDER_KEY = "backup_folder_used"  # the chosen backup folder backups went into


def database_id(session: Session) -> str:
    """The identity, "" while the database has none yet (it never made a backup)."""
    stored = session.scalar(select(m.Setting.value).where(m.Setting.key == DATABASE_ID_KEY))
    return stored if stored is not None and DATABASE_ID.fullmatch(stored) else ""


def ensure_database_id(session: Session, location: str = "") -> str:
    """The identity, made now if there is none, or if this database is a copy of one
    still at ``location``'s predecessor (the SQLite file's path; "": no file). Two
    processes making it at once keep the first one's (an insert that does nothing on a
    taken key, then a read)."""
    found = database_id(session)
    made_for = session.scalar(select(m.Setting.value).where(m.Setting.key == LOCATION_KEY))
    if location and made_for != location:  # first backup, moved, or copied
        if found and made_for and _copy_of_one_still_there(made_for, found, location):
            found = ""
        session.merge(m.Setting(key=LOCATION_KEY, value=location))
    if found:
        return found
    made = secrets.token_hex(6)
    if session.get(m.Setting, DATABASE_ID_KEY) is not None:  # a copy's, or edited by hand
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


def _copy_of_one_still_there(made_for: str, identity: str, location: str) -> bool:
    try:
        if os.path.samefile(made_for, location):  # the same file by another path
            return False
    except OSError:  # the old place is empty (moved), or out of reach
        return False
    return stored_setting_at(Path(made_for), DATABASE_ID_KEY) == identity


def keep_database_id(session: Session, identity: str, location: str = "") -> None:
    """Write ``identity`` (and the file's place) back, after a restore brought in the
    backup's settings."""
    if identity:
        session.merge(m.Setting(key=DATABASE_ID_KEY, value=identity))
    if location:
        session.merge(m.Setting(key=LOCATION_KEY, value=location))


def used_backup_folder(session: Session) -> str:
    """The chosen backup folder this database's backups last went into ("": none)."""
    stored = session.scalar(select(m.Setting.value).where(m.Setting.key == USED_FOLDER_KEY))
    return stored or ""


def remember_backup_folder(session: Session, folder: Path) -> None:
    session.merge(m.Setting(key=USED_FOLDER_KEY, value=str(folder)))
