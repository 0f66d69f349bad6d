"""Two counter PCs declaring the same customer's consent at the same moment: one
declaration, one confirmation request queued, the other PC told it is pending – on both
databases.

Two threads with engines of their own (two counter PCs) meet at a barrier each round and
declare email consent for the same customer.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from sqlalchemy import func, select

from desk_app.config.paths import templates_dir
from desk_app.db import models as m
from desk_app.db.engine import Database, create_database_engine
from desk_app.domain.enums import Category, Channel, ConsentEvent, ConsentSource, StaffRole
from desk_app.domain.errors import ConsentPending
from desk_app.services.container import Services, build_services
from desk_app.services.rows import CustomerInput

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
