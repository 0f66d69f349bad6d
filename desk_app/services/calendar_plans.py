"""What the booking calendar shows (a day with staff side by side, one staff member's
week) and the rules that assemble a day from its rows, apart from any query.

Two readers build a ``DayPlan`` from the same rows: ``calendar_view`` (SQLAlchemy, every
day the calendar shows) and ``desktop.first_day`` (plain ``sqlite3``, the day the window
shows at start before SQLAlchemy is imported). Both go through ``day_staff`` and
``day_plan``, so they pick the same columns in the same order. Plain Python: no SQL, no
Qt (importing this module imports neither).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from desk_app.domain.enums import AbsenceKind, StaffRole
from desk_app.domain.scheduling import OpeningInterval
from desk_app.services.rows import AppointmentRow, StaffRow

# Roles that take appointments and therefore get a column in the day view.
BOOKABLE_ROLES: frozenset[StaffRole] = frozenset({StaffRole.OWNER, StaffRole.STYLIST})
_ROLE_ORDER = {StaffRole.OWNER: 0, StaffRole.STYLIST: 1, StaffRole.RECEPTION: 2}


@dataclass(frozen=True)
class AbsenceRow:
    id: int
    staff_id: int
    kind: AbsenceKind
    starts_at: datetime
    ends_at: datetime
    note: str


@dataclass(frozen=True)
class StaffColumn:
    """One staff member's appointments (all statuses, for display) and absences of a day."""

    staff: StaffRow
    appointments: tuple[AppointmentRow, ...]
    absences: tuple[AbsenceRow, ...]
    hours: tuple[OpeningInterval, ...] | None = None  # own hours that day; None: the salon's


@dataclass(frozen=True)
class DayPlan:
    day: date
    time_zone: str
    opening: tuple[OpeningInterval, ...]  # that weekday's intervals, local wall-clock times
    opening_hours_set: bool  # False: the salon has set none yet, so no time counts as closed
    columns: tuple[StaffColumn, ...]
    service_colours: Mapping[int, str]  # service id → "#rrggbb"
    closed: str | None = None  # the whole salon is closed: the closed day's note

    def column(self, staff_id: int) -> StaffColumn | None:
        return next((c for c in self.columns if c.staff.id == staff_id), None)


@dataclass(frozen=True)
class WeekDay:
    day: date
    opening: tuple[OpeningInterval, ...]
    appointments: tuple[AppointmentRow, ...]
    absences: tuple[AbsenceRow, ...]
    closed: str | None = None  # the whole salon is closed: the closed day's note


@dataclass(frozen=True)
class WeekPlan:
    staff: StaffRow
    monday: date
    time_zone: str
    opening_hours_set: bool
    days: tuple[WeekDay, ...]  # Monday to Sunday
    service_colours: Mapping[int, str]
    hours: tuple[OpeningInterval, ...] | None = None  # own weekly hours; None: the salon's


def local_day_bounds(day: date, time_zone: str) -> tuple[datetime, datetime]:
    """[midnight, next midnight) of a salon-local day, aware (23 or 25 hours on DST days)."""
    zone = ZoneInfo(time_zone)
    return (
        datetime.combine(day, time(0), zone),
        datetime.combine(day + timedelta(days=1), time(0), zone),
    )


def day_staff(
    everyone: Iterable[StaffRow], appointments: Iterable[AppointmentRow]
) -> list[StaffRow]:
    """Who gets a column, in column order: bookable staff, and anyone else only when they
    hold an appointment that day (inactive or reception), so nothing booked is ever
    hidden."""
    busy_staff = {a.staff_id for a in appointments}
    return sorted(
        (x for x in everyone if (x.active and x.role in BOOKABLE_ROLES) or x.id in busy_staff),
        key=lambda r: (_ROLE_ORDER.get(r.role, 9), r.name.casefold(), r.id),
    )


def day_plan(
    local_date: date,
    time_zone: str,
    opening: Sequence[OpeningInterval],
    staff: Sequence[StaffRow],
    appointments: Iterable[AppointmentRow],
    absences: Iterable[AbsenceRow],
    service_colours: Mapping[int, str],
    own_hours: Mapping[int, Sequence[OpeningInterval]],
    closed: str | None,
) -> DayPlan:
    """The day from its rows: ``opening`` the whole week's intervals, ``staff`` from
    ``day_staff``, appointments and absences in display order, ``own_hours`` the whole
    week's intervals of the members who have their own, ``closed`` the note of the
    salon's closed day (None: open)."""
    by_staff: dict[int, list[AppointmentRow]] = defaultdict(list)
    for row in appointments:
        by_staff[row.staff_id].append(row)
    absent: dict[int, list[AbsenceRow]] = defaultdict(list)
    for absence in absences:
        absent[absence.staff_id].append(absence)
    return DayPlan(
        day=local_date,
        time_zone=time_zone,
        opening=of_weekday(opening, local_date.weekday()),
        opening_hours_set=bool(opening),
        columns=tuple(
            StaffColumn(
                x,
                tuple(by_staff[x.id]),
                tuple(absent[x.id]),
                of_weekday(own_hours[x.id], local_date.weekday()) if x.id in own_hours else None,
            )
            for x in staff
        ),
        service_colours=service_colours,
        closed=closed,
    )


def week_order(interval: OpeningInterval) -> tuple[int, time]:
    return interval.weekday, interval.opens


def closed_days(
    closures: Iterable[tuple[date, date, str]], first: date, last: date
) -> dict[date, str]:
    """The closed days among [first, last] with their notes, from (starts_on, ends_on,
    note) ranges; a later closure's note wins where two overlap."""
    closed: dict[date, str] = {}
    for starts_on, ends_on, note in sorted(closures, key=lambda x: x[0]):
        day = max(starts_on, first)
        while day <= min(ends_on, last):
            closed[day] = note
            day += timedelta(days=1)
    return closed


def of_weekday(intervals: Sequence[OpeningInterval], weekday: int) -> tuple[OpeningInterval, ...]:
    return tuple(sorted((i for i in intervals if i.weekday == weekday), key=lambda i: i.opens))
