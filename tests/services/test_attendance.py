"""No-shows and late cancellations (issue 14): a cancellation is classified once, when it
is made, against the appointment's start and the salon's cutoff (the clock injected),
the receptionist may waive it, undoing it clears it; the counts of the last twelve
months; the slot each frees; the dashboard's monthly figure (both backends)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desk_app.config.paths import templates_dir
from desk_app.db import models as m
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.attendance import FreedSlot
from desk_app.domain.enums import AppointmentStatus
from desk_app.services.booking import BookingRequest
from desk_app.services.booking_slots import change_status
from desk_app.services.container import Services
from desk_app.services.messages import MessageTemplates
from desk_app.services.rows import AppointmentRow, CustomerRow
from tests.conftest import Clock
from tests.services.support import Salon, add_customer, berlin, friday


def _book(services: Services, who: CustomerRow, salon: Salon, at: datetime) -> AppointmentRow:
    return services.booking.book(BookingRequest(who.id, salon.stylist.id, salon.cut.id, at))


def test_cancellation_is_late_inside_the_cutoff_only_and_counts(
    services: Services, salon: Salon, clock: Clock
) -> None:
    anna, bea = add_customer(services), add_customer(services, "Bea", "Bauer", None, None)
    booking = services.booking
    services.catalogue.set_setting("late_cancel_hours", "24", actor=SHARED_COUNTER)
    in_time, late, waived, absent = (
        _book(services, anna, salon, friday(hour)) for hour in (10, 12, 14, 16)
    )
    # Exactly at the cutoff: still in time.
    clock.now = in_time.starts_at - timedelta(hours=24)
    assert booking.late_cutoff_if_cancelled_now(in_time.id) is None
    assert booking.cancel(in_time.id).late_cancellation is False
    # A minute inside it: late, and the dialog is told so beforehand.
    clock.now = late.starts_at - timedelta(hours=24) + timedelta(minutes=1)
    assert booking.late_cutoff_if_cancelled_now(late.id) == 24
    assert booking.cancel(late.id).late_cancellation is True
    assert booking.late_cutoff_if_cancelled_now(late.id) is None  # no longer active
    # The salon waives it at the counter.
    clock.now = waived.starts_at - timedelta(hours=1)
    assert booking.cancel(waived.id, waive_late=True).late_cancellation is False
    # A no-show is a status staff set, kept apart from cancellations.
    clock.now = absent.ends_at + timedelta(hours=1)
    assert booking.set_status(absent.id, AppointmentStatus.NO_SHOW).late_cancellation is False

    counts = booking.attendance(anna.id)
    assert (counts.no_shows, counts.late_cancellations) == (1, 1)
    assert booking.attendance(bea.id).any is False
    # Undone (back to booked), the late mark goes with the cancellation.
    assert booking.set_status(late.id, AppointmentStatus.BOOKED).late_cancellation is False
    assert booking.attendance(anna.id).late_cancellations == 0

    # Twelve months back, by the appointment's start.
    clock.now = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
    old = _book(services, bea, salon, berlin(2025, 11, 20, 10))
    recent = _book(services, bea, salon, berlin(2025, 11, 30, 10))
    for row in (old, recent):
        booking.set_status(row.id, AppointmentStatus.NO_SHOW)
    assert booking.attendance(bea.id).no_shows == 1


def test_cutoff_zero_makes_no_cancellation_late(
    services: Services, salon: Salon, clock: Clock
) -> None:
    services.catalogue.set_setting("late_cancel_hours", "0", actor=SHARED_COUNTER)
    row = _book(services, add_customer(services), salon, friday(10))
    clock.now = row.starts_at - timedelta(minutes=5)
    assert services.booking.cancel(row.id).late_cancellation is False


def test_the_slot_freed_is_returned_once(services: Services, salon: Salon, clock: Clock) -> None:
    """The waitlist's hook: a no-show or cancellation frees the appointment's time once;
    a status that keeps the time, or a second cancellation, frees nothing."""
    row = _book(services, add_customer(services), salon, friday(10))
    templates = MessageTemplates(templates_dir())
    with services.db.write() as s:
        appointment = s.get(m.Appointment, row.id)
        assert appointment is not None
        arrived = change_status(s, appointment, AppointmentStatus.ARRIVED, templates, clock.now)
        freed = change_status(s, appointment, AppointmentStatus.NO_SHOW, templates, clock.now)
        again = change_status(s, appointment, AppointmentStatus.CANCELLED, templates, clock.now)
    assert arrived is None and again is None
    assert freed == FreedSlot(
        row.id, salon.stylist.id, salon.cut.id, row.starts_at, row.ends_at, "no_show"
    )


def test_dashboard_counts_per_month_of_the_appointment(
    services: Services, salon: Salon, clock: Clock
) -> None:
    anna = add_customer(services)
    booking = services.booking
    october = _book(services, anna, salon, berlin(2026, 10, 31, 10))
    # Half past midnight on 1 November in Berlin is still October in UTC: the month
    # boundary is the salon's.
    november = _book(services, anna, salon, berlin(2026, 11, 1, 0, 30))
    cancelled_late = _book(services, anna, salon, berlin(2026, 11, 3, 10))
    ordinary = _book(services, anna, salon, berlin(2026, 11, 4, 10))
    for row in (october, november):
        booking.set_status(row.id, AppointmentStatus.NO_SHOW)
    clock.now = cancelled_late.starts_at - timedelta(hours=2)
    booking.cancel(cancelled_late.id)
    clock.now = ordinary.starts_at - timedelta(days=3)
    booking.cancel(ordinary.id)
    clock.now = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)

    months = services.dashboard.overview(4).attendance
    assert len(months) == 12
    assert [(x.year, x.month) for x in months[-2:]] == [(2026, 10), (2026, 11)]
    assert [(x.no_shows, x.late_cancellations) for x in months[-2:]] == [(1, 0), (1, 1)]
    assert sum(x.no_shows + x.late_cancellations for x in months[:-2]) == 0
