"""Backup files on real SQLite files: a copy taken while another connection writes is one
consistent moment; a file that is cut off, random, some other program's database or of a
newer schema is refused before anything is replaced."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest

from desk_app.bootstrap import open_services
from desk_app.db import migrate, sqlite_backups
from desk_app.db.engine import create_database_engine
from desk_app.db.sqlite_backups import write_backup
from desk_app.domain.errors import BackupRefused
from desk_app.services.container import Services
from desk_app.services.rows import CustomerInput


@pytest.fixture
def live(database_url: str) -> Iterator[Services]:
    services = open_services(database_url)  # a copy of the migrated template
    services.customers.create(CustomerInput(first_name="Anna", last_name="Müller"))
    yield services
    services.db.dispose()


def _names(services: Services) -> list[str]:
    return sorted(c.last_name for c in services.customers.all())


def _truncated(good: Path, target: Path) -> Path:
    data = good.read_bytes()
    target.write_bytes(data[: len(data) // 2])
    return target


def _random(_good: Path, target: Path) -> Path:
    target.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))  # the right first bytes
    return target


def _foreign(_good: Path, target: Path) -> Path:
    with closing(sqlite3.connect(target)) as conn:
        conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
        conn.execute("INSERT INTO alembic_version VALUES ('0003')")  # a known number, too
        conn.commit()
    return target


def _newer(good: Path, target: Path) -> Path:
    target.write_bytes(good.read_bytes())
    with closing(sqlite3.connect(target)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.commit()
    return target


@pytest.mark.parametrize(
    ("spoil", "problem"),
    [
        (_truncated, "damaged"),
        (_random, "damaged"),
        (_foreign, "foreign"),
        (_newer, "newer"),
        (lambda _good, target: target, "missing"),
    ],
    ids=["truncated", "random-bytes", "foreign-database", "newer-schema", "missing"],
)
@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_spoiled_backup_is_refused_and_nothing_is_replaced(
    live: Services, tmp_path: Path, spoil: Callable[[Path, Path], Path], problem: str
) -> None:
    good = migrate.backup_sqlite(live.db.engine, tmp_path / "good.sqlite3")
    live.customers.create(CustomerInput(first_name="Jörg", last_name="Weiß"))
    spoiled = spoil(good, tmp_path / "spoiled.sqlite3")
    with pytest.raises(BackupRefused) as refused:
        migrate.restore_sqlite(live.db.engine, spoiled)
    assert refused.value.problem == problem
    assert _names(live) == ["Müller", "Weiß"]
    if problem == "newer":
        assert refused.value.detail == "9999"
    # The good one still restores: the refusal was the file's, not the database's.
    migrate.restore_sqlite(live.db.engine, good)
    assert _names(live) == ["Müller"]


def test_a_copy_taken_while_another_connection_writes_is_one_consistent_moment(
    tmp_path: Path,
) -> None:
    source = tmp_path / "busy.sqlite3"
    with closing(sqlite3.connect(source)) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE items (n INTEGER, filler BLOB)")
        conn.execute("CREATE TABLE total (s INTEGER)")
        conn.execute("INSERT INTO total VALUES (0)")
        conn.commit()
    stop, written = threading.Event(), [0]

    def write() -> None:  # each transaction: a row and the running total, together
        with closing(sqlite3.connect(source, timeout=30)) as conn:
            n = 0
            while not stop.is_set():
                n += 1
                with conn:
                    conn.execute("INSERT INTO items VALUES (?, randomblob(3000))", (n,))
                    conn.execute("UPDATE total SET s = s + ?", (n,))
                written[0] = n

    writer = threading.Thread(target=write)
    writer.start()
    try:
        copies = []
        for index in range(6):
            before = written[0]
            copies.append(write_backup(source, tmp_path / f"copy-{index}.sqlite3"))
            while written[0] == before:  # the writer went on between two copies
                threading.Event().wait(0.001)
    finally:
        stop.set()
        writer.join()
    seen = set()
    for copy in copies:
        assert copy.stat().st_mode & 0o777 == 0o600
        with closing(sqlite3.connect(copy)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
            rows, items_sum = conn.execute("SELECT count(*), total(n) FROM items").fetchone()
            (total,) = conn.execute("SELECT s FROM total").fetchone()
        assert items_sum == total  # never a row without its total, or the other way
        seen.add(rows)
    assert len(seen) == len(copies)  # each copy a different moment of a busy database
    assert not list(tmp_path.glob("*.partial"))


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_backup_of_an_older_schema_is_restored_and_brought_up_to_date(
    live: Services, tmp_path: Path
) -> None:
    older = create_database_engine(f"sqlite:///{tmp_path / 'older.sqlite3'}")
    migrate.upgrade(older, "0019")  # a version of the app before the last migration
    backup = migrate.backup_sqlite(older, tmp_path / "older-backup.sqlite3")
    older.dispose()
    assert migrate.check_sqlite_backup(backup) == "0019"
    assert migrate.restore_sqlite(live.db.engine, backup) == "0019"
    assert migrate.current_revision(live.db.engine) == migrate.head_revision()
    assert _names(live) == []  # the older backup's (empty) customers


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_backup_of_another_page_size_is_restored_into_the_live_wal_database(
    live: Services, tmp_path: Path
) -> None:
    # Another tool's copy, or a file once vacuumed with its own page size: the backup API
    # refuses to change a WAL database's page size ("attempt to write a readonly database").
    backup = migrate.backup_sqlite(live.db.engine, tmp_path / "other-pages.sqlite3")
    with closing(sqlite3.connect(backup)) as conn:
        conn.execute("PRAGMA page_size=8192")
        conn.execute("VACUUM")
    live.customers.create(CustomerInput(first_name="Jörg", last_name="Weiß"))
    live_path = migrate.sqlite_path(live.db.engine)
    with closing(sqlite3.connect(live_path)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert conn.execute("PRAGMA page_size").fetchone() != (8192,)
    before = set(live_path.parent.iterdir())
    assert migrate.restore_sqlite(live.db.engine, backup) == migrate.head_revision()
    assert _names(live) == ["Müller"]
    assert set(live_path.parent.iterdir()) <= before  # the rewritten copy is gone again


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_write_of_another_counter_pc_while_the_current_state_is_saved_is_not_lost(
    live: Services, tmp_path: Path
) -> None:
    good = migrate.backup_sqlite(live.db.engine, tmp_path / "good.sqlite3")
    live_path = migrate.sqlite_path(live.db.engine)
    kept: list[Path] = []

    def keep_current(other_pc_writes: int) -> Callable[[], None]:
        def keep() -> None:
            kept.append(write_backup(live_path, tmp_path / f"kept-{len(kept)}.sqlite3"))
            if len(kept) <= other_pc_writes:  # committed just after the copy's moment
                with closing(sqlite3.connect(live_path)) as other_pc:
                    other_pc.execute("INSERT INTO settings VALUES (?, 'x')", (f"pc{len(kept)}",))
                    other_pc.commit()

        return keep

    migrate.restore_sqlite(live.db.engine, good, keep_current(1))
    assert len(kept) == 2  # taken again: the second copy holds the other PC's write
    with closing(sqlite3.connect(kept[-1])) as conn:
        assert conn.execute("SELECT value FROM settings WHERE key = 'pc1'").fetchone() == ("x",)

    # A database that never stays still is not replaced (nothing is lost either).
    live.customers.create(CustomerInput(first_name="Jörg", last_name="Weiß"))
    kept.clear()
    with pytest.raises(BackupRefused) as refused:
        migrate.restore_sqlite(live.db.engine, good, keep_current(99))
    assert refused.value.problem == "busy"
    assert _names(live) == ["Müller", "Weiß"]


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_transaction_of_another_counter_pc_open_during_the_copy_is_waited_for_and_kept(
    live: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = migrate.backup_sqlite(live.db.engine, tmp_path / "good.sqlite3")
    live_path = migrate.sqlite_path(live.db.engine)
    holding, copied = threading.Event(), threading.Event()

    def other_pc() -> None:  # a booking being saved while the copy is made
        with closing(sqlite3.connect(live_path, isolation_level=None)) as conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO settings VALUES ('pc', 'x')")
            holding.set()
            copied.wait()
            conn.execute("COMMIT")

    kept: list[Path] = []

    def keep() -> None:
        kept.append(write_backup(live_path, tmp_path / f"kept-{len(kept)}.sqlite3"))
        copied.set()

    writer = threading.Thread(target=other_pc)
    writer.start()
    holding.wait()
    try:
        migrate.restore_sqlite(live.db.engine, good, keep)
    finally:
        copied.set()
        writer.join()
    with closing(sqlite3.connect(kept[-1])) as conn:
        assert conn.execute("SELECT value FROM settings WHERE key = 'pc'").fetchone() == ("x",)

    # One that never lets go: refused after the wait, nothing replaced, no endless wait.
    monkeypatch.setattr(sqlite_backups, "LOCK_WAIT_SECONDS", 0.05)
    live.customers.create(CustomerInput(first_name="Jörg", last_name="Weiß"))
    with closing(sqlite3.connect(live_path, isolation_level=None)) as stuck:
        stuck.execute("BEGIN IMMEDIATE")
        with pytest.raises(BackupRefused) as refused:
            migrate.restore_sqlite(live.db.engine, good, keep)
        stuck.execute("ROLLBACK")
    assert refused.value.problem == "busy"
    assert _names(live) == ["Müller", "Weiß"]
