"""Applying gateway events to the desktop database (gateway_events.apply_event via the sync).

Message events move the outbox row they name (by ``client_id``) and never back; consent
events become ledger rows with the customer's click as evidence; an opt-out is the
customer-level objection; a hard bounce marks the address it hit (DESIGN.md 2, 2.2, 3).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from desk_app.db import models as m
from desk_app.domain.enums import (
    Category,
    Channel,
    ConsentEvent,
    ConsentSource,
    ConsentState,
    OutboxStatus,
)
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.rows import CustomerInput, CustomerRow, DeclarationRow
from desk_app.services.sync import SyncService
from tests.conftest import Clock
from tests.services.fake_gateway import FakeGateway, make_sync
from tests.services.support import Salon, add_customer, friday, ledger_rows, outbox_messages

STAFF = "Tanja Groß"
IP = "203.0.113.7"
AGENT = "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0"


@pytest.fixture
def anna(services: Services, salon: Salon) -> CustomerRow:
    return add_customer(services)


@pytest.fixture
def fake() -> FakeGateway:
    return FakeGateway()


@pytest.fixture
def sync(services: Services, fake: FakeGateway, clock: Clock) -> SyncService:
    return make_sync(services, fake, clock)


# ---- helpers ------------------------------------------------------------------------------
def _book(services: Services, salon: Salon, customer: CustomerRow, hour: int = 10) -> str:
    """A booking; returns the client_id of its queued confirmation."""
    row = services.booking.book(
        BookingRequest(customer.id, salon.stylist.id, salon.cut.id, friday(hour))
    )
    assert row.confirmation_client_id is not None
    return row.confirmation_client_id


def _service_info(services: Services, customer: CustomerRow, channel: Channel) -> str:
    row, decision = services.outbox.queue_message(
        customer.id, channel, Category.SERVICE_INFO, "Neue Öffnungszeiten", "Ab Montag bis 20 Uhr."
    )
    assert row is not None, decision
    return row.client_id


def _outbox(services: Services, client_id: str) -> m.OutboxMessage:
    [row] = [o for o in outbox_messages(services.db) if o.client_id == client_id]
    return row


def _declare(services: Services, customer: CustomerRow, channel: Channel) -> DeclarationRow:
    [row] = services.consent.declare(customer.id, [channel], ConsentSource.PHONE, STAFF, True)
    return row


def _inbound(services: Services) -> list[m.InboundMessage]:
    with services.db.read() as s:
        return list(s.scalars(select(m.InboundMessage).order_by(m.InboundMessage.id)))


def _customer(services: Services, customer_id: int) -> m.Customer:
    with services.db.read() as s:
        customer = s.get(m.Customer, customer_id)
        assert customer is not None
        return customer


def _message_event(
    fake: FakeGateway,
    type: str,
    client_id: str,
    customer: CustomerRow,
    at: datetime,
    channel: str = "email",
    **data: Any,
) -> None:
    fake.add_event(type, at, customer.ref, client_id, channel, data)


# ---- message events -------------------------------------------------------------------------
def test_message_events_move_the_named_outbox_row_forward(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    confirmation = _book(services, salon, anna)
    other = _service_info(services, anna, Channel.EMAIL)

    for type, expected in (
        ("message.accepted", OutboxStatus.ACCEPTED),
        ("message.sent", OutboxStatus.SENT),
        ("message.delivered", OutboxStatus.DELIVERED),
    ):
        clock.advance(minutes=1)
        data = {"message_id": "<abc@gw.test>"} if type == "message.sent" else {}
        _message_event(fake, type, confirmation, anna, clock.now, **data)
        assert sync.drain_events() == 1
        assert _outbox(services, confirmation).status == expected.value
        assert _outbox(services, confirmation).reason is None
        # Only the row named by client_id moves.
        assert _outbox(services, other).status == OutboxStatus.QUEUED.value
    assert sync.cursor() == 3


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        (["message.delivered", "message.sent"], OutboxStatus.DELIVERED),
        (["message.delivered", "message.accepted"], OutboxStatus.DELIVERED),
        (["message.sent", "message.accepted"], OutboxStatus.SENT),
        (["message.delivered", "message.sent", "message.accepted"], OutboxStatus.DELIVERED),
        (["message.bounced", "message.delivered", "message.sent"], OutboxStatus.BOUNCED),
        (["message.rejected", "message.accepted"], OutboxStatus.REJECTED),
        (["message.expired", "message.sent"], OutboxStatus.EXPIRED),
        (["message.failed", "message.sent", "message.accepted"], OutboxStatus.FAILED),
        (["message.sent", "message.delivered", "message.bounced"], OutboxStatus.BOUNCED),
    ],
)
def test_late_or_repeated_events_never_move_a_message_backwards(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
    events: list[str],
    expected: OutboxStatus,
) -> None:
    client_id = _book(services, salon, anna)
    for type in events:
        clock.advance(seconds=30)
        _message_event(fake, type, client_id, anna, clock.now, code="suppressed")
    # One page and one event per drain: same outcome whichever way they arrive.
    assert sync.drain_events() == len(events)
    assert _outbox(services, client_id).status == expected.value
    assert sync.cursor() == len(events)


def test_late_events_one_sync_at_a_time_never_move_backwards(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    client_id = _book(services, salon, anna)
    _message_event(fake, "message.delivered", client_id, anna, clock.now)
    assert sync.drain_events() == 1
    _message_event(fake, "message.sent", client_id, anna, clock.now - timedelta(minutes=1))
    _message_event(fake, "message.accepted", client_id, anna, clock.now - timedelta(minutes=2))
    assert sync.drain_events() == 2
    assert _outbox(services, client_id).status == OutboxStatus.DELIVERED.value
    assert sync.cursor() == 3


@pytest.mark.parametrize(
    ("type", "data", "status", "reason"),
    [
        ("message.rejected", {"code": "suppressed"}, OutboxStatus.REJECTED, "suppressed"),
        ("message.rejected", {"code": "no_basis"}, OutboxStatus.REJECTED, "no_basis"),
        (
            "message.failed",
            {"error": "smtp 451", "permanent": False},
            OutboxStatus.FAILED,
            "smtp 451",
        ),
        (
            "message.bounced",
            {"permanent": True, "error": "recipient refused [550]"},
            OutboxStatus.BOUNCED,
            "recipient refused [550]",
        ),
        ("message.expired", {}, OutboxStatus.EXPIRED, None),
    ],
)
def test_final_message_events_store_status_and_reason(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
    type: str,
    data: dict[str, Any],
    status: OutboxStatus,
    reason: str | None,
) -> None:
    client_id = _book(services, salon, anna)
    _message_event(fake, "message.accepted", client_id, anna, clock.now)
    _message_event(fake, type, client_id, anna, clock.advance(minutes=5), **data)
    assert sync.drain_events() == 2
    row = _outbox(services, client_id)
    assert row.status == status.value
    assert row.reason == reason
    assert row.client_id == client_id


def test_long_failure_text_from_the_gateway_is_stored_without_blocking_the_sync(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    """The gateway passes SMS provider labels on as ``error`` (up to 300 characters, e.g.
    "webhook: HTTP 503, error …"). Such an event must apply like any other: an event that
    cannot be applied would stop the cursor, and every later event, for good."""
    _book(services, salon, anna)
    client_id = _service_info(services, anna, Channel.SMS)
    error = "webhook: HTTP 503, error provider_temporarily_unavailable_try_again_later"
    _message_event(
        fake, "message.failed", client_id, anna, clock.now, "sms", error=error, permanent=False
    )
    fake.add_event(
        "sms.inbound", clock.now, anna.ref, None, "sms", {"from": "+49", "text": "Hallo"}
    )

    assert sync.drain_events() == 2

    row = _outbox(services, client_id)
    assert row.status == OutboxStatus.FAILED.value
    assert row.reason is not None and error.startswith(row.reason)
    assert sync.cursor() == 2
    assert [i.text for i in _inbound(services)] == ["Hallo"]


def test_message_event_for_an_unknown_client_id_is_skipped(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    client_id = _book(services, salon, anna)
    _message_event(
        fake, "message.delivered", "9b1e0c7e-0000-4000-8000-000000000000", anna, clock.now
    )
    fake.add_event("message.sent", clock.now, anna.ref, None, "email", {})
    _message_event(fake, "message.accepted", client_id, anna, clock.now)

    assert sync.drain_events() == 3

    assert _outbox(services, client_id).status == OutboxStatus.ACCEPTED.value
    assert sync.cursor() == 3


# ---- bounces --------------------------------------------------------------------------------
def test_hard_email_bounce_marks_the_email_address_bounced(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    client_id = _book(services, salon, anna)
    bounced_at = clock.advance(minutes=3)
    _message_event(
        fake, "message.bounced", client_id, anna, bounced_at, permanent=True, error="550"
    )
    clock.advance(minutes=10)

    sync.drain_events()

    customer = _customer(services, anna.id)
    assert customer.email_bounced_at == bounced_at
    assert customer.phone_bounced_at is None
    assert services.customers.get(anna.id).email_bounced is True
    assert _outbox(services, client_id).status == OutboxStatus.BOUNCED.value


def test_hard_sms_bounce_marks_the_phone_bounced(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    _book(services, salon, anna)
    client_id = _service_info(services, anna, Channel.SMS)
    assert _outbox(services, client_id).to_address == "+4915112345678"
    _message_event(
        fake, "message.bounced", client_id, anna, clock.now, "sms", permanent=True, error="30005"
    )

    sync.drain_events()

    customer = _customer(services, anna.id)
    assert customer.phone_bounced_at == clock.now
    assert customer.email_bounced_at is None
    assert services.customers.get(anna.id).phone_bounced is True


def test_bounce_of_an_old_address_does_not_mark_the_new_one(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    email_id = _book(services, salon, anna)
    sms_id = _service_info(services, anna, Channel.SMS)
    # The receptionist corrected both addresses after the messages went out.
    services.customers.update(
        anna.id,
        CustomerInput(
            first_name="Anna",
            last_name="Müller",
            email="anna.neu@example.org",
            phone="0160 98765432",
        ),
    )
    _message_event(fake, "message.bounced", email_id, anna, clock.now, permanent=True, error="550")
    _message_event(
        fake, "message.bounced", sms_id, anna, clock.now, "sms", permanent=True, error="30005"
    )

    assert sync.drain_events() == 2

    customer = _customer(services, anna.id)
    assert customer.email_bounced_at is None
    assert customer.phone_bounced_at is None
    # The messages themselves did bounce.
    assert _outbox(services, email_id).status == OutboxStatus.BOUNCED.value
    assert _outbox(services, sms_id).status == OutboxStatus.BOUNCED.value


def test_soft_bounce_does_not_mark_the_address(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    client_id = _book(services, salon, anna)
    _message_event(fake, "message.bounced", client_id, anna, clock.now, permanent=False)

    sync.drain_events()

    assert _customer(services, anna.id).email_bounced_at is None
    assert _outbox(services, client_id).status == OutboxStatus.BOUNCED.value


# ---- consent events -------------------------------------------------------------------------
def test_consent_events_become_ledger_rows_with_the_evidence(
    services: Services,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    declared = _declare(services, anna, Channel.EMAIL)
    rid = declared.request_id
    sent_at = clock.advance(minutes=2)
    fake.add_event(
        "consent.request_sent",
        sent_at,
        anna.ref,
        rid,
        "email",
        {"request_id": rid, "message_id": "<c1@gw.test>"},
    )
    viewed_at = clock.advance(hours=3)
    fake.add_event(
        "consent.link_viewed",
        viewed_at,
        anna.ref,
        rid,
        "email",
        {"request_id": rid, "ip": IP, "user_agent": AGENT},
    )
    confirmed_at = clock.advance(minutes=1)
    fake.add_event(
        "consent.confirmed",
        confirmed_at,
        anna.ref,
        rid,
        "email",
        {"request_id": rid, "ip": IP, "user_agent": AGENT},
    )
    clock.advance(hours=1)

    assert sync.drain_events() == 3

    rows = [r for r in ledger_rows(services.db, anna.id) if r.gateway_seq is not None]
    assert [(r.event, r.gateway_seq, r.channel) for r in rows] == [
        (ConsentEvent.REQUEST_SENT.value, 1, "email"),
        (ConsentEvent.LINK_VIEWED.value, 2, "email"),
        (ConsentEvent.CONFIRMED.value, 3, "email"),
    ]
    assert {r.request_id for r in rows} == {rid}
    assert [r.at for r in rows] == [sent_at, viewed_at, confirmed_at]
    assert rows[0].message_id == "<c1@gw.test>"
    assert (rows[1].ip, rows[1].user_agent) == (IP, AGENT)
    assert (rows[2].ip, rows[2].user_agent) == (IP, AGENT)
    assert {r.source for r in rows} == {ConsentSource.LINK.value}

    status = services.consent.status(anna.id).status
    email = status.channels[Channel.EMAIL]
    assert email.state is ConsentState.CONFIRMED
    assert email.since == confirmed_at
    assert email.confirmation is not None
    assert email.confirmation.request_id == rid
    assert (email.confirmation.ip, email.confirmation.user_agent) == (IP, AGENT)
    # The click proves the email address only.
    assert status.channels[Channel.SMS].state is ConsentState.NONE


def test_request_sent_marks_a_request_whose_link_rode_in_another_message_sent(
    services: Services,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    """A carried request (online booking) gets no message events of its own: without
    consent.request_sent moving it, its outbox row would stay 'accepted' for ever."""
    rid = _declare(services, anna, Channel.EMAIL).request_id
    with services.db.write() as s:
        row = s.scalar(select(m.OutboxMessage).where(m.OutboxMessage.client_id == rid))
        assert row is not None
        row.status = OutboxStatus.ACCEPTED.value
    fake.add_event(
        "consent.request_sent",
        clock.advance(minutes=1),
        anna.ref,
        rid,
        "email",
        {"request_id": rid, "message_id": "<confirmation@gw.test>"},
    )
    sync.drain_events()
    assert _outbox(services, rid).status == OutboxStatus.SENT.value


def test_confirmation_of_another_request_does_not_confirm(
    services: Services,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    _declare(services, anna, Channel.EMAIL)
    other = "5f1b7a44-1111-4222-8333-444455556666"
    fake.add_event(
        "consent.confirmed",
        clock.advance(hours=1),
        anna.ref,
        other,
        "email",
        {"request_id": other, "ip": IP, "user_agent": AGENT},
    )

    assert sync.drain_events() == 1

    [row] = [r for r in ledger_rows(services.db, anna.id) if r.gateway_seq == 1]
    assert (row.event, row.request_id) == (ConsentEvent.CONFIRMED.value, other)
    assert services.consent.status(anna.id).status.state(Channel.EMAIL) is ConsentState.PENDING


def test_consent_expired_event_expires_the_pending_declaration(
    services: Services,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    declared = _declare(services, anna, Channel.SMS)
    expired_at = clock.advance(days=2)
    fake.add_event(
        "consent.expired",
        expired_at,
        anna.ref,
        declared.request_id,
        "sms",
        {"request_id": declared.request_id},
    )

    assert sync.drain_events() == 1

    [row] = [r for r in ledger_rows(services.db, anna.id) if r.gateway_seq is not None]
    assert (row.event, row.channel, row.request_id, row.gateway_seq, row.at) == (
        ConsentEvent.EXPIRED.value,
        "sms",
        declared.request_id,
        1,
        expired_at,
    )
    status = services.consent.status(anna.id).status
    assert status.state(Channel.SMS) is ConsentState.EXPIRED
    assert status.channels[Channel.SMS].since == expired_at


def test_very_long_user_agent_is_cut_to_the_column(
    services: Services,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    declared = _declare(services, anna, Channel.EMAIL)
    agent = "Mozilla/5.0 " + "x" * 600
    fake.add_event(
        "consent.link_viewed",
        clock.advance(minutes=5),
        anna.ref,
        declared.request_id,
        "email",
        {"request_id": declared.request_id, "ip": IP, "user_agent": agent},
    )

    assert sync.drain_events() == 1

    [row] = [r for r in ledger_rows(services.db, anna.id) if r.gateway_seq == 1]
    assert row.user_agent is not None and agent.startswith(row.user_agent)
    assert len(row.user_agent) == 400


# ---- opt-outs and inbound SMS ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("via", "source"),
    [
        ("link", ConsentSource.LINK),
        ("one_click", ConsentSource.LINK),
        ("sms_stop", ConsentSource.SMS_REPLY),
    ],
)
def test_optout_becomes_the_customer_level_objection(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
    via: str,
    source: ConsentSource,
) -> None:
    client_id = _book(services, salon, anna)
    assert services.consent.status(anna.id).status.objected is False
    at = clock.advance(minutes=7)
    channel = "sms" if via == "sms_stop" else "email"
    fake.add_event(
        "optout.received", at, anna.ref, None, channel, {"via": via, "client_id": client_id}
    )
    clock.advance(minutes=1)

    assert sync.drain_events() == 1

    [row] = ledger_rows(services.db, anna.id)
    assert row.event == ConsentEvent.OBJECTED.value
    assert row.channel is None
    assert row.source == source.value
    assert row.at == at
    assert row.gateway_seq == 1
    assert row.message_id == client_id
    status = services.consent.status(anna.id).status
    assert status.objected is True
    assert status.objected_at == at


def test_optout_revokes_a_confirmed_consent(
    services: Services,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    declared = _declare(services, anna, Channel.EMAIL)
    rid = declared.request_id
    fake.add_event(
        "consent.confirmed",
        clock.advance(minutes=30),
        anna.ref,
        rid,
        "email",
        {"request_id": rid, "ip": IP, "user_agent": AGENT},
    )
    fake.add_event("optout.received", clock.advance(days=3), anna.ref, None, None, {"via": "link"})

    assert sync.drain_events() == 2

    status = services.consent.status(anna.id).status
    assert status.objected is True
    assert status.state(Channel.EMAIL) is ConsentState.REVOKED


def test_inbound_sms_is_kept_for_staff(
    services: Services,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    at = clock.advance(minutes=4)
    fake.add_event(
        "sms.inbound",
        at,
        anna.ref,
        None,
        "sms",
        {"from": "+4915112345678", "text": "Kann ich auf 15 Uhr verschieben?"},
    )

    assert sync.drain_events() == 1

    [inbound] = _inbound(services)
    assert inbound.customer_id == anna.id
    assert inbound.channel == Channel.SMS.value
    assert inbound.text == "Kann ich auf 15 Uhr verschieben?"
    assert inbound.at == at
    assert inbound.gateway_seq == 1
    assert inbound.read_at is None


# ---- what cannot be applied ------------------------------------------------------------------
def test_unknown_types_and_customers_are_skipped_but_the_cursor_moves_past_them(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    stranger = "00000000-0000-4000-8000-00000000dead"
    fake.add_event("campaign.clicked", clock.now, anna.ref, None, "email", {"url": "x"})
    fake.add_event("optout.received", clock.now, stranger, None, None, {"via": "link"})
    fake.add_event(
        "consent.confirmed",
        clock.now,
        stranger,
        "r",
        "email",
        {"request_id": "r", "ip": IP, "user_agent": AGENT},
    )
    fake.add_event("sms.inbound", clock.now, stranger, None, "sms", {"from": "+49", "text": "?"})
    fake.add_event("sms.inbound", clock.now, None, None, "sms", {"from": "+49", "text": "?"})
    fake.add_event("optout.received", clock.now, None, None, None, {"via": "sms_stop"})
    fake.add_event("consent.confirmed", clock.now, anna.ref, "r", None, {"request_id": "r"})
    fake.add_event("sms.inbound", clock.now, anna.ref, None, "sms", {"from": "+49", "text": "ok"})

    assert sync.drain_events() == 8

    assert sync.cursor() == 8
    assert ledger_rows(services.db) == []
    [inbound] = _inbound(services)
    assert (inbound.customer_id, inbound.text, inbound.gateway_seq) == (anna.id, "ok", 8)
    assert services.consent.status(anna.id).status.objected is False
    # Nothing more to do on the next run.
    assert sync.drain_events() == 0
    assert sync.cursor() == 8


def test_a_lifted_suppression_clears_the_bounced_mark_of_that_channel(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    """``address.unsuppressed`` (the operator lifted a bounce recorded by mistake, e.g.
    after a wrong SMTP password): one event per customer, with the channel."""
    client_id = _book(services, salon, anna)
    _message_event(fake, "message.bounced", client_id, anna, clock.now, permanent=True, error="550")
    sync.drain_events()
    with services.db.write() as s:  # the phone bounced too, earlier
        row = s.get(m.Customer, anna.id)
        assert row is not None
        row.phone_bounced_at = clock.now
    assert services.customers.get(anna.id).email_bounced is True

    fake.add_event(
        "address.unsuppressed", clock.advance(hours=1), anna.ref, None, "email",
        {"reason": "bounced"},
    )  # fmt: skip
    assert sync.drain_events() == 1

    row = services.customers.get(anna.id)
    assert (row.email_bounced, row.phone_bounced) == (False, True)  # only that channel
    fake.add_event(
        "address.unsuppressed", clock.now, None, None, "sms", {"customer_refs": [anna.ref]}
    )
    sync.drain_events()
    assert services.customers.get(anna.id).phone_bounced is False
