"""Bringing the gateway database up to date (at every ``serve`` start)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from desk_sql.migrations import MigrationRunner

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# Own name, so a gateway sharing a PostgreSQL database with a desktop never collides.
MIGRATIONS = MigrationRunner(MIGRATIONS_DIR, version_table="gateway_alembic_version")


def upgrade(engine: Engine, revision: str = "head", secret_key: str | None = None) -> None:
    """``secret_key``: the gateway's key, for migrations that re-key address hashes
    (g0003: suppressions of numbers stored as typed); without it they cannot."""
    MIGRATIONS.upgrade(engine, revision, secret_key=secret_key)


def downgrade(engine: Engine, revision: str) -> None:
    MIGRATIONS.downgrade(engine, revision)
