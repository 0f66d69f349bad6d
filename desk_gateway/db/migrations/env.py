"""Alembic environment of the gateway database (run through desk_gateway.db.migrate)."""

from __future__ import annotations

from alembic import context

from desk_gateway.db.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    # Own name, so a gateway sharing a PostgreSQL database with a desktop never collides.
    version_table="gateway_alembic_version",
)
with context.begin_transaction():
    context.run_migrations()
