"""Noticing changes made by other counter PCs (or other processes) without a restart.

PostgreSQL: LISTEN on the channel the 0003 triggers NOTIFY. SQLite: ``PRAGMA
data_version`` on one dedicated connection changes whenever another connection commits.
Both are polled without blocking; the caller decides how often.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import Engine

if TYPE_CHECKING:
    import psycopg

CHANNEL = "desk_changes"
ANY = "*"  # SQLite cannot say which table changed


class ChangeFeed(Protocol):
    def poll(self) -> set[str]:
        """Tables changed since the last poll (``{"*"}`` when unknown); empty if none."""
        ...

    def close(self) -> None: ...


class SqliteChangeFeed:
    def __init__(self, path: str) -> None:
        self._conn = sqlite3.connect(path, check_same_thread=False)
        self._version = self._read()

    def _read(self) -> int:
        row = self._conn.execute("PRAGMA data_version").fetchone()
        return int(row[0])

    def poll(self) -> set[str]:
        version = self._read()
        changed = version != self._version
        self._version = version
        return {ANY} if changed else set()

    def close(self) -> None:
        self._conn.close()


class PostgresChangeFeed:
    def __init__(self, dsn: str) -> None:
        import psycopg  # only PostgreSQL needs it: SQLite starts without its import

        self._conn: psycopg.Connection[tuple[object, ...]] = psycopg.connect(dsn, autocommit=True)
        self._conn.execute(f"LISTEN {CHANNEL}")

    def poll(self) -> set[str]:
        return {n.payload for n in self._conn.notifies(timeout=0, stop_after=1000)}

    def close(self) -> None:
        self._conn.close()


def open_change_feed(engine: Engine) -> ChangeFeed:
    url = engine.url
    if url.get_backend_name() == "sqlite":
        return SqliteChangeFeed(url.database or ":memory:")
    dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
    return PostgresChangeFeed(dsn)
