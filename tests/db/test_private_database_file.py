"""The desktop's SQLite file holds every customer's data: only its owner may read it,
also its WAL and shared-memory files, also when the file existed with a looser mode."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from desk_app.db import migrate
from desk_sql.engine import create_database_engine

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_database_and_its_wal_are_private(tmp_path: Path) -> None:
    path = tmp_path / "salon.sqlite3"
    previous = os.umask(0o022)  # what a desktop session usually has
    try:
        engine = create_database_engine(f"sqlite:///{path}")
        migrate.upgrade(engine)
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE probe (x INTEGER)"))
        with engine.connect() as conn:  # keeps the WAL file open
            conn.execute(text("SELECT count(*) FROM probe"))
            assert Path(f"{path}-wal").exists()
            assert _mode(path) == 0o600
            assert _mode(Path(f"{path}-wal")) == 0o600
            assert _mode(Path(f"{path}-shm")) == 0o600
        engine.dispose()
    finally:
        os.umask(previous)


def test_an_existing_readable_database_is_tightened(tmp_path: Path) -> None:
    path = tmp_path / "salon.sqlite3"
    path.touch()
    os.chmod(path, 0o644)
    engine = create_database_engine(f"sqlite:///{path}")
    engine.dispose()
    assert _mode(path) == 0o600
