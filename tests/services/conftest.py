"""Fixtures of the service tests (the database, clock and ``services`` come from tests/)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desk_app.config.paths import templates_dir
from desk_app.db.engine import Database, create_database_engine
from desk_app.services.container import Services, build_services
from tests import databases
from tests.conftest import Clock
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
    directory = tmp_path / "second"
    directory.mkdir()
    with databases.fresh_database(
        backend, "second", directory, sqlite_template, postgres_template
    ) as url:
        database = Database(create_database_engine(url))
        try:
            yield build_services(database, templates_dir(), clock=clock)
        finally:
            database.dispose()
