"""Schema upgrades, backups and restores.

SQLite backups use the online backup API, so they are consistent even while another
process writes. For PostgreSQL the answer is ``pg_dump``/``pg_restore`` (see README).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, make_url

from desk_app.db.sqlite_backups import check_backup, restore_backup, write_backup
from desk_sql.migrations import MigrationRunner

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
MIGRATIONS = MigrationRunner(MIGRATIONS_DIR)


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
    """Copy the live database to ``target`` with SQLite's online backup API: atomic,
    mode 0600 whatever the umask says (every customer's data), integrity-checked
    (``sqlite_backups.write_backup``)."""
    return write_backup(sqlite_path(engine), target)


def check_sqlite_backup(backup: Path) -> str:
    """The backup's schema revision; BackupRefused unless it is an intact Salon Desk
    database of a revision this version knows."""
    return check_backup(backup, MIGRATIONS.known_revisions(), head_revision())


def restore_sqlite(
    engine: Engine, backup: Path, keep_current: Callable[[], object] | None = None
) -> str:
    """Replace the live database's content with the backup's (also online, page by
    page), after ``check_sqlite_backup`` and ``keep_current`` (the copy of the state it
    replaces, see ``sqlite_backups.restore_backup``); then bring its schema up to date.
    Returns the backup's revision. BackupRefused: nothing was replaced."""
    revision = check_sqlite_backup(backup)
    target_path = sqlite_path(engine)
    engine.dispose()
    restore_backup(backup, target_path, keep_current)
    upgrade(engine)
    return revision


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
