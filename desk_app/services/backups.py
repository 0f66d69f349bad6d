"""Backups that happen by themselves, and restores (issue 13).

SQLite: ``run_due`` writes the day's copy into the backup folder (the setting
``backup_folder``; empty: the folder the composition root gives, ``<data dir>/backups``)
and rotates the folder (``domain.backup_plan``); the window calls it on a thread of its
own at start and every hour, ``desk-app run-automations`` when the window is closed.
``back_up_now`` is the owner's "back up now" (and ``desk-app db backup``). ``restore``
checks the file (``db.sqlite_backups``), keeps the current state as a ``before-restore``
copy, restores, upgrades the schema and writes its audit entry into the restored
database (the entries since the backup are in that copy).

PostgreSQL: the salon's ``pg_dump -Fc`` (a cron job or timer on the server, README)
writes its dumps into the backup folder; the app only looks at the newest good one's age
and warns like for SQLite. ``back_up_now`` runs ``pg_dump`` itself when it is on PATH.
Restores on PostgreSQL are ``pg_restore``'s, never the app's.

A backup by hand needs what a copy of everything needs (export, and the audit log it
holds); a restore, which rolls the team and the audit log back, is the owner's alone
(``Permission.RESTORE_BACKUP``).
The daily copy acts for the salon (the owner's switch is the setting), unaudited: one
entry a day would bury the log.

May not import Qt, the ui or the config layer.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import make_url
from sqlalchemy.orm import Session

from desk_app.db import migrate
from desk_app.db.engine import Database
from desk_app.db.sqlite_backups import (
    PRIVATE_MODE,
    is_pg_dump,
    make_backup_folder,
    stored_settings_of,
)
from desk_app.domain.access import Actor
from desk_app.domain.backup_plan import (
    DATABASE_ID,
    DATABASE_ID_KEY,
    PREFIX,
    ROTATED,
    SQLITE_SUFFIX,
    BackupKind,
    BackupName,
    backup_name,
    daily_due,
    parse_name,
    to_remove,
    too_old,
)
from desk_app.domain.enums import AuditAction, Permission
from desk_app.domain.errors import BackupNeedsSqlite, BackupNotWritten, BackupRefused
from desk_app.domain.salon_settings import DEFAULT_SETTINGS, SalonSettings
from desk_app.services.access_guard import authorize
from desk_app.services.audit import record
from desk_app.services.database_identity import (
    database_id,
    ensure_database_id,
    keep_database_id,
    remember_backup_folder,
    used_backup_folder,
)
from desk_app.services.settings_store import read_settings

log = logging.getLogger(__name__)
BACKUP_RIGHTS = (Permission.EXPORT_DATA, Permission.VIEW_AUDIT)
RESTORE_RIGHTS = (Permission.RESTORE_BACKUP,)
DUMP_SUFFIX = ".dump"
PG_DUMP_TIMEOUT_SECONDS = 3600
PARTIAL_STALE_SECONDS = 3600
# How far ahead of this computer's clock another counter PC's may be (a shared folder).
CLOCK_DRIFT = timedelta(hours=1)


@dataclass(frozen=True)
class BackupRow:
    path: Path
    at: datetime  # UTC
    kind: BackupKind
    size: int  # bytes


@dataclass(frozen=True)
class BackupStatus:
    backend: str  # "sqlite" or "postgresql"
    folder: Path
    newest: datetime | None  # the newest good backup (UTC), None: none at all
    warn_days: int
    too_old: bool


@dataclass(frozen=True)
class BackupCheck:
    """A file that may be restored, and whose copy it is."""

    revision: str  # its schema revision
    salon_name: str  # the salon its settings name
    other_database: bool  # a copy of another database than this one (another salon?)


@dataclass(frozen=True)
class RestoreResult:
    restored: Path
    revision: str  # the backup's schema revision (upgraded to the app's since)
    safety: Path  # the state the restore replaced


class BackupService:
    def __init__(
        self, db: Database, clock: Callable[[], datetime], default_folder: Path | None
    ) -> None:
        self._db = db
        self._clock = clock
        self._default_folder = default_folder

    # ---- where and what ---------------------------------------------------------------
    def backend(self) -> str:
        return make_url(str(self._db.engine.url)).get_backend_name()

    def folder(self, settings: SalonSettings | None = None) -> Path:
        settings = settings or self._settings()
        if settings.backup_folder:
            chosen = Path(settings.backup_folder).expanduser()
            # A relative folder would follow the working directory: the window started
            # from its shortcut and the scheduled task (run-automations) would each write,
            # rotate and look for the newest backup somewhere else. It is taken as
            # inside the data folder (the default folder's parent) instead.
            return chosen if chosen.is_absolute() else self.default_folder().parent / chosen
        return self.default_folder()

    def default_folder(self) -> Path:
        """Where the backups go while ``backup_folder`` is empty."""
        if self._default_folder is not None:
            return self._default_folder
        try:
            return migrate.sqlite_path(self._db.engine).resolve().parent / "backups"
        except migrate.NotSqlite:
            return Path("backups").resolve()

    def backups(self, folder: Path | None = None) -> list[BackupRow]:
        """The backups in the folder, newest first (dumps on PostgreSQL)."""
        folder = folder or self.folder()
        suffix = DUMP_SUFFIX if self.backend() == "postgresql" else SQLITE_SUFFIX
        own = self._database_id()
        rows = []
        try:
            entries = list(os.scandir(folder))
        except OSError:  # not there yet, or a share that is away: no backups seen
            return []
        for entry in entries:
            if not entry.name.endswith(suffix) or not entry.is_file():
                continue
            stat = entry.stat()
            name = parse_name(entry.name)
            if name is None and suffix == DUMP_SUFFIX:  # a cron job's own naming: its time
                name = BackupName(datetime.fromtimestamp(stat.st_mtime, UTC), BackupKind.DAILY)
            if name is not None and name.belongs_to(own):
                rows.append(BackupRow(Path(entry.path), name.at, name.kind, stat.st_size))
        return sorted(rows, key=lambda r: r.at, reverse=True)

    def status(self) -> BackupStatus:
        settings = self._settings()
        folder = self.folder(settings)
        newest = self._newest_good(folder)
        return BackupStatus(
            self.backend(),
            folder,
            newest,
            settings.backup_warn_days,
            too_old(newest, self._clock(), settings.backup_warn_days),
        )

    def _newest_good(self, folder: Path) -> datetime | None:
        # A copy made before a restore holds the state that was replaced, not today's.
        # One dated ahead (written while the computer's clock was wrong) is no backup of
        # today either: counted, it stopped the daily copy and the warning until its date.
        latest = self._clock() + CLOCK_DRIFT
        for row in (r for r in self.backups(folder) if r.kind in ROTATED and r.at <= latest):
            # A SQLite backup has its name only once it passed its check; a dump is looked
            # at (a failed pg_dump leaves an empty file behind a shell redirect).
            if self.backend() != "postgresql" or is_pg_dump(row.path):
                return row.at
        return None

    # ---- writing ------------------------------------------------------------------------
    def run_due(self) -> Path | None:
        """The day's backup, if today (salon-local) has none yet; then the rotation.
        Nothing on PostgreSQL (the server's pg_dump does it). Safe to call often."""
        if self.backend() != "sqlite":
            return None
        # First, so that a copy of the file does not count the original's backups.
        database = self._database_id(make=True)
        settings = self._settings()
        folder = self.folder(settings)
        now = self._clock()
        if not daily_due(self._newest_good(folder), now, settings.zone):
            return None
        written = self._write(folder, backup_name(now, BackupKind.DAILY, database=database))
        self._rotate(folder, settings)
        self._sweep_partials(folder)
        return written

    def back_up_now(self, actor: Actor, target: Path | None = None) -> Path:
        """A backup by hand, into ``target`` or the backup folder (then rotated). On
        PostgreSQL with ``pg_dump`` on PATH: a custom-format dump."""
        with self._db.read() as s:
            current = _authorize_all(s, actor, BACKUP_RIGHTS)
            settings = read_settings(s)
        folder = self.folder(settings)
        now = self._clock()
        database = self._database_id(make=True)
        if self.backend() == "postgresql":
            name = backup_name(now, BackupKind.MANUAL, DUMP_SUFFIX, database)
            if target is None:
                self._prepare_folder(folder)
            written = self._pg_dump(target or folder / name.file_name())
        else:
            name = backup_name(now, BackupKind.MANUAL, database=database)
            written = self._write(folder, name, target)
            if target is None:
                self._rotate(folder, settings)
        with self._db.write() as s:
            record(s, current, AuditAction.BACKUP_MADE, now, "database", {"file": str(written)})
        return written

    def _write(self, folder: Path, name: BackupName, target: Path | None = None) -> Path:
        if target is None:
            self._prepare_folder(folder)
        return migrate.backup_sqlite(self._db.engine, target or folder / name.file_name())

    def _prepare_folder(self, folder: Path) -> None:
        """The default folder is in the app's own data folder, which may not exist yet
        (the database lives elsewhere): made with its parents. A chosen folder is made
        once (never the folders above it, ``make_backup_folder``); one that held backups
        before and is gone now is on a share or disk that is away, and is not made
        again on this computer's own disk (its empty mount point would take it)."""
        if folder == self.default_folder():
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise BackupNotWritten(str(folder), exc.strerror or str(exc)) from exc
            return
        with self._db.read() as s:
            used = used_backup_folder(s)
        if not folder.is_dir():
            if used == str(folder):
                raise BackupNotWritten(str(folder), "", missing=str(folder))
            make_backup_folder(folder)
        if used != str(folder):
            with self._db.write() as s:
                remember_backup_folder(s, folder)

    def _rotate(self, folder: Path, settings: SalonSettings) -> None:
        names = {}
        for row in self.backups(folder):  # this database's only
            names[BackupName(row.at, row.kind)] = row.path
        for gone in to_remove(
            names, settings.backup_keep_daily, settings.backup_keep_weekly, settings.zone
        ):
            names[gone].unlink(missing_ok=True)

    def _sweep_partials(self, folder: Path) -> None:
        """Copies cut off (the window quit mid-copy, a crash) leave ``*.partial`` files;
        one an hour old is no copy still being written by another process."""
        cutoff = time.time() - PARTIAL_STALE_SECONDS
        for partial in folder.glob(f"{PREFIX}*.partial"):
            try:
                if partial.stat().st_mtime < cutoff:
                    partial.unlink()
            except OSError:  # gone meanwhile, or not ours to remove: the next day again
                continue

    def _pg_dump(self, target: Path) -> Path:
        program = shutil.which("pg_dump")
        if program is None:
            raise BackupNeedsSqlite("postgresql")
        url = make_url(str(self._db.engine.url))
        env = dict(os.environ)
        if url.password:  # never on the command line, where ``ps`` shows it
            env["PGPASSWORD"] = str(url.password)
        plain = url.set(drivername="postgresql", password=None, query={})
        make_backup_folder(target.parent)
        partial = target.with_name(target.name + ".partial")
        partial.unlink(missing_ok=True)
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE))
        try:
            subprocess.run(
                [program, "-Fc", "-f", str(partial), plain.render_as_string(False)],
                env=env,
                check=True,
                capture_output=True,
                timeout=PG_DUMP_TIMEOUT_SECONDS,
            )
            partial.replace(target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        return target

    # ---- restoring ----------------------------------------------------------------------
    def check(self, backup: Path) -> BackupCheck:
        """The backup's schema revision and whose copy it is; BackupRefused with the
        reason otherwise."""
        self._require_sqlite()
        revision = migrate.check_sqlite_backup(backup)
        stored = stored_settings_of(backup, ("salon_name", DATABASE_ID_KEY))
        theirs, own = stored.get(DATABASE_ID_KEY, ""), self._database_id()
        # Unknown on either side (a backup or a database from before identities) is
        # no evidence of another database.
        other = bool(own and DATABASE_ID.fullmatch(theirs) and theirs != own)
        salon = stored.get("salon_name") or DEFAULT_SETTINGS["salon_name"]
        return BackupCheck(revision, salon, other)

    def restore(self, actor: Actor, backup: Path, other_database: bool = False) -> RestoreResult:
        """Check, keep the current state, restore, upgrade, audit. BackupRefused (or
        NotPermitted) before anything was replaced; "other_database" for a copy of
        another database unless ``other_database`` says the owner saw it is one."""
        self._require_sqlite()
        with self._db.read() as s:
            current = _authorize_all(s, actor, RESTORE_RIGHTS)
            settings = read_settings(s)
        checked = self.check(backup)
        if checked.other_database and not other_database:
            raise BackupRefused("other_database", str(backup), checked.salon_name)
        own = self._database_id(make=True)
        now = self._clock()
        kept: list[Path] = []

        def keep_current() -> None:  # again if another process wrote meanwhile
            name = backup_name(self._clock(), BackupKind.BEFORE_RESTORE, database=own)
            kept.append(self._write(self.folder(settings), name))

        revision = migrate.restore_sqlite(self._db.engine, backup, keep_current)
        safety = kept[-1]
        with self._db.write() as s:
            # The copy just made, and later ones, stay listed as this database's.
            keep_database_id(s, own, self._location())
            details = {
                "file": str(backup),
                "revision": revision,
                "safety_copy": str(safety),
                "salon_name": checked.salon_name,
                "other_database": checked.other_database,
            }
            record(s, current, AuditAction.DATABASE_RESTORED, now, "database", details)
        log.info("restored the database from a backup; the state before is in %s", safety)
        return RestoreResult(backup, revision, safety)

    def _require_sqlite(self) -> None:
        backend = self.backend()
        if backend != "sqlite":
            raise BackupNeedsSqlite(backend)

    def _database_id(self, make: bool = False) -> str:
        if make:
            with self._db.write() as s:
                return ensure_database_id(s, self._location())
        with self._db.read() as s:
            return database_id(s)

    def _location(self) -> str:
        """The SQLite file's place ("" on PostgreSQL): where the identity belongs."""
        try:
            return str(migrate.sqlite_path(self._db.engine).resolve())
        except migrate.NotSqlite:
            return ""

    def _settings(self) -> SalonSettings:
        with self._db.read() as s:
            return read_settings(s)


def _authorize_all(s: Session, actor: Actor, rights: tuple[Permission, ...]) -> Actor:
    current = actor
    for permission in rights:
        current = authorize(s, actor, permission)
    return current


__all__ = [
    "BackupCheck",
    "BackupRefused",
    "BackupRow",
    "BackupService",
    "BackupStatus",
    "RestoreResult",
]
