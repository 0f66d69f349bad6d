"""Recurring appointments (SeriesService): every occurrence checked, a proposal next to
each conflict, the receptionist's decisions, one transaction, "this and following"."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from sqlalchemy import select

from desk_app.db import models as m
from desk_app.domain.access import SHARED_COUNTER, Actor
from desk_app.domain.enums import AppointmentStatus, Permission, StaffRole
from desk_app.domain.errors import BookingConflict, NotPermitted, SeriesOccurrenceRefused
from desk_app.domain.recurrence import Frequency, SeriesRule
from desk_app.services.booking import BookingRequest
from desk_app.services.catalogue import default_week
from desk_app.services.container import Services
from desk_app.services.rows import CustomerRow
from desk_app.services.series import (
    Choice,
    Decision,
    SeriesPosition,
    SeriesRequest,
)
from tests.services.support import Salon, add_customer, berlin, count, outbox_messages

FIRST = date(2026, 11, 27)  # a Friday; ten weekly Fridays run into February


@pytest.fixture
def anna(services: Services) -> CustomerRow:
    return add_customer(services)


def _request(salon: Salon, customer: CustomerRow, count: int = 10) -> SeriesRequest:
    return SeriesRequest(
        customer_id=customer.id,
        staff_id=salon.stylist.id,
        service_id=salon.cut.id,
        first_day=FIRST,
        at=time(10, 0),
        rule=SeriesRule(Frequency.WEEKLY, 1, count=count),
    )


def _active(services: Services, series_id: int) -> list[int]:
    with services.db.read() as s:
        return list(
            s.scalars(
                select(m.Appointment.series_index)
                .where(
                    m.Appointment.series_id == series_id,
                    m.Appointment.status == AppointmentStatus.BOOKED.value,
                )
                .order_by(m.Appointment.series_index)
            )
        )


def test_series_of_ten_with_two_conflicts_moved_skipped_and_cut_short(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    services.catalogue.set_opening_hours(default_week(time(9, 0), time(18, 0)))
    bea = add_customer(services, "Bea", "Bauer", "bea@example.org", "0170 9876543")
    third, seventh = FIRST + timedelta(weeks=2), FIRST + timedelta(weeks=6)
    for day in (third, seventh):
        services.booking.book(
            BookingRequest(
                bea.id, salon.stylist.id, salon.cut.id, berlin(day.year, day.month, day.day, 10)
            )
        )
    request = _request(salon, anna)

    plan = services.series.plan(request)

    assert len(plan.occurrences) == 10
    assert [o.index for o in plan.conflicts] == [2, 6]
    for conflict in plan.conflicts:
        assert isinstance(conflict.problem, BookingConflict)
        # Nearest free start that day: 09:15–10:00 ends as Bea's begins (10:45 is as near;
        # the earlier one wins the tie).
        day = FIRST + timedelta(weeks=conflict.index)
        assert conflict.proposal == berlin(day.year, day.month, day.day, 9, 15)
    # Nothing decided: nothing is written.
    with pytest.raises(SeriesOccurrenceRefused) as undecided:
        services.series.book(request, {})
    assert undecided.value.index == 2
    assert count(services.db, m.AppointmentSeries) == 0
    assert count(services.db, m.Appointment) == 2

    moved_to = berlin(third.year, third.month, third.day, 14)
    rows = services.series.book(
        request, {2: Decision(Choice.MOVE, moved_to), 6: Decision(Choice.SKIP)}
    )

    assert len(rows) == 9
    assert [r.series_index for r in rows] == [0, 1, 2, 3, 4, 5, 7, 8, 9]
    assert rows[2].starts_at == moved_to
    series_id = rows[0].series_id
    assert series_id is not None and {r.series_id for r in rows} == {series_id}
    # Each occurrence is confirmed on its own (reminders follow per appointment).
    confirmations = [o for o in outbox_messages(services.db) if o.customer_id == anna.id]
    assert len(confirmations) == 9
    assert services.series.positions([rows[2].id]) == {rows[2].id: SeriesPosition(2, 10)}

    # Moving one occurrence moves nothing else.
    services.booking.reschedule(rows[3].id, rows[3].starts_at + timedelta(hours=1))
    assert [services.booking.get(r.id).starts_at for r in rows if r.id != rows[3].id] == [
        r.starts_at for r in rows if r.id != rows[3].id
    ]

    assert services.series.cancel_following(rows[4].id) == 5
    assert _active(services, series_id) == [0, 1, 2, 3]
    assert services.series.active_count(series_id) == 4
    assert services.booking.get(rows[5].id).status is AppointmentStatus.CANCELLED


def test_series_with_the_receptionist_accepting_the_proposal(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    # No opening hours set: nothing limits the proposal but the stylist's calendar.
    blocker = add_customer(services, "Bea", "Bauer", "bea@example.org", "0170 9876543")
    services.booking.book(
        BookingRequest(blocker.id, salon.stylist.id, salon.colour.id, berlin(2026, 12, 4, 9))
    )
    request = _request(salon, anna, count=3)
    plan = services.series.plan(request)
    [conflict] = plan.conflicts
    assert conflict.index == 1 and conflict.proposal == berlin(2026, 12, 4, 10, 30)
    rows = services.series.book(request, {1: Decision(Choice.ACCEPT, conflict.proposal)})
    assert [r.starts_at for r in rows] == [
        berlin(2026, 11, 27, 10),
        berlin(2026, 12, 4, 10, 30),
        berlin(2026, 12, 11, 10),
    ]
    # Erasing the customer takes the series with the appointments.
    services.privacy.erase(anna.id, None, salon.reception.name, actor=SHARED_COUNTER)
    assert count(services.db, m.AppointmentSeries) == 0


def test_a_stylist_may_not_book_a_series(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    stylist = Actor(salon.stylist.id, salon.stylist.name, StaffRole.STYLIST)
    with pytest.raises(NotPermitted) as refused:
        services.series.book(_request(salon, anna, count=2), {}, actor=stylist)
    assert refused.value.permission is Permission.BOOK
    assert count(services.db, m.Appointment) == 0


def test_cancelling_the_rest_of_a_series_inside_the_cutoff_is_a_late_cancellation(
    services: Services, salon: Salon, anna: CustomerRow
) -> None:
    # Now: Wednesday 09:00; the first Friday at 10:00 is 49 hours away, the next a week on.
    services.catalogue.set_settings({"late_cancel_hours": "72"}, actor=SHARED_COUNTER)
    rows = services.series.book(_request(salon, anna, count=3), {})
    assert services.series.cancel_following(rows[0].id) == 3
    assert services.booking.attendance(anna.id).late_cancellations == 1  # the first only
    # The receptionist may waive it, as for a single cancellation.
    again = services.series.book(_request(salon, anna, count=3), {})
    assert services.series.cancel_following(again[0].id, waive_late=True) == 3
    assert services.booking.attendance(anna.id).late_cancellations == 1
