"""SQLite: a writer takes the write lock by looking again every millisecond while another
writer holds it (not by SQLite's busy handler, whose growing sleeps overslept short
transactions), for as long as the busy timeout; a lock held longer is reported as it
always was, and the connection keeps its busy timeout for everything else."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

import desk_sql.engine
from desk_app.db.engine import Database, create_database_engine
from desk_sql.errors import StorageError


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "lock.sqlite3"


def _hold_lock(path: Path) -> sqlite3.Connection:
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("PRAGMA journal_mode = WAL")
    other.execute("BEGIN IMMEDIATE")
    return other


def test_a_writer_gets_the_lock_once_released_and_a_lock_held_too_long_is_reported(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(desk_sql.engine, "SQLITE_BUSY_TIMEOUT_MS", 300)
    db = Database(create_database_engine(f"sqlite:///{path}"))
    with db.write() as s:
        s.execute(text("CREATE TABLE t (n INTEGER)"))

    # Released while the writer waits: it gets the lock and writes.
    other = _hold_lock(path)
    release = threading.Timer(0.05, lambda: other.execute("COMMIT"))
    release.start()
    with db.write() as s:
        s.execute(text("INSERT INTO t VALUES (1)"))
    release.join()

    # Held beyond the timeout: the error the app has always reported.
    other.execute("BEGIN IMMEDIATE")
    with pytest.raises(StorageError) as raised, db.write() as s:
        s.execute(text("INSERT INTO t VALUES (2)"))
    assert raised.value.kind == "locked"
    other.execute("COMMIT")
    other.close()

    with db.read() as s:
        assert s.execute(text("SELECT n FROM t")).scalars().all() == [1]
        assert s.execute(text("PRAGMA busy_timeout")).scalar() == 300  # restored
    db.dispose()
