"""Engines for SQLite files and PostgreSQL servers.

SQLite gets its pragmas on every connection (foreign keys, WAL, busy timeout) and we
issue BEGIN ourselves, so that write transactions can start as ``BEGIN IMMEDIATE``:
taking the write lock up front is what makes "check, then write" atomic across
processes on SQLite.
"""

from __future__ import annotations

import sqlite3
import time
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url

from desk_sql.files import make_sqlite_file_private

SQLITE_BUSY_TIMEOUT_MS = 15_000
WRITE_OPTIONS = {"sqlite_begin": "IMMEDIATE"}  # engine.execution_options(**WRITE_OPTIONS)


def normalise_url(url: str) -> str:
    """Accept the usual spellings and pick psycopg 3 for PostgreSQL."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def create_database_engine(url: str, **kwargs: Any) -> Engine:
    url = normalise_url(url)
    # Statement parameters hold names, emails and phone numbers: keep them out of
    # exception texts and therefore out of logs.
    kwargs.setdefault("hide_parameters", True)
    if is_sqlite(url):
        make_sqlite_file_private(url)
        timeout = {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
        engine = create_engine(url, connect_args=timeout, **kwargs)
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    # JIT compilation costs PostgreSQL ~0.3 s per larger statement and pays off only for
    # long analytical queries; the app's queries are short (measured in bench/).
    # Times are UTC in and out (UTCDateTime): in a UTC session psycopg returns them with
    # datetime.UTC itself, which needs no conversion per value; in the server's own zone
    # (often a ZoneInfo) each of a calendar day's two thousand times was converted. No
    # query depends on the session's zone (no date casts or truncation of timestamps).
    connect_args = {"options": "-c jit=off -c TimeZone=UTC", **kwargs.pop("connect_args", {})}
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args, **kwargs)


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Autocommit at the driver level; SQLAlchemy's "begin" event below starts transactions.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _sqlite_on_begin(connection: Any) -> None:
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    if mode == "IMMEDIATE":
        _take_write_lock(connection)
    else:
        connection.exec_driver_sql(f"BEGIN {mode}")


# How often a writer that found the write lock taken looks again. SQLite's own busy
# handler sleeps in growing steps (1, 2, 5, 10, 15, 20, 25 … 100 ms), so a writer waiting
# for a 20 ms transaction slept 33 or 53 ms, and while a campaign queued 120 chunks the
# counter's bookings and the chunks kept oversleeping each other's short transactions
# (queuing 60,000 messages: 2.3 s alone, 6–10 s while the counter booked; issue 11).
LOCK_POLL_SECONDS = 0.001


def _take_write_lock(connection: Any) -> None:
    """``BEGIN IMMEDIATE``, retried every millisecond while another writer holds the lock,
    for as long as the busy timeout; the last try goes through SQLAlchemy, so a lock
    held beyond the timeout raises as it always did ("database is locked")."""
    raw = connection.connection.dbapi_connection
    raw.execute("PRAGMA busy_timeout = 0")
    try:
        deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
        while time.monotonic() < deadline:
            try:
                raw.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) and "busy" not in str(error):
                    break  # not a lock: the last try below raises it as SQLAlchemy does
            time.sleep(LOCK_POLL_SECONDS)
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    finally:
        raw.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
