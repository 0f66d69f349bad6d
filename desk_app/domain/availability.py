"""Free time for online booking: a staff member's bookable intervals and the start times in them.

The desktop computes each bookable staff member's free intervals from its calendar and
publishes them (docs/gateway-protocol-v1.md, "PUT /v1/availability"); the desktop and the
gateway both derive the start times with :func:`start_times`, and the gateway takes held
slots out with :func:`subtract`. Pure: standard library time types only, no I/O.

Instants are aware datetimes, UTC on the way out, intervals half-open. Opening hours,
staff hours, closures and the step grid belong to the salon's wall clock, so they are
read per local day: a day with a DST change has 23 or 25 hours, and an instant counts as
open exactly when its local wall time lies in that day's hours (a time the clock skips
is never open; hours inside the repeated hour hold both passes of it); the conversions
are in ``wall_clock``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from desk_app.domain.scheduling import OpeningInterval
from desk_app.domain.wall_clock import (
    DAY,
    EPOCH,
    MICROS_PER_DAY,
    TICK,
    Span,
    grid_points,
    offset_segments,
    wall_range_instants,
)

WallRange = tuple[time, time]  # [opens, closes) on the local clock


@dataclass(frozen=True, slots=True)
class Interval:
    """[start, end) between two aware instants (UTC when it comes from this module)."""

    start: datetime
    end: datetime


@dataclass(frozen=True)
class AvailabilityRules:
    step_minutes: int = 15  # starts on the local clock's grid: :00, :15, :30, :45
    lead_minutes: int = 120  # nothing bookable sooner than this after now …
    horizon_days: int = 42  # … nor ending later than this many days (of 24 h) after now

    def __post_init__(self) -> None:
        if self.step_minutes <= 0 or self.lead_minutes < 0 or self.horizon_days < 0:
            raise ValueError(f"invalid availability rules: {self}")


@dataclass(frozen=True)
class StaffWeek:
    """One staff member's inputs to :func:`free_intervals`."""

    staff_id: int
    hours: tuple[OpeningInterval, ...] | None  # their weekly hours; None: the salon's hours
    busy: tuple[Interval, ...]  # appointments (active statuses), absences, breaks


def free_intervals(
    opening: Sequence[OpeningInterval],
    closures: Sequence[tuple[date, date]],
    staff: StaffWeek,
    zone: ZoneInfo,
    now: datetime,
    rules: AvailabilityRules,
) -> list[Interval]:
    """The staff member's bookable time: on each local day, the salon's opening hours
    intersected with their own hours, except on closed days (``closures`` are inclusive
    ranges of local dates), minus their busy intervals, clipped to
    [now + lead, now + horizon]. Sorted, disjoint and merged (touching intervals joined).
    No opening hours at all means nothing is bookable."""
    window_start = _as_utc(now) + timedelta(minutes=rules.lead_minutes)
    window_end = _as_utc(now) + timedelta(days=rules.horizon_days)
    if window_end <= window_start:
        return []
    week = _weekly_hours(opening, staff.hours)
    first_day = window_start.astimezone(zone).date()
    last_day = window_end.astimezone(zone).date()
    closed = _closed_days(closures, first_day, last_day)
    open_spans: list[Span] = []
    day = first_day
    while day <= last_day:
        if day not in closed:
            for opens, closes in week[day.weekday()]:
                open_spans.extend(wall_range_instants(day, opens, closes, zone))
        day += DAY
    bookable = _clip(_normalise(open_spans), window_start, window_end)
    busy = _normalise(_spans(staff.busy))
    return [Interval(s, e) for s, e in _subtract_spans(bookable, busy)]


def start_times(
    free: Sequence[Interval],
    minutes: int,
    zone: ZoneInfo,
    step_minutes: int,
    not_before: datetime | None = None,
) -> list[datetime]:
    """Every start (UTC, ascending) on the local step grid – its wall time a whole multiple
    of ``step_minutes`` after local midnight: :00, :15, :30, :45 for 15 – whose
    [start, start + minutes) lies inside one free interval, and not before ``not_before``."""
    if minutes <= 0 or step_minutes <= 0:
        raise ValueError(f"minutes and step must be positive: {minutes}, {step_minutes}")
    duration = timedelta(minutes=minutes)
    step = timedelta(minutes=step_minutes)
    step_micros = step_minutes * 60_000_000
    whole_day_grid = MICROS_PER_DAY % step_micros == 0
    floor = _as_utc(not_before) if not_before is not None else None
    starts: list[datetime] = []
    spans = _normalise(_spans(free))
    if not spans:
        return starts
    # The zone's offsets once for the whole list, not per interval: most lists have one.
    segments = offset_segments(spans[0][0], spans[-1][1], zone)
    current = 0
    segment_end, offset = segments[0][1], segments[0][2]
    wall_epoch = EPOCH - offset  # the instant whose wall time is the epoch's midnight
    for start, end in spans:
        last = end - duration  # the last start that still fits
        first = start if floor is None or floor <= start else floor
        if first > last:
            continue
        if segment_end <= first:
            while segments[current][1] <= first:
                current += 1
            segment_end, offset = segments[current][1], segments[current][2]
            wall_epoch = EPOCH - offset
        if last < segment_end and whole_day_grid:
            # The usual case, inlined: one offset, a grid that runs on through midnight.
            since = first - wall_epoch
            late = (since.seconds * 1_000_000 + since.microseconds) % step_micros
            point = first if not late else first + timedelta(microseconds=step_micros - late)
            while point <= last:
                starts.append(point)
                point += step
            continue
        for piece_start, piece_end, piece_offset in segments[current:]:
            if piece_start > last:
                break
            piece_stop = min(last + TICK, piece_end)
            grid_points(max(first, piece_start), piece_stop, piece_offset, step, starts)
    return starts


def subtract(free: Sequence[Interval], taken: Sequence[Interval]) -> list[Interval]:
    """``free`` without ``taken`` (either may be unsorted or overlap): sorted, disjoint,
    merged, UTC. Sorts both and sweeps once, so it stays linear in the busy calendar."""
    spans = _subtract_spans(_normalise(_spans(free)), _normalise(_spans(taken)))
    return [Interval(s, e) for s, e in spans]


# --- spans: sorted, merged, swept ------------------------------------------------------


def _as_utc(instant: datetime) -> datetime:
    if instant.tzinfo is UTC:
        return instant
    if instant.utcoffset() is None:
        raise ValueError(f"naive datetime where an instant is needed: {instant}")
    return instant.astimezone(UTC)


def _spans(intervals: Sequence[Interval]) -> list[Span]:
    starts = [i.start for i in intervals]
    ends = [i.end for i in intervals]
    if not {i.tzinfo for i in starts} | {i.tzinfo for i in ends} <= {UTC}:
        starts, ends = [_as_utc(i) for i in starts], [_as_utc(i) for i in ends]
    return list(zip(starts, ends, strict=True))


def _normalise(spans: list[Span]) -> list[Span]:
    """Sorted by start, empty ones dropped, overlapping or touching ones joined."""
    if all(map(_is_before, spans[:-1], spans[1:])) and all(s < e for s, e in spans):
        return spans  # already so: the usual case, checked without sorting or copying
    spans.sort()
    merged: list[Span] = []
    for start, end in spans:
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _is_before(a: Span, b: Span) -> bool:
    return a[1] < b[0]


def _clip(spans: list[Span], lo: datetime, hi: datetime) -> list[Span]:
    clipped = []
    for start, end in spans:
        start, end = max(start, lo), min(end, hi)
        if start < end:
            clipped.append((start, end))
    return clipped


def _subtract_spans(free: list[Span], taken: list[Span]) -> list[Span]:
    """Both normalised. ``first`` only moves forward: a taken span is looked at again only
    by the (few) free spans it overlaps."""
    result: list[Span] = []
    first = 0
    for start, end in free:
        while first < len(taken) and taken[first][1] <= start:
            first += 1
        index = first
        while index < len(taken) and taken[index][0] < end:
            taken_start, taken_end = taken[index]
            if taken_start > start:
                result.append((start, taken_start))
            start = max(start, taken_end)
            if start >= end:
                break
            index += 1
        if start < end:
            result.append((start, end))
    return result


# --- the local wall clock ----------------------------------------------------------------


def working_ranges(
    opening: Sequence[OpeningInterval],
    staff_hours: Sequence[OpeningInterval] | None,
    weekday: int,
) -> list[WallRange]:
    """The wall-clock ranges a staff member works on ``weekday`` (the calendar shades the
    rest): the salon's opening hours intersected with their own hours; without own hours
    the salon's, and with no opening hours set, their own alone."""
    salon = _merged_ranges(o for o in opening if o.weekday == weekday)
    if staff_hours is None:
        return salon
    own = _merged_ranges(h for h in staff_hours if h.weekday == weekday)
    return _intersect_ranges(salon, own) if opening else own


def _weekly_hours(
    opening: Sequence[OpeningInterval], staff_hours: Sequence[OpeningInterval] | None
) -> list[list[WallRange]]:
    """Per weekday (Monday = 0) the wall-clock ranges open for this staff member."""
    salon = [_merged_ranges(o for o in opening if o.weekday == day) for day in range(7)]
    if staff_hours is None:
        return salon
    own = [_merged_ranges(h for h in staff_hours if h.weekday == day) for day in range(7)]
    return [_intersect_ranges(salon[day], own[day]) for day in range(7)]


def _merged_ranges(intervals: Iterable[OpeningInterval]) -> list[WallRange]:
    merged: list[WallRange] = []
    for opens, closes in sorted((i.opens, i.closes) for i in intervals):
        if closes <= opens:
            continue
        if merged and opens <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(closes, merged[-1][1]))
        else:
            merged.append((opens, closes))
    return merged


def _intersect_ranges(a: list[WallRange], b: list[WallRange]) -> list[WallRange]:
    result: list[WallRange] = []
    i = j = 0
    while i < len(a) and j < len(b):
        opens, closes = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if opens < closes:
            result.append((opens, closes))
        if a[i][1] <= b[j][1]:
            i += 1
        else:
            j += 1
    return result


def _closed_days(closures: Sequence[tuple[date, date]], first: date, last: date) -> set[date]:
    closed: set[date] = set()
    for starts_on, ends_on in closures:
        day, until = max(starts_on, first), min(ends_on, last)
        while day <= until:
            closed.add(day)
            day += DAY
    return closed
