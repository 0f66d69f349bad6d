"""Two counter PCs (or a counter PC and the booking page, through the sync) at the same
moment on one customer's consent – on both databases:

- both declare: one declaration, one confirmation request queued, the other PC told it is
  pending;
- one declares while the other changes the email address: whichever goes first, no
  request or consent is left standing for an address the customer no longer has.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import (
    Category,
    Channel,
    ConsentEvent,
    ConsentSource,
    ConsentState,
    StaffRole,
)
from desk_app.domain.errors import ConsentPending
from desk_app.services.container import Services
from desk_app.services.rows import CustomerInput
from tests.conftest import Clock
from tests.db.races import opener, side_by_side
from tests.services.online_support import booking_data, deliver, shown_statement
from tests.services.support import friday, make_salon

ROUNDS = 8
NOW = datetime(2030, 1, 1, 8, 0, tzinfo=UTC)
STAFF = "Tanja Groß"


def _customers(services: Services) -> list[int]:
    """One customer for each round, each with an email address."""
    return [
        services.customers.create(
            CustomerInput(first_name="Anna", last_name=f"Müller{i}", email=f"anna{i}@example.org")
        ).id
        for i in range(ROUNDS)
    ]


def _per_customer(
    s: Session, customer: InstrumentedAttribute[int], where: ColumnElement[bool]
) -> dict[int, int]:
    return dict(s.execute(select(customer, func.count()).where(where).group_by(customer)).all())


def _declared_and_requested(db: Database) -> tuple[dict[int, int], dict[int, int]]:
    """Per customer: declarations in the ledger, confirmation requests in the outbox."""
    with db.read() as s:
        declared = _per_customer(
            s,
            m.ConsentLedgerEntry.customer_id,
            m.ConsentLedgerEntry.event == ConsentEvent.DECLARED.value,
        )
        requests = _per_customer(
            s,
            m.OutboxMessage.customer_id,
            m.OutboxMessage.category == Category.CONSENT_REQUEST.value,
        )
    return declared, requests


def _declare(services: Services, customer_id: int) -> None:
    services.consent.declare(customer_id, [Channel.EMAIL], ConsentSource.PHONE, STAFF, True)


def test_two_counter_pcs_declaring_at_once_queue_one_request(database_url: str) -> None:
    open_services = opener(database_url, lambda: NOW)
    setup = open_services()
    setup.catalogue.add_staff(STAFF, StaffRole.RECEPTION, actor=SHARED_COUNTER)
    customers = _customers(setup)
    refused: list[int] = []

    def counter_pc(services: Services, n: int) -> None:
        try:
            _declare(services, customers[n])
        except ConsentPending:
            refused.append(customers[n])

    try:
        side_by_side(open_services, ROUNDS, counter_pc, counter_pc)
        declared, requests = _declared_and_requested(setup.db)
    finally:
        setup.db.dispose()
    assert declared == {c: 1 for c in customers}
    assert requests == {c: 1 for c in customers}
    assert sorted(refused) == customers  # each round, the other PC heard why


def test_a_counter_pc_and_an_online_booking_declaring_at_once_queue_one_request(
    database_url: str,
) -> None:
    """The customer ticks the email box on the booking page while the receptionist declares
    email consent on the phone with her: the sync (one engine) and the counter PC (another)
    meet at a barrier each round. One declaration, one email request per customer."""
    clock = Clock(datetime(2026, 11, 25, 8, 0, tzinfo=UTC))
    open_services = opener(database_url, clock)
    setup = open_services()
    salon = make_salon(setup)
    customers = _customers(setup)
    shown = shown_statement(Channel.EMAIL)

    def counter_pc(services: Services, n: int) -> None:
        with contextlib.suppress(ConsentPending):
            services.consent.declare(
                customers[n], [Channel.EMAIL], ConsentSource.PHONE, salon.reception.name, True
            )

    def booking_page(services: Services, n: int) -> None:
        data = booking_data(
            salon,
            starts_at=friday(9, 0) + timedelta(minutes=45 * n),
            last_name=f"Müller{n}",
            email=f"anna{n}@example.org",
            phone=None,
            consent={"email": shown, "sms": None},
        )
        deliver(services, clock, ("booking.requested", data))

    try:
        side_by_side(open_services, ROUNDS, counter_pc, booking_page)
        declared, requests = _declared_and_requested(setup.db)
        with setup.db.read() as s:
            booked = s.scalar(select(func.count()).select_from(m.Appointment))
    finally:
        setup.db.dispose()
    assert booked == ROUNDS  # every booking went through, whoever declared first
    assert declared == {c: 1 for c in customers}
    assert requests == {c: 1 for c in customers}


def test_a_declaration_and_an_address_change_at_once_leave_nothing_for_the_old_address(
    database_url: str,
) -> None:
    """One counter PC declares email consent while the other saves a new email address.
    Declared first: the change ends the request (an ``address_changed`` row names it).
    Changed first: the request goes to the new address. Never a pending request for the
    address the customer no longer has."""
    open_services = opener(database_url, lambda: NOW)
    setup = open_services()
    setup.catalogue.add_staff(STAFF, StaffRole.RECEPTION, actor=SHARED_COUNTER)
    customers = _customers(setup)

    def declaring(services: Services, n: int) -> None:
        _declare(services, customers[n])

    def changing(services: Services, n: int) -> None:
        services.customers.update(
            customers[n],
            CustomerInput(first_name="Anna", last_name=f"Müller{n}", email=f"neu{n}@example.org"),
        )

    try:
        side_by_side(open_services, ROUNDS, declaring, changing)
        with setup.db.read() as s:
            ended = _per_customer(
                s,
                m.ConsentLedgerEntry.customer_id,
                m.ConsentLedgerEntry.event == ConsentEvent.ADDRESS_CHANGED.value,
            )
            asked = dict(
                s.execute(
                    select(m.ConsentLedgerEntry.customer_id, m.ConsentLedgerEntry.address).where(
                        m.ConsentLedgerEntry.event == ConsentEvent.DECLARED.value
                    )
                ).all()
            )
        states = {c: setup.consent.status(c).status.state(Channel.EMAIL) for c in customers}
    finally:
        setup.db.dispose()
    assert sorted(asked) == customers  # one declaration each (nobody refused the other)
    for n, customer_id in enumerate(customers):
        if asked[customer_id] == f"anna{n}@example.org":  # declared first
            assert ended.get(customer_id) == 1
            assert states[customer_id] is ConsentState.NONE
        else:  # changed first: asked at the new address
            assert asked[customer_id] == f"neu{n}@example.org"
            assert customer_id not in ended
            assert states[customer_id] is ConsentState.PENDING
