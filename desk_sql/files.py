"""SQLite files hold customers' personal data: readable by their owner only."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import make_url

PRIVATE_MODE = 0o600


def sqlite_path(database_url: str) -> Path | None:
    """The file of a SQLite URL (None for PostgreSQL and in-memory databases)."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        return None
    name = url.database or ""
    if not name or name == ":memory:" or name.startswith("file:"):
        return None
    return Path(name)


def make_sqlite_file_private(database_url: str) -> None:
    """Create the SQLite file with mode 0600 before SQLite does (SQLite gives its -wal and
    -shm files the mode of the database file); tighten an existing one the same way."""
    path = sqlite_path(database_url)
    if path is None or os.name != "posix":
        return
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_MODE))
        for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            if candidate.exists() and candidate.stat().st_mode & 0o077:
                os.chmod(candidate, PRIVATE_MODE)
    except OSError:
        return  # a missing folder or a file of another user: SQLite itself will say so
