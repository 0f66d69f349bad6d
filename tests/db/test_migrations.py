"""Schema migrations, the backup before an upgrade, and backup/restore of SQLite files."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from desk_app.bootstrap import open_services
from desk_app.db import migrate
from desk_app.db.engine import create_database_engine
from desk_app.db.models import Base
from desk_app.domain.errors import BackupRefused
from desk_app.services.rows import CustomerInput
from desk_gateway.db import migrate as gateway_migrate
from desk_sql.migrations import MigrationRunner, UnclearHead, read_head


def test_head_matches_the_models(database_url: str) -> None:
    """Every table and column of the models exists after migrating (no forgotten migration)."""
    engine = create_database_engine(database_url)
    inspector = inspect(engine)
    for table in Base.metadata.sorted_tables:
        columns = {c["name"] for c in inspector.get_columns(table.name)}
        assert columns == {c.name for c in table.columns}, table.name
    assert migrate.current_revision(engine) == migrate.head_revision()
    engine.dispose()


def test_downgrade_and_upgrade_again(database_url: str) -> None:
    engine = create_database_engine(database_url)
    migrate.downgrade(engine, "base")
    assert "customers" not in inspect(engine).get_table_names()
    migrate.upgrade(engine)
    assert "customers" in inspect(engine).get_table_names()
    engine.dispose()


def test_first_start_creates_the_database_without_backup(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    services = open_services(f"sqlite:///{path}")
    services.db.dispose()
    assert path.exists()
    assert not list(tmp_path.glob("*before-upgrade*"))


def test_upgrade_of_an_old_file_keeps_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "salon.sqlite3"
    engine = create_database_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    with engine.begin() as conn:  # pretend the file is from an older version
        conn.execute(text("UPDATE alembic_version SET version_num = 'old'"))
    engine.dispose()
    with pytest.raises(Exception, match="old"):
        open_services(f"sqlite:///{path}")  # unknown revision: refuse, never guess
    backups = list(tmp_path.glob("salon.before-upgrade-*.sqlite3"))
    assert len(backups) == 1
    assert backups[0].stat().st_mode & 0o777 == 0o600
    with closing(sqlite3.connect(backups[0])) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("old",)


def test_backup_and_restore_roundtrip(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'live.sqlite3'}"
    services = open_services(url)
    services.customers.create(CustomerInput(first_name="Anna", last_name="Müller"))
    backup = migrate.backup_sqlite(services.db.engine, tmp_path / "backup.sqlite3")
    assert backup.stat().st_mode & 0o777 == 0o600  # every customer's data (issue 8)
    services.customers.create(CustomerInput(first_name="Jörg", last_name="Weiß"))
    assert len(services.customers.all()) == 2
    migrate.restore_sqlite(services.db.engine, backup)
    assert [c.last_name for c in services.customers.all()] == ["Müller"]
    services.db.dispose()


def test_restore_refuses_a_damaged_backup(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'live.sqlite3'}"
    services = open_services(url)
    services.customers.create(CustomerInput(first_name="Anna", last_name="Müller"))
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"this is not a database" * 100)
    with pytest.raises(BackupRefused) as refused:
        migrate.restore_sqlite(services.db.engine, damaged)
    assert refused.value.problem == "unreadable"
    assert [c.last_name for c in services.customers.all()] == ["Müller"]
    services.db.dispose()


def test_a_backup_over_an_existing_file_is_private_too(tmp_path: Path) -> None:
    services = open_services(f"sqlite:///{tmp_path / 'live.sqlite3'}")
    target = tmp_path / "backup.sqlite3"
    target.write_bytes(b"old")
    target.chmod(0o644)
    (tmp_path / "backup.sqlite3.partial").write_bytes(b"left over by a crash")
    migrate.backup_sqlite(services.db.engine, target)
    assert target.stat().st_mode & 0o777 == 0o600
    assert not (tmp_path / "backup.sqlite3.partial").exists()
    services.db.dispose()


@pytest.mark.parametrize("runner", [migrate.MIGRATIONS, gateway_migrate.MIGRATIONS])
def test_the_head_read_from_the_scripts_is_alembics(runner: MigrationRunner) -> None:
    """Every start asks for the head without Alembic: the answer must be Alembic's."""
    from alembic.script import ScriptDirectory

    alembic_head = ScriptDirectory.from_config(runner._config()).get_current_head()
    assert read_head(runner.script_location / "versions") == alembic_head


def test_a_branched_history_is_left_to_alembic(tmp_path: Path) -> None:
    versions = tmp_path / "versions"
    versions.mkdir()
    for name, down in (("a", None), ("b", "a"), ("c", "a")):  # two heads: b and c
        (versions / f"{name}.py").write_text(f"revision = {name!r}\ndown_revision = {down!r}\n")
    with pytest.raises(UnclearHead):
        read_head(versions)
    (versions / "m.py").write_text("revision = 'm'\ndown_revision = ('b', 'c')\n")  # a merge
    with pytest.raises(UnclearHead):
        read_head(versions)


def test_needs_upgrade_follows_the_version_table(database_url: str) -> None:
    engine = create_database_engine(database_url)
    assert not migrate.needs_upgrade(engine)  # the fixture's database is at head
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0007'"))
    assert migrate.needs_upgrade(engine)
    engine.dispose()


def test_a_new_database_needs_the_upgrade(tmp_path: Path) -> None:
    engine = create_database_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    assert migrate.needs_upgrade(engine)
    engine.dispose()
