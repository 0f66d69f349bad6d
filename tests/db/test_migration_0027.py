"""Revision 0027 (who had a service of which category, ``customer_categories``) counts
the completed appointments already there, its triggers follow every write from then on,
a downgrade takes it away again, and the revision's own SQL makes what the live
``desk_app.db.customer_categories`` makes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, delete, insert, inspect, update

from desk_app.db import customer_categories, migrate
from desk_app.db import models as m
from desk_app.db.engine import create_database_engine
from tests.db.old_tables import appointments_at

from .definitions import definitions, remade_by_the_module

BEFORE = "0026"
START = datetime(2026, 11, 2, 9, tzinfo=UTC)
APPOINTMENTS = appointments_at(BEFORE)


@pytest.fixture
def engine_before(database_url: str) -> Iterator[Engine]:
    engine = create_database_engine(database_url)
    migrate.downgrade(engine, BEFORE)
    yield engine
    engine.dispose()


def _appointment(n: int, customer_id: int, service_id: int, status: str) -> dict[str, object]:
    starts = START + timedelta(hours=n)
    return {
        "id": n,
        "customer_id": customer_id,
        "staff_id": 1,
        "service_id": service_id,
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
            insert(m.Treatment),
            [
                {
                    "id": 1,
                    "name": "Schnitt",
                    "minutes": 30,
                    "price_cents": 1,
                    "category": "Schnitt",
                },
                {"id": 2, "name": "Färben", "minutes": 30, "price_cents": 1, "category": "Farbe"},
                {"id": 3, "name": "Strähnen", "minutes": 30, "price_cents": 1, "category": "Farbe"},
            ],
        )
        c.execute(
            insert(APPOINTMENTS),
            [
                _appointment(1, 1, 1, "done"),
                _appointment(2, 1, 2, "done"),
                _appointment(3, 1, 3, "done"),
                _appointment(4, 2, 2, "booked"),
                _appointment(5, 3, 1, "cancelled"),
            ],
        )


def _kept(engine: Engine) -> dict[tuple[str, int], tuple[int, datetime | None]]:
    with engine.connect() as c:
        rows = c.exec_driver_sql(
            "SELECT category, customer_id, visits, last_visit_at FROM customer_categories"
        ).all()
        assert customer_categories.drift(c) == []
    return {
        (cat, cid): (n, last if last is None or isinstance(last, datetime) else None)
        for cat, cid, n, last in rows
    }


def _at(hours: int) -> datetime:
    return START + timedelta(hours=hours)


def test_upgrade_counts_what_is_there_and_the_triggers_follow(engine_before: Engine) -> None:
    _fill(engine_before)
    migrate.upgrade(engine_before)
    assert set(_kept(engine_before)) == {("Schnitt", 1), ("Farbe", 1)}
    a, t = m.Appointment.__table__, m.Treatment.__table__
    with engine_before.begin() as c:
        c.execute(update(a).where(a.c.id == 4).values(status="done"))  # booked -> done
        c.execute(update(a).where(a.c.id == 3).values(customer_id=3))  # to another customer
        c.execute(update(a).where(a.c.id == 1).values(service_id=2))  # cut -> colour
    assert set(_kept(engine_before)) == {("Farbe", 1), ("Farbe", 2), ("Farbe", 3)}
    with engine_before.begin() as c:
        c.execute(update(t).where(t.c.id == 3).values(category="Strähnen"))  # renamed
        c.execute(update(a).where(a.c.id == 2).values(status="no_show"))  # undone
    assert set(_kept(engine_before)) == {("Farbe", 1), ("Farbe", 2), ("Strähnen", 3)}
    with engine_before.begin() as c:
        c.execute(delete(a).where(a.c.id == 1))
        c.execute(delete(a).where(a.c.customer_id == 3))  # an erasure: appointments first
        c.execute(delete(m.Customer.__table__).where(m.Customer.__table__.c.id == 3))
    assert set(_kept(engine_before)) == {("Farbe", 2)}

    migrate.downgrade(engine_before, BEFORE)
    assert "customer_categories" not in inspect(engine_before).get_table_names()
    with engine_before.connect() as c:
        assert definitions(c, "customer_categories") == []


def test_the_migrated_triggers_are_the_ones_the_module_makes(database_url: str) -> None:
    """The revision keeps its own copy of the SQL; ``desk_app.db.customer_categories``
    (whose triggers bulk loaders drop and remake) must make the same, or a change to it
    lacks its revision."""
    engine = create_database_engine(database_url)
    try:
        with engine.begin() as c:
            migrated = definitions(c, "customer_categories")
            remade_by_the_module(
                c,
                customer_categories.POSTGRESQL_FUNCTIONS,
                customer_categories.drop_triggers,
                customer_categories.create_triggers,
            )
            assert len(migrated) >= len(customer_categories.TRIGGERS)
            assert definitions(c, "customer_categories") == migrated
    finally:
        engine.dispose()
