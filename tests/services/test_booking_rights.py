"""Only a member who may book changes bookings (issue 12), whatever the way in: the
booking service and staff's decisions on online requests check the member's stored
role in their own transaction; a stylist is refused and nothing is written, and so is
the shared sign-in once the salon signs in personally. A request the salon takes on
its own from the booking page is the customer booking: no member's rights apply."""

from __future__ import annotations

import pytest

from desk_app.db import models as m
from desk_app.domain.access import SHARED_COUNTER, Actor
from desk_app.domain.enums import AppointmentStatus, Permission, StaffRole
from desk_app.domain.errors import NotPermitted
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.rows import AppointmentRow
from desk_app.texts.error_text import describe
from tests.conftest import Clock
from tests.services.online_support import booking_data, requested
from tests.services.support import Salon, add_customer, count, friday


def _stored(services: Services, row: AppointmentRow) -> tuple[object, ...]:
    with services.db.read() as s:
        appointment = s.get(m.Appointment, row.id)
        assert appointment is not None
        return (
            appointment.starts_at,
            appointment.ends_at,
            appointment.staff_id,
            appointment.status,
            appointment.notify,
        )


def _written(services: Services) -> tuple[int, int]:
    return count(services.db, m.Appointment), count(services.db, m.OutboxMessage)


def _refused(actor: Actor, services: Services, row: AppointmentRow, request: BookingRequest) -> str:
    """Tries every change as ``actor``; each must be refused. The refusal's words."""
    booking = services.booking
    changes = [
        lambda: booking.book(request, actor=actor),
        lambda: booking.reschedule(row.id, friday(15), actor=actor),
        lambda: booking.reschedule(row.id, row.starts_at, minutes=90, actor=actor),
        lambda: booking.set_status(row.id, AppointmentStatus.ARRIVED, actor=actor),
        lambda: booking.cancel(row.id, actor=actor),
        lambda: booking.set_notify(row.id, not row.notify, actor=actor),
    ]
    reasons = set()
    for change in changes:
        with pytest.raises(NotPermitted) as refused:
            change()
        assert refused.value.permission is Permission.BOOK
        reasons.add(describe(refused.value, "Europe/Berlin"))
    [reason] = reasons
    return reason


def test_a_stylist_and_then_the_shared_sign_in_are_refused_every_booking_change(
    services: Services, salon: Salon, clock: Clock
) -> None:
    anna = add_customer(services)
    bea = add_customer(services, "Bea", "Bauer", "bea@example.org", "0170 9876543")
    reception = Actor(salon.reception.id, salon.reception.name, StaffRole.RECEPTION)
    stylist = Actor(salon.stylist.id, salon.stylist.name, StaffRole.STYLIST)
    row = services.booking.book(
        BookingRequest(anna.id, salon.stylist.id, salon.cut.id, friday(10)), actor=reception
    )
    request = BookingRequest(bea.id, salon.other_stylist.id, salon.cut.id, friday(11))
    before, written = _stored(services, row), _written(services)

    reason = _refused(stylist, services, row, request)
    assert reason == "The role “Stylist” may not book appointments. Ask the owner."
    # The role as stored counts, not the one the window (or a forged Actor) claims.
    _refused(Actor(stylist.member_id, stylist.name, StaffRole.RECEPTION), services, row, request)
    assert _stored(services, row) == before and _written(services) == written

    # Until the salon signs in personally, the shared sign-in books as every counter did.
    moved = services.booking.reschedule(row.id, friday(14), actor=SHARED_COUNTER)
    _personal_sign_in_on(services)
    before, written = _stored(services, moved), _written(services)
    _refused(SHARED_COUNTER, services, moved, request)
    assert _stored(services, moved) == before and _written(services) == written

    # Reception books, moves, marks and cancels with personal sign-in on.
    other = services.booking.book(request, actor=reception)
    services.booking.reschedule(other.id, friday(15), actor=reception)
    services.booking.set_status(moved.id, AppointmentStatus.ARRIVED, actor=reception)
    services.booking.set_notify(moved.id, False, actor=reception)
    cancelled = services.booking.cancel(other.id, actor=reception)
    assert cancelled.status is AppointmentStatus.CANCELLED
    assert _stored(services, moved)[3:] == (AppointmentStatus.ARRIVED.value, False)


def test_deciding_online_requests_is_booking_but_the_page_itself_books_for_the_customer(
    services: Services, salon: Salon, clock: Clock
) -> None:
    add_customer(services, phone=None)
    add_customer(services, "Lena", "Müller", email=None, phone="0151 12345678")
    reception = Actor(salon.reception.id, salon.reception.name, StaffRole.RECEPTION)
    stylist = Actor(salon.stylist.id, salon.stylist.name, StaffRole.STYLIST)
    _personal_sign_in_on(services)
    # Two customers match: the request waits for staff.
    first = requested(services, clock, booking_data(salon))
    second = requested(services, clock, booking_data(salon, starts_at=friday(15)))
    assert first.state == second.state == "waiting"
    online, written = services.online_booking, _written(services)

    for actor in (stylist, SHARED_COUNTER):
        with pytest.raises(NotPermitted):
            online.book_request(first.id, None, actor=actor)
        with pytest.raises(NotPermitted):
            online.refuse_request(second.id, actor=actor)
    assert _written(services) == written
    assert {row.id for row in online.requests()} == {first.id, second.id}

    assert online.book_request(first.id, None, actor=reception).state == "booked"
    assert online.refuse_request(second.id, actor=reception).state == "refused"
    # A request the salon takes on its own is booked with personal sign-in on: whoever's
    # window runs the sync, no member acts for the customer.
    taken = requested(
        services,
        clock,
        booking_data(salon, email="new@example.org", phone=None, starts_at=friday(16)),
    )
    assert taken.state == "booked"


def _personal_sign_in_on(services: Services) -> None:
    """Personal sign-in switched on, as it can only be: once an owner has a PIN."""
    owner = services.catalogue.add_staff("Sabine Wolf", StaffRole.OWNER, actor=SHARED_COUNTER)
    services.staff_access.set_pin(SHARED_COUNTER, owner.id, "4711")
    services.catalogue.set_setting("staff_sign_in", "on", actor=SHARED_COUNTER)
