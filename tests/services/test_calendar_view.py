"""Read models of the booking calendar (CalendarService) and the booking preview."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy import event, update

from desk_app.db import models as m
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import AbsenceKind, AppointmentStatus, StaffRole
from desk_app.domain.errors import (
    BookingConflict,
    InvalidField,
    NotFound,
    OutsideOpeningHours,
    StaffUnavailable,
)
from desk_app.domain.scheduling import OpeningInterval
from desk_app.services.booking import BookingRequest
from desk_app.services.calendar_view import CalendarService, DayPlan, local_day_bounds
from desk_app.services.catalogue import default_week
from desk_app.services.container import Services
from desk_app.services.rows import AppointmentRow, CustomerRow
from tests.services.support import Salon, add_customer, berlin, count, outbox_messages

ZONE = "Europe/Berlin"
WEDNESDAY = date(2026, 11, 25)


@pytest.fixture
def calendar(services: Services) -> CalendarService:
    return CalendarService(services.db)


@pytest.fixture
def anna(services: Services) -> CustomerRow:
    return add_customer(services)


@pytest.fixture
def bea(services: Services) -> CustomerRow:
    return add_customer(services, "Bea", "Bauer", "bea@example.org", "0170 9876543")


@pytest.fixture
def open_week(services: Services, salon: Salon) -> Salon:
    services.catalogue.set_opening_hours(
        [
            *default_week(time(9, 0), time(18, 0)),
            OpeningInterval(5, time(9, 0), time(14, 0)),
        ]
    )
    return salon


def _book(
    services: Services,
    customer: CustomerRow,
    staff_id: int,
    service_id: int,
    starts_at: datetime,
    **options: Any,
) -> AppointmentRow:
    return services.booking.book(
        BookingRequest(customer.id, staff_id, service_id, starts_at, **options)
    )


@contextmanager
def _statements(services: Services) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(*args: Any) -> None:
        seen.append(str(args[2]))

    engine = services.db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


# ---- day ------------------------------------------------------------------------------------
def test_day_has_a_column_per_bookable_staff_member(
    services: Services, calendar: CalendarService, open_week: Salon
) -> None:
    owner = services.catalogue.add_staff(
        "Sabine Müller", StaffRole.OWNER, "#c0392b", actor=SHARED_COUNTER
    )

    plan = calendar.day(WEDNESDAY, ZONE)

    # Owner first, then stylists by name; reception takes no appointments.
    assert [c.staff.name for c in plan.columns] == [owner.name, "Aylin Öztürk", "Jörg Weiß"]
    assert plan.columns[0].staff.colour == "#c0392b"
    assert plan.day == WEDNESDAY
    assert plan.time_zone == ZONE
    assert plan.opening == (OpeningInterval(2, time(9, 0), time(18, 0)),)
    assert plan.opening_hours_set is True
    assert all(c.appointments == () and c.absences == () for c in plan.columns)


def test_day_lists_appointments_of_every_status_with_service_colours(
    services: Services,
    calendar: CalendarService,
    open_week: Salon,
    anna: CustomerRow,
    bea: CustomerRow,
) -> None:
    salon = open_week
    first = _book(services, anna, salon.stylist.id, salon.cut.id, berlin(2026, 11, 25, 10))
    cancelled = _book(services, bea, salon.stylist.id, salon.colour.id, berlin(2026, 11, 25, 11))
    services.booking.cancel(cancelled.id)
    other = _book(services, bea, salon.other_stylist.id, salon.colour.id, berlin(2026, 11, 25, 9))
    _book(services, anna, salon.stylist.id, salon.cut.id, berlin(2026, 11, 26, 10))  # next day

    plan = calendar.day(WEDNESDAY, ZONE)

    jorg = plan.column(salon.stylist.id)
    aylin = plan.column(salon.other_stylist.id)
    assert jorg is not None and aylin is not None
    assert [(a.id, a.status) for a in jorg.appointments] == [
        (first.id, AppointmentStatus.BOOKED),
        (cancelled.id, AppointmentStatus.CANCELLED),
    ]
    assert [a.id for a in aylin.appointments] == [other.id]
    assert jorg.appointments[0].customer_name == "Anna Müller"
    assert jorg.appointments[0].service_name == "Damenhaarschnitt"
    assert dict(plan.service_colours) == {
        salon.cut.id: salon.cut.colour,
        salon.colour.id: salon.colour.colour,
    }


def test_day_follows_the_salon_time_zone(
    services: Services, calendar: CalendarService, salon: Salon, anna: CustomerRow, bea: CustomerRow
) -> None:
    # No opening hours set: any time may be booked. 23:30 UTC on the 24th is 00:30 in Berlin
    # on the 25th; 23:30 Berlin on the 24th is the day before.
    early = _book(
        services, anna, salon.stylist.id, salon.cut.id, datetime(2026, 11, 24, 23, 30, tzinfo=UTC)
    )
    _book(services, bea, salon.stylist.id, salon.cut.id, berlin(2026, 11, 24, 22, 30))

    plan = calendar.day(WEDNESDAY, ZONE)
    tokyo = calendar.day(WEDNESDAY, "Asia/Tokyo")

    column = plan.column(salon.stylist.id)
    assert column is not None and [a.id for a in column.appointments] == [early.id]
    assert plan.opening_hours_set is False and plan.opening == ()
    tokyo_column = tokyo.column(salon.stylist.id)
    assert tokyo_column is not None
    # 06:30 and 08:30 on the 25th in Tokyo: the same rows fall on another day there.
    assert [a.customer_name for a in tokyo_column.appointments] == ["Bea Bauer", "Anna Müller"]


def test_day_finds_what_began_the_day_before_and_nothing_that_ended_at_midnight(
    services: Services, calendar: CalendarService, salon: Salon, anna: CustomerRow, bea: CustomerRow
) -> None:
    # The day's query reads starts from 24 hours before the day (no appointment is
    # longer): these sit exactly on both sides of that bound. No opening hours are set.
    midnight = berlin(2026, 11, 25, 0, 0)
    day = 24 * 60
    whole_day_minus_one = _book(
        services,
        anna,
        salon.stylist.id,
        salon.cut.id,
        midnight - timedelta(hours=24, minutes=-1),
        minutes=day,
    )
    _book(  # ends exactly when the day begins: not on it
        services,
        bea,
        salon.other_stylist.id,
        salon.cut.id,
        midnight - timedelta(hours=24),
        minutes=day,
    )
    overnight = _book(
        services,
        bea,
        salon.other_stylist.id,
        salon.colour.id,
        midnight + timedelta(hours=23),
        minutes=3 * 60,
    )

    plan = calendar.day(WEDNESDAY, ZONE)
    thursday = calendar.day(WEDNESDAY + timedelta(days=1), ZONE)

    def ids(plan: DayPlan, staff_id: int) -> list[int]:
        column = plan.column(staff_id)
        assert column is not None
        return [a.id for a in column.appointments]

    assert ids(plan, salon.stylist.id) == [whole_day_minus_one.id]
    assert ids(plan, salon.other_stylist.id) == [overnight.id]
    assert ids(thursday, salon.stylist.id) == []
    assert ids(thursday, salon.other_stylist.id) == [overnight.id]
    column = plan.column(salon.stylist.id)
    assert column is not None
    first = column.appointments[0]
    assert first.staff_name == salon.stylist.name
    assert (first.customer_name, first.service_name) == ("Anna Müller", salon.cut.name)


def test_day_bounds_on_daylight_saving_days() -> None:
    # Same-zone subtraction is wall-clock in Python; the real length shows in UTC.
    start, end = local_day_bounds(date(2026, 3, 29), ZONE)
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=23)
    start, end = local_day_bounds(date(2026, 10, 25), ZONE)
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=25)


def test_day_shows_absences_and_breaks_of_its_columns(
    services: Services, calendar: CalendarService, open_week: Salon
) -> None:
    salon = open_week
    cat = services.catalogue
    lunch = cat.add_absence(
        salon.stylist.id,
        AbsenceKind.BREAK,
        berlin(2026, 11, 25, 12, 30),
        berlin(2026, 11, 25, 13),
        "Mittagspause",
    )
    holiday = cat.add_absence(
        salon.other_stylist.id,
        AbsenceKind.ABSENCE,
        berlin(2026, 11, 23, 0),
        berlin(2026, 11, 28, 0),
        "Urlaub",
    )
    cat.add_absence(
        salon.reception.id, AbsenceKind.ABSENCE, berlin(2026, 11, 25, 9), berlin(2026, 11, 25, 12)
    )
    cat.add_absence(
        salon.stylist.id, AbsenceKind.BREAK, berlin(2026, 11, 26, 12), berlin(2026, 11, 26, 13)
    )

    plan = calendar.day(WEDNESDAY, ZONE)

    jorg, aylin = plan.column(salon.stylist.id), plan.column(salon.other_stylist.id)
    assert jorg is not None and aylin is not None
    assert [(a.id, a.kind, a.note) for a in jorg.absences] == [
        (lunch, AbsenceKind.BREAK, "Mittagspause")
    ]
    assert [(a.id, a.kind) for a in aylin.absences] == [(holiday, AbsenceKind.ABSENCE)]
    assert plan.column(salon.reception.id) is None


def test_staff_outside_the_bookable_set_appear_when_they_hold_an_appointment(
    services: Services, calendar: CalendarService, open_week: Salon, anna: CustomerRow
) -> None:
    salon = open_week
    row = _book(services, anna, salon.reception.id, salon.cut.id, berlin(2026, 11, 25, 10))
    with services.db.write() as s:
        s.execute(update(m.Staff).where(m.Staff.id == salon.other_stylist.id).values(active=False))

    plan = calendar.day(WEDNESDAY, ZONE)

    assert [c.staff.name for c in plan.columns] == ["Jörg Weiß", "Tanja Groß"]
    reception = plan.column(salon.reception.id)
    assert reception is not None and [a.id for a in reception.appointments] == [row.id]


def test_day_needs_the_same_few_queries_however_busy_it_is(
    services: Services,
    calendar: CalendarService,
    open_week: Salon,
    anna: CustomerRow,
    bea: CustomerRow,
) -> None:
    salon = open_week
    _book(services, anna, salon.stylist.id, salon.cut.id, berlin(2026, 11, 25, 9))
    with _statements(services) as quiet:
        calendar.day(WEDNESDAY, ZONE)
    for hour in range(10, 17):
        for staff in (salon.stylist, salon.other_stylist):
            _book(services, bea, staff.id, salon.colour.id, berlin(2026, 11, 25, hour), minutes=60)
    for staff in (salon.stylist, salon.other_stylist):
        services.catalogue.add_absence(
            staff.id, AbsenceKind.BREAK, berlin(2026, 11, 25, 17), berlin(2026, 11, 25, 17, 30)
        )
    with _statements(services) as busy:
        plan = calendar.day(WEDNESDAY, ZONE)

    assert sum(len(c.appointments) for c in plan.columns) == 15
    assert len(busy) == len(quiet)
    assert len([q for q in busy if q.lstrip().upper().startswith("SELECT")]) <= 4


# ---- week -----------------------------------------------------------------------------------
def test_week_has_seven_days_of_one_staff_member(
    services: Services,
    calendar: CalendarService,
    open_week: Salon,
    anna: CustomerRow,
    bea: CustomerRow,
) -> None:
    salon = open_week
    monday_row = _book(services, anna, salon.stylist.id, salon.cut.id, berlin(2026, 11, 23, 9))
    friday_row = _book(services, bea, salon.stylist.id, salon.cut.id, berlin(2026, 11, 27, 15))
    _book(services, anna, salon.other_stylist.id, salon.cut.id, berlin(2026, 11, 24, 10))
    _book(services, anna, salon.stylist.id, salon.cut.id, berlin(2026, 11, 30, 10))  # next week
    lunch = services.catalogue.add_absence(
        salon.stylist.id, AbsenceKind.BREAK, berlin(2026, 11, 24, 12), berlin(2026, 11, 24, 13)
    )

    # Any day of the week gives that week, Monday to Sunday.
    plan = calendar.week(salon.stylist.id, WEDNESDAY, ZONE)

    assert plan.staff.id == salon.stylist.id
    assert plan.monday == date(2026, 11, 23)
    assert [d.day for d in plan.days] == [date(2026, 11, 23) + timedelta(days=i) for i in range(7)]
    assert [[a.id for a in d.appointments] for d in plan.days] == [
        [monday_row.id],
        [],
        [],
        [],
        [friday_row.id],
        [],
        [],
    ]
    assert [[a.id for a in d.absences] for d in plan.days][1] == [lunch]
    assert plan.days[5].opening == (OpeningInterval(5, time(9, 0), time(14, 0)),)
    assert plan.days[6].opening == ()
    assert dict(plan.service_colours) == {salon.cut.id: salon.cut.colour}


def test_week_of_unknown_staff_is_not_found(calendar: CalendarService) -> None:
    with pytest.raises(NotFound):
        calendar.week(999, WEDNESDAY, ZONE)


def test_absences_between(services: Services, calendar: CalendarService, salon: Salon) -> None:
    cat = services.catalogue
    a = cat.add_absence(
        salon.stylist.id, AbsenceKind.BREAK, berlin(2026, 11, 25, 12), berlin(2026, 11, 25, 13)
    )
    b = cat.add_absence(
        salon.other_stylist.id,
        AbsenceKind.ABSENCE,
        berlin(2026, 11, 24, 0),
        berlin(2026, 11, 26, 0),
    )
    cat.add_absence(
        salon.stylist.id, AbsenceKind.BREAK, berlin(2026, 11, 25, 13), berlin(2026, 11, 25, 14)
    )

    window = (berlin(2026, 11, 25, 11), berlin(2026, 11, 25, 13))
    assert [x.id for x in calendar.absences_between(*window)] == [b, a]
    assert [x.id for x in calendar.absences_between(*window, [salon.stylist.id])] == [a]
    assert calendar.absences_between(*window, []) == []


# ---- preview --------------------------------------------------------------------------------
def _request(salon: Salon, customer: CustomerRow, starts_at: datetime, **options: Any) -> Any:
    return BookingRequest(customer.id, salon.stylist.id, salon.cut.id, starts_at, **options)


def test_preview_of_a_free_slot_is_none_and_writes_nothing(
    services: Services, open_week: Salon, anna: CustomerRow
) -> None:
    assert services.booking.preview(_request(open_week, anna, berlin(2026, 11, 25, 10))) is None
    assert count(services.db, m.Appointment) == 0
    assert outbox_messages(services.db) == []


def test_preview_names_the_double_booking(
    services: Services, open_week: Salon, anna: CustomerRow, bea: CustomerRow
) -> None:
    salon = open_week
    first = _book(services, anna, salon.stylist.id, salon.cut.id, berlin(2026, 11, 25, 10))

    problem = services.booking.preview(_request(salon, bea, berlin(2026, 11, 25, 10, 30)))
    overridden = services.booking.preview(
        _request(salon, bea, berlin(2026, 11, 25, 10, 30), override=True)
    )

    assert isinstance(problem, BookingConflict)
    assert problem.clash_id == first.id and problem.customer_name == "Anna Müller"
    assert isinstance(overridden, BookingConflict)  # override never allows a double booking
    assert count(services.db, m.Appointment) == 1


def test_preview_reports_opening_hours_and_absences_unless_overridden(
    services: Services, open_week: Salon, anna: CustomerRow
) -> None:
    salon = open_week
    services.catalogue.add_absence(
        salon.stylist.id, AbsenceKind.BREAK, berlin(2026, 11, 25, 12), berlin(2026, 11, 25, 13)
    )
    late = _request(salon, anna, berlin(2026, 11, 25, 17, 30))
    lunch = _request(salon, anna, berlin(2026, 11, 25, 12, 15))

    assert isinstance(services.booking.preview(late), OutsideOpeningHours)
    assert isinstance(services.booking.preview(lunch), StaffUnavailable)
    assert services.booking.preview(_request(salon, anna, late.starts_at, override=True)) is None
    # A shorter duration than the service's fits before closing time.
    assert services.booking.preview(_request(salon, anna, late.starts_at, minutes=30)) is None


def test_preview_refuses_a_naive_start(services: Services, salon: Salon, anna: CustomerRow) -> None:
    with pytest.raises(InvalidField):
        services.booking.preview(_request(salon, anna, datetime(2026, 11, 25, 10)))


# ---- the mini month -------------------------------------------------------------------------
def test_booked_days_are_the_local_days_with_an_appointment_not_cancelled(
    services: Services, calendar: CalendarService, open_week: Salon, anna: CustomerRow
) -> None:
    salon = open_week
    _book(services, anna, salon.stylist.id, salon.cut.id, berlin(2026, 11, 24, 9))
    _book(services, anna, salon.other_stylist.id, salon.cut.id, berlin(2026, 11, 26, 17))
    gone = _book(services, anna, salon.stylist.id, salon.cut.id, berlin(2026, 11, 27, 10))
    services.booking.cancel(gone.id)
    # 00:30 in Berlin is the day before in UTC: the salon's day counts.
    _book(services, anna, salon.stylist.id, salon.cut.id, berlin(2026, 12, 1, 0, 30), override=True)

    days = calendar.booked_days(date(2026, 11, 23), date(2026, 12, 1), ZONE)

    assert days == {date(2026, 11, 24), date(2026, 11, 26), date(2026, 12, 1)}
    assert calendar.booked_days(date(2026, 11, 28), date(2026, 11, 30), ZONE) == set()
