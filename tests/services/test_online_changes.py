"""Cancel and move from the manage page: ``booking.cancelled`` cancels the booking (with
the usual cancellation message), ``booking.change_requested`` moves it or is refused
with the booking unchanged."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import update

from desk_app.db import models as m
from desk_app.domain.enums import AppointmentStatus, OutboxStatus
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.rows import OutcomeToReport
from tests.conftest import Clock
from tests.services.online_support import (
    appointments,
    booking_data,
    deliver,
    request_row,
    requested,
)
from tests.services.support import Salon, add_customer, friday, outbox_messages


def _booked_online(services: Services, salon: Salon, clock: Clock) -> m.Appointment:
    requested(services, clock, booking_data(salon))
    services.online_booking.mark_reported(
        [o.request_id for o in services.online_booking.unreported_outcomes()]
    )
    with services.db.write() as s:  # what a sync does: the confirmation went out
        s.execute(update(m.OutboxMessage).values(status=OutboxStatus.ACCEPTED.value))
    [appointment] = appointments(services)
    return appointment


def _change(appointment: m.Appointment, salon: Salon, hour: int, **extra: Any) -> dict[str, Any]:
    starts_at = friday(hour)
    return {
        "booking_ref": appointment.ref,
        "request_id": str(uuid.uuid4()),
        "staff_id": salon.stylist.id,
        "starts_at": starts_at.isoformat(),
        "ends_at": (starts_at + (appointment.ends_at - appointment.starts_at)).isoformat(),
        **extra,
    }


def test_cancelled_online_frees_the_slot_and_tells_the_customer(
    services: Services, salon: Salon, clock: Clock
) -> None:
    appointment = _booked_online(services, salon, clock)
    cancel = {"booking_ref": appointment.ref, "at": clock.now.isoformat()}
    deliver(services, clock, ("booking.cancelled", cancel))
    [cancelled] = appointments(services)
    assert cancelled.status == AppointmentStatus.CANCELLED.value
    assert [msg.kind for msg in outbox_messages(services.db)] == [
        "booking_confirmation",
        "booking_cancellation",
    ]
    [request] = services.online_booking.requests(open_only=False)
    assert request.state == "cancelled"
    assert services.online_booking.unreported_outcomes() == []  # reported as booked before
    # The slot is free again for the counter.
    ben = add_customer(services, "Ben", "Berg", email=None, phone=None)
    services.booking.book(BookingRequest(ben.id, salon.stylist.id, salon.cut.id, friday(10)))
    # The same event again, or one about an unknown booking: nothing happens.
    deliver(services, clock, ("booking.cancelled", cancel))
    deliver(services, clock, ("booking.cancelled", {"booking_ref": "no-such-ref"}))
    deliver(services, clock, ("booking.cancelled", {"booking_ref": "\x00" * 10_000}))
    assert len(outbox_messages(services.db)) == 2  # Ben has no address to confirm to


def test_a_change_moves_the_booking_and_tells_the_customer(
    services: Services, salon: Salon, clock: Clock
) -> None:
    appointment = _booked_online(services, salon, clock)
    change = _change(appointment, salon, 15, staff_id=salon.other_stylist.id)
    deliver(services, clock, ("booking.change_requested", change))
    [moved] = appointments(services)
    assert (moved.starts_at, moved.staff_id) == (friday(15), salon.other_stylist.id)
    assert moved.ends_at - moved.starts_at == appointment.ends_at - appointment.starts_at
    latest = outbox_messages(services.db)[-1]
    assert latest.kind == "booking_change" and "$manage_url" in latest.body
    request = request_row(services, change["request_id"])
    assert (request.kind, request.state, request.appointment_id) == ("change", "booked", moved.id)
    assert services.online_booking.unreported_outcomes() == [
        OutcomeToReport(change["request_id"], "booked", None, appointment.ref)
    ]
    deliver(services, clock, ("booking.change_requested", change))  # applied once
    assert len(outbox_messages(services.db)) == 2


def test_a_change_to_a_taken_time_is_refused_and_the_booking_stays(
    services: Services, salon: Salon, clock: Clock
) -> None:
    appointment = _booked_online(services, salon, clock)
    ben = add_customer(services, "Ben", "Berg", email=None, phone=None)
    services.booking.book(BookingRequest(ben.id, salon.stylist.id, salon.cut.id, friday(15)))
    change = _change(appointment, salon, 15)
    deliver(services, clock, ("booking.change_requested", change))
    unchanged = next(a for a in appointments(services) if a.id == appointment.id)
    assert (unchanged.starts_at, unchanged.staff_id) == (appointment.starts_at, salon.stylist.id)
    request = request_row(services, change["request_id"])
    assert (request.state, request.reason) == ("refused", "slot_taken")
    assert [msg.kind for msg in outbox_messages(services.db)] == ["booking_confirmation"]


def test_a_change_of_a_cancelled_or_unknown_booking_is_not_bookable(
    services: Services, salon: Salon, clock: Clock
) -> None:
    appointment = _booked_online(services, salon, clock)
    services.booking.cancel(appointment.id)
    gone = _change(appointment, salon, 15)
    unknown = _change(appointment, salon, 16, booking_ref=str(uuid.uuid4()))
    deliver(
        services, clock, ("booking.change_requested", gone), ("booking.change_requested", unknown)
    )
    for change in (gone, unknown):
        request = request_row(services, change["request_id"])
        assert (request.state, request.reason) == ("refused", "not_bookable")
