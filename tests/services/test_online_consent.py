"""A ticked box on the booking page: a ``declared`` consent with source online_booking,
the statement exactly as shown, the submission's IP and user agent, and the confirmation
link inside the booking confirmation on that channel (its consent request queued first,
carried by that confirmation). No tick: no ledger entry, no link."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from desk_app.db import models as m
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import Channel, ConsentEvent, ConsentSource
from desk_app.domain.statements import statement_sha256
from desk_app.services.booking_payload import BookingPayload
from desk_app.services.consent_request import ConsentRequestPayload
from desk_app.services.container import Services
from desk_app.services.suppression import suppress
from tests.conftest import Clock
from tests.services.online_support import (
    IP,
    USER_AGENT,
    booking_data,
    requested,
    shown_statement,
)
from tests.services.support import (
    Salon,
    add_customer,
    add_ledger_entry,
    ledger_rows,
    outbox_messages,
)


def test_a_ticked_email_box_declares_and_the_confirmation_carries_the_link(
    services: Services, salon: Salon, clock: Clock
) -> None:
    shown = shown_statement(Channel.EMAIL)
    request = requested(services, clock, booking_data(salon, consent={"email": shown, "sms": None}))
    [declared] = ledger_rows(services.db)
    assert declared.customer_id == request.customer_id
    assert (declared.channel, declared.event) == ("email", ConsentEvent.DECLARED.value)
    assert declared.source == ConsentSource.ONLINE_BOOKING.value and declared.staff is None
    assert (declared.ip, declared.user_agent) == (IP, USER_AGENT)
    assert declared.address == "anna.mueller@example.org"
    assert declared.statement_version == shown["version"]
    assert declared.statement_sha256 == statement_sha256(shown["text"])
    assert services.consent.statement_text(declared.statement_sha256) == shown["text"]
    consent_request, confirmation = outbox_messages(services.db)  # the request first
    assert consent_request.kind == "consent_request"
    assert consent_request.client_id == declared.request_id
    payload = ConsentRequestPayload.from_json(consent_request.payload)
    assert payload.source is ConsentSource.ONLINE_BOOKING
    assert (payload.ip, payload.user_agent) == (IP, USER_AGENT)
    assert payload.carried_by == confirmation.client_id
    assert payload.statement_text == shown["text"]
    assert (confirmation.kind, confirmation.channel) == ("booking_confirmation", "email")
    assert "$confirm_url" in confirmation.body and "$manage_url" in confirmation.body
    assert BookingPayload.from_json(confirmation.payload).attachments  # the .ics
    status = services.consent.status(request.customer_id or 0).status
    assert status.state(Channel.EMAIL).value == "pending"


def test_without_a_tick_there_is_no_ledger_entry_and_no_link(
    services: Services, salon: Salon, clock: Clock
) -> None:
    requested(services, clock, booking_data(salon))
    assert ledger_rows(services.db) == []
    [confirmation] = outbox_messages(services.db)
    assert confirmation.kind == "booking_confirmation"
    assert "$confirm_url" not in confirmation.body
    assert "$manage_url" in confirmation.body


def test_a_ticked_sms_box_gets_its_own_confirmation_with_the_link(
    services: Services, salon: Salon, clock: Clock
) -> None:
    shown = shown_statement(Channel.SMS)
    requested(services, clock, booking_data(salon, consent={"email": None, "sms": shown}))
    [declared] = ledger_rows(services.db)
    assert (declared.channel, declared.address) == ("sms", "+4915112345678")
    consent_request, email, sms = outbox_messages(services.db)
    assert consent_request.channel == "sms" and consent_request.kind == "consent_request"
    assert (email.channel, sms.channel) == ("email", "sms")
    assert "$confirm_url" not in email.body and "$confirm_url" in sms.body
    assert "SMS" in sms.body  # the paragraph names the channel
    assert ConsentRequestPayload.from_json(consent_request.payload).carried_by == sms.client_id
    assert BookingPayload.from_json(sms.payload).attachments == ()  # no .ics by SMS


def test_both_boxes_ticked_one_statement_each(
    services: Services, salon: Salon, clock: Clock
) -> None:
    consent = {"email": shown_statement(Channel.EMAIL), "sms": shown_statement(Channel.SMS)}
    requested(services, clock, booking_data(salon, consent=consent))
    assert [e.channel for e in ledger_rows(services.db)] == ["email", "sms"]
    kinds = [(msg.kind, msg.channel) for msg in outbox_messages(services.db)]
    assert kinds == [
        ("consent_request", "email"),
        ("consent_request", "sms"),
        ("booking_confirmation", "email"),
        ("booking_confirmation", "sms"),
    ]


def test_an_already_confirmed_consent_is_not_declared_again(
    services: Services, salon: Salon, clock: Clock
) -> None:
    anna = add_customer(services)
    add_ledger_entry(
        services.db,
        anna.id,
        ConsentEvent.DECLARED,
        datetime(2026, 11, 1, tzinfo=UTC),
        channel=Channel.EMAIL,
        request_id="r-earlier",
    )
    add_ledger_entry(
        services.db,
        anna.id,
        ConsentEvent.CONFIRMED,
        datetime(2026, 11, 2, tzinfo=UTC),
        channel=Channel.EMAIL,
        request_id="r-earlier",
    )
    consent = {"email": shown_statement(Channel.EMAIL), "sms": None}
    requested(services, clock, booking_data(salon, consent=consent))
    assert len(ledger_rows(services.db)) == 2
    [confirmation] = outbox_messages(services.db)
    assert "$confirm_url" not in confirmation.body


def test_with_confirmations_off_the_consent_request_goes_alone(
    services: Services, salon: Salon, clock: Clock
) -> None:
    services.catalogue.set_setting("auto_confirmation", "off", actor=SHARED_COUNTER)
    consent = {"email": shown_statement(Channel.EMAIL), "sms": None}
    requested(services, clock, booking_data(salon, consent=consent))
    [consent_request] = outbox_messages(services.db)
    payload = ConsentRequestPayload.from_json(consent_request.payload)
    assert payload.carried_by is None and "carried_by" not in consent_request.payload
    assert len(ledger_rows(services.db)) == 1


def test_a_box_ticked_for_another_address_than_the_stored_one_records_nothing(
    services: Services, salon: Salon, clock: Clock
) -> None:
    """Found by email, but the mobile number typed next to the SMS box is not the one
    on file: consent is for an address, never for another one."""
    add_customer(services, phone="0151 99999999")
    consent = {"email": None, "sms": shown_statement(Channel.SMS)}
    request = requested(services, clock, booking_data(salon, consent=consent, phone=None))
    assert request.state == "booked"
    assert ledger_rows(services.db) == []
    with services.db.read() as s:
        assert s.query(m.ConsentStatementText).count() == 0


def test_a_box_ticked_while_a_request_is_pending_declares_nothing_new(
    services: Services, salon: Salon, clock: Clock
) -> None:
    """Staff declared email consent on the phone this morning; the customer books online
    and ticks the email box too: the request already on its way is the one to click, the
    booking page makes no second one (DESIGN.md 2: one request per declaration)."""
    anna = add_customer(services)
    [first] = services.consent.declare(
        anna.id, [Channel.EMAIL], ConsentSource.PHONE, salon.reception.name, True
    )
    clock.advance(minutes=30)
    consent = {"email": shown_statement(Channel.EMAIL), "sms": shown_statement(Channel.SMS)}
    request = requested(services, clock, booking_data(salon, consent=consent))
    assert request.state == "booked"
    declared = [r for r in ledger_rows(services.db) if r.event == ConsentEvent.DECLARED.value]
    # Email: still the staff's one; SMS (nothing pending there): declared online.
    assert [(r.channel, r.source) for r in declared] == [
        ("email", ConsentSource.PHONE.value),
        ("sms", ConsentSource.ONLINE_BOOKING.value),
    ]
    requests = [o for o in outbox_messages(services.db) if o.kind == "consent_request"]
    assert [(o.channel, o.client_id == first.request_id) for o in requests] == [
        ("email", True),
        ("sms", False),
    ]
    email_confirmation = [
        o for o in outbox_messages(services.db) if o.kind == "booking_confirmation"
    ][0]
    assert email_confirmation.channel == "email"
    assert "$confirm_url" not in email_confirmation.body
    status = services.consent.status(anna.id).status
    assert status.channels[Channel.EMAIL].request_id == first.request_id


@pytest.mark.parametrize("why", ["bounced", "suppressed"])
def test_a_box_ticked_for_an_unreachable_address_declares_nothing(
    services: Services, salon: Salon, clock: Clock, why: str
) -> None:
    """Her number bounced, or is on the suppression list (shared with a customer erased
    since; it may stay on her record): the booking goes through, no request is made."""
    anna = add_customer(services)
    with services.db.write() as s:
        if why == "bounced":
            row = s.get(m.Customer, anna.id)
            assert row is not None
            row.phone_bounced_at = clock.now
        else:
            suppress(s, ["+4915112345678"], "erased", clock.now)
    consent = {"email": None, "sms": shown_statement(Channel.SMS)}
    request = requested(services, clock, booking_data(salon, consent=consent))
    assert (request.state, request.customer_id) == ("booked", anna.id)
    assert ledger_rows(services.db) == []
