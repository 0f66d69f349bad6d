"""Read models of the booking calendar: one day with staff side by side, one staff week.

Every plan is loaded with a fixed handful of set-based queries (staff, opening hours,
appointments, absences), however many rows a day has: the calendar is redrawn often
and must not issue one query per appointment. The plans and the rules that assemble
them are in ``calendar_plans`` (also read without SQLAlchemy at start). Plain Python (no
Qt); may not import ui.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Date, Integer, Text, Time, cast, exists, literal, null, select, union_all
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.enums import AbsenceKind, AppointmentStatus, BookingSource
from desk_app.domain.errors import NotFound
from desk_app.domain.scheduling import MAX_APPOINTMENT_LENGTH, OpeningInterval
from desk_app.services.calendar_plans import (  # the plans' home; named here as before
    BOOKABLE_ROLES as BOOKABLE_ROLES,
)
from desk_app.services.calendar_plans import (
    AbsenceRow,
    DayPlan,
    WeekDay,
    WeekPlan,
    closed_days,
    day_plan,
    day_staff,
    local_day_bounds,
    of_weekday,
    week_order,
)
from desk_app.services.calendar_plans import StaffColumn as StaffColumn
from desk_app.services.mapping import staff_row
from desk_app.services.rows import AppointmentRow, StaffRow
from desk_sql.id_lists import among_ids

# A dict lookup per row instead of an Enum() call (a chain day has a thousand rows).
_STATUSES = {s.value: s for s in AppointmentStatus}
_SOURCES = {s.value: s for s in BookingSource}


class CalendarService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def day(self, local_date: date, time_zone: str) -> DayPlan:
        start, end = local_day_bounds(local_date, time_zone)
        with self._db.read() as s:
            opening, own_hours, closed = _hours_and_closures(s, local_date, local_date)
            # Every staff member (a few dozen rows): the appointments are then read per
            # staff member along the (staff, start) index, and an appointment's staff
            # member is known without joining.
            everyone = {x.id: staff_row(x) for x in s.scalars(select(m.Staff))}
            appointments, colours = _appointments(s, start, end, everyone)
            staff = day_staff(everyone.values(), appointments)
            absences = _absences(s, start, end, [x.id for x in staff])
        return day_plan(
            local_date,
            time_zone,
            opening,
            staff,
            appointments,
            absences,
            colours,
            own_hours,
            closed.get(local_date),
        )

    def week(self, staff_id: int, monday: date, time_zone: str) -> WeekPlan:
        monday = monday - timedelta(days=monday.weekday())
        start, _ = local_day_bounds(monday, time_zone)
        _, end = local_day_bounds(monday + timedelta(days=6), time_zone)
        zone = ZoneInfo(time_zone)
        with self._db.read() as s:
            staff = s.get(m.Staff, staff_id)
            if staff is None:
                raise NotFound("staff", str(staff_id))
            row = staff_row(staff)
            sunday = monday + timedelta(days=6)
            opening, everyone_hours, closed = _hours_and_closures(s, monday, sunday)
            own_hours = everyone_hours.get(staff_id)
            appointments, colours = _appointments(s, start, end, {staff_id: row})
            absences = _absences(s, start, end, [staff_id])
        days = []
        for offset in range(7):
            day = monday + timedelta(days=offset)
            day_start, day_end = local_day_bounds(day, time_zone)
            days.append(
                WeekDay(
                    day=day,
                    opening=of_weekday(opening, day.weekday()),
                    # Shown on the day it starts (local); appointments never span midnight.
                    appointments=tuple(
                        a for a in appointments if a.starts_at.astimezone(zone).date() == day
                    ),
                    absences=tuple(
                        a for a in absences if a.starts_at < day_end and a.ends_at > day_start
                    ),
                    closed=closed.get(day),
                )
            )
        hours = tuple(own_hours) if own_hours is not None else None
        return WeekPlan(row, monday, time_zone, bool(opening), tuple(days), colours, hours)

    def booked_days(self, first: date, last: date, time_zone: str) -> set[date]:
        """The days from ``first`` to ``last`` (local) with an appointment that was not
        cancelled: the mini month marks them.

        One statement of a yes/no probe per day: each stops at the first appointment it
        finds along the (staff, start) index, so a busy chain month costs as little as
        a quiet one (reading the month's appointments would be tens of thousands of
        rows)."""
        days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        a = m.Appointment
        with self._db.read() as s:
            staff_ids = list(s.scalars(select(m.Staff.id)))
            if not staff_ids or not days:
                return set()
            dialect = s.get_bind().dialect.name
            probes = []
            for index, day in enumerate(days):
                start, end = local_day_bounds(day, time_zone)
                booked = exists().where(
                    among_ids(a.staff_id, staff_ids, dialect),
                    a.starts_at >= start,
                    a.starts_at < end,
                    a.status != AppointmentStatus.CANCELLED.value,
                )
                probes.append(select(literal(index)).where(booked))
            found = s.execute(union_all(*probes)).scalars().all()
        return {days[index] for index in found}

    def absences_between(
        self, start: datetime, end: datetime, staff_ids: Iterable[int] | None = None
    ) -> list[AbsenceRow]:
        """Absences and breaks overlapping [start, end), of the given staff or everyone."""
        with self._db.read() as s:
            return _absences(s, start, end, None if staff_ids is None else list(staff_ids))


# ---- queries ------------------------------------------------------------------------------
def _hours_and_closures(
    s: Session, first: date, last: date
) -> tuple[list[OpeningInterval], dict[int, list[OpeningInterval]], dict[date, str]]:
    """The salon's opening hours, every staff member's own hours (of those who have
    any) and the closed days among [first, last] with their notes — in one statement
    (three small tables): the calendar reloads often and keeps to a fixed few queries."""
    o, h, c = m.OpeningHours, m.StaffHours, m.Closure

    def typed_null(kind: Any) -> Any:
        return cast(null(), kind)  # PostgreSQL types each column of a UNION

    query = union_all(
        select(
            literal("opening").label("part"),
            typed_null(Integer).label("staff_id"),
            o.weekday,
            o.opens,
            o.closes,
            typed_null(Date).label("starts_on"),
            typed_null(Date).label("ends_on"),
            typed_null(Text).label("note"),
        ),
        select(
            literal("staff"),
            h.staff_id,
            h.weekday,
            h.opens,
            h.closes,
            typed_null(Date),
            typed_null(Date),
            typed_null(Text),
        ),  # fmt: skip
        select(
            literal("closed"),
            typed_null(Integer),
            typed_null(Integer),
            typed_null(Time),
            typed_null(Time),
            c.starts_on,
            c.ends_on,
            c.note,
        ).where(c.starts_on <= last, c.ends_on >= first),  # fmt: skip
    )
    opening: list[OpeningInterval] = []
    hours: dict[int, list[OpeningInterval]] = defaultdict(list)
    closures: list[tuple[date, date, str]] = []
    for part, staff_id, weekday, opens, closes, starts_on, ends_on, note in s.execute(query):
        if part == "opening":
            opening.append(OpeningInterval(weekday, opens, closes))
        elif part == "staff":
            hours[staff_id].append(OpeningInterval(weekday, opens, closes))
        else:
            closures.append((starts_on, ends_on, note))
    return (
        sorted(opening, key=week_order),
        {staff_id: sorted(rows, key=week_order) for staff_id, rows in hours.items()},
        closed_days(closures, first, last),
    )


def _appointments(
    s: Session, start: datetime, end: datetime, staff: Mapping[int, StaffRow]
) -> tuple[list[AppointmentRow], dict[int, str]]:
    """The appointments of these staff members that touch [start, end), all statuses.

    An appointment lasts at most MAX_APPOINTMENT_LENGTH (a database constraint), so one
    that touches the range starts less than that before it: the lower bound on
    ``starts_at`` turns "everything that started before the end" into a short range of
    the (staff, start) index per staff member. Plain columns through Core, not ORM
    objects: a busy chain day has a thousand rows and the calendar reloads often. The
    staff ids travel as one parameter (``among_ids``): eighty separate ones cost more to
    bind than the query takes on PostgreSQL."""
    a, c, t = m.Appointment, m.Customer, m.Treatment
    dialect = s.get_bind().dialect.name
    query = (
        select(
            a.id,
            a.customer_id,
            a.staff_id,
            a.service_id,
            a.starts_at,
            a.ends_at,
            a.status,
            a.source,
            a.notify,
            a.note,
            a.series_id,
            a.series_index,
            a.processing_starts_at,
            a.processing_ends_at,
            c.first_name,
            c.last_name,
            t.name,
            t.colour,
        )
        .join(c, c.id == a.customer_id)
        .join(t, t.id == a.service_id)
        .where(
            among_ids(a.staff_id, staff, dialect),
            a.starts_at > start - MAX_APPOINTMENT_LENGTH,
            a.starts_at < end,
            a.ends_at > start,
        )
        .order_by(a.starts_at, a.id)
    )
    rows: list[AppointmentRow] = []
    colours: dict[int, str] = {}
    for (
        appointment_id,
        customer_id,
        staff_id,
        service_id,
        starts_at,
        ends_at,
        status,
        source,
        notify,
        note,
        series_id,
        series_index,
        processing_starts_at,
        processing_ends_at,
        first_name,
        last_name,
        service_name,
        colour,
    ) in s.connection().execute(query).all():
        rows.append(
            AppointmentRow(
                id=appointment_id,
                customer_id=customer_id,
                customer_name=f"{first_name} {last_name}".strip(),
                staff_id=staff_id,
                staff_name=staff[staff_id].name,
                service_id=service_id,
                service_name=service_name,
                starts_at=starts_at,
                ends_at=ends_at,
                status=_STATUSES[status],
                source=_SOURCES[source],
                notify=notify,
                note=note,
                series_id=series_id,
                series_index=series_index,
                processing_starts_at=processing_starts_at,
                processing_ends_at=processing_ends_at,
            )
        )
        colours[service_id] = colour
    return rows, colours


def _absences(
    s: Session, start: datetime, end: datetime, staff_ids: list[int] | None
) -> list[AbsenceRow]:
    if staff_ids is not None and not staff_ids:
        return []
    query = (
        select(m.Absence)
        .where(m.Absence.starts_at < end, m.Absence.ends_at > start)
        .order_by(m.Absence.starts_at, m.Absence.id)
    )
    if staff_ids is not None:
        dialect = s.get_bind().dialect.name
        query = query.where(among_ids(m.Absence.staff_id, staff_ids, dialect))
    return [
        AbsenceRow(a.id, a.staff_id, AbsenceKind(a.kind), a.starts_at, a.ends_at, a.note)
        for a in s.scalars(query)
    ]
