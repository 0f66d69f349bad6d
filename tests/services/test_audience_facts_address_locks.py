"""On PostgreSQL a customer's facts are recomputed without the locks of the customer's
addresses (revision 0030): only a writer of an address takes them.

A CSV import locks all its addresses' buckets (``audience_address_locks``) first and
holds them until it commits – 20,000 customers hold ~30 % of the 65,536. Before, every
recompute locked the customer's buckets too, so a booking at the counter for a customer
whose bucket the import held waited for the whole import (6.5 s measured). Here another
transaction holds the customer's buckets as the import would, and the counter's write
must get through at once (``lock_timeout`` turns a wait into an error); a write that
gives or takes the address must still wait for them. (A message in the outbox only moves
``last_ad_at`` and did not wait before either: kept here so that it stays so.)"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import Connection, insert, select, update
from sqlalchemy.orm import Session

from desk_app.db import audience_facts
from desk_app.db import models as m
from desk_app.domain.enums import AppointmentStatus, ConsentEvent, ConsentSource, OutboxStatus
from desk_app.services.container import Services
from desk_app.services.rows import CustomerInput
from desk_sql.errors import StorageError
from tests.conftest import Clock
from tests.services.support import add_customer, make_salon
from tests.services.test_audience_facts import (
    _flags_from_customers,
    _flags_kept,
    assert_current,
    facts,
)

pytestmark = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)


@contextmanager
def _addresses_held(services: Services, customer_id: int) -> Iterator[Connection]:
    """Another transaction holding the customer's address buckets, as an import does."""
    with services.db.engine.connect() as other, other.begin():
        email, phone = other.execute(
            select(m.Customer.email, m.Customer.phone).where(m.Customer.id == customer_id)
        ).one()
        audience_facts.lock_addresses(other, [email], [phone])
        yield other


@contextmanager
def _impatient(services: Services) -> Iterator[Session]:
    """A counter PC's transaction that fails instead of waiting more than 2 s for a lock."""
    with services.db.write() as s:
        s.connection().exec_driver_sql("SET LOCAL lock_timeout = '2s'")
        yield s


def _booking(services: Services, clock: Clock, customer_id: int) -> Callable[[Session], None]:
    salon = make_salon(services)

    def book(s: Session) -> None:
        s.execute(
            insert(m.Appointment).values(
                customer_id=customer_id,
                staff_id=salon.stylist.id,
                service_id=salon.cut.id,
                starts_at=clock.now - timedelta(days=3),
                ends_at=clock.now - timedelta(days=3) + timedelta(minutes=45),
                status=AppointmentStatus.DONE.value,
            )
        )

    return book


def _objection(clock: Clock, customer_id: int) -> Callable[[Session], None]:
    def object_(s: Session) -> None:
        s.add(
            m.ConsentLedgerEntry(
                customer_id=customer_id,
                event=ConsentEvent.OBJECTED.value,
                at=clock.now,
                source=ConsentSource.LINK.value,
            )
        )
        s.flush()

    return object_


def _advertising(clock: Clock, customer_id: int) -> Callable[[Session], None]:
    def send(s: Session) -> None:
        s.execute(
            insert(m.OutboxMessage).values(
                customer_id=customer_id,
                channel="email",
                category="marketing",
                kind="campaign",
                to_address="anna.mueller@example.org",
                status=OutboxStatus.SENT.value,
                created_at=clock.now,
            )
        )

    return send


@pytest.mark.parametrize("write", ["booking", "consent", "outbox"])
def test_the_counter_writes_for_a_customer_whose_addresses_an_import_holds(
    services: Services, clock: Clock, write: str
) -> None:
    anna = add_customer(services)
    family = services.customers.create(  # Anna's addresses: both flags shared
        CustomerInput(
            first_name="Bert",
            last_name="Müller",
            email="anna.mueller@example.org",
            phone="0151 12345678",
        ),
        allow_duplicate=True,
    )
    assert _flags_kept(services.db) == {anna.id: (True, True), family.id: (True, True)}
    writes = {
        "booking": _booking(services, clock, anna.id),
        "consent": _objection(clock, anna.id),
        "outbox": _advertising(clock, anna.id),
    }
    with _addresses_held(services, anna.id), _impatient(services) as s:
        writes[write](s)

    anna_facts = facts(services.db, anna.id)
    changed = {
        "booking": anna_facts.visits == 1,
        "consent": bool(anna_facts.objected),
        "outbox": anna_facts.last_ad_at == clock.now,
    }
    assert changed[write]
    assert _flags_kept(services.db) == {anna.id: (True, True), family.id: (True, True)}
    assert_current(services.db)


@pytest.mark.parametrize("write", ["new customer", "moved"])
def test_a_writer_of_the_address_still_waits_for_its_lock(services: Services, write: str) -> None:
    """The lock is not gone, it moved: whoever gives or takes the address waits."""
    anna = add_customer(services)
    bert = add_customer(services, first="Bert", email="bert@example.org", phone="0171 7654321")
    with (
        _addresses_held(services, anna.id),
        pytest.raises(StorageError, match="lock timeout"),
        _impatient(services) as s,
    ):
        if write == "new customer":
            add = insert(m.Customer).values(
                first_name="Carl",
                last_name="Weber",
                first_name_key="carl",
                last_name_key="weber",
                email="anna.mueller@example.org",
            )
            s.execute(add)
        else:
            s.execute(
                update(m.Customer)
                .where(m.Customer.id == bert.id)
                .values(email="anna.mueller@example.org")
            )
    with services.db.write() as s:  # the lock released: it goes through, flags follow
        s.execute(
            update(m.Customer)
            .where(m.Customer.id == bert.id)
            .values(email="ANNA.mueller@example.org")
        )
    assert _flags_kept(services.db) == _flags_from_customers(services.db)
    assert _flags_kept(services.db)[anna.id] == (True, False)
    assert_current(services.db)
