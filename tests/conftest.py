"""Shared fixtures: real databases on both backends, a controllable clock, Qt offscreen.

PostgreSQL tests need ``DESK_APP_TEST_POSTGRES_URL`` (the test script starts a throwaway
server and sets it). Without it they are skipped, unless ``DESK_APP_REQUIRE_POSTGRES=1``
(set by CI), in which case they fail: CI must never pass on SQLite alone.
"""

from __future__ import annotations

import os

# Before anything imports Qt: without a display Qt would abort. The offscreen screen is
# 800×800 by default; a full-HD one lets windows take receptionist-laptop sizes.
_SCREEN = os.path.join(os.path.dirname(__file__), "offscreen-screen.json")
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_SCREEN}")
os.environ.setdefault("DESK_APP_LANGUAGE", "en")

import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
import psycopg
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import make_url

from desk_app.config.paths import templates_dir
from desk_app.db import migrate
from desk_app.db.engine import Database, create_database_engine
from desk_app.services.container import Services, build_services

POSTGRES_URL_VARIABLE = "DESK_APP_TEST_POSTGRES_URL"
BACKENDS = ("sqlite", "postgresql")


# ---- clock ------------------------------------------------------------------------------
@dataclass
class Clock:
    """A settable clock: services read ``now`` through it, tests move it."""

    now: datetime

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock() -> Clock:
    # A Wednesday morning (Berlin), inside usual opening hours.
    return Clock(datetime(2026, 11, 25, 8, 0, tzinfo=UTC))


# ---- keyring ----------------------------------------------------------------------------
class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


# ---- databases --------------------------------------------------------------------------
def _postgres_admin_url() -> str | None:
    url = os.environ.get(POSTGRES_URL_VARIABLE)
    if not url and os.environ.get("DESK_APP_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"{POSTGRES_URL_VARIABLE} is not set but PostgreSQL tests are required")
    return url


def _psycopg_dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file; each test gets a copy (migrating per test is slow)."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    engine = create_database_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str | None]:
    """A migrated template database; each test gets ``CREATE DATABASE … TEMPLATE`` of it."""
    admin = _postgres_admin_url()
    if admin is None:
        yield None
        return
    name = f"desk_template_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_psycopg_dsn(admin), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    engine = create_database_engine(str(make_url(admin).set(database=name)))
    migrate.upgrade(engine)
    engine.dispose()
    yield name
    with psycopg.connect(_psycopg_dsn(admin), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def database_url(
    backend: str,
    tmp_path: Path,
    sqlite_template: Path,
    postgres_template: str | None,
) -> Iterator[str]:
    """A fresh, migrated database of the requested backend, dropped afterwards."""
    if backend == "sqlite":
        path = tmp_path / "desk.sqlite3"
        shutil.copy(sqlite_template, path)
        yield f"sqlite:///{path}"
        return
    admin = _postgres_admin_url()
    if admin is None or postgres_template is None:
        pytest.skip(f"PostgreSQL not available ({POSTGRES_URL_VARIABLE} not set)")
    name = f"desk_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_psycopg_dsn(admin), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{postgres_template}"')
    yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(_psycopg_dsn(admin), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database(create_database_engine(database_url))
    yield database
    database.dispose()


@pytest.fixture
def services(db: Database, clock: Clock) -> Services:
    return build_services(db, templates_dir(), clock=clock)


# ---- reporting --------------------------------------------------------------------------
def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say plainly how many tests ran on each backend, so a skipped PostgreSQL shows."""
    counts: dict[str, dict[str, int]] = {b: {} for b in BACKENDS}
    for outcome in ("passed", "failed", "skipped", "error"):
        for report in terminalreporter.stats.get(outcome, []):
            nodeid = getattr(report, "nodeid", "")
            for name in BACKENDS:
                if f"[{name}" in nodeid or f"-{name}]" in nodeid or f"-{name}-" in nodeid:
                    counts[name][outcome] = counts[name].get(outcome, 0) + 1
    terminalreporter.write_sep("=", "tests per database backend")
    for name, by_outcome in counts.items():
        parts = ", ".join(f"{n} {o}" for o, n in sorted(by_outcome.items())) or "none"
        terminalreporter.write_line(f"{name}: {parts}")
