"""Revision 0009 (the audience's visit facts) counts the appointments already there, and
from then on its triggers keep the counts in step with every insert, update and delete,
also those that bypass the application (a bulk insert, a plain UPDATE). The revision's
own SQL and the live ``desk_app.db.customer_visits`` make the same triggers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, delete, insert, select, update

from desk_app.db import customer_visits, migrate
from desk_app.db import models as m
from desk_app.db.engine import create_database_engine
from tests.db.old_tables import appointments_at, services_at

from .definitions import definitions, remade_by_the_module

START = datetime(2026, 11, 2, 9, tzinfo=UTC)
APPOINTMENTS_0009 = appointments_at("0009")


@pytest.fixture
def engine_at_0008(database_url: str) -> Iterator[Engine]:
    engine = create_database_engine(database_url)
    migrate.downgrade(engine, "0008")
    yield engine
    engine.dispose()


def _appointment(n: int, customer_id: int, status: str) -> dict[str, object]:
    starts = START + timedelta(hours=n)
    return {
        "id": n,
        "customer_id": customer_id,
        "staff_id": 1,
        "service_id": 1,
        "starts_at": starts,
        "ends_at": starts + timedelta(minutes=30),
        "status": status,
    }


def _fill(engine: Engine) -> None:
    with engine.begin() as c:
        c.execute(
            insert(m.Customer),
            [
                {
                    "id": n,
                    "first_name": f"K{n}",
                    "last_name": "X",
                    "first_name_key": f"k{n}",
                    "last_name_key": "x",
                }
                for n in (1, 2, 3)
            ],
        )
        c.execute(insert(m.Staff).values(id=1, name="Jörg", role="stylist"))
        c.execute(
            insert(services_at("0008")).values(id=1, name="Schnitt", minutes=30, price_cents=1)
        )
        c.execute(
            insert(APPOINTMENTS_0009),
            [
                _appointment(1, 1, "done"),
                _appointment(2, 1, "done"),
                _appointment(3, 1, "booked"),
                _appointment(4, 2, "cancelled"),
            ],
        )


def _visits(engine: Engine) -> dict[int, tuple[int, int, datetime | None]]:
    v = m.CustomerVisits
    with engine.connect() as c:
        rows = c.execute(select(v.customer_id, v.appointments, v.visits, v.last_visit_at))
        return {cid: (n, done, last) for cid, n, done, last in rows}


def test_upgrade_counts_the_appointments_already_there(engine_at_0008: Engine) -> None:
    _fill(engine_at_0008)
    migrate.upgrade(engine_at_0008)
    assert _visits(engine_at_0008) == {
        1: (3, 2, START + timedelta(hours=2)),
        2: (1, 0, None),
    }


def test_triggers_follow_every_change(engine_at_0008: Engine) -> None:
    _fill(engine_at_0008)
    migrate.upgrade(engine_at_0008)
    a = m.Appointment
    with engine_at_0008.begin() as c:
        c.execute(insert(a).values(**_appointment(5, 3, "done")))  # a first visit
        c.execute(update(a).where(a.id == 4).values(status="done"))  # cancelled -> done
        c.execute(update(a).where(a.id == 2).values(customer_id=3))  # moved to another
        c.execute(delete(a).where(a.id == 1))
    assert _visits(engine_at_0008) == {
        1: (1, 0, None),
        2: (1, 1, START + timedelta(hours=4)),
        3: (2, 2, START + timedelta(hours=5)),
    }
    with engine_at_0008.begin() as c:
        c.execute(delete(a).where(a.customer_id == 1))
    assert 1 not in _visits(engine_at_0008)  # no appointments: no row


def test_the_migrated_triggers_are_the_ones_the_module_makes(database_url: str) -> None:
    """The revision keeps its own copy of the SQL; ``desk_app.db.customer_visits`` (whose
    triggers bulk loaders drop and remake) must make the same, or a change to it lacks its
    revision. (The recount function is 0012's, guarded there.)"""
    engine = create_database_engine(database_url)
    try:
        with engine.begin() as c:
            migrated = definitions(c, "customer_visits")
            remade_by_the_module(
                c,
                customer_visits.POSTGRESQL_FUNCTIONS,
                customer_visits.drop_triggers,
                customer_visits.create_triggers,
            )
            assert len(migrated) >= len(customer_visits.TRIGGER_NAMES)
            assert definitions(c, "customer_visits") == migrated
    finally:
        engine.dispose()
