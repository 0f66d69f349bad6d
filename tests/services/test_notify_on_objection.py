"""An objection turns off the notify switch of the customer's open bookings, unless it was
switched on after the objection (DESIGN.md 2, made precise by issue 8).

Issue 8 found a reminder that went out a minute after the customer had unsubscribed
through the link in that very booking's confirmation. Real databases on both backends;
the objection arrives as the gateway's ``optout.received`` event (through the sync, as
in production) or is recorded by staff; the reminder automation runs as it does every
five minutes.

The clock starts on Wednesday 2026-11-25 08:00 UTC (09:00 in Berlin).
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from desk_app.domain.automations import Automation
from desk_app.domain.enums import ConsentSource, OutboxStatus
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.rows import AppointmentRow, CustomerRow
from desk_app.services.sync import SyncService
from tests.conftest import Clock
from tests.services.fake_gateway import FakeGateway, make_sync
from tests.services.support import Salon, add_customer, berlin, outbox_messages

THURSDAY_8 = berlin(2026, 11, 26, 8)  # 23 hours after the clock's start: reminder due
FRIDAY_10 = berlin(2026, 11, 27, 10)


@pytest.fixture
def anna(services: Services) -> CustomerRow:
    return add_customer(services, "Anna", "Müller", "anna@example.org", None)


@pytest.fixture
def fake() -> FakeGateway:
    return FakeGateway()


@pytest.fixture
def sync(services: Services, fake: FakeGateway, clock: Clock) -> SyncService:
    return make_sync(services, fake, clock)


def _book(
    services: Services, salon: Salon, customer: CustomerRow, at: datetime, notify: bool | None
) -> AppointmentRow:
    return services.booking.book(
        BookingRequest(customer.id, salon.stylist.id, salon.cut.id, at, notify=notify)
    )


def _optout(fake: FakeGateway, customer: CustomerRow, at: datetime, client_id: str) -> None:
    """The customer pressed "Abmelden" on the page of a message's unsubscribe link."""
    fake.add_event("optout.received", at, customer.ref, client_id, "email", {"via": "link"})


def _reminders(services: Services) -> list[tuple[int | None, str, str | None]]:
    return [
        (msg.appointment_id, msg.status, msg.reason)
        for msg in outbox_messages(services.db)
        if msg.kind == "reminder"
    ]


def test_no_reminder_after_unsubscribing_from_the_bookings_confirmation(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    booking = _book(services, salon, anna, THURSDAY_8, notify=None)
    assert booking.notify and booking.confirmation_client_id
    assert sync.run_once().ok  # the confirmation goes out
    clock.advance(minutes=5)
    _optout(fake, anna, clock.now, booking.confirmation_client_id)  # its link, at once
    assert sync.run_once().ok
    clock.advance(minutes=1)

    report = services.automations.run()

    assert report[Automation.REMINDER].queued == 0
    assert report[Automation.REMINDER].refused == {"objected": 1}
    assert _reminders(services) == []
    assert services.booking.get(booking.id).notify is False


def test_a_waiting_reminder_is_withdrawn_when_the_objection_arrives(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    booking = _book(services, salon, anna, THURSDAY_8, notify=None)
    assert services.automations.run()[Automation.REMINDER].queued == 1
    fake.fail_next(method="send_messages")  # the reminder has not reached the gateway yet
    sync.run_once()
    assert _reminders(services) == [(booking.id, OutboxStatus.QUEUED.value, None)]
    assert booking.confirmation_client_id is not None
    _optout(fake, anna, clock.advance(minutes=1), booking.confirmation_client_id)

    assert sync.run_once().ok  # events first: the objection applies before the flush

    assert _reminders(services) == [(booking.id, OutboxStatus.REJECTED.value, "notify_off")]
    assert all(booking.id != 0 and item.kind != "reminder" for item in fake.sent_items)


def test_switched_on_by_staff_after_the_objection_it_stays_on(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    booking = _book(services, salon, anna, THURSDAY_8, notify=None)
    assert booking.confirmation_client_id is not None
    _optout(fake, anna, clock.now, booking.confirmation_client_id)
    assert sync.run_once().ok
    assert services.booking.get(booking.id).notify is False
    # The customer calls: "please do remind me of this one". Staff switch it on.
    clock.advance(minutes=10)
    services.booking.set_notify(booking.id, True)

    assert services.automations.run()[Automation.REMINDER].queued == 1
    assert _reminders(services) == [(booking.id, OutboxStatus.QUEUED.value, None)]


def test_an_objection_that_arrives_late_keeps_a_switch_set_after_it(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    """Offline for a while: the customer objected at 09:00, staff switched the booking on
    on purpose at 09:30, the event reaches this counter PC at 10:00."""
    objected_at = clock.now
    booked = _book(services, salon, anna, THURSDAY_8, notify=None)
    clock.advance(minutes=30)
    services.booking.set_notify(booked.id, True)  # set after the objection happened
    other = _book(services, salon, anna, FRIDAY_10, notify=True)  # also after it
    clock.advance(minutes=30)
    assert booked.confirmation_client_id is not None
    _optout(fake, anna, objected_at, booked.confirmation_client_id)
    assert sync.run_once().ok

    assert services.booking.get(booked.id).notify is True
    assert services.booking.get(other.id).notify is True


def test_switched_on_before_the_objection_it_turns_off(
    services: Services,
    salon: Salon,
    anna: CustomerRow,
    fake: FakeGateway,
    sync: SyncService,
    clock: Clock,
) -> None:
    on_purpose = _book(services, salon, anna, THURSDAY_8, notify=True)  # 09:00
    by_default = _book(services, salon, anna, FRIDAY_10, notify=None)
    past = _book(services, salon, anna, clock.now - timedelta(days=2), notify=None)
    clock.advance(minutes=5)
    assert on_purpose.confirmation_client_id is not None
    _optout(fake, anna, clock.now, on_purpose.confirmation_client_id)
    assert sync.run_once().ok

    assert services.booking.get(on_purpose.id).notify is False
    assert services.booking.get(by_default.id).notify is False
    assert services.booking.get(past.id).notify is True  # not open: left as it was
    # A new booking after the objection is off unless switched on on purpose.
    clock.advance(minutes=5)
    assert _book(services, salon, anna, berlin(2026, 11, 30, 10), notify=None).notify is False
    assert _book(services, salon, anna, berlin(2026, 11, 30, 12), notify=True).notify is True


def test_an_objection_recorded_by_staff_does_the_same(
    services: Services, salon: Salon, anna: CustomerRow, clock: Clock
) -> None:
    booking = _book(services, salon, anna, THURSDAY_8, notify=None)
    assert services.automations.run()[Automation.REMINDER].queued == 1
    clock.advance(minutes=1)

    row = services.consent.record_objection(anna.id, ConsentSource.PHONE, salon.reception.name)

    assert row.status.objected
    assert services.booking.get(booking.id).notify is False
    assert _reminders(services) == [(booking.id, OutboxStatus.REJECTED.value, "notify_off")]
    assert services.outbox.release() == []  # nothing of Anna's left to hand over
    clock.advance(minutes=5)
    assert services.automations.run()[Automation.REMINDER].queued == 0
