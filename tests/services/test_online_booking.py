"""The booking page's requests on the desktop: matched or new customer, booked through
the counter's code path, refused or waiting with the reason, applied once, and the
outcome left for the sync to report (OnlineBookingService, online_intake)."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from desk_app.db import models as m
from desk_app.domain.enums import AppointmentStatus, BookingSource, OutboxStatus
from desk_app.domain.errors import InvalidField
from desk_app.domain.scheduling import OpeningInterval
from desk_app.services import booking_slots
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.rows import OutcomeToReport
from tests.conftest import Clock
from tests.services.fake_gateway import FakeGateway, make_sync
from tests.services.online_support import (
    appointments,
    booking_data,
    deliver,
    request_row,
    requested,
)
from tests.services.support import (
    Salon,
    add_customer,
    count,
    friday,
    object_customer,
    outbox_messages,
)


def test_a_new_customer_is_made_from_the_form_and_booked(
    services: Services, salon: Salon, clock: Clock
) -> None:
    data = booking_data(salon, email=" Anna.Mueller@Example.org ", note="Bitte\nkürzer")
    request = requested(services, clock, data)
    [customer] = services.customers.all()
    assert (customer.first_name, customer.last_name) == ("Anna", "Müller")
    assert (customer.email, customer.phone) == ("anna.mueller@example.org", "+4915112345678")
    assert customer.objection_notice_given and customer.language == "de"
    [appointment] = appointments(services)
    assert appointment.source == BookingSource.ONLINE.value
    assert (appointment.staff_id, appointment.service_id) == (salon.stylist.id, salon.cut.id)
    assert appointment.starts_at == friday(10, 0) and appointment.ends_at == friday(10, 45)
    assert appointment.note == "Bitte kürzer"  # the text area's lines, as one
    assert appointment.online_request_id == data["request_id"]
    assert (request.state, request.reason) == ("booked", None)
    assert (request.customer_id, request.appointment_id) == (customer.id, appointment.id)
    assert request.decided_at == clock.now
    [confirmation] = outbox_messages(services.db)
    assert confirmation.kind == "booking_confirmation"
    assert "Absagen oder verschieben: $manage_url" in confirmation.body
    online = services.online_booking
    assert online.unreported_outcomes() == [
        OutcomeToReport(data["request_id"], "booked", None, appointment.ref)
    ]
    online.mark_reported([data["request_id"]])
    assert online.unreported_outcomes() == []
    [row] = online.requests(open_only=False)
    assert (row.first_name, row.treatment_name, row.staff_name) == (
        "Anna",
        "Damenhaarschnitt",
        "Jörg Weiß",
    )
    assert online.requests() == []  # nothing left for staff


@pytest.mark.parametrize(
    ("email", "phone"),
    [
        ("ANNA.MUELLER@example.org", None),  # the email, in any case
        (None, "+4915112345678"),  # the mobile number (stored as typed: 0151 …)
        ("anna.mueller@example.org", "+4915199999999"),  # the email; a new number
    ],
)
def test_one_matching_customer_gets_the_booking(
    services: Services, salon: Salon, clock: Clock, email: str | None, phone: str | None
) -> None:
    anna = add_customer(services, phone="0151 12345678")
    request = requested(services, clock, booking_data(salon, email=email, phone=phone))
    assert [c.id for c in services.customers.all()] == [anna.id]
    assert request.customer_id == anna.id and request.state == "booked"
    assert appointments(services)[0].customer_id == anna.id


def test_an_address_from_the_form_is_never_added_to_a_matched_customer(
    services: Services, salon: Salon, clock: Clock
) -> None:
    """Whoever knows a customer's email or phone must not attach their own other address
    to her (review finding: the stranger would get her confirmations and reminders)."""
    anna = add_customer(services, phone=None)
    assert not anna.objection_notice_given
    requested(services, clock, booking_data(salon, phone="+49 151 7777 7777"))
    assert services.customers.get(anna.id).phone is None
    assert services.customers.get(anna.id).objection_notice_given  # the page showed it
    other = add_customer(services, "Ben", "Berg", email="ben@example.org", phone="0151 22222222")
    requested(services, clock, booking_data(salon, email="ben@example.org", starts_at=friday(14)))
    assert services.customers.get(other.id).phone == "+4915122222222"  # never overwritten


def test_two_candidates_wait_for_staff_and_nothing_is_guessed(
    services: Services, salon: Salon, clock: Clock
) -> None:
    anna = add_customer(services, phone=None)
    daughter = add_customer(services, "Lena", "Müller", email=None, phone="0151 12345678")
    request = requested(services, clock, booking_data(salon))
    assert (request.state, request.reason) == ("waiting", "two_candidates")
    assert appointments(services) == [] and outbox_messages(services.db) == []
    assert count(services.db, m.Customer) == 2
    online = services.online_booking
    [row] = online.requests()
    assert row.id == request.id and row.reason == "two_candidates"
    assert {c.id for c in online.candidates(request.id)} == {anna.id, daughter.id}
    assert online.unreported_outcomes()[0].result == "waiting"
    booked = online.book_request(request.id, daughter.id)
    assert (booked.state, booked.customer_id) == ("booked", daughter.id)
    assert appointments(services)[0].customer_id == daughter.id
    with pytest.raises(InvalidField) as refused:
        online.book_request(request.id, anna.id)
    assert refused.value.problem == "already_decided"


def test_staff_may_book_a_waiting_request_for_a_new_customer_or_refuse_it(
    services: Services, salon: Salon, clock: Clock
) -> None:
    add_customer(services, phone=None)
    add_customer(services, "Lena", "Müller", email=None, phone="0151 12345678")
    first = requested(services, clock, booking_data(salon))
    second = requested(services, clock, booking_data(salon, starts_at=friday(15)))
    online = services.online_booking
    row = online.book_request(first.id, None)
    assert row.state == "booked" and count(services.db, m.Customer) == 3
    refused = online.refuse_request(second.id)
    assert (refused.state, refused.reason) == ("refused", "staff_decision")
    outcomes = {o.request_id: o for o in online.unreported_outcomes()}
    assert outcomes[second.request_id].reason == "staff_decision"
    assert outcomes[second.request_id].booking_ref is None


def test_a_slot_taken_meanwhile_refuses_the_request_and_keeps_it(
    services: Services, salon: Salon, clock: Clock
) -> None:
    walk_in = add_customer(services, "Ben", "Berg", email=None, phone=None)
    services.booking.book(
        BookingRequest(walk_in.id, salon.stylist.id, salon.colour.id, friday(9, 30))
    )
    data = booking_data(salon)
    request = requested(services, clock, data)
    assert (request.state, request.reason) == ("refused", "slot_taken")
    assert len(appointments(services)) == 1  # the counter's only
    assert [c.id for c in services.customers.all()] == [walk_in.id]  # no one made
    assert request.data["first_name"] == "Anna"  # kept for staff
    [row] = services.online_booking.requests(open_only=False)
    assert (row.email, row.starts_at) == ("anna.mueller@example.org", friday(10, 0))
    assert services.online_booking.unreported_outcomes() == [
        OutcomeToReport(data["request_id"], "refused", "slot_taken", None)
    ]


def test_an_event_applied_twice_changes_nothing(
    services: Services, salon: Salon, clock: Clock
) -> None:
    data = booking_data(salon)
    deliver(services, clock, ("booking.requested", data), ("booking.requested", data))
    deliver(services, clock, ("booking.requested", data))
    assert count(services.db, m.OnlineRequest) == 1
    assert len(appointments(services)) == 1
    assert len(outbox_messages(services.db)) == 1


def test_the_event_transaction_survives_a_refused_booking(
    services: Services, salon: Salon, clock: Clock
) -> None:
    """A refusal inside a page of events rolls back only its own booking: the events
    before and after it are applied, and the cursor moves past all of them."""
    ben = add_customer(services, "Ben", "Berg", email="ben@example.org", phone=None)
    counter = services.booking.book(
        BookingRequest(ben.id, salon.stylist.id, salon.cut.id, friday(10, 0))
    )
    assert counter.confirmation_client_id is not None
    taken, free = booking_data(salon), booking_data(salon, starts_at=friday(12, 0))
    fake = FakeGateway()
    fake.add_event("message.accepted", clock.now, client_id=counter.confirmation_client_id)
    deliver(
        services,
        clock,
        ("booking.requested", taken),
        ("booking.requested", free),
        ("booking.requested", booking_data(salon, starts_at=friday(12, 15))),  # taken too
        gateway=fake,
    )
    assert make_sync(services, fake, clock).cursor() == 4
    assert len(fake.calls_of("events")) == 2  # one page (and the empty one after it)
    assert request_row(services, taken["request_id"]).reason == "slot_taken"
    assert request_row(services, free["request_id"]).state == "booked"
    assert len(appointments(services)) == 2
    accepted = [
        msg
        for msg in outbox_messages(services.db)
        if msg.client_id == counter.confirmation_client_id
    ]
    assert accepted[0].status == OutboxStatus.ACCEPTED.value


@pytest.mark.parametrize(
    ("change", "setup"),
    [
        ({"treatment_id": 999}, None),
        ({"staff_id": 999}, None),
        ({}, "treatment_offline"),
        ({}, "staff_offline"),
    ],
)
def test_what_is_not_bookable_online_is_refused(
    services: Services, salon: Salon, clock: Clock, change: dict[str, int], setup: str | None
) -> None:
    if setup == "treatment_offline":
        services.catalogue.set_treatment_online(salon.cut.id, False)
    if setup == "staff_offline":
        services.catalogue.set_staff_online(salon.stylist.id, False)
    request = requested(services, clock, booking_data(salon, **change))
    assert (request.state, request.reason) == ("refused", "not_bookable")
    assert appointments(services) == [] and services.customers.all() == []


def test_a_time_outside_the_opening_hours_is_refused(
    services: Services, salon: Salon, clock: Clock
) -> None:
    services.catalogue.set_opening_hours([OpeningInterval(4, time(9), time(12))])
    request = requested(services, clock, booking_data(salon, starts_at=friday(11, 30)))
    assert (request.state, request.reason) == ("refused", "outside_hours")
    [outcome] = services.online_booking.unreported_outcomes()
    assert (outcome.result, outcome.reason) == ("refused", "not_bookable")


@pytest.mark.parametrize("notify", [True, False])
def test_a_customer_who_objected_decides_for_this_booking(
    services: Services, salon: Salon, clock: Clock, notify: bool
) -> None:
    anna = add_customer(services)
    object_customer(services.db, anna.id, datetime(2026, 10, 1, tzinfo=UTC))
    requested(services, clock, booking_data(salon, notify_after_objection=notify))
    [appointment] = appointments(services)
    assert appointment.notify is notify
    assert appointment.notify_set_at == clock.now
    kinds = [msg.kind for msg in outbox_messages(services.db)]
    assert kinds == (["booking_confirmation"] if notify else [])


def test_a_customer_who_did_not_object_gets_the_default(
    services: Services, salon: Salon, clock: Clock
) -> None:
    add_customer(services)
    requested(services, clock, booking_data(salon, notify_after_objection=False))
    [appointment] = appointments(services)
    assert appointment.notify is True and appointment.notify_set_at is None
    assert appointment.status == AppointmentStatus.BOOKED.value


def test_the_database_refusing_the_overlap_refuses_only_that_request(
    services: Services, salon: Salon, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the clash check (another PC's booking committed in between): the exclusion
    constraint or trigger refuses the insert inside the savepoint, the request is refused
    slot_taken, and the rest of the page is applied."""
    ben = add_customer(services, "Ben", "Berg", email=None, phone=None)
    services.booking.book(BookingRequest(ben.id, salon.stylist.id, salon.cut.id, friday(10)))
    monkeypatch.setattr(booking_slots, "find_clash", lambda *args: None)
    taken, free = booking_data(salon), booking_data(salon, starts_at=friday(14))
    deliver(services, clock, ("booking.requested", taken), ("booking.requested", free))
    assert request_row(services, taken["request_id"]).reason == "slot_taken"
    assert request_row(services, free["request_id"]).state == "booked"
    assert [a.starts_at for a in appointments(services)] == [friday(10), friday(14)]
    assert len(services.customers.all()) == 2  # Ben, and Anna once
