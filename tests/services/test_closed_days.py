"""Staff working hours, their exceptions and the salon's closed days (issue 14): the public
holidays pre-filled and editable, bookings on them or outside a member's hours refused
unless booked on purpose, the calendar's plans and the online snapshot respecting all
of it, and only the owner's and manager's to change (both backends)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time
from typing import Any

import pytest

from desk_app.db import models as m
from desk_app.domain.access import SHARED_COUNTER, Actor
from desk_app.domain.enums import AbsenceKind, StaffRole
from desk_app.domain.errors import NotPermitted, OutsideStaffHours, SalonClosed
from desk_app.domain.public_holidays import Holiday, public_holidays
from desk_app.domain.scheduling import OpeningInterval
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from tests.services.support import Salon, add_customer, berlin, count

NAMES = {Holiday.CHRISTMAS: "1. Weihnachtstag", Holiday.BOXING_DAY: "2. Weihnachtstag"}


def _free_days(snapshot: dict[str, Any], staff_id: int) -> set[date]:
    [entry] = [e for e in snapshot["free"] if e["staff_id"] == staff_id]
    zone = berlin(2026, 1, 1, 0).tzinfo
    return {datetime.fromisoformat(a).astimezone(zone).date() for a, _ in entry["intervals"]}


def test_holidays_are_filled_once_and_stay_editable(services: Services, salon: Salon) -> None:
    cat = services.catalogue
    cat.add_closure(date(2026, 12, 28), date(2027, 1, 2), "Betriebsferien")
    added = cat.add_public_holidays("NW", 2026, NAMES)
    # Eleven holidays in North Rhine-Westphalia; none already inside the closure.
    assert len(added) == 11
    assert [(c.starts_on, c.note) for c in added[-2:]] == [
        (date(2026, 12, 25), "1. Weihnachtstag"),
        (date(2026, 12, 26), "2. Weihnachtstag"),
    ]
    assert added[0].note == "new_year"  # a name not given: its code
    assert cat.add_public_holidays("NW", 2026, NAMES) == []  # twice adds nothing
    # The salon opens on Boxing Day: removed, it stays removed ...
    boxing_day = added[-1]
    cat.remove_closure(boxing_day.id)
    assert date(2026, 12, 26) not in {c.starts_on for c in cat.closures()}
    # ... and New Year 2027 falls inside the salon's own closure: not added again.
    assert all(c.starts_on != date(2027, 1, 1) for c in cat.add_public_holidays("NW", 2027, {}))
    assert count(services.db, m.AuditEntry) >= 4


def test_a_removed_holiday_stays_removed_and_a_new_state_replaces_the_old_ones(
    services: Services, salon: Salon
) -> None:
    cat = services.catalogue
    names = {**NAMES, Holiday.EPIPHANY: "Heilige Drei Könige"}
    nrw = cat.set_federal_state("NW", (2026,), names)
    assert len(nrw) == 11
    cat.add_closure(date(2026, 7, 6), date(2026, 7, 10), "Betriebsferien")
    cat.add_closure(date(2026, 11, 11), date(2026, 11, 11), "Karneval")  # by hand
    # The salon opens on Boxing Day: filled in again, it stays open.
    cat.remove_closure(next(c.id for c in nrw if c.starts_on == date(2026, 12, 26)))
    assert cat.add_public_holidays("NW", 2026, names) == []
    assert date(2026, 12, 26) not in {c.starts_on for c in cat.closures()}

    # The state was wrong: Bavaria. Its holidays replace those filled in for NRW; the
    # days added by hand stay, the day the salon opens on stays open.
    added = cat.set_federal_state("BY", (2026,), names)
    assert date(2026, 1, 6) in {c.starts_on for c in added}  # Epiphany: Bavarian only
    closed = {c.starts_on: c.note for c in cat.closures()}
    bavarian = {h.day for h in public_holidays("BY", 2026)}
    assert set(closed) == (bavarian - {date(2026, 12, 26)}) | {date(2026, 7, 6), date(2026, 11, 11)}
    assert closed[date(2026, 11, 11)] == "Karneval"
    assert services.catalogue.salon_settings().federal_state == "BY"
    # Back to NRW: its holidays come back (they were replaced, not removed by the salon);
    # Epiphany, filled in for Bavaria, goes.
    cat.set_federal_state("NW", (2026,), names)
    closed_again = {c.starts_on for c in cat.closures()}
    assert date(2026, 1, 6) not in closed_again and date(2026, 6, 4) in closed_again
    assert date(2026, 12, 26) not in closed_again


def test_closed_days_and_own_hours_warn_and_may_be_booked_on_purpose(
    services: Services, salon: Salon
) -> None:
    cat, booking = services.catalogue, services.booking
    anna = add_customer(services)
    cat.add_public_holidays("NW", 2026, NAMES)
    cat.set_staff_hours(salon.stylist.id, [OpeningInterval(3, time(12), time(18))])
    christmas = BookingRequest(
        anna.id, salon.other_stylist.id, salon.cut.id, berlin(2026, 12, 25, 10)
    )
    problem = booking.preview(christmas)
    assert isinstance(problem, SalonClosed)
    assert (problem.day, problem.note) == (date(2026, 12, 25), "1. Weihnachtstag")
    with pytest.raises(SalonClosed):
        booking.book(christmas)
    thursday_morning = BookingRequest(
        anna.id, salon.stylist.id, salon.cut.id, berlin(2026, 12, 3, 10)
    )
    assert isinstance(booking.preview(thursday_morning), OutsideStaffHours)
    assert (
        booking.preview(
            BookingRequest(anna.id, salon.stylist.id, salon.cut.id, berlin(2026, 12, 3, 12))
        )
        is None
    )
    # Booked on purpose ("book anyway"), both go in.
    booking.book(replace(christmas, override=True))
    booking.book(replace(thursday_morning, override=True))

    day = services.calendar.day(date(2026, 12, 25), "Europe/Berlin")
    assert day.closed == "1. Weihnachtstag"
    thursday = services.calendar.day(date(2026, 12, 3), "Europe/Berlin")
    assert thursday.closed is None
    stylist = thursday.column(salon.stylist.id)
    other = thursday.column(salon.other_stylist.id)
    assert stylist is not None and other is not None
    assert stylist.hours == (OpeningInterval(3, time(12), time(18)),)
    assert other.hours is None
    week = services.calendar.week(salon.stylist.id, date(2026, 12, 21), "Europe/Berlin")
    assert [d.closed for d in week.days] == [
        None, None, None, None, "1. Weihnachtstag", "2. Weihnachtstag", None,
    ]  # fmt: skip
    assert week.hours == (OpeningInterval(3, time(12), time(18)),)


def test_a_lunch_break_in_own_hours_warns_and_is_not_offered_online(
    services: Services, salon: Salon
) -> None:
    cat, booking = services.catalogue, services.booking
    cat.set_opening_hours([OpeningInterval(d, time(9), time(18)) for d in range(6)])
    cat.set_settings(
        {"online_booking": "on", "public_name": "haarwerk-mueller", "booking_lead_minutes": "0"},
        actor=SHARED_COUNTER,
    )
    # Thursdays with a lunch break, 12:30–13:30 (the week editor's "open with a break").
    lunch = [OpeningInterval(3, time(9), time(12, 30)), OpeningInterval(3, time(13, 30), time(18))]
    cat.set_staff_hours(salon.stylist.id, lunch)
    anna = add_customer(services)
    in_the_break = BookingRequest(anna.id, salon.stylist.id, salon.cut.id, berlin(2026, 12, 3, 12))
    assert isinstance(booking.preview(in_the_break), OutsideStaffHours)
    after = replace(in_the_break, starts_at=berlin(2026, 12, 3, 13, 30))
    assert booking.preview(after) is None
    snapshot = services.online_availability.snapshot()
    assert snapshot is not None
    [entry] = [e for e in snapshot["free"] if e["staff_id"] == salon.stylist.id]
    thursday = [
        (datetime.fromisoformat(a), datetime.fromisoformat(b))
        for a, b in entry["intervals"]
        if datetime.fromisoformat(a).astimezone(berlin(2026, 1, 1, 0).tzinfo).date()
        == date(2026, 12, 3)
    ]
    assert thursday == [
        (berlin(2026, 12, 3, 9), berlin(2026, 12, 3, 12, 30)),
        (berlin(2026, 12, 3, 13, 30), berlin(2026, 12, 3, 18)),
    ]


def test_online_snapshot_leaves_out_holidays_and_exceptions(
    services: Services, salon: Salon
) -> None:
    cat = services.catalogue
    cat.set_opening_hours([OpeningInterval(d, time(9), time(18)) for d in range(6)])
    cat.set_settings(
        {"online_booking": "on", "public_name": "haarwerk-mueller", "booking_lead_minutes": "0"},
        actor=SHARED_COUNTER,
    )
    cat.add_public_holidays("NW", 2026, NAMES)
    cat.add_absence(  # an exception to the stylist's hours: a whole day off
        salon.stylist.id, AbsenceKind.ABSENCE, berlin(2026, 12, 22, 0), berlin(2026, 12, 23, 0)
    )
    snapshot = services.online_availability.snapshot()
    assert snapshot is not None
    stylist, other = (
        _free_days(snapshot, salon.stylist.id),
        _free_days(snapshot, salon.other_stylist.id),
    )
    for closed in (date(2026, 12, 25), date(2026, 12, 26)):
        assert closed not in stylist and closed not in other
    assert date(2026, 12, 22) not in stylist and date(2026, 12, 22) in other
    # Opening on Boxing Day after all: it is offered again.
    [boxing_day] = [c for c in cat.closures() if c.starts_on == date(2026, 12, 26)]
    cat.remove_closure(boxing_day.id)
    snapshot = services.online_availability.snapshot()
    assert snapshot is not None
    assert date(2026, 12, 26) in _free_days(snapshot, salon.other_stylist.id)


def test_only_owner_and_manager_change_hours_and_closed_days(
    services: Services, salon: Salon
) -> None:
    cat = services.catalogue
    reception = Actor(salon.reception.id, salon.reception.name, StaffRole.RECEPTION)
    stylist = Actor(salon.stylist.id, salon.stylist.name, StaffRole.STYLIST)
    closure = cat.add_closure(date(2026, 12, 31), date(2026, 12, 31), "Silvester")
    for actor in (reception, stylist):
        with pytest.raises(NotPermitted):
            cat.add_closure(date(2026, 12, 24), date(2026, 12, 24), actor=actor)
        with pytest.raises(NotPermitted):
            cat.remove_closure(closure.id, actor=actor)
        with pytest.raises(NotPermitted):
            cat.add_public_holidays("NW", 2026, NAMES, actor=actor)
        with pytest.raises(NotPermitted):
            cat.set_staff_hours(salon.stylist.id, [], actor=actor)
        with pytest.raises(NotPermitted):
            cat.add_absence(
                salon.stylist.id,
                AbsenceKind.ABSENCE,
                berlin(2026, 12, 1, 9),
                berlin(2026, 12, 1, 12),
                actor=actor,
            )
    assert [c.note for c in cat.closures()] == ["Silvester"]
