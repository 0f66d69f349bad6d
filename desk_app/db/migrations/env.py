"""Alembic environment: always run through desk_app.db.migrate with a live connection."""

from __future__ import annotations

from desk_app.db.models import Base
from desk_sql.migrations import run_migrations_in_env

run_migrations_in_env(Base.metadata)
