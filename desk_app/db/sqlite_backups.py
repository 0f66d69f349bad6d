"""SQLite backup files: written, checked and restored (issue 13).

Written with SQLite's online backup API in one step: one read transaction on the live
file, so the copy is one consistent moment even while the window or another process
writes (WAL lets them go on meanwhile). The copy goes to a temporary name with mode
0600 (it holds every customer's data), is switched out of WAL mode (one self-contained
file), passes ``PRAGMA integrity_check``, and only then is renamed into place: a crash
or a full disk never leaves a half-written file under a backup's name.

A file is restored only after the same checks and after it has proven to be a Salon
Desk database of a schema revision this version knows (``BackupRefused`` otherwise,
with nothing replaced).

May not import Qt, the ui or the services.
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
from collections.abc import Callable, Collection, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from desk_app.domain.errors import BackupNotWritten, BackupRefused

PRIVATE_MODE = 0o600  # backups hold personal data
SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"  # pg_dump's custom format (-Fc)
# Tables every Salon Desk database has had since its first revision: a database with
# an ``alembic_version`` but without them is some other program's.
OWN_TABLES = frozenset({"settings", "customers", "consent_ledger"})
_REVISION = re.compile(r"\d{4}")
# Copies of the current state taken before a restore gives up on a database that other
# processes keep writing to.
SAFETY_ATTEMPTS = 3
LOCK_WAIT_SECONDS = 30.0  # another process's write transaction (SQLite's busy timeout)


def write_backup(source: Path, target: Path) -> Path:
    """Copy the live database ``source`` to ``target`` (atomically, private, checked).
    ``BackupNotWritten`` when the folder or its disk refuses the copy."""
    try:
        return _write(source, target)
    except OSError as exc:
        raise BackupNotWritten(str(target.parent), exc.strerror or str(exc)) from exc
    except sqlite3.OperationalError as exc:  # disk full, I/O error while copying
        raise BackupNotWritten(str(target.parent), str(exc)) from exc


def make_backup_folder(folder: Path) -> None:
    """Make the backup folder itself, never the folders above it: a network share or a
    USB disk that is away leaves its mount point empty, and making the whole path there
    would put the salon's backups on this computer's own disk without anyone knowing.
    ``BackupNotWritten`` (its parent missing) instead."""
    if not folder.parent.is_dir():
        raise BackupNotWritten(str(folder), "", missing=str(folder.parent))
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:  # a file of that name, no right to write there
        raise BackupNotWritten(str(folder), exc.strerror or str(exc)) from exc


def _write(source: Path, target: Path) -> Path:
    make_backup_folder(target.parent)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)  # a leftover of a crash: its mode is unknown
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE))
    try:
        with closing(sqlite3.connect(source)) as live, closing(sqlite3.connect(partial)) as dest:
            live.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")  # no -wal/-shm beside the copy
            _require_intact(dest, partial)
        os.chmod(partial, PRIVATE_MODE)
        with open(partial, "rb") as written:
            os.fsync(written.fileno())  # on disk before it has a backup's name
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def check_backup(path: Path, known: Collection[str], head: str | None) -> str:
    """The schema revision of the backup at ``path``; ``BackupRefused`` for a file that
    is missing, no SQLite database, damaged, another program's, or of a newer version."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError as exc:
        raise BackupRefused("missing", str(path)) from exc
    except OSError as exc:
        raise BackupRefused("unreadable", str(path), exc.strerror or "") from exc
    if header != SQLITE_HEADER:
        raise BackupRefused("unreadable", str(path))
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            _require_intact(conn, path)
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if "alembic_version" not in tables or not tables >= OWN_TABLES:
                raise BackupRefused("foreign", str(path))
            revisions = [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
    except sqlite3.DatabaseError as exc:
        raise BackupRefused("damaged", str(path), str(exc)) from exc
    if len(revisions) != 1:
        raise BackupRefused("foreign", str(path))
    revision = str(revisions[0])
    if revision in known:
        return revision
    if head is not None and _REVISION.fullmatch(revision) and revision > head:
        raise BackupRefused("newer", str(path), revision)
    raise BackupRefused("foreign", str(path), revision)


def stored_settings_of(path: Path, keys: Collection[str]) -> dict[str, str]:
    """Settings rows of the (checked) backup at ``path``: whose copy it is, for the
    question before a restore. Keys it does not store are left out."""
    wanted = sorted(keys)
    marks = ", ".join("?" for _ in wanted)
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        rows = conn.execute(f"SELECT key, value FROM settings WHERE key IN ({marks})", wanted)
        return {str(key): str(value) for key, value in rows}


def stored_setting_at(path: Path, key: str) -> str:
    """One settings value of the SQLite database at ``path``; "" when no file is there,
    or it is no Salon Desk database, or it does not store the key."""
    try:
        return stored_settings_of(path, (key,)).get(key, "")
    except sqlite3.Error:
        return ""


def restore_backup(
    backup: Path, live: Path, keep_current: Callable[[], object] | None = None
) -> None:
    """Replace the live database's content with the (checked) backup's, page by page
    through the backup API, so connections still open on ``live`` see the restored
    content at their next transaction instead of a file pulled from under them.

    The backup API cannot change a WAL database's page size ("attempt to write a
    readonly database", after the safety copy, with nothing said about why): a backup
    of another page size (another tool's copy, a file once vacuumed with its own
    ``page_size``) is first rewritten at the live one's into a private file beside it.

    ``keep_current`` writes the copy of the state being replaced (``BackupRefused``
    "busy" when another process kept writing, see ``_kept_unchanged``)."""
    with closing(sqlite3.connect(live, timeout=LOCK_WAIT_SECONDS, isolation_level=None)) as dest:
        (page_size,) = dest.execute("PRAGMA page_size").fetchone()
        with (
            _at_page_size(backup, page_size, live.parent) as source_path,
            closing(
                sqlite3.connect(f"{source_path.resolve().as_uri()}?mode=ro", uri=True)
            ) as source,
        ):
            if keep_current is not None:
                _kept_unchanged(dest, keep_current, live)
            source.backup(dest)  # at once: the check above is only as good as it is recent


def _kept_unchanged(
    dest: sqlite3.Connection, keep_current: Callable[[], object], live: Path
) -> None:
    """Write the copy of the current state until no other connection committed while it
    was written. Another counter PC may write while the copy is made, checked and
    synced (seconds on a large file); that write is after the copy's moment and the
    restore overwrites it: lost from both, silently. ``PRAGMA data_version`` on ``dest``
    changes with every commit of another connection, so the copy is taken again."""
    for _attempt in range(SAFETY_ATTEMPTS):
        before = dest.execute("PRAGMA data_version").fetchone()[0]
        keep_current()
        # Compared holding the write lock: a transaction still open during the copy is
        # waited for (its commit counts), and a writer that never lets go is an error
        # after the busy timeout, not a restore that waits for ever.
        try:
            dest.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:  # "database is locked"
            raise BackupRefused("busy", str(live), str(exc)) from exc
        after = dest.execute("PRAGMA data_version").fetchone()[0]
        dest.execute("ROLLBACK")
        if after == before:
            return
    raise BackupRefused("busy", str(live))


@contextmanager
def _at_page_size(backup: Path, page_size: int, scratch: Path) -> Iterator[Path]:
    """``backup`` itself when its pages have ``page_size`` bytes, else a private copy
    rewritten at that size (removed afterwards)."""
    uri = f"{backup.resolve().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as source:
        if source.execute("PRAGMA page_size").fetchone()[0] == page_size:
            yield backup
            return
        handle, name = tempfile.mkstemp(prefix=".restore-", suffix=".sqlite3", dir=scratch)
        os.close(handle)  # empty and 0600: VACUUM INTO fills an empty file
        copy = Path(name)
        try:
            source.execute(f"PRAGMA page_size={int(page_size)}")
            source.execute("VACUUM INTO ?", (str(copy),))
            source.close()
            yield copy
        finally:
            copy.unlink(missing_ok=True)


def is_pg_dump(path: Path) -> bool:
    """Whether ``path`` starts like a pg_dump custom-format archive (a failed cron job
    leaves an empty or a text file under the same name)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(PG_DUMP_HEADER)) == PG_DUMP_HEADER
    except OSError:
        return False


def _require_intact(conn: sqlite3.Connection, path: Path) -> None:
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    if rows != ["ok"]:
        raise BackupRefused("damaged", str(path), str(rows[0]) if rows else "")
