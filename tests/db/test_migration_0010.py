"""Revision 0010 bounds an appointment's length to 24 hours: rows already longer are
shortened (their real end kept in the note), and from then on the database refuses a
longer row on both backends, also from writers that bypass the application."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import DBAPIError

from desk_app.db import migrate
from desk_app.db import models as m
from desk_app.db.engine import create_database_engine
from tests.db.old_tables import appointments_at, services_at

START = datetime(2026, 11, 2, 9, tzinfo=UTC)
DAY = timedelta(hours=24)
APPOINTMENTS_0009 = appointments_at("0009")


@pytest.fixture
def engine_at_0009(database_url: str) -> Iterator[Engine]:
    engine = create_database_engine(database_url)
    migrate.downgrade(engine, "0009")
    yield engine
    engine.dispose()


def _appointment(n: int, starts: datetime, length: timedelta, note: str = "") -> dict[str, object]:
    return {
        "id": n,
        "customer_id": 1,
        "staff_id": 1,
        "service_id": 1,
        "starts_at": starts,
        "ends_at": starts + length,
        "status": "booked" if n % 2 else "cancelled",
        "note": note,
    }


def _fill(engine: Engine, *appointments: dict[str, object]) -> None:
    with engine.begin() as c:
        c.execute(
            insert(m.Customer).values(
                id=1, first_name="Ida", last_name="Roth", first_name_key="ida", last_name_key="roth"
            )
        )
        c.execute(insert(m.Staff).values(id=1, name="Jörg", role="stylist"))
        c.execute(
            insert(services_at("0009")).values(id=1, name="Schnitt", minutes=30, price_cents=1)
        )
        c.execute(insert(APPOINTMENTS_0009), list(appointments))


def _rows(engine: Engine) -> dict[int, tuple[datetime, datetime, str]]:
    a = APPOINTMENTS_0009.c
    with engine.connect() as c:
        return {
            i: (s, e, n) for i, s, e, n in c.execute(select(a.id, a.starts_at, a.ends_at, a.note))
        }


def test_longer_rows_are_shortened_and_keep_their_end_in_the_note(engine_at_0009: Engine) -> None:
    week_later = START + timedelta(days=7)
    _fill(
        engine_at_0009,
        _appointment(1, START, timedelta(hours=30), note="Hochzeit"),  # too long, active
        _appointment(2, START + 2 * DAY, timedelta(days=3)),  # too long, cancelled
        _appointment(3, week_later, DAY),  # exactly a day: allowed
        _appointment(5, week_later + 2 * DAY, timedelta(minutes=45)),
    )
    migrate.upgrade(engine_at_0009)
    rows = _rows(engine_at_0009)
    assert rows[1][:2] == (START, START + DAY)
    assert rows[1][2].startswith("Hochzeit\n")
    assert "2026-11-03 15:00 UTC" in rows[1][2]  # where it really ended
    assert rows[2][:2] == (START + 2 * DAY, START + 3 * DAY)
    assert "2026-11-07 09:00 UTC" in rows[2][2]
    assert rows[3] == (week_later, week_later + DAY, "")
    assert rows[5] == (week_later + 2 * DAY, week_later + 2 * DAY + timedelta(minutes=45), "")


def test_the_database_refuses_a_longer_row_afterwards(engine_at_0009: Engine) -> None:
    _fill(engine_at_0009, _appointment(1, START, timedelta(hours=1)))
    migrate.upgrade(engine_at_0009)
    a = APPOINTMENTS_0009.c
    table = APPOINTMENTS_0009
    with pytest.raises(DBAPIError), engine_at_0009.begin() as c:
        c.execute(insert(table).values(**_appointment(3, START + DAY, DAY + timedelta(seconds=1))))
    with pytest.raises(DBAPIError), engine_at_0009.begin() as c:
        c.execute(update(table).where(a.id == 1).values(ends_at=START + DAY + timedelta(minutes=1)))
    with pytest.raises(DBAPIError), engine_at_0009.begin() as c:  # moved back, end kept
        c.execute(update(table).where(a.id == 1).values(starts_at=START - DAY))
    with engine_at_0009.begin() as c:  # a whole day still fits
        c.execute(update(table).where(a.id == 1).values(ends_at=START + DAY))
        c.execute(insert(table).values(**_appointment(3, START + 2 * DAY, DAY)))
    assert _rows(engine_at_0009)[1][1] == START + DAY


def test_downgrade_lifts_the_bound(engine_at_0009: Engine) -> None:
    migrate.upgrade(engine_at_0009)
    migrate.downgrade(engine_at_0009, "0009")
    _fill(engine_at_0009, _appointment(1, START, timedelta(hours=30)))
    assert _rows(engine_at_0009)[1][1] == START + timedelta(hours=30)
