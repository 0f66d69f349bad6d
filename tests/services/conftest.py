"""Fixtures of the service tests (the database, clock and ``services`` come from tests/)."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import make_url

from desk_app.config.paths import templates_dir
from desk_app.db.engine import Database, create_database_engine
from desk_app.services.container import Services, build_services
from tests.conftest import POSTGRES_URL_VARIABLE, Clock
from tests.services.support import Salon, make_salon


@pytest.fixture
def salon(services: Services) -> Salon:
    return make_salon(services)


@pytest.fixture
def second_services(
    backend: str,
    tmp_path: Path,
    sqlite_template: Path,
    postgres_template: str | None,
    clock: Clock,
) -> Iterator[Services]:
    """Services on a second fresh, migrated database of the same backend (for round trips)."""
    if backend == "sqlite":
        path = tmp_path / "second.sqlite3"
        shutil.copy(sqlite_template, path)
        database = Database(create_database_engine(f"sqlite:///{path}"))
        yield build_services(database, templates_dir(), clock=clock)
        database.dispose()
        return
    admin = os.environ.get(POSTGRES_URL_VARIABLE)
    if admin is None or postgres_template is None:
        pytest.skip(f"PostgreSQL not available ({POSTGRES_URL_VARIABLE} not set)")
    name = f"desk_test_{uuid.uuid4().hex[:12]}"
    dsn = make_url(admin).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{postgres_template}"')
    url = make_url(admin).set(database=name).render_as_string(hide_password=False)
    database = Database(create_database_engine(url))
    try:
        yield build_services(database, templates_dir(), clock=clock)
    finally:
        database.dispose()
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
