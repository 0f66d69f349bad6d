"""The PostgreSQL test databases made ahead (``tests/databases.py``): each one handed out is
a fresh copy of the template that nobody else gets, and none is left behind."""

from __future__ import annotations

import uuid

import psycopg
import pytest
from sqlalchemy import make_url

from tests import databases


def _connect(admin: str, database: str) -> psycopg.Connection[tuple[object, ...]]:
    url = make_url(admin).set(drivername="postgresql", database=database)
    return psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)


def _existing(admin: str, prefix: str) -> set[str]:
    with _connect(admin, "postgres") as conn:
        rows = conn.execute("SELECT datname FROM pg_database")
        return {str(name) for (name,) in rows if str(name).startswith(prefix)}


def test_copies_made_ahead_are_fresh_distinct_and_all_dropped() -> None:
    admin = databases.postgres_admin_url()
    if admin is None:
        pytest.skip("PostgreSQL not available")
    # A tiny template of its own (no migration): the mechanism, not the schema, is tested.
    prefix = f"clones_{uuid.uuid4().hex[:8]}"
    template = f"{prefix}_template"
    databases._admin(admin, f'CREATE DATABASE "{template}"')
    try:
        with _connect(admin, template) as conn:
            conn.execute("CREATE TABLE marks (who text)")
        clones = databases._Clones(admin, template)
        first, second = clones.take(prefix), clones.take(prefix)
        assert first != second
        with _connect(admin, first) as conn:
            conn.execute("INSERT INTO marks VALUES ('first')")
        with _connect(admin, second) as conn:
            assert conn.execute("SELECT count(*) FROM marks").fetchone() == (0,)
        clones.drop(first)
        clones.drop(second)
        clones.close()
        assert _existing(admin, prefix) == {template}
    finally:
        databases._admin(admin, f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
