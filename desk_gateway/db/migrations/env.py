"""Alembic environment of the gateway database (run through desk_gateway.db.migrate)."""

from __future__ import annotations

from desk_gateway.db.models import Base
from desk_sql.migrations import run_migrations_in_env

run_migrations_in_env(Base.metadata)
