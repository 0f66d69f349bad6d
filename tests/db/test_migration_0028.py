"""Revision 0028 locks an address by a row of ``audience_address_locks`` instead of an
advisory lock (tests/db/test_bulk_customer_writes.py: why); its downgrade puts back
0021's advisory locks, and the upgrade after it makes the same as a fresh database."""

from __future__ import annotations

import pytest
from sqlalchemy import Connection

from desk_app.db import migrate
from desk_app.db.engine import create_database_engine

from .definitions import definitions


def _lock_source(c: Connection) -> str:
    return dict(definitions(c, "audience_facts_lock_addresses"))["audience_facts_lock_addresses"]


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_down_to_advisory_locks_and_up_to_row_locks(database_url: str) -> None:
    engine = create_database_engine(database_url)
    try:
        with engine.connect() as c:
            at_head = _lock_source(c)
            buckets = c.exec_driver_sql(
                "SELECT count(*), min(bucket), max(bucket) FROM audience_address_locks"
            ).one()
        assert tuple(buckets) == (65_536, 0, 65_535)
        assert "FOR UPDATE" in at_head and "advisory" not in at_head

        migrate.downgrade(engine, "0027")
        with engine.connect() as c:
            assert "pg_advisory_xact_lock" in _lock_source(c)
            table = c.exec_driver_sql("SELECT to_regclass('audience_address_locks')").scalar()
            assert table is None

        migrate.upgrade(engine)
        with engine.connect() as c:
            assert _lock_source(c) == at_head
    finally:
        engine.dispose()
