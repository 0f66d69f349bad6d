"""The sync's bulk writing of message status events ends exactly where applying the
same events one by one (``apply_event`` alone) ends: status, reason and bounced address,
for every stored status and every order of events, also late, repeated and conflicting
ones (issue 11: the bulk path replaced the one-object-at-a-time one)."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from sqlalchemy import select

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.gateway.port import GatewayEvent
from desk_app.services.container import Services
from desk_app.services.gateway_events import apply_event
from tests.conftest import Clock
from tests.services.fake_gateway import FakeGateway, make_sync
from tests.services.support import add_customer

STORED = ("queued", "accepted", "sent", "delivered", "failed", "bounced")
# (event type, data) sequences, each for one message.
ACCEPTED = ("message.accepted", {})
SENT = ("message.sent", {})
DELIVERED = ("message.delivered", {})
FAILED_X = ("message.failed", {"code": "mailbox_full"})
FAILED_Y = ("message.failed", {"error": "timeout"})
BOUNCED = ("message.bounced", {"permanent": True, "code": "5.1.1"})
SOFT = ("message.bounced", {"permanent": False})
REJECTED = ("message.rejected", {})
SEQUENCES = (
    (ACCEPTED, DELIVERED),
    (ACCEPTED, SENT, DELIVERED),
    (DELIVERED, ACCEPTED),
    (DELIVERED, DELIVERED),
    (FAILED_X, DELIVERED),
    (DELIVERED, FAILED_Y),
    (FAILED_X, FAILED_Y, ACCEPTED),
    (ACCEPTED, BOUNCED),
    (BOUNCED, ACCEPTED),
    (SOFT, DELIVERED),
    (REJECTED, DELIVERED, SENT),
)


def _message(db: Database, customer_id: int, address: str, status: str) -> int:
    with db.write() as s:
        row = m.OutboxMessage(
            customer_id=customer_id,
            channel="email",
            category="service_info",
            kind="campaign_service_info",
            to_address=address,
            status=status,
            reason="stored" if status in ("failed", "bounced") else None,
        )
        s.add(row)
        s.flush()
        return row.id


def _state(db: Database, ids: list[int]) -> list[tuple[str, str | None, bool]]:
    with db.read() as s:
        rows = {
            o.id: (o.status, o.reason, c.email_bounced_at is not None)
            for o, c in s.execute(
                select(m.OutboxMessage, m.Customer)
                .join(m.Customer, m.Customer.id == m.OutboxMessage.customer_id)
                .where(m.OutboxMessage.id.in_(ids))
            )
        }
    return [rows[i] for i in ids]


@pytest.mark.parametrize("moved_address", [False, True], ids=["same address", "moved"])
def test_bulk_status_events_end_like_one_by_one(
    services: Services, clock: Clock, moved_address: bool
) -> None:
    db = services.db
    fake = FakeGateway()
    one_by_one: list[tuple[int, list[GatewayEvent]]] = []
    bulk_ids: list[int] = []
    at = clock.now
    for n, (stored, sequence) in enumerate(itertools.product(STORED, SEQUENCES)):
        pair = []
        for copy in ("a", "b"):
            address = f"k{n}{copy}@example.org"
            customer = add_customer(services, f"K{n}", copy, address, None)
            message_id = _message(db, customer.id, address, stored)
            if moved_address:  # the customer has a new address since the message went out
                with db.write() as s:
                    found = s.get(m.Customer, customer.id)
                    assert found is not None
                    found.email = f"neu{n}{copy}@example.org"
            pair.append((customer, message_id))
        (ref_customer, ref_id), (bulk_customer, bulk_id) = pair
        with db.read() as s:
            ref_client = s.get(m.OutboxMessage, ref_id)
            bulk_client = s.get(m.OutboxMessage, bulk_id)
            assert ref_client is not None and bulk_client is not None
        events = []
        for type_, data in sequence:
            at += timedelta(seconds=1)
            events.append(
                GatewayEvent(0, type_, at, ref_customer.ref, ref_client.client_id, "email", data)
            )
            fake.add_event(type_, at, bulk_customer.ref, bulk_client.client_id, "email", data)
        one_by_one.append((ref_id, events))
        bulk_ids.append(bulk_id)

    for _ref_id, events in one_by_one:
        with db.write() as s:
            for event in events:
                apply_event(s, event)
    make_sync(services, fake, clock).drain_events()

    assert _state(db, bulk_ids) == _state(db, [ref_id for ref_id, _e in one_by_one])
