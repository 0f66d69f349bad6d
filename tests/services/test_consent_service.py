"""Recording consent declarations and withdrawals (ConsentService, DESIGN.md 2, 2.1, 2.2)."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest

from desk_app.db import models as m
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import (
    Category,
    Channel,
    ConsentEvent,
    ConsentSource,
    ConsentState,
    OutboxStatus,
)
from desk_app.domain.errors import (
    ConsentAlreadyConfirmed,
    ConsentNotAgreed,
    ConsentPending,
    InvalidField,
    NoAddressForChannel,
    NotFound,
    StatementChanged,
)
from desk_app.domain.statements import CURRENT_VERSION
from desk_app.services.consent_request import ConsentRequestPayload
from desk_app.services.container import Services
from desk_app.services.rows import CustomerRow
from tests.conftest import Clock
from tests.services.support import (
    Salon,
    add_customer,
    add_ledger_entry,
    count,
    ledger_rows,
    object_customer,
    outbox_messages,
)

EMAIL, SMS = Channel.EMAIL, Channel.SMS
STAFF = "Tanja Groß"


@pytest.fixture
def anna(services: Services, salon: Salon) -> CustomerRow:
    """Valid email and a mobile number: both channels usable."""
    return add_customer(services)


def _nothing_written(services: Services) -> None:
    assert count(services.db, m.ConsentLedgerEntry) == 0
    assert count(services.db, m.OutboxMessage) == 0
    assert count(services.db, m.ConsentStatementText) == 0


def _declare(services: Services, customer: CustomerRow, *channels: Channel, **kw: object) -> list:
    options: dict[str, object] = {
        "source": ConsentSource.PHONE,
        "staff_name": STAFF,
        "customer_agreed": True,
        **kw,
    }
    return services.consent.declare(customer.id, channels, **options)  # type: ignore[arg-type]


# ---- refusals write nothing -----------------------------------------------------------------
def test_declare_without_customer_agreed_raises_and_writes_nothing(
    services: Services, anna: CustomerRow
) -> None:
    with pytest.raises(ConsentNotAgreed):
        _declare(services, anna, EMAIL, SMS, customer_agreed=False)
    _nothing_written(services)
    assert services.consent.status(anna.id).status.state(EMAIL) is ConsentState.NONE


def test_declare_for_channel_without_address_raises_and_writes_nothing(
    services: Services, salon: Salon
) -> None:
    customer = add_customer(services, phone=None)
    with pytest.raises(NoAddressForChannel) as info:
        _declare(services, customer, SMS)
    assert info.value.channel is SMS
    _nothing_written(services)


def test_declare_is_atomic_across_channels(services: Services, salon: Salon) -> None:
    """Email is fine, SMS has no address: neither channel is declared."""
    customer = add_customer(services, phone=None)

    with pytest.raises(NoAddressForChannel) as info:
        _declare(services, customer, EMAIL, SMS)

    assert info.value.channel is SMS
    _nothing_written(services)
    status = services.consent.status(customer.id).status
    assert status.state(EMAIL) is ConsentState.NONE


def test_email_channel_needs_an_email(services: Services, salon: Salon) -> None:
    customer = add_customer(services, email=None)
    with pytest.raises(NoAddressForChannel) as info:
        _declare(services, customer, EMAIL, SMS)
    assert info.value.channel is EMAIL
    _nothing_written(services)


def test_landline_is_not_usable_for_sms(services: Services, salon: Salon) -> None:
    customer = add_customer(services, phone="030 12345678")
    assert customer.phone == "+493012345678"
    assert services.consent.usable_channels(customer.id) == [EMAIL]

    with pytest.raises(NoAddressForChannel) as info:
        _declare(services, customer, SMS)

    assert info.value.channel is SMS
    _nothing_written(services)


def test_usable_channels_lists_both_for_email_and_mobile(
    services: Services, anna: CustomerRow
) -> None:
    assert services.consent.usable_channels(anna.id) == [EMAIL, SMS]


def test_unknown_staff_name_raises_not_found(services: Services, anna: CustomerRow) -> None:
    with pytest.raises(NotFound) as info:
        _declare(services, anna, EMAIL, staff_name="Niemand")
    assert (info.value.kind, info.value.key) == ("staff", "Niemand")
    _nothing_written(services)


def test_empty_staff_name_is_required(services: Services, anna: CustomerRow) -> None:
    with pytest.raises(InvalidField) as info:
        _declare(services, anna, EMAIL, staff_name="  ")
    assert (info.value.field, info.value.problem) == ("staff", "required")
    _nothing_written(services)


def test_no_channel_is_refused(services: Services, anna: CustomerRow) -> None:
    with pytest.raises(InvalidField) as info:
        _declare(services, anna)
    assert (info.value.field, info.value.problem) == ("channel", "required")
    _nothing_written(services)


@pytest.mark.parametrize("source", [ConsentSource.LINK, ConsentSource.ONLINE])
def test_staff_cannot_record_a_customer_side_source(
    services: Services, anna: CustomerRow, source: ConsentSource
) -> None:
    with pytest.raises(InvalidField) as info:
        _declare(services, anna, EMAIL, source=source)
    assert info.value.field == "source"
    _nothing_written(services)


def test_unknown_customer_raises_not_found(services: Services, salon: Salon) -> None:
    with pytest.raises(NotFound) as info:
        services.consent.declare(999, [EMAIL], ConsentSource.PHONE, STAFF, True)
    assert info.value.kind == "customer"
    _nothing_written(services)


# ---- successful declaration -----------------------------------------------------------------
def test_declare_writes_one_declared_row_per_channel_with_evidence(
    services: Services, anna: CustomerRow, clock: Clock
) -> None:
    declared = _declare(services, anna, SMS, EMAIL, source=ConsentSource.IN_PERSON)

    assert [d.channel for d in declared] == [EMAIL, SMS]
    rows = ledger_rows(services.db, anna.id)
    assert len(rows) == 2
    assert [r.channel for r in rows] == ["email", "sms"]
    assert [r.address for r in rows] == ["anna.mueller@example.org", "+4915112345678"]
    for row, declaration in zip(rows, declared, strict=True):
        assert row.event == ConsentEvent.DECLARED.value
        assert row.staff == STAFF
        assert row.source == ConsentSource.IN_PERSON.value
        assert row.at == clock.now
        assert row.statement_version == CURRENT_VERSION
        assert row.request_id == declaration.request_id
        assert row.statement_sha256 == declaration.statement_sha256
        assert declaration.statement_version == CURRENT_VERSION
    assert rows[0].request_id != rows[1].request_id


def test_statement_hash_is_sha256_of_the_stored_statement_text(
    services: Services, anna: CustomerRow
) -> None:
    declared = _declare(services, anna, EMAIL, SMS)

    sha = declared[0].statement_sha256
    assert {d.statement_sha256 for d in declared} == {sha}
    with services.db.read() as s:
        stored = s.get(m.ConsentStatementText, sha)
        assert stored is not None
        text, version, language = stored.text, stored.version, stored.language
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == sha
    assert (version, language) == (CURRENT_VERSION, "de")
    assert "E-Mail und SMS" in text
    # The text staff read aloud is exactly the one that was hashed.
    assert services.consent.statement_for(anna.id, [EMAIL, SMS]).text == text
    assert services.consent.statement_text(sha) == text


def test_declaring_with_the_statement_shown_records_and_queues_that_statement(
    services: Services, anna: CustomerRow
) -> None:
    shown = services.consent.statement_for(anna.id, [EMAIL])
    [declared] = _declare(services, anna, EMAIL, shown_statement_sha256=shown.sha256)
    assert declared.statement_sha256 == shown.sha256
    [message] = outbox_messages(services.db)
    payload = ConsentRequestPayload.from_json(message.payload)
    assert (payload.statement_sha256, payload.statement_text) == (shown.sha256, shown.text)
    assert payload.request_id == declared.request_id


def test_declaring_after_the_statement_changed_is_refused_and_writes_nothing(
    services: Services, anna: CustomerRow
) -> None:
    shown = services.consent.statement_for(anna.id, [EMAIL])
    # Someone renames the salon while the statement is being read out.
    services.catalogue.set_setting("salon_name", "Salon Neuer Name", actor=SHARED_COUNTER)
    with pytest.raises(StatementChanged) as info:
        _declare(services, anna, EMAIL, shown_statement_sha256=shown.sha256)
    current = services.consent.statement_for(anna.id, [EMAIL]).sha256
    assert (info.value.shown_sha256, info.value.current_sha256) == (shown.sha256, current)
    _nothing_written(services)


def test_statement_follows_the_customers_language(services: Services, salon: Salon) -> None:
    customer = add_customer(services, "Emma", "Smith", "emma@example.org", None, language="en")
    [declared] = _declare(services, customer, EMAIL)
    text = services.consent.statement_text(declared.statement_sha256)
    assert text is not None
    assert text.startswith("I agree that")
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == declared.statement_sha256


def test_same_statement_is_stored_once(services: Services, anna: CustomerRow) -> None:
    bea = add_customer(services, "Bea", "Bauer", "bea@example.org", "0170 9876543")
    first = _declare(services, anna, EMAIL)
    second = _declare(services, bea, EMAIL)
    assert first[0].statement_sha256 == second[0].statement_sha256
    assert count(services.db, m.ConsentStatementText) == 1


def test_declare_queues_one_consent_request_per_channel(
    services: Services, anna: CustomerRow
) -> None:
    declared = _declare(services, anna, EMAIL, SMS)

    messages = outbox_messages(services.db)
    assert len(messages) == 2
    by_channel = {msg.channel: msg for msg in messages}
    for declaration in declared:
        message = by_channel[declaration.channel.value]
        assert message.category == Category.CONSENT_REQUEST.value
        assert message.kind == "consent_request"
        assert message.status == OutboxStatus.QUEUED.value
        assert message.customer_id == anna.id
        assert message.client_id == declaration.request_id
        assert declaration.outbox_client_id == declaration.request_id
        assert message.payload["request_id"] == declaration.request_id
        assert message.payload["statement"]["version"] == CURRENT_VERSION
        assert message.payload["source"] == {"kind": "phone", "staff": STAFF}
    assert by_channel["email"].to_address == "anna.mueller@example.org"
    assert by_channel["sms"].to_address == "+4915112345678"


def test_declare_makes_channels_pending(services: Services, anna: CustomerRow) -> None:
    declared = _declare(services, anna, EMAIL)
    status = services.consent.status(anna.id).status
    assert status.state(EMAIL) is ConsentState.PENDING
    assert status.state(SMS) is ConsentState.NONE
    assert status.channels[EMAIL].request_id == declared[0].request_id
    assert status.channels[EMAIL].source is ConsentSource.PHONE


def test_declare_for_an_objected_customer_still_queues_the_request(
    services: Services, anna: CustomerRow, clock: Clock
) -> None:
    """Only a new, confirmed double opt-in lifts an objection: the request must go out."""
    object_customer(services.db, anna.id, clock.now - timedelta(days=2))
    [declared] = _declare(services, anna, EMAIL)
    [message] = outbox_messages(services.db)
    assert message.client_id == declared.request_id


# ---- already confirmed ----------------------------------------------------------------------
def test_declaring_an_already_confirmed_channel_raises(
    services: Services, anna: CustomerRow, clock: Clock
) -> None:
    [declared] = _declare(services, anna, EMAIL)
    clock.advance(hours=2)
    add_ledger_entry(
        services.db, anna.id, ConsentEvent.CONFIRMED, clock.now, EMAIL, declared.request_id
    )
    assert services.consent.status(anna.id).status.state(EMAIL) is ConsentState.CONFIRMED

    with pytest.raises(ConsentAlreadyConfirmed) as info:
        _declare(services, anna, EMAIL, SMS)

    assert info.value.channel is EMAIL
    assert count(services.db, m.ConsentLedgerEntry) == 2  # declared + confirmed, nothing new
    assert count(services.db, m.OutboxMessage) == 1
    # The other channel alone can still be declared.
    [sms] = _declare(services, anna, SMS)
    assert sms.channel is SMS
    assert services.consent.status(anna.id).status.state(EMAIL) is ConsentState.CONFIRMED


def test_confirmation_with_another_request_id_does_not_count(
    services: Services, anna: CustomerRow, clock: Clock
) -> None:
    _declare(services, anna, EMAIL)
    add_ledger_entry(services.db, anna.id, ConsentEvent.CONFIRMED, clock.now, EMAIL, "forged-id")
    assert services.consent.status(anna.id).status.state(EMAIL) is ConsentState.PENDING
    # Not confirmed: still pending, so a second declaration is refused as pending.
    with pytest.raises(ConsentPending):
        _declare(services, anna, EMAIL)


# ---- pending ----------------------------------------------------------------------------------
def test_declaring_a_pending_channel_again_is_refused_and_writes_nothing(
    services: Services, anna: CustomerRow, clock: Clock
) -> None:
    declared_at = clock.now
    _declare(services, anna, EMAIL)
    clock.advance(hours=1)

    with pytest.raises(ConsentPending) as info:
        _declare(services, anna, SMS, EMAIL)

    assert info.value.channel is EMAIL and info.value.declared_at == declared_at
    assert count(services.db, m.ConsentLedgerEntry) == 1  # the first declaration only
    assert count(services.db, m.OutboxMessage) == 1  # one confirmation request queued
    # The other channel alone can still be declared.
    [sms] = _declare(services, anna, SMS)
    assert sms.channel is SMS


def test_channels_to_declare_all_skips_pending(services: Services, anna: CustomerRow) -> None:
    _declare(services, anna, EMAIL)
    assert services.consent.channels_to_declare(anna.id, None) == [SMS]
    _declare(services, anna, SMS)
    # Nothing left: every channel, so that declare says why (pending).
    assert services.consent.channels_to_declare(anna.id, None) == [EMAIL, SMS]
    with pytest.raises(ConsentPending):
        _declare(services, anna, EMAIL, SMS)


def test_channels_to_declare_all_names_the_pending_channel_not_the_missing_address(
    services: Services, salon: Salon
) -> None:
    """Only a mobile number, SMS consent pending: declaring "all" again must be refused
    for the pending SMS consent, not for the email address she never gave."""
    mobile_only = add_customer(services, "Dora", "Handy", None, "0151 12345678")
    _declare(services, mobile_only, SMS)
    channels = services.consent.channels_to_declare(mobile_only.id, None)
    with pytest.raises(ConsentPending) as info:
        _declare(services, mobile_only, *channels)
    assert info.value.channel is SMS
    assert count(services.db, m.OutboxMessage) == 1


# ---- revoke ---------------------------------------------------------------------------------
def test_revoke_writes_revoked_rows_and_status_shows_revoked(
    services: Services, anna: CustomerRow, clock: Clock
) -> None:
    _declare(services, anna, EMAIL, SMS)
    clock.advance(days=1)

    row = services.consent.revoke(anna.id, [EMAIL], ConsentSource.PHONE, STAFF)

    assert row.customer_id == anna.id
    assert row.status.state(EMAIL) is ConsentState.REVOKED
    assert row.status.state(SMS) is ConsentState.PENDING
    assert row.status.channels[EMAIL].since == clock.now
    revoked = [r for r in ledger_rows(services.db, anna.id) if r.event == "revoked"]
    assert len(revoked) == 1
    assert (revoked[0].channel, revoked[0].staff, revoked[0].source) == ("email", STAFF, "phone")
    assert revoked[0].at == clock.now
    assert revoked[0].address == "anna.mueller@example.org"
    assert services.consent.status(anna.id).status.state(EMAIL) is ConsentState.REVOKED


def test_revoke_both_channels_writes_a_row_each(
    services: Services, anna: CustomerRow, clock: Clock
) -> None:
    declared = _declare(services, anna, EMAIL, SMS)
    add_ledger_entry(
        services.db, anna.id, ConsentEvent.CONFIRMED, clock.now, EMAIL, declared[0].request_id
    )
    clock.advance(days=3)

    row = services.consent.revoke(anna.id, [SMS, EMAIL], ConsentSource.IN_PERSON, STAFF)

    assert row.status.state(EMAIL) is ConsentState.REVOKED
    assert row.status.state(SMS) is ConsentState.REVOKED
    events = [(r.event, r.channel) for r in ledger_rows(services.db, anna.id)]
    assert events[-2:] == [("revoked", "email"), ("revoked", "sms")]


def test_revoke_needs_known_staff_and_writes_nothing_otherwise(
    services: Services, anna: CustomerRow
) -> None:
    _declare(services, anna, EMAIL)
    with pytest.raises(NotFound):
        services.consent.revoke(anna.id, [EMAIL], ConsentSource.PHONE, "Niemand")
    assert count(services.db, m.ConsentLedgerEntry) == 1
    assert services.consent.status(anna.id).status.state(EMAIL) is ConsentState.PENDING


def test_declare_again_after_revoke_is_pending(
    services: Services, anna: CustomerRow, clock: Clock
) -> None:
    _declare(services, anna, EMAIL)
    services.consent.revoke(anna.id, [EMAIL], ConsentSource.PHONE, STAFF)
    clock.advance(minutes=5)
    _declare(services, anna, EMAIL)
    assert services.consent.status(anna.id).status.state(EMAIL) is ConsentState.PENDING


# ---- expiry ---------------------------------------------------------------------------------
def test_status_pending_then_expired_after_thirty_days(
    services: Services, anna: CustomerRow, clock: Clock
) -> None:
    declared_at = clock.now
    _declare(services, anna, EMAIL)
    assert services.consent.status(anna.id).status.state(EMAIL) is ConsentState.PENDING

    clock.advance(days=29)
    assert services.consent.status(anna.id).status.state(EMAIL) is ConsentState.PENDING

    clock.advance(days=2)  # 31 days after the declaration
    channel = services.consent.status(anna.id).status.channels[EMAIL]
    assert channel.state is ConsentState.EXPIRED
    assert channel.since == declared_at + timedelta(days=30)
    # Expiry is derived, never written.
    assert count(services.db, m.ConsentLedgerEntry) == 1


def test_expired_channel_can_be_declared_again(
    services: Services, anna: CustomerRow, clock: Clock
) -> None:
    _declare(services, anna, EMAIL)
    clock.advance(days=31)
    [again] = _declare(services, anna, EMAIL)
    channel = services.consent.status(anna.id).status.channels[EMAIL]
    assert channel.state is ConsentState.PENDING
    assert channel.request_id == again.request_id


# ---- which channels a declaration covers (command line and window) --------------------------
def test_channels_to_declare_one_asked_for(services: Services, anna: CustomerRow) -> None:
    assert services.consent.channels_to_declare(anna.id, SMS) == [SMS]


def test_channels_to_declare_all_skips_confirmed_and_unusable(
    services: Services, salon: Salon, anna: CustomerRow, clock: Clock
) -> None:
    assert services.consent.channels_to_declare(anna.id, None) == [EMAIL, SMS]
    [declared] = _declare(services, anna, EMAIL)
    add_ledger_entry(
        services.db, anna.id, ConsentEvent.CONFIRMED, clock.now, EMAIL, declared.request_id
    )
    assert services.consent.channels_to_declare(anna.id, None) == [SMS]
    no_phone = add_customer(services, "Berta", "Klein", "berta@example.org", None)
    assert services.consent.channels_to_declare(no_phone.id, None) == [EMAIL]


def test_channels_to_declare_all_when_nothing_is_usable_lets_declare_say_why(
    services: Services, salon: Salon
) -> None:
    nobody = add_customer(services, "Carl", "Ohne", None, None)
    assert services.consent.channels_to_declare(nobody.id, None) == [EMAIL, SMS]
