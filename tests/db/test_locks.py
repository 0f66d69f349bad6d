"""Advisory locks serialise writers on one key and leave other keys alone.

On SQLite every write transaction already excludes all other writers (BEGIN IMMEDIATE
with a busy timeout), so there a second writer waits whatever the key.
"""

from __future__ import annotations

import threading

from desk_app.db.engine import Database
from desk_sql.locks import lock_keys

EARLY = 0.3  # seconds the second writer gets to (wrongly) go ahead


def lock_in_thread(
    db: Database, key: int, acquired: threading.Event, log: list[str]
) -> threading.Thread:
    def run() -> None:
        with db.write() as s:
            lock_keys(s, "test", key)
            acquired.set()
            log.append(f"second got {key}")

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_second_writer_on_same_key_waits_for_commit(db: Database) -> None:
    log: list[str] = []
    acquired = threading.Event()
    with db.write() as s:
        lock_keys(s, "test", 7)
        thread = lock_in_thread(db, 7, acquired, log)
        went_ahead = acquired.wait(EARLY)
        log.append("first commits")
    thread.join(10)
    assert not went_ahead
    assert log == ["first commits", "second got 7"]


def test_other_key_waits_only_on_sqlite(db: Database, backend: str) -> None:
    log: list[str] = []
    acquired = threading.Event()
    with db.write() as s:
        lock_keys(s, "test", 7)
        thread = lock_in_thread(db, 8, acquired, log)
        acquired.wait(EARLY if backend == "sqlite" else 10)
        log.append("first commits")
    thread.join(10)
    if backend == "sqlite":
        assert log == ["first commits", "second got 8"]
    else:
        assert log == ["second got 8", "first commits"]
