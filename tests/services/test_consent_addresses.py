"""Consent belongs to an address (DESIGN.md 2: a click in an email proves that address).

When staff change a customer's email or phone, a request still waiting for the click on
the old address is void and a confirmed consent ends: the new address was never
confirmed. The ledger says so in an ``address_changed`` row naming the request it ends;
campaigns no longer reach the customer on that channel until a new double opt-in. An
address known to bounce, or on the suppression list, gets no consent request at all.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from desk_app.db import models as m
from desk_app.domain.campaigns import CampaignType, ChannelChoice
from desk_app.domain.enums import Category, Channel, ConsentEvent, ConsentSource, ConsentState
from desk_app.domain.errors import AddressUnreachable
from desk_app.services.campaign_rows import AudienceFilters
from desk_app.services.container import Services
from desk_app.services.json_views import evidence_json
from desk_app.services.rows import CustomerInput, CustomerRow
from desk_app.services.suppression import suppress
from tests.conftest import Clock
from tests.services.support import (
    Salon,
    add_customer,
    add_ledger_entry,
    count,
    ledger_rows,
    outbox_messages,
)

EMAIL, SMS = Channel.EMAIL, Channel.SMS
STAFF = "Tanja Groß"


@pytest.fixture
def anna(services: Services, salon: Salon) -> CustomerRow:
    return add_customer(services)


def _declare(services: Services, customer: CustomerRow, *channels: Channel) -> list[str]:
    rows = services.consent.declare(customer.id, channels, ConsentSource.PHONE, STAFF, True)
    return [row.request_id for row in rows]


def _confirm(services: Services, clock: Clock, customer: CustomerRow, channel: Channel, rid: str):
    add_ledger_entry(
        services.db, customer.id, ConsentEvent.CONFIRMED, clock.now, channel, request_id=rid
    )


def _change(services: Services, customer: CustomerRow, **fields: str | None) -> CustomerRow:
    """Staff save the customer form with these fields changed (the rest as stored)."""
    c = services.customers.get(customer.id)
    typed = CustomerInput(c.first_name, c.last_name, c.email, c.phone, notes=c.notes)
    return services.customers.update(customer.id, replace(typed, **fields))


def _state(services: Services, customer: CustomerRow, channel: Channel) -> ConsentState:
    return services.consent.status(customer.id).status.state(channel)


def _marketing_channels(services: Services, customer: CustomerRow) -> dict[str, str | None]:
    """Who a promotion reaches, per customer: the channel, or the exclusion reason."""
    preview = services.campaigns.preview(
        CampaignType.PROMOTION, ChannelChoice.BEST, AudienceFilters()
    )
    found = {a.customer_id: (a.channel.value if a.channel else None) for a in preview.recipients}
    for member in preview.excluded:
        found[member.customer_id] = str(member.reason)
    return {"anna": found.get(customer.id)}


def test_a_pending_request_is_void_when_the_email_changes(
    services: Services, anna: CustomerRow, clock: Clock
) -> None:
    [request_id] = _declare(services, anna, EMAIL)
    clock.advance(minutes=3)
    _change(services, anna, email="anna.neu@example.org")

    assert _state(services, anna, EMAIL) is ConsentState.NONE
    ended = ledger_rows(services.db, anna.id)[-1]
    assert (ended.event, ended.channel, ended.request_id) == (
        ConsentEvent.ADDRESS_CHANGED.value,
        "email",
        request_id,
    )
    # The click on the link mailed to the old address arrives later: it confirms nothing.
    clock.advance(minutes=5)
    _confirm(services, clock, anna, EMAIL, request_id)
    status = services.consent.status(anna.id).status
    assert status.state(EMAIL) is ConsentState.NONE
    assert status.channels[EMAIL].ended_by_address_change is not None
    # The request still waiting in the outbox is not handed to the gateway any more.
    assert services.outbox.release() == []
    [request] = outbox_messages(services.db)
    assert (request.category, request.status) == (Category.CONSENT_REQUEST.value, "rejected")
    # A new declaration for the new address is possible at once.
    [again] = _declare(services, anna, EMAIL)
    assert again != request_id
    assert _state(services, anna, EMAIL) is ConsentState.PENDING
    assert ledger_rows(services.db, anna.id)[-1].address == "anna.neu@example.org"


def test_a_confirmed_consent_ends_when_its_address_changes(
    services: Services, anna: CustomerRow, clock: Clock
) -> None:
    email_id, sms_id = _declare(services, anna, EMAIL, SMS)
    clock.advance(minutes=5)
    _confirm(services, clock, anna, EMAIL, email_id)
    _confirm(services, clock, anna, SMS, sms_id)
    assert _marketing_channels(services, anna) == {"anna": "email"}

    clock.advance(days=2)
    _change(services, anna, email="anna.neu@example.org")
    status = services.consent.status(anna.id).status
    assert status.state(EMAIL) is ConsentState.NONE
    ended = status.channels[EMAIL].ended_by_address_change
    assert ended is not None and ended.at == clock.now and ended.request_id == email_id
    assert status.state(SMS) is ConsentState.CONFIRMED  # the phone did not change
    # The evidence says which address was confirmed, and what ended it.
    exported = evidence_json(services.privacy.consent_evidence(anna.id))
    email = exported["consent"]["channels"]["email"]["evidence"]
    assert email["ended_by_address_change"]["request_id"] == email_id
    assert [(e["event"], e["address"]) for e in email["history"]] == [
        ("declared", "anna.mueller@example.org"),
        ("confirmed", None),
        ("address_changed", None),
    ]
    # Campaigns reach her by SMS only now.
    assert _marketing_channels(services, anna) == {"anna": "sms"}

    _change(services, anna, phone="0151 99999999")
    assert _state(services, anna, SMS) is ConsentState.NONE
    assert _marketing_channels(services, anna) == {"anna": "no_consent"}
    with services.db.read() as s:
        projection = s.get(m.CustomerConsent, anna.id)
        assert projection is not None
        assert (projection.email_basis, projection.sms_basis) == (None, None)


def test_saving_the_same_addresses_ends_nothing(
    services: Services, anna: CustomerRow, clock: Clock
) -> None:
    [request_id] = _declare(services, anna, EMAIL)
    before = count(services.db, m.ConsentLedgerEntry)
    # Typed differently, stored the same (normalised): the address did not change.
    _change(services, anna, email="Anna.Mueller@Example.org ", phone="+49 151 12345678")
    _change(services, anna, notes="Mag Tee")
    assert count(services.db, m.ConsentLedgerEntry) == before
    clock.advance(minutes=5)
    _confirm(services, clock, anna, EMAIL, request_id)
    assert _state(services, anna, EMAIL) is ConsentState.CONFIRMED


def test_removing_the_address_ends_the_consent_too(
    services: Services, anna: CustomerRow, clock: Clock
) -> None:
    [request_id] = _declare(services, anna, SMS)
    clock.advance(minutes=5)
    _confirm(services, clock, anna, SMS, request_id)
    _change(services, anna, phone=None)
    assert _state(services, anna, SMS) is ConsentState.NONE
    assert ledger_rows(services.db, anna.id)[-1].event == ConsentEvent.ADDRESS_CHANGED.value


def test_a_bounced_address_gets_no_consent_request(
    services: Services, anna: CustomerRow, clock: Clock
) -> None:
    with services.db.write() as s:
        row = s.get(m.Customer, anna.id)
        assert row is not None
        row.email_bounced_at = clock.now
    with pytest.raises(AddressUnreachable) as refused:
        _declare(services, anna, EMAIL)
    assert (refused.value.channel, refused.value.why) == (EMAIL, "bounced")
    assert count(services.db, m.ConsentLedgerEntry) == 0
    assert count(services.db, m.OutboxMessage) == 0
    # The phone is fine; "all channels" asks for SMS only, and says nothing of the email.
    assert services.consent.channels_to_declare(anna.id, None) == [SMS]
    _declare(services, anna, SMS)
    assert _state(services, anna, SMS) is ConsentState.PENDING


def test_an_address_on_the_suppression_list_gets_no_consent_request(
    services: Services, anna: CustomerRow, clock: Clock
) -> None:
    # Anna's phone was shared with a customer erased since (it may stay on her record).
    with services.db.write() as s:
        suppress(s, ["+4915112345678"], "erased", clock.now)
    with pytest.raises(AddressUnreachable) as refused:
        _declare(services, anna, SMS)
    assert (refused.value.channel, refused.value.why) == (SMS, "suppressed")
    assert count(services.db, m.ConsentLedgerEntry) == 0
    assert services.consent.channels_to_declare(anna.id, None) == [EMAIL]


def test_an_address_change_after_expiry_writes_nothing(
    services: Services, anna: CustomerRow, clock: Clock
) -> None:
    """An address change after the declaration expired writes nothing (nothing to end)."""
    _declare(services, anna, EMAIL)
    clock.advance(days=31)
    assert _state(services, anna, EMAIL) is ConsentState.EXPIRED
    before = count(services.db, m.ConsentLedgerEntry)
    _change(services, anna, email="anna.neu@example.org")
    assert count(services.db, m.ConsentLedgerEntry) == before
    assert _state(services, anna, EMAIL) is ConsentState.EXPIRED
