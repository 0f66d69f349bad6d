"""What the database itself guarantees, on both backends."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import delete, insert, text, update
from sqlalchemy.exc import DBAPIError

from desk_app.db import models as m
from desk_app.db.engine import Database


def _customer(db: Database) -> int:
    with db.write() as s:
        customer = m.Customer(
            first_name="Anna", last_name="Müller", first_name_key="anna", last_name_key="mueller"
        )
        s.add(customer)
        s.flush()
        s.add(
            m.ConsentLedgerEntry(
                customer_id=customer.id,
                channel="email",
                event="declared",
                at=datetime(2026, 1, 1, tzinfo=UTC),
                source="phone",
                staff="Jörg",
            )
        )
        return customer.id


def test_ledger_rows_cannot_be_updated(db: Database) -> None:
    _customer(db)
    with pytest.raises(DBAPIError, match="append-only"), db.write() as s:
        s.execute(update(m.ConsentLedgerEntry).values(event="confirmed"))
    with db.read() as s:
        assert s.scalar(text("SELECT event FROM consent_ledger")) == "declared"


def test_ledger_rows_cannot_be_deleted(db: Database) -> None:
    _customer(db)
    with pytest.raises(DBAPIError, match="append-only"), db.write() as s:
        s.execute(delete(m.ConsentLedgerEntry))
    with db.read() as s:
        assert s.scalar(text("SELECT count(*) FROM consent_ledger")) == 1


def test_ledger_accepts_new_rows(db: Database) -> None:
    customer_id = _customer(db)
    with db.write() as s:
        s.execute(
            insert(m.ConsentLedgerEntry).values(
                customer_id=customer_id,
                channel="email",
                event="revoked",
                at=datetime(2026, 2, 1, tzinfo=UTC),
                recorded_at=datetime(2026, 2, 1, tzinfo=UTC),
            )
        )
    with db.read() as s:
        assert s.scalar(text("SELECT count(*) FROM consent_ledger")) == 2


def test_overlapping_appointments_refused_by_database(db: Database) -> None:
    """Even a raw insert that bypasses the services cannot double-book."""
    customer_id = _customer(db)
    with db.write() as s:
        staff = m.Staff(name="Jörg", role="stylist")
        service = m.Treatment(name="Schnitt", minutes=30, price_cents=100)
        s.add_all([staff, service])
        s.flush()
        ids = {"customer_id": customer_id, "staff_id": staff.id, "service_id": service.id}
    first = {
        **ids,
        "starts_at": datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
        "ends_at": datetime(2026, 3, 2, 10, 0, tzinfo=UTC),
    }
    with db.write() as s:
        s.execute(insert(m.Appointment).values(**first))
    overlapping = {
        **ids,
        "starts_at": datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
        "ends_at": datetime(2026, 3, 2, 10, 30, tzinfo=UTC),
    }
    with pytest.raises(DBAPIError), db.write() as s:
        s.execute(insert(m.Appointment).values(**overlapping))
    # Touching ends are fine, and a cancelled booking frees its slot.
    adjacent = {
        **ids,
        "starts_at": datetime(2026, 3, 2, 10, 0, tzinfo=UTC),
        "ends_at": datetime(2026, 3, 2, 10, 30, tzinfo=UTC),
    }
    with db.write() as s:
        s.execute(insert(m.Appointment).values(**adjacent))
        s.execute(update(m.Appointment).where(m.Appointment.id == 1).values(status="cancelled"))
        s.execute(insert(m.Appointment).values(**first, status="booked"))
    with db.read() as s:
        assert s.scalar(text("SELECT count(*) FROM appointments")) == 3
