"""A free time for an occurrence of a series that cannot be booked where the rule puts it.

The staff member's free time comes from ``domain.availability.free_intervals`` (the
salon's opening hours and closed days, their own hours, their bookings and absences),
the very rules the online booking page offers slots by; the start times lie on the
salon's booking step grid. Preferred: the free start on the same local day nearest to
the planned one; else the first free start on one of the next days (up to six, so that
a weekly series' next occurrence is never reached).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.availability import (
    AvailabilityRules,
    Interval,
    StaffWeek,
    free_intervals,
    start_times,
)
from desk_app.domain.recurrence import local_instant
from desk_app.domain.scheduling import OpeningInterval
from desk_app.services.online_availability import _staff_weeks as staff_weeks
from desk_app.services.settings_store import read_settings

SEARCH_DAYS = 7  # the planned day and the six after it
_WHOLE_DAY = [OpeningInterval(day, time(0), time(23, 59)) for day in range(7)]


def propose_start(
    s: Session,
    staff_id: int,
    planned: datetime,
    length: timedelta,
    also_busy: Sequence[datetime],
    now: datetime,
) -> datetime | None:
    """The proposal (UTC), or None when the staff member has no fitting free time in
    the search days. ``also_busy``: the series' other planned starts (not booked yet)."""
    settings = read_settings(s)
    zone = settings.zone
    day = planned.astimezone(zone).date()
    day_start = max(local_instant(day, time(0), zone), now)
    rules = AvailabilityRules(
        step_minutes=settings.booking_step_minutes, lead_minutes=0, horizon_days=SEARCH_DAYS
    )
    (week,) = staff_weeks(s, [staff_id], day_start, rules)
    busy = (*week.busy, *(Interval(t, t + length) for t in also_busy))
    opening = [
        OpeningInterval(h.weekday, h.opens, h.closes) for h in s.scalars(select(m.OpeningHours))
    ]
    # A salon without opening hours is not limited by them (as booking_slots.check_slot).
    closures = [(c.starts_on, c.ends_on) for c in s.scalars(select(m.Closure))]
    free = free_intervals(
        opening or _WHOLE_DAY,
        closures,
        StaffWeek(staff_id, week.hours, busy),
        zone,
        day_start,
        rules,
    )
    minutes = max(1, int(length.total_seconds() // 60))
    starts = start_times(free, minutes, zone, settings.booking_step_minutes)
    same_day = [t for t in starts if t.astimezone(zone).date() == day]
    if same_day:
        return min(same_day, key=lambda t: (abs(t - planned), t))
    later = [t for t in starts if t.astimezone(zone).date() > day]
    return later[0] if later else None
