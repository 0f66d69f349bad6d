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

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from desk_app.config.paths import templates_dir
from desk_app.db import migrate
from desk_app.db.engine import Database, create_database_engine
from desk_app.services.container import Services, build_services
from tests import databases

BACKENDS = ("sqlite", "postgresql")
# The reliability section of the summary: the controller of a run over ``tests`` reads
# only this conftest, so the plugin that prints it is loaded from here.
pytest_plugins = ["tests.reliability.summary"]


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


# ---- databases ------------------------------------------------------------------------
@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file; each test gets a copy (migrating per test is slow)."""
    return databases.sqlite_template(tmp_path_factory.mktemp("template"), migrate.upgrade)


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str | None]:
    """A migrated template database; each test gets ``CREATE DATABASE … TEMPLATE`` of it."""
    with databases.postgres_template("desk", migrate.upgrade) as name:
        yield name


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
    with databases.fresh_database(
        backend, "desk", tmp_path, sqlite_template, postgres_template
    ) as url:
        yield url


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
