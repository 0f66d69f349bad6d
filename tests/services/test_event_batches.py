"""The sync applies a page of gateway events in several write transactions (issue 11:
short ones on SQLite so the counter books in between), each moving the cursor with its
events: a batch that fails halfway loses nothing and applies nothing twice, and repeated
events inside one batch end as they would one by one."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from desk_app.db import models as m
from desk_app.domain.enums import ConsentEvent
from desk_app.gateway.port import GatewayEvent
from desk_app.services import sync as sync_module
from desk_app.services.container import Services
from tests.conftest import Clock
from tests.services.fake_gateway import FakeGateway, make_sync
from tests.services.support import add_customer


def _queued(services: Services, customer_id: int, address: str) -> str:
    with services.db.write() as s:
        row = m.OutboxMessage(
            customer_id=customer_id,
            channel="email",
            category="service_info",
            kind="campaign_service_info",
            to_address=address,
        )
        s.add(row)
        s.flush()
        return row.client_id


def _facts(services: Services) -> dict[str, Any]:
    with services.db.read() as s:
        return {
            "statuses": dict(
                s.execute(select(m.OutboxMessage.client_id, m.OutboxMessage.status)).all()
            ),
            "reasons": dict(
                s.execute(select(m.OutboxMessage.client_id, m.OutboxMessage.reason)).all()
            ),
            "objections": dict(
                s.execute(
                    select(m.ConsentLedgerEntry.customer_id, func.count())
                    .where(m.ConsentLedgerEntry.event == ConsentEvent.OBJECTED.value)
                    .group_by(m.ConsentLedgerEntry.customer_id)
                ).all()
            ),
            "objected": set(
                s.scalars(select(m.CustomerConsent.customer_id).where(m.CustomerConsent.objected))
            ),
            "bounced": set(
                s.scalars(select(m.Customer.id).where(m.Customer.email_bounced_at.is_not(None)))
            ),
            "email_problems": dict(
                s.execute(select(m.AudienceFacts.customer_id, m.AudienceFacts.email_problem)).all()
            ),
        }


def test_a_batch_failing_halfway_loses_nothing_and_applies_nothing_twice(
    services: Services, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sync_module, "EVENT_PAGE", 7)  # pages of 7 in batches 3 + 3 + 1
    monkeypatch.setattr(sync_module, "WRITE_BATCH", {"sqlite": 3, "postgresql": 3})
    anna = add_customer(services, "Anna", "A", "anna@example.org", None)
    bernd = add_customer(services, "Bernd", "B", "bernd@example.org", None)
    first = _queued(services, anna.id, "anna@example.org")
    second = _queued(services, bernd.id, "bernd@example.org")
    third = _queued(services, bernd.id, "bernd@example.org")
    fake = FakeGateway()
    at = clock.now

    def event(type_: str, ref: str, message: str | None, **data: Any) -> None:
        nonlocal at
        at += timedelta(minutes=1)
        fake.add_event(type_, at, ref, message, "email", data)

    event("message.accepted", anna.ref, first)  # batch 1
    event("message.delivered", anna.ref, first)
    event("message.accepted", bernd.ref, second)
    event("message.accepted", bernd.ref, second)  # batch 2: the same event twice
    event("optout.received", anna.ref, None, via="link", client_id=first)  # fails once
    event("message.bounced", bernd.ref, third, permanent=True, code="5.1.1")
    event("message.delivered", bernd.ref, second)  # batch 3 (page 1 ends)
    event("message.delivered", bernd.ref, second)  # page 2: the same delivery again
    event("optout.received", bernd.ref, None, via="link", client_id=second)

    apply_event = sync_module.apply_event
    failures = []

    def failing_once(s: Any, gateway_event: GatewayEvent, *args: Any) -> None:
        apply_event(s, gateway_event, *args)  # applied in the session, then the failure
        if gateway_event.seq == 5 and not failures:
            failures.append(gateway_event.seq)
            raise RuntimeError("the PC lost power")

    monkeypatch.setattr(sync_module, "apply_event", failing_once)
    sync = make_sync(services, fake, clock)

    with pytest.raises(RuntimeError):
        sync.drain_events()

    # Batch 1 stands with its cursor; nothing of batch 2 does (not even the events
    # before the failure in it), and nothing after it ran.
    assert sync.cursor() == 3
    halfway = _facts(services)
    assert halfway["statuses"] == {first: "delivered", second: "accepted", third: "queued"}
    assert halfway["objections"] == {}
    assert halfway["objected"] == set()
    assert halfway["bounced"] == set()

    assert sync.drain_events() == 6
    assert sync.drain_events() == 0

    assert sync.cursor() == 9
    end = _facts(services)
    assert end["statuses"] == {first: "delivered", second: "delivered", third: "bounced"}
    assert end["reasons"][third] == "5.1.1"
    assert end["objections"] == {anna.id: 1, bernd.id: 1}
    assert end["objected"] == {anna.id, bernd.id}
    assert end["bounced"] == {bernd.id}
    # The audience read model followed the bounce (its triggers run per batch, too).
    assert end["email_problems"][bernd.id] is not None
    assert end["email_problems"][anna.id] is None
