"""Revision 0026 (the waitlist): its three tables come and go cleanly on both backends,
and what the models write fits them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine, insert, inspect, select

from desk_app.db import migrate
from desk_app.db import models as m
from desk_app.db.engine import create_database_engine

AT = datetime(2026, 12, 4, 9, tzinfo=UTC)
TABLES = {"waitlist_entries", "waitlist_openings", "waitlist_offers"}


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_database_engine(database_url)
    yield engine
    engine.dispose()


def test_down_past_0026_and_up_again(engine: Engine) -> None:
    migrate.downgrade(engine, "0026-1")
    assert not TABLES & set(inspect(engine).get_table_names())
    migrate.upgrade(engine)
    assert set(inspect(engine).get_table_names()) >= TABLES
    with engine.begin() as c:
        staff = c.execute(insert(m.Staff).values(name="Jo", role="stylist")).inserted_primary_key
        service = c.execute(insert(m.Treatment).values(name="Cut", minutes=45)).inserted_primary_key
        customer = c.execute(
            insert(m.Customer).values(
                first_name="A", last_name="B", first_name_key="a", last_name_key="b"
            )
        ).inserted_primary_key
        entry = c.execute(
            insert(m.WaitlistEntry).values(
                ref="e1",
                customer_id=customer[0],
                service_id=service[0],
                staff_id=None,
                first_day=date(2026, 12, 7),
                last_day=date(2026, 12, 11),
                windows=["0=09:00-12:00"],
                channel="email",
                note="",
                source="counter",
                state="waiting",
                created_at=AT,
                asked_at=AT,
            )
        ).inserted_primary_key
        opening = c.execute(
            insert(m.WaitlistOpening).values(
                staff_id=staff[0],
                service_id=service[0],
                starts_at=AT + timedelta(days=3),
                ends_at=AT + timedelta(days=3, minutes=45),
                reason="cancelled",
                freed_at=AT,
                state="open",
            )
        ).inserted_primary_key
        c.execute(
            insert(m.WaitlistOffer).values(
                ref="o1",
                opening_id=opening[0],
                entry_id=entry[0],
                sent_at=AT,
                held_until=AT + timedelta(minutes=30),
                state="offered",
            )
        )
    with engine.connect() as c:
        assert c.scalar(select(m.WaitlistEntry.windows)) == ["0=09:00-12:00"]
        assert c.scalar(select(m.WaitlistOffer.held_until)) == AT + timedelta(minutes=30)
