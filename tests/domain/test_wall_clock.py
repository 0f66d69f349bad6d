"""Where a zone's UTC offset changes (the ground under free intervals and start times):
every change in a year found to the exact instant, none invented, including zones that
change twice within weeks (Morocco around Ramadan) or by half an hour (Lord Howe)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from desk_app.domain.wall_clock import TICK, offset_at, offset_segments, wall_range_instants

YEAR = (datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))


def hourly_changes(zone: ZoneInfo) -> int:
    changes, instant = 0, YEAR[0]
    offset = offset_at(instant, zone)
    while instant < YEAR[1]:
        instant += timedelta(minutes=30)
        if offset_at(instant, zone) != offset:
            changes, offset = changes + 1, offset_at(instant, zone)
    return changes


@pytest.mark.parametrize(
    "name", ["Europe/Berlin", "Africa/Casablanca", "Australia/Lord_Howe", "America/Santiago", "UTC"]
)
def test_segments_of_a_year(name: str) -> None:
    zone = ZoneInfo(name)
    segments = offset_segments(*YEAR, zone)
    assert segments[0][0] == YEAR[0] and segments[-1][1] == YEAR[1]
    for (_, end, offset), (start, _, following) in zip(segments, segments[1:], strict=False):
        assert end == start and offset != following
        assert offset_at(end - TICK, zone) == offset and offset_at(start, zone) == following
    for start, end, offset in segments:
        assert offset_at(start, zone) == offset == offset_at(end - TICK, zone)
    assert len(segments) - 1 == hourly_changes(zone)


def test_berlin_2026() -> None:
    segments = offset_segments(*YEAR, ZoneInfo("Europe/Berlin"))
    assert [(s[0], s[2]) for s in segments] == [
        (YEAR[0], timedelta(hours=1)),
        (datetime(2026, 3, 29, 1, tzinfo=UTC), timedelta(hours=2)),
        (datetime(2026, 10, 25, 1, tzinfo=UTC), timedelta(hours=1)),
    ]
    assert offset_segments(YEAR[1], YEAR[0], ZoneInfo("Europe/Berlin")) == []


def test_wall_range_on_an_ordinary_day() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    assert wall_range_instants(date(2026, 7, 1), time(9), time(18), berlin) == [
        (datetime(2026, 7, 1, 7, tzinfo=UTC), datetime(2026, 7, 1, 16, tzinfo=UTC))
    ]
