"""Throwaway test databases, for the desktop's schema and the gateway's alike.

Migrating for every test is slow, so each schema is migrated once into a template (a
SQLite file that gets copied, a PostgreSQL database used as ``TEMPLATE``).

Copying a PostgreSQL template and dropping the copy take the server a few hundred
milliseconds of waiting (files, WAL, a checkpoint) but little CPU, and some 1,600 tests
do it. So each pytest process copies the template for its *next* tests while the current
one runs, and drops a finished test's database behind the next test's back (``_Clones``):
every test still gets its own fresh copy, made the same way, it just no longer waits.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine, make_url

from desk_sql.database import create_database_engine

POSTGRES_URL_VARIABLE = "DESK_APP_TEST_POSTGRES_URL"
Upgrade = Callable[[Engine], None]


def postgres_admin_url() -> str | None:
    url = os.environ.get(POSTGRES_URL_VARIABLE)
    if not url and os.environ.get("DESK_APP_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"{POSTGRES_URL_VARIABLE} is not set but PostgreSQL tests are required")
    return url


def _admin(admin: str, statement: str) -> None:
    dsn = make_url(admin).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(statement)


def _migrated(url: str, upgrade: Upgrade) -> None:
    engine = create_database_engine(url)
    upgrade(engine)
    engine.dispose()


def sqlite_template(directory: Path, upgrade: Upgrade) -> Path:
    path = directory / "template.sqlite3"
    _migrated(f"sqlite:///{path}", upgrade)
    return path


class _Clones:
    """Copies of one template database, each made before a test asks for it.

    One thread per template runs the server commands in order (copy, drop, copy, ...):
    the template is never copied twice at once, which PostgreSQL refuses.
    """

    def __init__(self, admin: str, template: str) -> None:
        self._admin = admin
        self._template = template
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix=template)
        self._spares: deque[Future[str]] = deque()
        self._drops: list[Future[None]] = []

    def _copy(self, prefix: str) -> str:
        name = f"{prefix}_test_{uuid.uuid4().hex[:12]}"
        _admin(self._admin, f'CREATE DATABASE "{name}" TEMPLATE "{self._template}"')
        return name

    def take(self, prefix: str) -> str:
        """A fresh copy; copies for the next tests start now (named after this caller's
        prefix: only a label, every copy is of the same template)."""
        while len(self._spares) <= SPARES:
            self._spares.append(self._thread.submit(self._copy, prefix))
        return self._spares.popleft().result()

    def drop(self, name: str) -> None:
        """Dropped behind the caller's back (its connections must be closed or forgotten:
        FORCE ends them)."""
        statement = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
        self._drops.append(self._thread.submit(_admin, self._admin, statement))

    def close(self) -> None:
        """Waits for every command and drops the copies nobody took; a drop that failed
        fails here (at the end of the session) instead of being lost."""
        while self._spares:
            # A spare that was never made (its copy failed) has nothing to drop.
            with suppress(psycopg.Error):
                self.drop(self._spares.popleft().result())
        self._thread.shutdown(wait=True)
        for dropped in self._drops:
            dropped.result()


# Copies kept ready per template: a test that runs longer than a copy takes leaves them
# made for the short tests after it (with only one ready, the short PostgreSQL tests of
# tests/services still waited for a third of their time).
SPARES = 3
_clones: dict[str, _Clones] = {}


@contextmanager
def postgres_template(prefix: str, upgrade: Upgrade) -> Iterator[str | None]:
    """A migrated template database's name (None without a PostgreSQL server)."""
    admin = postgres_admin_url()
    if admin is None:
        yield None
        return
    name = f"{prefix}_template_{uuid.uuid4().hex[:8]}"
    _admin(admin, f'CREATE DATABASE "{name}"')
    try:
        _migrated(str(make_url(admin).set(database=name)), upgrade)
        _clones[name] = _Clones(admin, name)
        yield name
    finally:
        clones = _clones.pop(name, None)
        if clones is not None:
            clones.close()
        _admin(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def fresh_database(
    backend: str, prefix: str, directory: Path, sqlite_file: Path, pg_template: str | None
) -> Iterator[str]:
    """The URL of a fresh copy of a template, dropped afterwards."""
    if backend == "sqlite":
        path = directory / f"{prefix}.sqlite3"
        shutil.copy(sqlite_file, path)
        yield f"sqlite:///{path}"
        return
    admin = postgres_admin_url()
    if admin is None or pg_template is None:
        pytest.skip(f"PostgreSQL not available ({POSTGRES_URL_VARIABLE} not set)")
    clones = _clones[pg_template]
    name = clones.take(prefix)
    try:
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        clones.drop(name)
