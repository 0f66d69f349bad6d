"""Time rules of the booking calendar: overlaps, opening hours, absences."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from desk_app.domain.errors import InvalidField

# No appointment lasts longer (also a database constraint, revision 0010): so one that
# touches a day started at most this long before it, and the calendar finds a day's
# appointments along the (staff, start) index instead of reading every earlier one.
MAX_APPOINTMENT_LENGTH = timedelta(hours=24)


@dataclass(frozen=True)
class OpeningInterval:
    weekday: int  # Monday = 0
    opens: time
    closes: time


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """Half-open intervals: an appointment ending at 10:00 does not clash with one at 10:00."""
    return a_start < b_end and b_start < a_end


def within_opening_hours(
    local_start: datetime, local_end: datetime, intervals: Iterable[OpeningInterval]
) -> bool:
    """True when [start, end) lies inside one opening interval of that (local) day."""
    if local_start.date() != local_end.date():
        return False
    for interval in intervals:
        if interval.weekday != local_start.weekday():
            continue
        if interval.opens <= local_start.time() and local_end.time() <= interval.closes:
            return True
    return False


def parse_opening_spec(spec: str) -> list[OpeningInterval]:
    """ "1=09:00-13:00,14:00-18:30" → two intervals on Tuesday (weekday 0 is Monday)."""
    day_text, _, ranges = spec.partition("=")
    try:
        weekday = int(day_text)
        intervals = []
        for part in ranges.split(","):
            opens, _, closes = part.strip().partition("-")
            intervals.append(
                OpeningInterval(weekday, time.fromisoformat(opens), time.fromisoformat(closes))
            )
    except ValueError as exc:
        raise InvalidField("opening_hours", "invalid_spec", spec) from exc
    return intervals
