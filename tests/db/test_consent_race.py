"""Two counter PCs (or a counter PC and the booking page, through the sync) declaring
the same customer's consent at the same moment: one declaration, one confirmation request
queued, the other PC told it is pending – on both databases.

Two threads with engines of their own (two counter PCs) meet at a barrier each round and
declare email consent for the same customer.
"""

from __future__ import annotations

import contextlib
import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from desk_app.config.paths import templates_dir
from desk_app.db import models as m
from desk_app.db.engine import Database, create_database_engine
from desk_app.domain.enums import Category, Channel, ConsentEvent, ConsentSource, StaffRole
from desk_app.domain.errors import ConsentPending
from desk_app.services.container import Services, build_services
from desk_app.services.rows import CustomerInput
from tests.conftest import Clock
from tests.services.online_support import booking_data, deliver, shown_statement
from tests.services.support import friday, make_salon

ROUNDS = 8
NOW = datetime(2030, 1, 1, 8, 0, tzinfo=UTC)
STAFF = "Tanja Groß"


def _services(url: str) -> Services:
    return build_services(Database(create_database_engine(url)), templates_dir(), clock=lambda: NOW)


def test_two_counter_pcs_declaring_at_once_queue_one_request(database_url: str) -> None:
    setup = _services(database_url)
    setup.catalogue.add_staff(STAFF, StaffRole.RECEPTION)
    customers = [
        setup.customers.create(
            CustomerInput(first_name="Anna", last_name=f"Müller{i}", email=f"anna{i}@example.org")
        ).id
        for i in range(ROUNDS)
    ]
    setup.db.dispose()
    barrier = threading.Barrier(2, timeout=60)
    refused: list[int] = []
    errors: list[BaseException] = []

    def counter_pc() -> None:
        services = _services(database_url)
        try:
            for customer_id in customers:
                barrier.wait()
                try:
                    services.consent.declare(
                        customer_id, [Channel.EMAIL], ConsentSource.PHONE, STAFF, True
                    )
                except ConsentPending:
                    refused.append(customer_id)
        except BaseException as exc:  # noqa: BLE001 (reported below, never lost in the thread)
            errors.append(exc)
            barrier.abort()
        finally:
            services.db.dispose()

    threads = [threading.Thread(target=counter_pc) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert errors == []

    db = Database(create_database_engine(database_url))
    try:
        with db.read() as s:
            declared = dict(
                s.execute(
                    select(m.ConsentLedgerEntry.customer_id, func.count())
                    .where(m.ConsentLedgerEntry.event == ConsentEvent.DECLARED.value)
                    .group_by(m.ConsentLedgerEntry.customer_id)
                ).all()
            )
            requests = dict(
                s.execute(
                    select(m.OutboxMessage.customer_id, func.count())
                    .where(m.OutboxMessage.category == Category.CONSENT_REQUEST.value)
                    .group_by(m.OutboxMessage.customer_id)
                ).all()
            )
        assert declared == {c: 1 for c in customers}
        assert requests == {c: 1 for c in customers}
        assert sorted(refused) == customers  # each round, the other PC heard why
    finally:
        db.dispose()


def test_a_counter_pc_and_an_online_booking_declaring_at_once_queue_one_request(
    database_url: str,
) -> None:
    """The customer ticks the email box on the booking page while the receptionist declares
    email consent on the phone with her: the sync (one engine) and the counter PC (another)
    meet at a barrier each round. One declaration, one email request per customer."""
    clock = Clock(datetime(2026, 11, 25, 8, 0, tzinfo=UTC))
    setup = build_services(
        Database(create_database_engine(database_url)), templates_dir(), clock=clock
    )
    salon = make_salon(setup)
    customers = [
        setup.customers.create(
            CustomerInput(first_name="Anna", last_name=f"Müller{i}", email=f"anna{i}@example.org")
        ).id
        for i in range(ROUNDS)
    ]
    setup.db.dispose()
    barrier = threading.Barrier(2, timeout=60)
    errors: list[BaseException] = []
    shown = shown_statement(Channel.EMAIL)

    def counter_pc() -> None:
        services = build_services(
            Database(create_database_engine(database_url)), templates_dir(), clock=clock
        )
        try:
            for customer_id in customers:
                barrier.wait()
                with contextlib.suppress(ConsentPending):
                    services.consent.declare(
                        customer_id,
                        [Channel.EMAIL],
                        ConsentSource.PHONE,
                        salon.reception.name,
                        True,
                    )
        except BaseException as exc:  # noqa: BLE001 (reported below, never lost in the thread)
            errors.append(exc)
            barrier.abort()
        finally:
            services.db.dispose()

    def booking_page() -> None:
        services = build_services(
            Database(create_database_engine(database_url)), templates_dir(), clock=clock
        )
        try:
            for n, _customer_id in enumerate(customers):
                data = booking_data(
                    salon,
                    starts_at=friday(9, 0) + timedelta(minutes=45 * n),
                    last_name=f"Müller{n}",
                    email=f"anna{n}@example.org",
                    phone=None,
                    consent={"email": shown, "sms": None},
                )
                barrier.wait()
                deliver(services, clock, ("booking.requested", data))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
            barrier.abort()
        finally:
            services.db.dispose()

    threads = [threading.Thread(target=counter_pc), threading.Thread(target=booking_page)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert errors == []

    db = Database(create_database_engine(database_url))
    try:
        with db.read() as s:
            declared = dict(
                s.execute(
                    select(m.ConsentLedgerEntry.customer_id, func.count())
                    .where(m.ConsentLedgerEntry.event == ConsentEvent.DECLARED.value)
                    .group_by(m.ConsentLedgerEntry.customer_id)
                ).all()
            )
            requests = dict(
                s.execute(
                    select(m.OutboxMessage.customer_id, func.count())
                    .where(m.OutboxMessage.category == Category.CONSENT_REQUEST.value)
                    .group_by(m.OutboxMessage.customer_id)
                ).all()
            )
            booked = s.scalar(select(func.count()).select_from(m.Appointment))
        assert booked == ROUNDS  # every booking went through, whoever declared first
        assert declared == {c: 1 for c in customers}
        assert requests == {c: 1 for c in customers}
    finally:
        db.dispose()
