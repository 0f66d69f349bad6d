"""Revision 0022 (late cancellations): an appointment written before it, or by a writer
that does not name the column, is no late cancellation; the revision goes down and up
again cleanly on both backends."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, insert, inspect, text

from desk_app.db import migrate
from desk_app.db import models as m
from desk_app.db.engine import create_database_engine
from tests.db.old_tables import services_at

AT = datetime(2026, 12, 4, 9, tzinfo=UTC)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_database_engine(database_url)
    yield engine
    engine.dispose()


def _appointment(engine: Engine) -> None:
    """The appointment in plain SQL without the new column, as a version before 0022
    wrote it; the rows it needs through the models (their columns are as they were)."""
    with engine.begin() as c:
        c.execute(insert(m.Staff).values(name="Jo", role="stylist", active=True, online=False))
        c.execute(insert(services_at("0021")).values(name="Cut", minutes=45))
        c.execute(
            insert(m.Customer).values(
                first_name="A", last_name="B", first_name_key="a", last_name_key="b"
            )
        )
        c.execute(
            text(
                "INSERT INTO appointments (ref, customer_id, staff_id, service_id, starts_at,"
                " ends_at, status, source, notify, note, created_at, updated_at)"
                " SELECT 'a1', (SELECT id FROM customers), (SELECT id FROM staff),"
                " (SELECT id FROM salon_services), :start, :end, 'cancelled', 'counter',"
                " true, '', :start, :start"
            ),
            {"start": AT, "end": AT + timedelta(minutes=45)},
        )


def _columns(engine: Engine) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns("appointments")}


def test_down_past_0022_and_up_again_keeps_appointments_ordinary(engine: Engine) -> None:
    migrate.downgrade(engine, "0022-1")
    assert "late_cancellation" not in _columns(engine)
    _appointment(engine)
    migrate.upgrade(engine)
    assert "late_cancellation" in _columns(engine)
    with engine.connect() as c:
        assert not c.scalar(text("SELECT late_cancellation FROM appointments"))
        assert c.scalar(text("SELECT count(*) FROM appointments")) == 1
