"""Recurring appointments: a series rule and the occurrences it expands to.

A series repeats one wall-clock time of the salon's time zone: "every 3 weeks at 09:00"
stays at 09:00 on the clock across a change to or from summer time (the UTC instant
moves by the hour). Two kinds of rule:

- every N weeks, on the first occurrence's weekday;
- every N months on the same weekday of the month as the first occurrence ("2nd
  Tuesday"). A first occurrence on the 5th weekday of its month (a weekday that is
  always also the month's last) repeats on the *last* such weekday: most months have no
  5th Tuesday, and skipping them would leave gaps of two or three months that nobody
  asked for. A 4th weekday stays the 4th even when it happens to be the month's last.

A series ends after ``count`` occurrences or on ``until`` (a local date, inclusive),
whichever is given (exactly one). A wall time the clock skips (02:30 on the night it
jumps forward) lands on the same instant as the one before the jump would, i.e. 03:30
summer time; a wall time the clock repeats takes its first pass. Pure: standard library
only, no I/O.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

# A series books ahead for two years at most: also bounds one booking transaction.
MAX_OCCURRENCES = 104
MAX_INTERVAL = 52


class Frequency(StrEnum):
    WEEKLY = "weekly"
    MONTHLY = "monthly"


class InvalidRule(ValueError):
    """A series rule that cannot be expanded (its ``reason`` is a stable key)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class SeriesRule:
    frequency: Frequency
    interval: int = 1  # every N weeks / months
    count: int | None = None  # this many occurrences …
    until: date | None = None  # … or up to this local date, inclusive

    def __post_init__(self) -> None:
        if not 1 <= self.interval <= MAX_INTERVAL:
            raise InvalidRule("interval")
        if (self.count is None) == (self.until is None):
            raise InvalidRule("count_or_until")
        if self.count is not None and not 1 <= self.count <= MAX_OCCURRENCES:
            raise InvalidRule("count")


def week_of_month(day: date) -> int:
    """1 … 5: which of its weekday in the month ``day`` is (the 2nd Tuesday → 2)."""
    return (day.day - 1) // 7 + 1


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The ``nth`` (1 … 4) ``weekday`` of the month, or its last one for ``nth`` 5."""
    first_weekday, days = calendar.monthrange(year, month)
    first = 1 + (weekday - first_weekday) % 7
    day = first + 7 * (nth - 1)
    if day > days:  # only for nth == 5: the last one is a week earlier
        day -= 7
    return date(year, month, day)


def occurrence_days(first: date, rule: SeriesRule) -> list[date]:
    """The local dates of the series, the first one first, ascending."""
    if rule.until is not None and rule.until < first:
        # Not a series of none: booked, it left an empty series behind (the window's date
        # field keeps the until date later, the service and the command line did not).
        raise InvalidRule("until_before_start")
    limit = rule.count if rule.count is not None else MAX_OCCURRENCES
    days: list[date] = []
    for k in range(limit):
        day = _day_number(first, rule, k)
        if rule.until is not None and day > rule.until:
            break
        days.append(day)
    if rule.until is not None and days and _day_number(first, rule, len(days)) <= rule.until:
        raise InvalidRule("too_many")  # the until date lies beyond MAX_OCCURRENCES
    return days


def occurrences(first_day: date, at: time, rule: SeriesRule, zone: ZoneInfo) -> list[datetime]:
    """The start instants (UTC) of the series: ``at`` on the salon's clock on each day."""
    return [local_instant(day, at, zone) for day in occurrence_days(first_day, rule)]


def local_instant(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The instant (UTC) the salon's clock shows ``at`` on ``day`` (see module docstring
    for skipped and repeated wall times)."""
    return datetime.combine(day, at.replace(tzinfo=None, fold=0), tzinfo=zone).astimezone(UTC)


def _day_number(first: date, rule: SeriesRule, k: int) -> date:
    if rule.frequency is Frequency.WEEKLY:
        return first + timedelta(weeks=rule.interval * k)
    months = first.month - 1 + rule.interval * k
    year, month = first.year + months // 12, months % 12 + 1
    return nth_weekday(year, month, first.weekday(), week_of_month(first))
