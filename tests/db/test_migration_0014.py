"""Revision 0014: the index the audience's service-category filter reads – appointments
by service and status, with their customer – comes and goes with the revision on both
backends."""

from __future__ import annotations

from sqlalchemy import Engine, inspect

from desk_app.db import migrate
from desk_app.db.engine import create_database_engine

INDEX = "ix_appointments_done_service"


def _index(engine: Engine) -> dict[str, object] | None:
    found = [i for i in inspect(engine).get_indexes("appointments") if i["name"] == INDEX]
    return dict(found[0]) if found else None


def test_the_done_service_index_comes_and_goes_with_the_revision(database_url: str) -> None:
    engine = create_database_engine(database_url)
    index = _index(engine)
    assert index is not None
    assert index["column_names"] == ["service_id", "status", "customer_id"]

    migrate.downgrade(engine, "0013")
    assert _index(engine) is None
    migrate.upgrade(engine)
    assert _index(engine) is not None
    engine.dispose()
