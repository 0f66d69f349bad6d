"""The salon's wall clock against UTC instants: where the UTC offset changes, which instants
a local day's opening hours cover, and which instants sit on a local step grid.

Exact on the wall clock: a day with a DST change has 23 or 25 hours, a time the clock
skips is never reached, a time it repeats is reached twice. Fast where nothing changes
(one offset over the range, the usual case); bisection only around a change.
Used by ``availability``; pure, standard library only.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

TICK = timedelta(microseconds=1)  # datetime's resolution: turns "≤ last" into "< last + tick"
DAY = timedelta(days=1)
# Zones change their offset a few times a year at most, weeks apart (Morocco around
# Ramadan): a probe a day apart finds every change that is not undone the same day.
_PROBE = DAY
# Wall times are written as UTC datetimes here (UTC + offset); counted from this one, whole
# days end at local midnight.
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROS_PER_DAY = 86_400_000_000

Span = tuple[datetime, datetime]  # [start, end), aware UTC
Segment = tuple[datetime, datetime, timedelta]  # [start, end) with one UTC offset


def offset_at(instant: datetime, zone: ZoneInfo) -> timedelta:
    offset = instant.astimezone(zone).utcoffset()
    if offset is None:  # a ZoneInfo always has one; this keeps the type honest
        raise ValueError(f"{zone} has no offset at {instant}")
    return offset


def offset_segments(start: datetime, end: datetime, zone: ZoneInfo) -> list[Segment]:
    """[start, end) cut where the zone's UTC offset changes."""
    if start >= end:
        return []
    segments: list[Segment] = []
    segment_start, offset = start, offset_at(start, zone)
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        for instant, new_offset in _changes_in_month(zone, year, month):
            if start < instant < end and new_offset != offset:
                segments.append((segment_start, instant, offset))
                segment_start, offset = instant, new_offset
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    segments.append((segment_start, end, offset))
    return segments


@lru_cache(maxsize=512)
def _changes_in_month(
    zone: ZoneInfo, year: int, month: int
) -> tuple[tuple[datetime, timedelta], ...]:
    """Each change of the zone's UTC offset in that (UTC) month: the first instant with the
    new offset, and the offset. Probed once a day, found to the second by bisection (zone
    data changes offsets at whole seconds); a process asks once per zone and month, which
    keeps ``start_times`` from probing the zone for every treatment."""
    first = datetime(year, month, 1, tzinfo=UTC)
    after = datetime(year + 1, 1, 1, tzinfo=UTC) if month == 12 else first.replace(month=month + 1)
    changes = []
    probed, offset = first, offset_at(first, zone)
    while probed < after:
        probe = min(probed + _PROBE, after)
        if offset_at(probe, zone) == offset:
            probed = probe
            continue
        same, changed = 0, int((probe - probed).total_seconds())
        while changed - same > 1:
            middle = (same + changed) // 2
            if offset_at(probed + timedelta(seconds=middle), zone) == offset:
                same = middle
            else:
                changed = middle
        probed = probed + timedelta(seconds=changed)
        offset = offset_at(probed, zone)
        if probed < after:
            changes.append((probed, offset))
    return tuple(changes)


def wall_range_instants(day: date, opens: time, closes: time, zone: ZoneInfo) -> list[Span]:
    """The instants whose local wall time lies in [opens, closes) on ``day``."""
    wall_open = datetime.combine(day, opens, UTC)  # wall times written as if UTC
    wall_close = datetime.combine(day, closes, UTC)
    offsets = {
        _wall_offset(wall, fold, zone) for wall in (wall_open, wall_close) for fold in (0, 1)
    }
    if len(offsets) == 1:  # no clock change near: the whole range has one offset
        offset = offsets.pop()
        return [(wall_open - offset, wall_close - offset)]
    spans = []
    earliest, latest = wall_open - max(offsets), wall_close - min(offsets)
    for segment_start, segment_end, offset in offset_segments(earliest, latest, zone):
        start = max(segment_start, wall_open - offset)
        end = min(segment_end, wall_close - offset)
        if start < end:
            spans.append((start, end))
    return spans


def _wall_offset(wall: datetime, fold: int, zone: ZoneInfo) -> timedelta:
    offset = zone.utcoffset(wall.replace(tzinfo=None, fold=fold))
    if offset is None:
        raise ValueError(f"{zone} has no offset at {wall}")
    return offset


def grid_points(
    start: datetime, stop: datetime, offset: timedelta, step: timedelta, out: list[datetime]
) -> None:
    """Append the instants in [start, stop) whose wall time (UTC + ``offset``, constant
    throughout) is a whole number of steps after its local midnight."""
    step_micros = step // TICK
    if MICROS_PER_DAY % step_micros == 0:
        # The grid runs on through midnight: one pass, integer arithmetic.
        since = start + offset - EPOCH
        late = (since.seconds * 1_000_000 + since.microseconds) % step_micros
        point = start if not late else start + timedelta(microseconds=step_micros - late)
        while point < stop:
            out.append(point)
            point += step
        return
    # A step such as 25 minutes does not divide the day: each local day starts it afresh.
    wall, wall_stop = start + offset, stop + offset
    while wall < wall_stop:
        midnight = datetime.combine(wall.date(), time(), UTC)
        day_stop = min(wall_stop, midnight + DAY)
        since = wall - midnight
        late = (since.seconds * 1_000_000 + since.microseconds) % step_micros
        point = wall - offset if not late else wall + (step - timedelta(microseconds=late)) - offset
        point_stop = day_stop - offset
        while point < point_stop:
            out.append(point)
            point += step
        wall = day_stop
