"""Processing time through the use cases, both databases: a cut fits into a colour's
processing, anything meeting a working phase is refused (booking, preview, move,
re-activation), a resize cannot end inside the processing, and the booking page offers
the processing time as free."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import AppointmentStatus
from desk_app.domain.errors import BookingConflict, InvalidField
from desk_app.domain.recurrence import Frequency, SeriesRule
from desk_app.domain.scheduling import OpeningInterval
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.series import SeriesRequest
from desk_app.services.series_changes import OccurrenceChange
from tests.services.support import Salon, add_customer, berlin, make_salon


@pytest.fixture
def salon(services: Services) -> Salon:
    return make_salon(services)


def at(hour: int, minute: int = 0) -> datetime:
    return berlin(2026, 11, 27, hour, minute)  # a Friday, after the clock's "now"


def test_a_cut_fits_into_the_processing_and_nothing_meets_a_working_phase(
    services: Services, salon: Salon
) -> None:
    cat, booking = services.catalogue, services.booking
    colour = cat.add_treatment("Farbe", 90, 7900, processing_after=30, processing=35)
    fringe = cat.add_treatment("Pony", 15, 900)
    anna, bea = add_customer(services), add_customer(services, "Bea", "Bauer", None, None)
    stylist = salon.stylist.id
    first = booking.book(BookingRequest(anna.id, stylist, colour.id, at(10)))
    assert first.phases.working() == ((at(10), at(10, 30)), (at(11, 5), at(11, 30)))
    cut = booking.book(BookingRequest(bea.id, stylist, fringe.id, at(10, 30)))

    for start in (at(9, 50), at(10, 55), at(11, 20)):  # into the first or last work
        request = BookingRequest(bea.id, stylist, fringe.id, start)
        assert isinstance(booking.preview(request), BookingConflict), start
        with pytest.raises(BookingConflict):
            booking.book(request)
    # The colour moved a quarter later: its first working phase would meet the fringe.
    with pytest.raises(BookingConflict) as moved:
        booking.reschedule(first.id, at(10, 15))
    assert moved.value.clash_id == cut.id
    # Resized: its wash and cut longer, fine; ending inside the processing, refused.
    longer = booking.reschedule(first.id, at(10), minutes=100)
    assert longer.processing_ends_at == at(11, 5) and longer.ends_at == at(11, 40)
    with pytest.raises(InvalidField) as short:
        booking.reschedule(first.id, at(10), minutes=60)
    assert short.value.problem == "shorter_than_processing"
    # Cancelled, a cut takes its first working phase; booked again, the colour clashes.
    booking.cancel(first.id, waive_late=True)
    booking.book(BookingRequest(bea.id, stylist, fringe.id, at(10)))
    with pytest.raises(BookingConflict):
        booking.set_status(first.id, AppointmentStatus.BOOKED)


def test_the_booking_page_offers_the_processing_time_as_free(
    services: Services, salon: Salon
) -> None:
    services.catalogue.set_opening_hours([OpeningInterval(d, time(9), time(18)) for d in range(6)])
    services.catalogue.set_settings(
        {"online_booking": "on", "public_name": "haarwerk", "booking_lead_minutes": "0"},
        actor=SHARED_COUNTER,
    )
    colour = services.catalogue.add_treatment("Farbe", 90, 7900, processing_after=30, processing=35)
    anna = add_customer(services)
    services.booking.book(BookingRequest(anna.id, salon.stylist.id, colour.id, at(10)))
    snapshot = services.online_availability.snapshot()
    assert snapshot is not None
    [entry] = [e for e in snapshot["free"] if e["staff_id"] == salon.stylist.id]
    friday = [
        (datetime.fromisoformat(a), datetime.fromisoformat(b))
        for a, b in entry["intervals"]
        if datetime.fromisoformat(a).date() == date(2026, 11, 27)
    ]
    assert friday == [(at(9), at(10)), (at(10, 30), at(11, 5)), (at(11, 30), at(18))]
    assert all(b - a > timedelta(0) for a, b in friday)


def test_a_series_of_colours_is_planned_around_a_cut_in_their_processing(
    services: Services, salon: Salon
) -> None:
    """Each occurrence checked as a single booking is: the processing left free."""
    services.catalogue.set_opening_hours([OpeningInterval(d, time(9), time(18)) for d in range(6)])
    colour = services.catalogue.add_treatment("Farbe", 90, 7900, processing_after=30, processing=35)
    fringe = services.catalogue.add_treatment("Pony", 15, 900)
    anna, bea = add_customer(services), add_customer(services, "Bea", "Bauer", None, None)
    for week in (0, 1):  # Bea's fringe inside the processing, then in the last work
        start = at(10, 30) if week == 0 else at(11, 15) + timedelta(weeks=1)
        services.booking.book(BookingRequest(bea.id, salon.stylist.id, fringe.id, start))
    plan = services.series.plan(
        SeriesRequest(
            anna.id, salon.stylist.id, colour.id, date(2026, 11, 27), time(10),
            SeriesRule(Frequency.WEEKLY, 1, count=2),
        )
    )  # fmt: skip
    first, second = plan.occurrences
    assert first.problem is None
    assert isinstance(second.problem, BookingConflict)


def test_changing_the_rest_of_a_series_of_colours_keeps_their_processing(
    services: Services, salon: Salon
) -> None:
    """'This and all following' moves each colour's processing with it, keeps a cut in
    its processing possible, and another service brings that service's phases."""
    services.catalogue.set_opening_hours([OpeningInterval(d, time(9), time(18)) for d in range(6)])
    colour = services.catalogue.add_treatment("Farbe", 90, 7900, processing_after=30, processing=35)
    fringe = services.catalogue.add_treatment("Pony", 15, 900)
    anna, bea = add_customer(services), add_customer(services, "Bea", "Bauer", None, None)
    rows = services.series.book(
        SeriesRequest(
            anna.id, salon.stylist.id, colour.id, date(2026, 11, 27), time(10),
            SeriesRule(Frequency.WEEKLY, 1, count=3),
        ),
        {},
    )  # fmt: skip
    # Bea's fringe where the second colour's processing will be after the move.
    services.booking.book(
        BookingRequest(bea.id, salon.stylist.id, fringe.id, at(12, 30) + timedelta(weeks=1))
    )
    change = OccurrenceChange(starts_at=at(12) + timedelta(weeks=1))
    plan = services.series_changes.plan(rows[1].id, change)
    assert plan.conflicts == []  # the fringe sits in the processing: no clash
    services.series_changes.apply(rows[1].id, change, {})
    for week, row in ((1, rows[1]), (2, rows[2])):
        moved = services.booking.get(row.id)
        start = at(12) + timedelta(weeks=week)
        assert (moved.starts_at, moved.ends_at) == (start, start + timedelta(minutes=90))
        assert (moved.processing_starts_at, moved.processing_ends_at) == (
            start + timedelta(minutes=30),
            start + timedelta(minutes=65),
        )
    # Another service for the rest: the fringe's one working phase, no processing left.
    services.series_changes.apply(rows[2].id, OccurrenceChange(service_id=fringe.id), {})
    last = services.booking.get(rows[2].id)
    assert last.processing_starts_at is None and last.processing_ends_at is None
    assert last.ends_at - last.starts_at == timedelta(minutes=15)
