"""Free time for online booking: a staff member's bookable intervals and the start times in them.

The desktop computes each bookable staff member's free intervals from its calendar and
publishes them (docs/gateway-protocol-v1.md, "PUT /v1/availability"); the desktop and the
gateway both derive the start times with :func:`start_times`, and the gateway takes held
slots out with :func:`subtract`. Pure: standard library time types only, no I/O.

Instants are aware datetimes, UTC on the way out, intervals half-open. Opening hours,
staff hours, closures and the step grid belong to the salon's wall clock, so they are
read per local day: a day with a DST change has 23 or 25 hours, and an instant counts as
open exactly when its local wall time lies in that day's hours (a time the clock skips
is never open; hours inside the repeated hour hold both passes of it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from desk_app.domain.scheduling import OpeningInterval

_TICK = timedelta(microseconds=1)  # datetime's resolution: turns "≤ last" into "< last + tick"
_DAY = timedelta(days=1)

Span = tuple[datetime, datetime]  # [start, end) in UTC; the working form, cheaper than Interval
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
                open_spans.extend(_wall_range_to_utc(day, opens, closes, zone))
        day += _DAY
    bookable = _clip(_normalise(open_spans), window_start, window_end)
    busy = _normalise((b.start, b.end) for b in staff.busy)
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
    floor = _as_utc(not_before) if not_before is not None else None
    starts: list[datetime] = []
    for start, end in _normalise((f.start, f.end) for f in free):
        stop = end - duration + _TICK  # starts lie in [first, stop)
        first = start if floor is None or floor <= start else floor
        if first >= stop:
            continue
        offset = first.astimezone(zone).utcoffset()
        if offset is not None and offset == (stop - _TICK).astimezone(zone).utcoffset():
            _grid_points(first, stop, offset, step, starts)
        else:
            for seg_start, seg_end, seg_offset in _offset_segments(first, stop, zone):
                _grid_points(seg_start, seg_end, seg_offset, step, starts)
    return starts


def subtract(free: Sequence[Interval], taken: Sequence[Interval]) -> list[Interval]:
    """``free`` without ``taken`` (either may be unsorted or overlap): sorted, disjoint,
    merged, UTC. Sorts both and sweeps once, so it stays linear in the busy calendar."""
    spans = _subtract_spans(
        _normalise((f.start, f.end) for f in free), _normalise((t.start, t.end) for t in taken)
    )
    return [Interval(s, e) for s, e in spans]


# --- spans: sorted, merged, swept ------------------------------------------------------


def _as_utc(instant: datetime) -> datetime:
    if instant.tzinfo is UTC:
        return instant
    if instant.utcoffset() is None:
        raise ValueError(f"naive datetime where an instant is needed: {instant}")
    return instant.astimezone(UTC)


def _normalise(spans: Iterable[Span]) -> list[Span]:
    """Sorted by start, empty ones dropped, overlapping or touching ones joined, UTC."""
    ordered = sorted((_as_utc(s), _as_utc(e)) for s, e in spans)
    merged: list[Span] = []
    for start, end in ordered:
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


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
            day += _DAY
    return closed


def _wall_range_to_utc(day: date, opens: time, closes: time, zone: ZoneInfo) -> list[Span]:
    """The instants whose local wall time lies in [opens, closes) on ``day``."""
    wall_open, wall_close = datetime.combine(day, opens), datetime.combine(day, closes)
    offsets = {
        _wall_offset(wall, fold, zone) for wall in (wall_open, wall_close) for fold in (0, 1)
    }
    if len(offsets) == 1:  # no clock change near: the whole range has one offset
        offset = offsets.pop()
        return [(_utc(wall_open - offset), _utc(wall_close - offset))]
    spans = []
    earliest, latest = _utc(wall_open - max(offsets)), _utc(wall_close - min(offsets))
    for seg_start, seg_end, offset in _offset_segments(earliest, latest, zone):
        start = max(seg_start, _utc(wall_open - offset))
        end = min(seg_end, _utc(wall_close - offset))
        if start < end:
            spans.append((start, end))
    return spans


def _wall_offset(wall: datetime, fold: int, zone: ZoneInfo) -> timedelta:
    offset = zone.utcoffset(wall.replace(fold=fold))
    if offset is None:  # a ZoneInfo always has one; this keeps the type honest
        raise ValueError(f"{zone} has no offset at {wall}")
    return offset


def _utc(naive: datetime) -> datetime:
    return naive.replace(tzinfo=UTC)


def _offset_at(instant: datetime, zone: ZoneInfo) -> timedelta | None:
    return instant.astimezone(zone).utcoffset()


def _offset_segments(
    start: datetime, end: datetime, zone: ZoneInfo
) -> list[tuple[datetime, datetime, timedelta]]:
    """[start, end) cut where the zone's UTC offset changes (found by bisection, to the
    microsecond): only a day with a clock change gets here, so speed does not matter."""
    segments = []
    while start < end:
        offset = _offset_at(start, zone)
        if offset is None:
            raise ValueError(f"{zone} has no offset at {start}")
        if _offset_at(end - _TICK, zone) == offset:
            segments.append((start, end, offset))
            break
        same, changed = start, end - _TICK
        while changed - same > _TICK:
            middle = same + (changed - same) / 2
            if _offset_at(middle, zone) == offset:
                same = middle
            else:
                changed = middle
        segments.append((start, changed, offset))
        start = changed
    return segments


def _grid_points(
    start: datetime, stop: datetime, offset: timedelta, step: timedelta, out: list[datetime]
) -> None:
    """Append the grid instants in [start, stop), where the UTC offset is ``offset``
    throughout. The grid restarts at each local midnight (matters for steps that do not
    divide a day, such as 25 minutes)."""
    wall = (start + offset).replace(tzinfo=None)
    wall_stop = (stop + offset).replace(tzinfo=None)
    while wall < wall_stop:
        midnight = datetime.combine(wall.date(), time())
        day_stop = min(wall_stop, midnight + _DAY)
        late = (wall - midnight) % step
        point = _utc(wall - offset) if not late else _utc(wall + (step - late) - offset)
        point_stop = _utc(day_stop - offset)
        while point < point_stop:
            out.append(point)
            point += step
        wall = day_stop
