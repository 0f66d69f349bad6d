"""Changing "this and all following" occurrences of a recurring series (SeriesChanges):
every later one checked first, a proposal next to each conflict, the receptionist's
decisions, one transaction, one audit entry, undo and redo; and reminders per occurrence.
On both backends."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from sqlalchemy import select

from desk_app.db import models as m
from desk_app.domain.automations import Automation
from desk_app.domain.enums import AppointmentStatus, AuditAction
from desk_app.domain.errors import BookingConflict, SalonClosed, SeriesOccurrenceRefused
from desk_app.domain.recurrence import Frequency, SeriesRule
from desk_app.services.booking import BookingRequest
from desk_app.services.catalogue import default_week
from desk_app.services.container import Services
from desk_app.services.rows import AppointmentRow, CustomerRow
from desk_app.services.series import Choice, Decision, SeriesRequest
from desk_app.services.series_changes import OccurrenceChange
from tests.conftest import Clock
from tests.services.support import Salon, add_customer, berlin, count, outbox_messages

FIRST = date(2026, 11, 27)  # a Friday


def _book_series(
    services: Services, salon: Salon, customer: CustomerRow, n: int = 6
) -> list[AppointmentRow]:
    request = SeriesRequest(
        customer_id=customer.id,
        staff_id=salon.stylist.id,
        service_id=salon.cut.id,
        first_day=FIRST,
        at=time(10, 0),
        rule=SeriesRule(Frequency.WEEKLY, 1, count=n),
    )
    return services.series.book(request, {})


def _friday(week: int, hour: int, minute: int = 0) -> object:
    day = FIRST + timedelta(weeks=week)
    return berlin(day.year, day.month, day.day, hour, minute)


def _places(services: Services, rows: list[AppointmentRow]) -> list[tuple[object, int, int, int]]:
    """Each occurrence's start, staff member, service and minutes, in series order."""
    found = [services.booking.get(r.id) for r in rows]
    return [
        (a.starts_at, a.staff_id, a.service_id, int((a.ends_at - a.starts_at).seconds // 60))
        for a in found
    ]


def test_changing_the_time_of_this_and_all_following(services: Services, salon: Salon) -> None:
    services.catalogue.set_opening_hours(default_week(time(9, 0), time(18, 0)))
    anna = add_customer(services)
    rows = _book_series(services, salon, anna)
    bea = add_customer(services, "Bea", "Bauer", "bea@example.org", "0170 9876543")
    services.booking.book(BookingRequest(bea.id, salon.stylist.id, salon.cut.id, _friday(4, 11)))
    change = OccurrenceChange(starts_at=_friday(2, 11))
    changes = services.series_changes

    plan = changes.plan(rows[2].id, change)

    # The 3rd and every later one, each checked at 11:00; the 5th clashes with Bea and
    # gets the nearest free time that day (ending as Bea's begins).
    assert [o.index for o in plan.occurrences] == [2, 3, 4, 5]
    assert [o.starts_at for o in plan.occurrences] == [_friday(w, 11) for w in (2, 3, 4, 5)]
    [conflict] = plan.conflicts
    assert conflict.index == 4 and isinstance(conflict.problem, BookingConflict)
    assert conflict.proposal == _friday(4, 10, 15)
    assert plan.total == 6
    # Planning wrote nothing.
    assert [p[0] for p in _places(services, rows)] == [_friday(w, 10) for w in range(6)]

    # Nothing decided for the conflict: refused, nothing written.
    with pytest.raises(SeriesOccurrenceRefused) as undecided:
        changes.apply(rows[2].id, change, {})
    assert undecided.value.index == 4
    assert [p[0] for p in _places(services, rows)] == [_friday(w, 10) for w in range(6)]

    messages_before = len(outbox_messages(services.db))
    result = changes.apply(rows[2].id, change, {4: Decision(Choice.SKIP)})

    assert [p[0] for p in _places(services, rows)] == [
        _friday(0, 10),
        _friday(1, 10),
        _friday(2, 11),
        _friday(3, 11),
        _friday(4, 10),  # skipped: left as it was
        _friday(5, 11),
    ]
    assert result.row.id == rows[2].id and len(result.moved) == 3
    # Each moved occurrence's customer message, as for a single move.
    assert len(outbox_messages(services.db)) == messages_before + 3
    with services.db.read() as s:
        [entry] = s.scalars(
            select(m.AuditEntry).where(m.AuditEntry.action == AuditAction.SERIES_CHANGED.value)
        ).all()
    assert entry.subject == f"customer:{anna.id}"
    assert entry.details["from_occurrence"] == 3 and entry.details["changed"] == 3
    assert entry.details["left_as_they_were"] == 1

    # Undo puts every one back; redo moves them again.
    changes.restore(rows[2].id, result.moved, back=True)
    assert [p[0] for p in _places(services, rows)] == [_friday(w, 10) for w in range(6)]
    changes.restore(rows[2].id, result.moved, back=False)
    assert [p[0] for p in _places(services, rows)][2:4] == [_friday(2, 11), _friday(3, 11)]

    # Accepting the proposal for the 5th instead.
    again = changes.plan(rows[4].id, OccurrenceChange(starts_at=_friday(4, 11)))
    [conflict] = again.conflicts
    changes.apply(
        rows[4].id,
        OccurrenceChange(starts_at=_friday(4, 11)),
        {4: Decision(Choice.ACCEPT, conflict.proposal)},
    )
    assert services.booking.get(rows[4].id).starts_at == _friday(4, 10, 15)


def test_moving_the_rest_a_week_later_onto_its_own_places(services: Services, salon: Salon) -> None:
    # Each occurrence lands where the next one is leaving: no sibling blocks a sibling.
    anna = add_customer(services)
    rows = _book_series(services, salon, anna, n=4)
    change = OccurrenceChange(starts_at=_friday(2, 10))
    plan = services.series_changes.plan(rows[1].id, change)
    assert plan.conflicts == []
    services.series_changes.apply(rows[1].id, change, {})
    assert [p[0] for p in _places(services, rows)] == [_friday(w, 10) for w in (0, 2, 3, 4)]


def test_changing_staff_member_service_and_duration_of_the_rest(
    services: Services, salon: Salon
) -> None:
    anna = add_customer(services)
    rows = _book_series(services, salon, anna, n=4)
    services.catalogue.add_closure(FIRST + timedelta(weeks=3), FIRST + timedelta(weeks=3), "Urlaub")
    other, colour = salon.other_stylist.id, salon.colour.id
    change = OccurrenceChange(staff_id=other, service_id=colour)

    plan = services.series_changes.plan(rows[1].id, change)
    # A closed day is one more conflict to decide, not a failed plan.
    [closed] = plan.conflicts
    assert closed.index == 3 and isinstance(closed.problem, SalonClosed)
    services.series_changes.apply(rows[1].id, change, {3: Decision(Choice.SKIP)})
    cut, stylist = salon.cut.id, salon.stylist.id
    assert _places(services, rows) == [
        (_friday(0, 10), stylist, cut, 45),
        (_friday(1, 10), other, colour, 90),  # the service's own duration
        (_friday(2, 10), other, colour, 90),
        (_friday(3, 10), stylist, cut, 45),
    ]

    sixty = OccurrenceChange(minutes=60)
    services.series_changes.apply(rows[2].id, sixty, {3: Decision(Choice.SKIP)})
    assert [p[3] for p in _places(services, rows)] == [45, 90, 60, 45]
    # A cancelled occurrence is not changed.
    services.booking.cancel(rows[3].id)
    services.series_changes.apply(rows[2].id, OccurrenceChange(minutes=75), {})
    assert [p[3] for p in _places(services, rows)] == [45, 90, 75, 45]


def test_each_occurrence_has_its_own_reminder_and_cancelling_withdraws_it(
    services: Services, salon: Salon, clock: Clock
) -> None:
    anna = add_customer(services)
    rows = _book_series(services, salon, anna, n=3)
    # Each Friday's reminder comes when the clock reaches its window (24 hours before).
    clock.now = _friday(0, 9)  # type: ignore[assignment]
    assert services.automations.run()[Automation.REMINDER].queued == 1
    clock.now = _friday(1, 9)  # type: ignore[assignment]
    assert services.automations.run()[Automation.REMINDER].queued == 1
    reminders = [x for x in outbox_messages(services.db) if x.kind == "reminder"]
    assert [x.appointment_id for x in reminders] == [rows[0].id, rows[1].id]

    # Cancelling the second (queued reminder) withdraws its reminder only.
    services.series.cancel_following(rows[1].id)
    first, second = [x for x in outbox_messages(services.db) if x.kind == "reminder"]
    assert (second.status, second.reason) == ("rejected", "cancelled")
    assert first.status == "queued"
    clock.now = _friday(2, 9)  # type: ignore[assignment]
    assert services.automations.run()[Automation.REMINDER].queued == 0  # the third: cancelled
    assert services.booking.get(rows[2].id).status is AppointmentStatus.CANCELLED
    assert count(services.db, m.Appointment) == 3
