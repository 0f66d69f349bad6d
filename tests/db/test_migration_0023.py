"""Revision 0023 (recurring appointments) adds the series table and each appointment's
series and place in it: appointments already there keep everything and belong to no
series, the database still refuses overlapping bookings, and a downgrade takes it back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, insert, inspect, text
from sqlalchemy.exc import IntegrityError

from desk_app.db import migrate
from desk_app.db import models as m
from desk_app.db.engine import create_database_engine
from tests.db.old_tables import services_at

START = datetime(2026, 11, 2, 9, tzinfo=UTC)


@pytest.fixture
def engine_before_series(database_url: str) -> Iterator[Engine]:
    engine = create_database_engine(database_url)
    migrate.downgrade(engine, "0022")
    yield engine
    engine.dispose()


def _appointment(n: int, starts: datetime) -> dict[str, object]:
    return {
        "id": n,
        "customer_id": 1,
        "staff_id": 1,
        "service_id": 1,
        "starts_at": starts,
        "ends_at": starts + timedelta(minutes=30),
        "status": "booked",
    }


def test_upgrade_keeps_appointments_and_the_no_overlap_guarantee(
    engine_before_series: Engine,
) -> None:
    engine = engine_before_series
    assert "appointment_series" not in inspect(engine).get_table_names()
    with engine.begin() as c:
        c.execute(
            insert(m.Customer).values(
                id=1, first_name="Ida", last_name="Roth", first_name_key="ida", last_name_key="roth"
            )
        )
        c.execute(insert(m.Staff).values(id=1, name="Jörg", role="stylist"))
        c.execute(
            insert(services_at("0022")).values(id=1, name="Schnitt", minutes=30, price_cents=1)
        )
        c.execute(insert(m.Appointment).values(_appointment(1, START)))

    migrate.upgrade(engine)

    with engine.connect() as c:
        kept = c.execute(text("SELECT id, series_id, series_index FROM appointments")).all()
    assert [tuple(r) for r in kept] == [(1, None, None)]
    with pytest.raises(IntegrityError), engine.begin() as c:  # still refused by the database
        c.execute(insert(m.Appointment).values(_appointment(2, START + timedelta(minutes=15))))
    with engine.begin() as c:
        c.execute(
            insert(m.AppointmentSeries).values(
                id=1,
                frequency="weekly",
                interval=1,
                occurrences=2,
                customer_id=1,
                service_id=1,
                staff_id=1,
                created_at=START,
            )
        )
        c.execute(
            insert(m.Appointment).values(
                {**_appointment(3, START + timedelta(weeks=1)), "series_id": 1, "series_index": 1}
            )
        )
    with pytest.raises(IntegrityError), engine.begin() as c:  # no series that does not exist
        c.execute(
            insert(m.Appointment).values(
                {**_appointment(4, START + timedelta(weeks=2)), "series_id": 99, "series_index": 0}
            )
        )

    migrate.downgrade(engine, "0022")
    assert "appointment_series" not in inspect(engine).get_table_names()
    columns = {col["name"] for col in inspect(engine).get_columns("appointments")}
    assert "series_id" not in columns
    with engine.connect() as c:
        assert c.execute(text("SELECT COUNT(*) FROM appointments")).scalar() == 2
