"""Revision 0021 (which customers share an address with another, kept in
``audience_facts``) fills the flags from the data already there, its triggers keep them
from then on, and a downgrade puts back 0019's triggers and functions as they were."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, insert, update

from desk_app.db import audience_facts, migrate
from desk_app.db import models as m
from desk_app.db.engine import create_database_engine

from .definitions import definitions

BEFORE = "0020"
FUNCTIONS = ["customer_visits_recount"]


@pytest.fixture
def engine_before(database_url: str) -> Iterator[Engine]:
    engine = create_database_engine(database_url)
    migrate.downgrade(engine, BEFORE)
    yield engine
    engine.dispose()


def _customer(n: int, email: str | None, phone: str | None) -> dict[str, object]:
    return {
        "id": n,
        "first_name": f"K{n}",
        "last_name": "X",
        "first_name_key": f"k{n}",
        "last_name_key": "x",
        "email": email,
        "phone": phone,
    }


def _flags(engine: Engine) -> list[tuple[int, bool, bool]]:
    with engine.connect() as c:
        rows = c.exec_driver_sql(
            "SELECT customer_id, email_shared, phone_shared FROM audience_facts "
            "ORDER BY customer_id"
        )
        return [(int(r[0]), bool(r[1]), bool(r[2])) for r in rows]


def _kept_equals_recomputed(engine: Engine) -> bool:
    with engine.connect() as c:
        kept = c.exec_driver_sql(
            f"SELECT {audience_facts.COLUMNS} FROM audience_facts ORDER BY customer_id"
        )
        again = c.exec_driver_sql(f"{audience_facts.facts_select(c.dialect.name)} ORDER BY c.id")
        return [tuple(r) for r in kept] == [tuple(r) for r in again]


def test_upgrade_fills_the_flags_and_the_triggers_keep_them(engine_before: Engine) -> None:
    with engine_before.begin() as c:
        c.execute(
            insert(m.Customer.__table__),
            [
                _customer(1, "Familie@example.org", "0151 1"),
                _customer(2, "familie@example.org", ""),
                _customer(3, "", "0151 1"),
                _customer(4, None, None),
            ],
        )
    migrate.upgrade(engine_before)
    assert _flags(engine_before) == [
        (1, True, True),
        (2, True, False),
        (3, False, True),  # an empty email is nobody's
        (4, False, False),
    ]
    assert _kept_equals_recomputed(engine_before)
    with engine_before.begin() as c:  # a plain UPDATE: the triggers follow
        c.execute(
            update(m.Customer.__table__)
            .where(m.Customer.__table__.c.id == 2)
            .values(email="x@example.org")
        )
    assert _flags(engine_before)[:2] == [(1, False, True), (2, False, False)]
    assert _kept_equals_recomputed(engine_before)


def test_downgrade_puts_back_the_triggers_of_before(database_url: str) -> None:
    engine = create_database_engine(database_url)
    try:
        migrate.downgrade(engine, BEFORE)
        with engine.connect() as c:
            before = definitions(c, "audience_facts", FUNCTIONS)
        migrate.upgrade(engine)
        with engine.connect() as c:
            assert definitions(c, "audience_facts", FUNCTIONS) != before
        migrate.downgrade(engine, BEFORE)
        with engine.connect() as c:
            assert definitions(c, "audience_facts", FUNCTIONS) == before
        with engine.begin() as c:  # and they still work without the flags
            c.execute(insert(m.Customer.__table__).values(_customer(7, "x@example.org", None)))
            c.execute(m.Customer.__table__.delete())
        migrate.upgrade(engine)
    finally:
        engine.dispose()
