"""The outbox: the policy is checked again at release (DESIGN.md 2: "and again when it is sent")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from desk_app.db import models as m
from desk_app.domain.enums import (
    Category,
    Channel,
    ConsentSource,
    OutboxStatus,
)
from desk_app.domain.errors import NotFound
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.rows import AppointmentRow, CustomerRow, DeclarationRow, OutboxRow
from tests.conftest import Clock
from tests.services.support import (
    Salon,
    add_customer,
    friday,
    object_customer,
    outbox_messages,
)
from tests.services.test_outbox_view import counted_statements

STAFF = "Tanja Groß"


@pytest.fixture
def anna(services: Services, salon: Salon) -> CustomerRow:
    return add_customer(services)


def _book(services: Services, salon: Salon, customer: CustomerRow, hour: int) -> AppointmentRow:
    row = services.booking.book(
        BookingRequest(customer.id, salon.stylist.id, salon.cut.id, friday(hour))
    )
    assert row.confirmation_client_id is not None
    return row


def _declare(services: Services, customer: CustomerRow, *channels: Channel) -> list[DeclarationRow]:
    return services.consent.declare(customer.id, channels, ConsentSource.PHONE, STAFF, True)


def _by_client_id(services: Services) -> dict[str, OutboxRow]:
    return {row.client_id: row for row in services.outbox.messages()}


def _set_status(services: Services, client_id: str, status: OutboxStatus, reason: str) -> None:
    """What a gateway sync would record for the message."""
    with services.db.write() as s:
        s.execute(
            update(m.OutboxMessage)
            .where(m.OutboxMessage.client_id == client_id)
            .values(status=status.value, reason=reason)
        )


# ---- allowed messages -----------------------------------------------------------------------
def test_allowed_messages_are_released_with_their_client_id(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    booking = _book(services, salon, anna, 10)
    declared = _declare(services, anna, Channel.EMAIL, Channel.SMS)

    released = services.outbox.release()

    expected = [booking.confirmation_client_id] + [d.request_id for d in declared]
    assert [r.client_id for r in released] == expected
    assert [r.category for r in released] == [
        Category.TRANSACTIONAL,
        Category.CONSENT_REQUEST,
        Category.CONSENT_REQUEST,
    ]
    assert [r.to_address for r in released] == [
        "anna.mueller@example.org",
        "anna.mueller@example.org",
        "+4915112345678",
    ]
    # Released is not sent: they stay queued until the gateway accepts them.
    assert {r.status for r in services.outbox.messages()} == {OutboxStatus.QUEUED}
    # Releasing again gives the very same messages (idempotent by client_id).
    assert [r.client_id for r in services.outbox.release()] == expected


def test_release_respects_the_limit(services: Services, salon: Salon, anna: CustomerRow) -> None:
    first = _book(services, salon, anna, 10)
    _book(services, salon, anna, 12)
    released = services.outbox.release(limit=1)
    assert [r.client_id for r in released] == [first.confirmation_client_id]


def test_release_checks_only_what_it_hands_over(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    """A release of one reads one message: the ones behind it are checked (and, if the
    rules refuse them now, rejected) by the release that reaches them."""
    first = _book(services, salon, anna, 10)
    second = _book(services, salon, anna, 12)
    third = _book(services, salon, anna, 14)
    services.booking.set_notify(third.id, False)
    assert third.confirmation_client_id is not None

    assert [r.client_id for r in services.outbox.release(limit=1)] == [first.confirmation_client_id]
    assert _by_client_id(services)[third.confirmation_client_id].status is OutboxStatus.QUEUED

    # A page that comes up short is followed by another: the limit is still met.
    _set_status(services, first.confirmation_client_id or "", OutboxStatus.SENT, "")
    assert [r.client_id for r in services.outbox.release(limit=1)] == [
        second.confirmation_client_id
    ]
    _set_status(services, second.confirmation_client_id or "", OutboxStatus.SENT, "")
    assert services.outbox.release() == []
    assert _by_client_id(services)[third.confirmation_client_id].status is OutboxStatus.REJECTED


def test_release_queries_per_page_not_per_message(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    """The appointments of booking messages are read with the page, not one by one."""
    _book(services, salon, anna, 9)

    def statements_of_release() -> int:
        with counted_statements(services.db) as statements:
            released = services.outbox.release()
        with services.db.write() as s:  # released is not sent: back to the same start
            s.execute(update(m.OutboxMessage).values(status=OutboxStatus.QUEUED.value))
        assert released
        return len(statements)

    one = statements_of_release()
    for hour in (10, 11, 12, 13, 14, 15):
        _book(services, salon, anna, hour)
    assert statements_of_release() == one


# ---- re-checked at release ------------------------------------------------------------------
def test_consent_request_revoked_before_release_is_rejected(
    services: Services, anna: CustomerRow, clock: Clock
) -> None:
    [email, sms] = _declare(services, anna, Channel.EMAIL, Channel.SMS)
    clock.advance(minutes=10)
    services.consent.revoke(anna.id, [Channel.SMS], ConsentSource.PHONE, STAFF)

    released = services.outbox.release()

    assert [r.client_id for r in released] == [email.request_id]
    rows = _by_client_id(services)
    assert rows[sms.request_id].status is OutboxStatus.REJECTED
    assert rows[sms.request_id].reason == "consent_revoked"
    assert rows[sms.request_id].client_id == sms.request_id
    assert rows[email.request_id].status is OutboxStatus.QUEUED


def test_consent_request_after_objection_is_rejected(
    services: Services, anna: CustomerRow, clock: Clock
) -> None:
    """An objection after the declaration revokes the pending consent: no request either."""
    [email] = _declare(services, anna, Channel.EMAIL)
    clock.advance(minutes=10)
    object_customer(services.db, anna.id, clock.now)

    assert services.outbox.release() == []
    row = _by_client_id(services)[email.request_id]
    assert (row.status, row.reason) == (OutboxStatus.REJECTED, "consent_revoked")


def test_consent_request_expired_before_release_is_rejected(
    services: Services, anna: CustomerRow, clock: Clock
) -> None:
    [email] = _declare(services, anna, Channel.EMAIL)
    clock.advance(days=31)

    assert services.outbox.release() == []
    row = _by_client_id(services)[email.request_id]
    assert (row.status, row.reason) == (OutboxStatus.REJECTED, "consent_expired")


def test_booking_confirmation_of_cancelled_appointment_is_rejected(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    cancelled = _book(services, salon, anna, 10)
    kept = _book(services, salon, anna, 12)
    services.booking.cancel(cancelled.id)

    released = services.outbox.release()

    assert [r.client_id for r in released] == [kept.confirmation_client_id]
    rows = _by_client_id(services)
    assert cancelled.confirmation_client_id is not None
    gone = rows[cancelled.confirmation_client_id]
    assert (gone.status, gone.reason) == (OutboxStatus.REJECTED, "cancelled")


def test_message_past_not_after_is_expired(
    services: Services, salon: Salon, anna: CustomerRow, clock: Clock
) -> None:
    early = _book(services, salon, anna, 10)
    late = _book(services, salon, anna, 14)
    clock.now = friday(10, 0).astimezone(UTC)  # the first appointment starts now

    released = services.outbox.release()

    assert [r.client_id for r in released] == [late.confirmation_client_id]
    assert early.confirmation_client_id is not None
    expired = _by_client_id(services)[early.confirmation_client_id]
    assert (expired.status, expired.reason) == (OutboxStatus.EXPIRED, "not_after")
    assert expired.not_after == friday(10, 0)


def test_message_before_not_before_stays_queued(
    services: Services, salon: Salon, anna: CustomerRow, clock: Clock
) -> None:
    row = _book(services, salon, anna, 10)
    with services.db.write() as s:
        s.execute(update(m.OutboxMessage).values(not_before=clock.now + timedelta(hours=1)))

    assert services.outbox.release() == []
    assert services.outbox.messages()[0].status is OutboxStatus.QUEUED

    clock.advance(hours=1)
    assert [r.client_id for r in services.outbox.release()] == [row.confirmation_client_id]


def test_confirmation_of_notify_switched_off_is_not_released(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    """The per-booking notify switch decides whether confirmations go out for it."""
    row = _book(services, salon, anna, 10)
    services.booking.set_notify(row.id, False)

    released = services.outbox.release()

    assert released == []
    assert row.confirmation_client_id is not None
    assert _by_client_id(services)[row.confirmation_client_id].status is OutboxStatus.REJECTED


def test_confirmation_of_rescheduled_appointment_does_not_state_the_old_time(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    """A confirmation still waiting in the outbox must not announce a time that is no longer
    the appointment's time."""
    row = _book(services, salon, anna, 10)
    services.booking.reschedule(row.id, friday(15, 0))

    released = {r.client_id for r in services.outbox.release()}

    stale = [
        msg.body
        for msg in outbox_messages(services.db)
        if msg.client_id in released and "10:00" in msg.body
    ]
    assert stale == [], "a confirmation with the old time 10:00 was released after the move"


def test_objected_customer_with_notify_on_gets_the_confirmation_at_release(
    services: Services, salon: Salon, anna: CustomerRow, clock: Clock
) -> None:
    object_customer(services.db, anna.id, clock.now - timedelta(days=1))
    row = services.booking.book(
        BookingRequest(anna.id, salon.stylist.id, salon.cut.id, friday(10), notify=True)
    )
    assert [r.client_id for r in services.outbox.release()] == [row.confirmation_client_id]


def test_bounced_address_is_rejected_at_release(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    row = _book(services, salon, anna, 10)
    with services.db.write() as s:
        s.execute(update(m.Customer).values(email_bounced_at=datetime(2026, 11, 25, 9, tzinfo=UTC)))
    assert services.outbox.release() == []
    assert row.confirmation_client_id is not None
    rejected = _by_client_id(services)[row.confirmation_client_id]
    assert (rejected.status, rejected.reason) == (OutboxStatus.REJECTED, "bounced")


# ---- list and retry -------------------------------------------------------------------------
def test_messages_filters_by_status_newest_first(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    first = _book(services, salon, anna, 10)
    second = _book(services, salon, anna, 12)
    services.booking.cancel(first.id)
    services.outbox.release()

    assert [r.client_id for r in services.outbox.messages()] == [
        second.confirmation_client_id,
        first.confirmation_client_id,
    ]
    assert [r.client_id for r in services.outbox.messages(OutboxStatus.REJECTED)] == [
        first.confirmation_client_id
    ]
    assert [r.client_id for r in services.outbox.messages(OutboxStatus.QUEUED)] == [
        second.confirmation_client_id
    ]


def test_retry_requeues_only_failed_messages(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    failed = _book(services, salon, anna, 10)
    rejected = _book(services, salon, anna, 12)
    queued = _book(services, salon, anna, 14)
    assert failed.confirmation_client_id and rejected.confirmation_client_id
    assert queued.confirmation_client_id
    _set_status(services, failed.confirmation_client_id, OutboxStatus.FAILED, "smtp_error")
    _set_status(services, rejected.confirmation_client_id, OutboxStatus.REJECTED, "objected")
    ids = {r.client_id: r.id for r in services.outbox.messages()}

    retried = services.outbox.retry(ids[failed.confirmation_client_id])
    assert (retried.status, retried.reason) == (OutboxStatus.QUEUED, None)
    assert retried.client_id == failed.confirmation_client_id

    still_rejected = services.outbox.retry(ids[rejected.confirmation_client_id])
    assert (still_rejected.status, still_rejected.reason) == (OutboxStatus.REJECTED, "objected")

    still_queued = services.outbox.retry(ids[queued.confirmation_client_id])
    assert still_queued.status is OutboxStatus.QUEUED

    rows = _by_client_id(services)
    assert rows[failed.confirmation_client_id].status is OutboxStatus.QUEUED
    assert rows[rejected.confirmation_client_id].status is OutboxStatus.REJECTED
    # The retried message goes out again under its old client_id.
    released = {r.client_id for r in services.outbox.release()}
    assert released == {failed.confirmation_client_id, queued.confirmation_client_id}


@pytest.mark.parametrize(
    "status", [OutboxStatus.SENT, OutboxStatus.DELIVERED, OutboxStatus.BOUNCED]
)
def test_retry_leaves_delivered_states_alone(
    services: Services, salon: Salon, anna: CustomerRow, status: OutboxStatus
) -> None:
    row = _book(services, salon, anna, 10)
    assert row.confirmation_client_id is not None
    _set_status(services, row.confirmation_client_id, status, "")
    [message] = services.outbox.messages()
    assert services.outbox.retry(message.id).status is status
    assert services.outbox.messages()[0].status is status


def test_retry_unknown_message_raises_not_found(services: Services) -> None:
    with pytest.raises(NotFound) as info:
        services.outbox.retry(12345)
    assert info.value.kind == "message"
