"""Revision 0019 (each customer's outcome per campaign category and channel choice, kept
in ``audience_facts``) fills the outcomes from the data already there, its triggers keep
them from then on, and a downgrade puts back 0012's triggers as they were."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, insert, update

from desk_app.db import audience_facts, migrate
from desk_app.db import models as m
from desk_app.db.engine import create_database_engine
from desk_app.domain.audience_outcomes import OUTCOMES, outcome_code

from .definitions import definitions

BEFORE = "0019-1"  # the revision 0019 follows
CONFIRMED_AT = datetime(2026, 11, 2, 9, tzinfo=UTC)


@pytest.fixture
def engine_before(database_url: str) -> Iterator[Engine]:
    engine = create_database_engine(database_url)
    migrate.downgrade(engine, BEFORE)
    yield engine
    engine.dispose()


def _customer(n: int, email: str | None, phone: str | None, sms: bool = False) -> dict[str, object]:
    return {
        "id": n,
        "first_name": f"K{n}",
        "last_name": "X",
        "first_name_key": f"k{n}",
        "last_name_key": "x",
        "email": email,
        "phone": phone,
        "email_valid": True,
        "phone_takes_sms": True,
        "preferred_channel": "sms" if sms else None,
    }


def _kept(engine: Engine) -> list[tuple[object, ...]]:
    with engine.connect() as c:
        rows = c.exec_driver_sql(
            f"SELECT {audience_facts.COLUMNS} FROM audience_facts ORDER BY customer_id"
        )
        return [tuple(r) for r in rows]


def _recomputed(engine: Engine) -> list[tuple[object, ...]]:
    with engine.connect() as c:
        rows = c.exec_driver_sql(f"{audience_facts.facts_select(c.dialect.name)} ORDER BY c.id")
        return [tuple(r) for r in rows]


def _outcomes(engine: Engine, column: str) -> list[str]:
    with engine.connect() as c:
        rows = c.exec_driver_sql(f"SELECT {column} FROM audience_facts ORDER BY customer_id")
        return [_name(code) for (code,) in rows]


def _name(code: int) -> str:
    return OUTCOMES[code]


def test_upgrade_fills_the_outcomes_and_the_triggers_keep_them(engine_before: Engine) -> None:
    with engine_before.begin() as c:
        c.execute(
            insert(m.Customer),
            [
                _customer(1, "eins@example.org", "+4915112345678"),
                _customer(2, None, "+4915112345679", sms=True),
                _customer(3, "drei@example.org", None),
            ],
        )
        c.execute(
            insert(m.CustomerConsent).values(
                customer_id=1, objected=False, email_state="confirmed", sms_state="pending"
            )
        )
    migrate.upgrade(engine_before)
    assert _kept(engine_before) == _recomputed(engine_before)
    assert _outcomes(engine_before, "outcome_marketing_best") == [
        "email",  # the confirmed channel
        "no_consent",  # SMS first (preferred): the first channel's reason
        "no_consent",
    ]
    assert _outcomes(engine_before, "outcome_marketing_sms") == [
        "consent_pending",
        "no_consent",
        "no_address",
    ]
    assert _outcomes(engine_before, "outcome_service_info_best")[1] == "not_existing_customer"

    # A plain UPDATE, as another tool would: the triggers recompute the outcomes too.
    with engine_before.begin() as c:
        c.execute(update(m.CustomerConsent).values(objected=True))
    assert _outcomes(engine_before, "outcome_marketing_best")[0] == "objected"
    assert _kept(engine_before) == _recomputed(engine_before)
    assert outcome_code("objected") == 2


def test_downgrade_puts_back_the_triggers_of_before(database_url: str) -> None:
    engine = create_database_engine(database_url)
    try:
        migrate.downgrade(engine, "base")
        migrate.upgrade(engine, BEFORE)
        with engine.connect() as c:
            before = definitions(c, "audience_facts", ["customer_visits_recount"])
        migrate.upgrade(engine)
        with engine.connect() as c:
            assert definitions(c, "audience_facts", ["customer_visits_recount"]) != before
        migrate.downgrade(engine, BEFORE)
        with engine.connect() as c:
            assert definitions(c, "audience_facts", ["customer_visits_recount"]) == before
        with engine.begin() as c:  # and they still work without the outcome columns
            c.execute(insert(m.Customer.__table__).values(_customer(7, "x@example.org", None)))
            kept = c.exec_driver_sql("SELECT email_address FROM audience_facts").all()
        assert [tuple(r) for r in kept] == [("x@example.org",)]
        migrate.upgrade(engine)
    finally:
        engine.dispose()
