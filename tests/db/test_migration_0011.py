"""Revision 0011 (the customer list's search index) makes the search keys of the customers
already there, so an upgraded database finds them at once; downgrading drops the table."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, insert, inspect, select

from desk_app.db import migrate
from desk_app.db import models as m
from desk_app.db.engine import Database, create_database_engine
from desk_app.services.customer_directory import CustomerDirectory


@pytest.fixture
def engine_at_0010(database_url: str) -> Iterator[Engine]:
    engine = create_database_engine(database_url)
    migrate.downgrade(engine, "0010")
    yield engine
    engine.dispose()


def test_upgrade_makes_the_keys_of_the_customers_already_there(engine_at_0010: Engine) -> None:
    assert "customer_search_keys" not in inspect(engine_at_0010).get_table_names()
    with engine_at_0010.begin() as c:
        c.execute(
            insert(m.Customer),
            [
                {
                    "id": 1,
                    "first_name": "Jörg",
                    "last_name": "Weiß",
                    "first_name_key": "joerg",
                    "last_name_key": "weiss",
                    "email": "jw@example.org",
                    "phone": "+4917688123456",
                    "phone_digits": "17688123456",
                },
                {
                    "id": 2,
                    "first_name": "Anna",
                    "last_name": "Müller-Lüdenscheidt",
                    "first_name_key": "anna",
                    "last_name_key": "mueller luedenscheidt",
                    "email": None,
                    "phone": None,
                    "phone_digits": None,
                },
            ],
        )

    migrate.upgrade(engine_at_0010)

    k = m.CustomerSearchKey
    with engine_at_0010.connect() as c:
        rows = set(c.execute(select(k.bucket, k.customer_id, k.term)))
    assert {(b, t) for b, cid, t in rows if cid == 1} == {
        ("j", "joerg"), ("jo", "joerg"), ("joe", "joerg"), ("joer", "joerg"),
        ("w", "weiss"), ("we", "weiss"), ("wei", "weiss"), ("weis", "weiss"),
        ("#176", "#17688123456"), ("#1768", "#17688123456"),
        ("@jw@e", "@jw@example.org"),
    }  # fmt: skip
    assert ("lued", 2, "luedenscheidt") in rows
    directory = CustomerDirectory(Database(engine_at_0010))
    assert [r.id for r in directory.page("0176 88", None, 10)] == [1]
    assert [r.id for r in directory.page("lüd", None, 10)] == [2]
    assert [r.id for r in directory.page("jw@", None, 10)] == [1]


def test_downgrade_drops_the_table(engine_at_0010: Engine) -> None:
    migrate.upgrade(engine_at_0010)
    migrate.downgrade(engine_at_0010, "0010")
    assert "customer_search_keys" not in inspect(engine_at_0010).get_table_names()
