"""Revision 0008 (online booking) upgrades a database with data in it: every appointment
gets its own ref, the messages about it stay attached, and the no-overlap guarantee holds
afterwards (SQLite rebuilds the table, which must not lose its triggers)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, insert, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from desk_app.db import migrate
from desk_app.db import models as m
from desk_app.db.engine import create_database_engine

NOW = "2026-12-01 09:00:00+00:00"


@pytest.fixture
def engine_at_0007(database_url: str) -> Iterator[Engine]:
    engine = create_database_engine(database_url)
    migrate.downgrade(engine, "0007")
    yield engine
    engine.dispose()


def _fill_0007(engine: Engine) -> None:
    """Two customers' appointments and a message about one, in the 0007 schema."""
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO customers (id, ref, first_name, last_name, first_name_key,"
                " last_name_key, street, postal_code, city, notes, language,"
                " objection_notice_given, created_at, updated_at, email_valid, phone_takes_sms)"
                " VALUES (1, 'c-1', 'Anna', 'Müller', 'anna', 'mueller', '', '', '', '', 'de',"
                " false, :now, :now, false, false)"
            ),
            {"now": NOW},
        )
        c.execute(
            text(
                "INSERT INTO staff (id, name, role, active, created_at)"
                " VALUES (1, 'Jörg', 'stylist', true, :now)"
            ),
            {"now": NOW},
        )
        c.execute(
            text(
                "INSERT INTO salon_services (id, name, minutes, price_cents, category, colour,"
                " active) VALUES (1, 'Schnitt', 30, 3000, '', '#7f8c8d', true)"
            )
        )
        for appointment_id, hour in ((1, 9), (2, 10), (3, 11)):
            c.execute(
                text(
                    "INSERT INTO appointments (id, customer_id, staff_id, service_id, starts_at,"
                    " ends_at, status, source, notify, note, created_at, updated_at)"
                    " VALUES (:id, 1, 1, 1, :starts, :ends, 'booked', 'counter', true, '',"
                    " :now, :now)"
                ),
                {
                    "id": appointment_id,
                    "starts": datetime(2026, 12, 2, hour, tzinfo=UTC),
                    "ends": datetime(2026, 12, 2, hour, 30, tzinfo=UTC),
                    "now": NOW,
                },
            )
        c.execute(
            text(
                "INSERT INTO outbox (id, client_id, customer_id, appointment_id, channel,"
                " category, kind, to_address, subject, body, payload, status, attempts,"
                " created_at, updated_at) VALUES (1, 'm-1', 1, 2, 'email', 'transactional',"
                " 'booking_confirmation', 'anna@example.org', 's', 'b', '{}', 'queued', 0,"
                " :now, :now)"
            ),
            {"now": NOW},
        )


def test_upgrade_gives_every_appointment_its_own_ref(engine_at_0007: Engine) -> None:
    _fill_0007(engine_at_0007)
    migrate.upgrade(engine_at_0007)
    with engine_at_0007.connect() as c:
        rows = c.execute(select(m.Appointment.id, m.Appointment.ref).order_by(m.Appointment.id))
        refs = {appointment_id: ref for appointment_id, ref in rows}
        assert sorted(refs) == [1, 2, 3]
        assert len(set(refs.values())) == 3
        assert all(len(ref) == 36 for ref in refs.values())
        assert c.scalar(select(m.OutboxMessage.appointment_id)) == 2
        online = c.execute(select(m.Treatment.online, m.Treatment.description)).one()
        assert tuple(online) == (True, "")
        assert c.scalar(select(m.Staff.online)) is True


def test_after_the_upgrade_the_database_still_refuses_an_overlap(engine_at_0007: Engine) -> None:
    _fill_0007(engine_at_0007)
    migrate.upgrade(engine_at_0007)
    values = {
        "customer_id": 1,
        "staff_id": 1,
        "service_id": 1,
        "starts_at": datetime(2026, 12, 2, 9, 15, tzinfo=UTC),
        "ends_at": datetime(2026, 12, 2, 9, 45, tzinfo=UTC),
    }
    with pytest.raises(DBAPIError), engine_at_0007.begin() as c:
        c.execute(insert(m.Appointment).values(**values))
    with pytest.raises(DBAPIError), engine_at_0007.begin() as c:  # moving one onto another
        c.execute(
            m.Appointment.__table__.update()
            .where(m.Appointment.id == 3)
            .values(starts_at=values["starts_at"], ends_at=values["ends_at"])
        )


def test_refs_are_unique_and_required(engine_at_0007: Engine) -> None:
    _fill_0007(engine_at_0007)
    migrate.upgrade(engine_at_0007)
    with engine_at_0007.connect() as c:
        taken = c.scalar(select(m.Appointment.ref).where(m.Appointment.id == 1))
    with pytest.raises(IntegrityError), engine_at_0007.begin() as c:
        c.execute(m.Appointment.__table__.update().where(m.Appointment.id == 2).values(ref=taken))
    with pytest.raises(IntegrityError), engine_at_0007.begin() as c:
        c.execute(m.Appointment.__table__.update().where(m.Appointment.id == 2).values(ref=None))


def test_downgrade_to_0007_keeps_the_appointments(engine_at_0007: Engine) -> None:
    _fill_0007(engine_at_0007)
    migrate.upgrade(engine_at_0007)
    migrate.downgrade(engine_at_0007, "0007")
    with engine_at_0007.connect() as c:
        assert c.scalar(text("SELECT count(*) FROM appointments")) == 3
    migrate.upgrade(engine_at_0007)
