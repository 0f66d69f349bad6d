"""Schema upgrades, backups and restores.

SQLite backups use the online backup API, so they are consistent even while another
process writes. For PostgreSQL the answer is ``pg_dump``/``pg_restore`` (see README).
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, make_url

from desk_sql.migrations import MigrationRunner

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
MIGRATIONS = MigrationRunner(MIGRATIONS_DIR)
PRIVATE_MODE = 0o600  # backups hold personal data


class NotSqlite(Exception):
    """Backup and restore from the app work on SQLite files only."""


def head_revision() -> str | None:
    return MIGRATIONS.head_revision()


def current_revision(engine: Engine) -> str | None:
    return MIGRATIONS.current_revision(engine)


def needs_upgrade(engine: Engine) -> bool:
    return MIGRATIONS.needs_upgrade(engine)


def upgrade(engine: Engine, revision: str = "head") -> None:
    MIGRATIONS.upgrade(engine, revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Step the schema back (for developers and the migration tests)."""
    MIGRATIONS.downgrade(engine, revision)


def sqlite_path(engine: Engine) -> Path:
    url = make_url(str(engine.url))
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise NotSqlite(str(url.get_backend_name()))
    return Path(url.database)


def backup_sqlite(engine: Engine, target: Path) -> Path:
    """Copy the live database to ``target`` with SQLite's online backup API.

    The copy holds every customer's data: it is created with mode 0600 (only this user
    may read it), whatever the umask says.
    """
    source_path = sqlite_path(engine)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)  # a leftover of a crash: its mode is unknown
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE))
    with closing(sqlite3.connect(source_path)) as source, closing(sqlite3.connect(partial)) as dest:
        source.backup(dest)
    os.chmod(partial, PRIVATE_MODE)
    partial.replace(target)  # atomic: a crash never leaves a half-written backup
    return target


def restore_sqlite(engine: Engine, backup: Path) -> None:
    """Replace the live database's content with the backup's (also online, page by page)."""
    target_path = sqlite_path(engine)
    engine.dispose()
    with closing(sqlite3.connect(f"file:{backup}?mode=ro", uri=True)) as source:
        integrity = source.execute("PRAGMA integrity_check").fetchone()
        if integrity is None or integrity[0] != "ok":
            raise sqlite3.DatabaseError(f"backup failed its integrity check: {integrity}")
        with closing(sqlite3.connect(target_path)) as dest:
            source.backup(dest)


def backup_before_upgrade(engine: Engine) -> Path | None:
    """Before a schema upgrade of an existing SQLite file, keep a copy next to it."""
    try:
        path = sqlite_path(engine)
    except NotSqlite:
        return None
    if not path.exists() or current_revision(engine) is None:
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return backup_sqlite(engine, path.with_name(f"{path.stem}.before-upgrade-{stamp}{path.suffix}"))
