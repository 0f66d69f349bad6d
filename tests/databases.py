"""Throwaway test databases, for the desktop's schema and the gateway's alike.

Migrating for every test is slow, so each schema is migrated once into a template (a
SQLite file that gets copied, a PostgreSQL database used as ``TEMPLATE``).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
        yield name
    finally:
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
    name = f"{prefix}_test_{uuid.uuid4().hex[:12]}"
    _admin(admin, f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"')
    try:
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        _admin(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
