"""Free intervals and start times for online booking (issue 10): worked examples on the
salon's clock (lunch breaks, staff hours, closures, absences over several days, lead and
horizon, the two DST changes of 2026 in Berlin), then hypothesis against a minute-by-minute
oracle that reads the rules literally, and the properties the booking page relies on."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk_app.domain.availability import (
    AvailabilityRules,
    Interval,
    StaffWeek,
    free_intervals,
    start_times,
    subtract,
)
from desk_app.domain.scheduling import OpeningInterval

BERLIN = ZoneInfo("Europe/Berlin")
MINUTE = timedelta(minutes=1)
WEEKDAYS_9_TO_18_WITH_LUNCH = tuple(
    OpeningInterval(day, opens, closes)
    for day in range(6)
    for opens, closes in ((time(9), time(13)), (time(14), time(18)))
)
NO_LEAD = AvailabilityRules(lead_minutes=0, horizon_days=7)


def local(year: int, month: int, day: int, hour: int, minute: int = 0, fold: int = 0) -> datetime:
    """A Berlin wall time as a UTC instant (what the module hands out)."""
    return datetime(year, month, day, hour, minute, fold=fold, tzinfo=BERLIN).astimezone(UTC)


def span(start: datetime, end: datetime) -> Interval:
    return Interval(start, end)


def staff(hours: tuple[OpeningInterval, ...] | None = None, *busy: Interval) -> StaffWeek:
    return StaffWeek(staff_id=1, hours=hours, busy=busy)


def every_day(opens: time, closes: time) -> tuple[OpeningInterval, ...]:
    return tuple(OpeningInterval(day, opens, closes) for day in range(7))


# --- free_intervals: examples ------------------------------------------------------------

MONDAY = datetime(2026, 12, 7, 0, 0, tzinfo=BERLIN)  # a plain winter week (UTC+1)


def test_lunch_break_splits_the_day_and_sunday_is_closed() -> None:
    now = datetime(2026, 12, 5, 20, 0, tzinfo=BERLIN)  # Saturday evening
    rules = AvailabilityRules(lead_minutes=0, horizon_days=1)
    free = free_intervals(WEEKDAYS_9_TO_18_WITH_LUNCH, [], staff(), BERLIN, now, rules)
    assert free == []  # Sunday closed, and Monday is beyond the horizon
    free = free_intervals(
        WEEKDAYS_9_TO_18_WITH_LUNCH, [], staff(), BERLIN, now, AvailabilityRules(15, 0, 2)
    )
    assert free == [
        span(local(2026, 12, 7, 9), local(2026, 12, 7, 13)),
        span(local(2026, 12, 7, 14), local(2026, 12, 7, 18)),
    ]
    assert all(i.start.tzinfo is UTC and i.end.tzinfo is UTC for i in free)


def test_staff_hours_narrower_than_opening_hours() -> None:
    hours = (
        OpeningInterval(0, time(10), time(16)),
        OpeningInterval(1, time(7), time(11)),  # starts before the salon opens
        OpeningInterval(6, time(10), time(16)),  # the salon is closed on Sunday
    )
    free = free_intervals(WEEKDAYS_9_TO_18_WITH_LUNCH, [], staff(hours), BERLIN, MONDAY, NO_LEAD)
    assert free == [
        span(local(2026, 12, 7, 10), local(2026, 12, 7, 13)),
        span(local(2026, 12, 7, 14), local(2026, 12, 7, 16)),
        span(local(2026, 12, 8, 9), local(2026, 12, 8, 11)),
    ]


def test_no_hours_of_their_own_means_none_and_touching_hours_join() -> None:
    assert free_intervals(WEEKDAYS_9_TO_18_WITH_LUNCH, [], staff(()), BERLIN, MONDAY, NO_LEAD) == []
    opening = (OpeningInterval(0, time(9), time(12)), OpeningInterval(0, time(12), time(15)))
    free = free_intervals(opening, [], staff(), BERLIN, MONDAY, NO_LEAD)
    assert free == [span(local(2026, 12, 7, 9), local(2026, 12, 7, 15))]
    assert free_intervals([], [], staff(), BERLIN, MONDAY, NO_LEAD) == []


def test_closures_are_inclusive_local_date_ranges() -> None:
    closures = [(date(2026, 12, 8), date(2026, 12, 9)), (date(2026, 12, 11), date(2026, 12, 11))]
    free = free_intervals(WEEKDAYS_9_TO_18_WITH_LUNCH, closures, staff(), BERLIN, MONDAY, NO_LEAD)
    days = sorted({i.start.astimezone(BERLIN).date() for i in free})
    assert days == [date(2026, 12, 7), date(2026, 12, 10), date(2026, 12, 12)]


def test_busy_intervals_cut_and_may_span_days() -> None:
    busy = (
        span(local(2026, 12, 7, 9, 30), local(2026, 12, 7, 10, 15)),
        span(local(2026, 12, 7, 10), local(2026, 12, 7, 11)),  # overlaps the one before
        span(local(2026, 12, 7, 16), local(2026, 12, 9, 10)),  # an absence over two nights
        span(local(2026, 12, 9, 12, 45), local(2026, 12, 9, 14, 30)),  # over the lunch break
    )
    rules = AvailabilityRules(lead_minutes=0, horizon_days=3)
    free = free_intervals(
        WEEKDAYS_9_TO_18_WITH_LUNCH, [], staff(None, *busy), BERLIN, MONDAY, rules
    )
    assert free == [
        span(local(2026, 12, 7, 9), local(2026, 12, 7, 9, 30)),
        span(local(2026, 12, 7, 11), local(2026, 12, 7, 13)),
        span(local(2026, 12, 7, 14), local(2026, 12, 7, 16)),
        span(local(2026, 12, 9, 10), local(2026, 12, 9, 12, 45)),
        span(local(2026, 12, 9, 14, 30), local(2026, 12, 9, 18)),
    ]


def test_lead_time_and_horizon_clip() -> None:
    now = datetime(2026, 12, 7, 10, 20, tzinfo=BERLIN)
    rules = AvailabilityRules(lead_minutes=120, horizon_days=1)
    free = free_intervals(WEEKDAYS_9_TO_18_WITH_LUNCH, [], staff(), BERLIN, now, rules)
    assert free == [
        span(local(2026, 12, 7, 12, 20), local(2026, 12, 7, 13)),
        span(local(2026, 12, 7, 14), local(2026, 12, 7, 18)),
        span(local(2026, 12, 8, 9), local(2026, 12, 8, 10, 20)),
    ]
    rules = AvailabilityRules(lead_minutes=180, horizon_days=1)  # 13:20: in the lunch break
    free = free_intervals(WEEKDAYS_9_TO_18_WITH_LUNCH, [], staff(), BERLIN, now, rules)
    assert free[0] == span(local(2026, 12, 7, 14), local(2026, 12, 7, 18))


def test_spring_forward_keeps_the_wall_clock() -> None:
    # Sunday 2026-03-29: 02:00 CET becomes 03:00 CEST.
    now = datetime(2026, 3, 28, 0, 0, tzinfo=BERLIN)
    hours = every_day(time(9), time(18)) + (
        OpeningInterval(6, time(1), time(4)),
        OpeningInterval(6, time(2, 15), time(2, 45)),  # never on the clock that night
    )
    rules = AvailabilityRules(lead_minutes=0, horizon_days=3)
    free = free_intervals(hours, [], staff(), BERLIN, now, rules)
    assert free == [
        span(datetime(2026, 3, 28, 8, tzinfo=UTC), datetime(2026, 3, 28, 17, tzinfo=UTC)),
        span(datetime(2026, 3, 29, 0, tzinfo=UTC), datetime(2026, 3, 29, 2, tzinfo=UTC)),
        span(datetime(2026, 3, 29, 7, tzinfo=UTC), datetime(2026, 3, 29, 16, tzinfo=UTC)),
        span(datetime(2026, 3, 30, 7, tzinfo=UTC), datetime(2026, 3, 30, 16, tzinfo=UTC)),
    ]


def test_fall_back_keeps_the_wall_clock_and_holds_both_passes_of_the_repeated_hour() -> None:
    # Sunday 2026-10-25: 03:00 CEST becomes 02:00 CET.
    now = datetime(2026, 10, 24, 0, 0, tzinfo=BERLIN)
    night = (OpeningInterval(6, time(1), time(4)),)
    repeated = (OpeningInterval(6, time(2, 15), time(2, 45)),)
    rules = AvailabilityRules(lead_minutes=0, horizon_days=3)
    free = free_intervals(every_day(time(9), time(18)) + night, [], staff(), BERLIN, now, rules)
    assert free == [
        span(datetime(2026, 10, 24, 7, tzinfo=UTC), datetime(2026, 10, 24, 16, tzinfo=UTC)),
        span(datetime(2026, 10, 24, 23, tzinfo=UTC), datetime(2026, 10, 25, 3, tzinfo=UTC)),
        span(datetime(2026, 10, 25, 8, tzinfo=UTC), datetime(2026, 10, 25, 17, tzinfo=UTC)),
        span(datetime(2026, 10, 26, 8, tzinfo=UTC), datetime(2026, 10, 26, 17, tzinfo=UTC)),
    ]
    free = free_intervals(repeated, [], staff(), BERLIN, now, rules)
    assert free == [
        span(datetime(2026, 10, 25, 0, 15, tzinfo=UTC), datetime(2026, 10, 25, 0, 45, tzinfo=UTC)),
        span(datetime(2026, 10, 25, 1, 15, tzinfo=UTC), datetime(2026, 10, 25, 1, 45, tzinfo=UTC)),
    ]


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        free_intervals([], [], staff(), BERLIN, datetime(2026, 12, 7), NO_LEAD)


# --- start_times: examples ---------------------------------------------------------------


def berlin_clock(starts: list[datetime]) -> list[str]:
    return [s.astimezone(BERLIN).strftime("%d %H:%M") for s in starts]


def test_starts_on_the_grid_and_the_treatment_fits() -> None:
    free = [span(local(2026, 12, 7, 9, 10), local(2026, 12, 7, 10, 30))]
    assert berlin_clock(start_times(free, 30, BERLIN, 15)) == [
        "07 09:15",
        "07 09:30",
        "07 09:45",
        "07 10:00",
    ]
    assert start_times(free, 81, BERLIN, 15) == []
    free = [span(local(2026, 12, 7, 9, 7), local(2026, 12, 7, 9, 52))]
    assert berlin_clock(start_times(free, 30, BERLIN, 15)) == ["07 09:15"]
    free = [span(local(2026, 12, 7, 9), local(2026, 12, 7, 10))]
    assert berlin_clock(start_times(free, 60, BERLIN, 15)) == ["07 09:00"]  # exactly fits
    odd_seconds = [span(local(2026, 12, 7, 9) + timedelta(seconds=1), local(2026, 12, 7, 10))]
    assert berlin_clock(start_times(odd_seconds, 30, BERLIN, 15)) == ["07 09:15", "07 09:30"]


def test_starts_not_before_and_within_one_interval_only() -> None:
    free = [
        span(local(2026, 12, 7, 14), local(2026, 12, 7, 15)),
        span(local(2026, 12, 7, 9), local(2026, 12, 7, 10)),  # unsorted
        span(local(2026, 12, 7, 15), local(2026, 12, 7, 15, 30)),  # touches: one interval
        span(local(2026, 12, 7, 16), local(2026, 12, 7, 17)),
    ]
    assert berlin_clock(start_times(free, 60, BERLIN, 30)) == [
        "07 09:00",
        "07 14:00",
        "07 14:30",
        "07 16:00",
    ]
    assert berlin_clock(start_times(free, 60, BERLIN, 30, local(2026, 12, 7, 14, 1))) == [
        "07 14:30",
        "07 16:00",
    ]


def test_grid_follows_the_local_clock_not_utc() -> None:
    kolkata = ZoneInfo("Asia/Kolkata")  # UTC+05:30
    free = [span(datetime(2026, 12, 7, 3, 0, tzinfo=UTC), datetime(2026, 12, 7, 6, 0, tzinfo=UTC))]
    starts = start_times(free, 60, kolkata, 60)
    assert [s.strftime("%H:%M") for s in starts] == ["03:30", "04:30"]
    assert [s.astimezone(kolkata).strftime("%H:%M") for s in starts] == ["09:00", "10:00"]


def test_a_step_that_does_not_divide_the_day_restarts_at_midnight() -> None:
    free = [span(local(2026, 12, 7, 23), local(2026, 12, 8, 1))]
    assert berlin_clock(start_times(free, 25, BERLIN, 25)) == [
        "07 23:20",
        "07 23:45",  # 23:45 + 25 min = 00:10; the next grid point is 00:00, not 00:10
        "08 00:00",
        "08 00:25",
    ]


def test_starts_across_both_clock_changes() -> None:
    spring = [span(local(2026, 3, 29, 1), local(2026, 3, 29, 4))]  # 2 hours on the clock
    assert berlin_clock(start_times(spring, 60, BERLIN, 60)) == ["29 01:00", "29 03:00"]
    assert berlin_clock(start_times(spring, 30, BERLIN, 30)) == [
        "29 01:00",
        "29 01:30",
        "29 03:00",  # 01:30 + 30 minutes is 03:00 on the clock
        "29 03:30",
    ]
    autumn = [span(local(2026, 10, 25, 1), local(2026, 10, 25, 4))]  # 4 hours on the clock
    starts = start_times(autumn, 60, BERLIN, 60)
    assert berlin_clock(starts) == ["25 01:00", "25 02:00", "25 02:00", "25 03:00"]
    assert [s.hour for s in starts] == [23, 0, 1, 2]


def test_start_times_refuses_nonsense() -> None:
    free = [span(local(2026, 12, 7, 9), local(2026, 12, 7, 10))]
    with pytest.raises(ValueError):
        start_times(free, 0, BERLIN, 15)
    with pytest.raises(ValueError):
        start_times(free, 30, BERLIN, 0)
    with pytest.raises(ValueError):
        AvailabilityRules(step_minutes=0)


# --- subtract ----------------------------------------------------------------------------


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, 7, hour, minute, tzinfo=UTC)


def test_subtract_sorts_merges_and_sweeps() -> None:
    free = [span(at(14), at(18)), span(at(8), at(12)), span(at(11), at(12, 30))]
    taken = [
        span(at(17), at(19)),
        span(at(9), at(10)),
        span(at(9, 30), at(10, 30)),  # overlaps the one before
        span(at(12), at(15)),  # ends one interval, starts the next
        span(at(20), at(21)),  # touches nothing
    ]
    assert subtract(free, taken) == [
        span(at(8), at(9)),
        span(at(10, 30), at(12)),
        span(at(15), at(17)),
    ]
    assert subtract(free, []) == [span(at(8), at(12, 30)), span(at(14), at(18))]
    assert subtract([], taken) == []


def test_subtract_answers_in_utc() -> None:
    free = [span(local(2026, 12, 7, 9).astimezone(BERLIN), local(2026, 12, 7, 12))]
    result = subtract(free, [])
    assert result == [span(local(2026, 12, 7, 9), local(2026, 12, 7, 12))]
    assert result[0].start.tzinfo is UTC


# --- the oracle: every minute judged on its own, as the rules read ------------------------


def minute_is_open(
    instant: datetime,
    opening: Sequence[OpeningInterval],
    closures: Sequence[tuple[date, date]],
    week: StaffWeek,
    zone: ZoneInfo,
) -> bool:
    wall = instant.astimezone(zone)
    day, clock = wall.date(), wall.time().replace(tzinfo=None)
    if any(first <= day <= last for first, last in closures):
        return False

    def inside(intervals: Sequence[OpeningInterval]) -> bool:
        return any(i.weekday == day.weekday() and i.opens <= clock < i.closes for i in intervals)

    if not inside(opening) or (week.hours is not None and not inside(week.hours)):
        return False
    return not any(b.start <= instant < b.end for b in week.busy)


def runs(minutes: list[datetime]) -> list[Interval]:
    result: list[Interval] = []
    for minute in minutes:
        if result and result[-1].end == minute:
            result[-1] = Interval(result[-1].start, minute + MINUTE)
        else:
            result.append(Interval(minute, minute + MINUTE))
    return result


def oracle_free(
    opening: Sequence[OpeningInterval],
    closures: Sequence[tuple[date, date]],
    staff: StaffWeek,
    zone: ZoneInfo,
    now: datetime,
    rules: AvailabilityRules,
) -> list[Interval]:
    first = now + timedelta(minutes=rules.lead_minutes)
    last = now + timedelta(days=rules.horizon_days)
    minutes = []
    minute = first
    while minute + MINUTE <= last:
        if minute_is_open(minute, opening, closures, staff, zone):
            minutes.append(minute)
        minute += MINUTE
    return runs(minutes)


def oracle_starts(
    free: Sequence[Interval], minutes: int, zone: ZoneInfo, step: int, not_before: datetime | None
) -> list[datetime]:
    if not free:
        return []
    free_minutes = set()
    for interval in free:
        minute = interval.start
        while minute < interval.end:
            free_minutes.add(minute)
            minute += MINUTE
    starts = []
    minute = min(i.start for i in free)
    end = max(i.end for i in free)
    while minute < end:
        wall = minute.astimezone(zone)
        on_grid = (wall.hour * 60 + wall.minute) % step == 0
        fits = all(minute + k * MINUTE in free_minutes for k in range(minutes))
        if on_grid and fits and (not_before is None or minute >= not_before):
            starts.append(minute)
        minute += MINUTE
    return starts


# The clock changes of 2026 in each zone (roughly: the cases start up to three days before),
# with zones whose offsets are not whole hours (Lord Howe moves its clock by 30 minutes).
CLOCK_CHANGES = {
    "Europe/Berlin": [datetime(2026, 3, 29, 1, tzinfo=UTC), datetime(2026, 10, 25, 1, tzinfo=UTC)],
    "America/New_York": [datetime(2026, 3, 8, 7, tzinfo=UTC), datetime(2026, 11, 1, 6, tzinfo=UTC)],
    "Australia/Lord_Howe": [
        datetime(2026, 4, 4, 15, tzinfo=UTC),
        datetime(2026, 10, 3, 16, tzinfo=UTC),
    ],
    "Asia/Kolkata": [],
    "UTC": [],
}
ZONES = sorted(CLOCK_CHANGES)
PLAIN_DAY = datetime(2026, 12, 3, tzinfo=UTC)
STEPS = [5, 10, 15, 20, 25, 30, 45, 60]


def wall_times(draw: st.DrawFn) -> tuple[time, time]:
    opens = draw(st.integers(0, 23 * 4)) * 15
    closes = opens + draw(st.integers(1, 40)) * 15
    closes = min(closes, 23 * 60 + 59)
    return time(opens // 60, opens % 60), time(closes // 60, closes % 60)


@st.composite
def hours_of_a_week(draw: st.DrawFn, at_least: int = 0) -> tuple[OpeningInterval, ...]:
    intervals = []
    for _ in range(draw(st.integers(at_least, 14))):
        opens, closes = wall_times(draw)
        intervals.append(OpeningInterval(draw(st.integers(0, 6)), opens, closes))
    return tuple(intervals)


@st.composite
def cases(draw: st.DrawFn) -> dict[str, object]:
    zone_name = draw(st.sampled_from(ZONES))
    zone = ZoneInfo(zone_name)
    anchor = draw(st.sampled_from([*CLOCK_CHANGES[zone_name], PLAIN_DAY]))
    now = anchor - draw(st.integers(0, 3 * 24 * 60)) * MINUTE
    rules = AvailabilityRules(
        step_minutes=draw(st.sampled_from(STEPS)),
        lead_minutes=draw(st.integers(0, 300)),
        horizon_days=draw(st.integers(1, 3)),
    )
    busy = []
    for _ in range(draw(st.integers(0, 12))):
        start = now + draw(st.integers(-600, 4 * 24 * 60)) * MINUTE
        busy.append(Interval(start, start + draw(st.integers(0, 300)) * MINUTE))
    if draw(st.booleans()):  # an absence over days
        start = now + draw(st.integers(-600, 4 * 24 * 60)) * MINUTE
        busy.append(Interval(start, start + draw(st.integers(0, 2 * 24 * 60)) * MINUTE))
    closures = []
    for _ in range(draw(st.integers(0, 2))):
        first = now.date() + timedelta(days=draw(st.integers(-2, 4)))
        closures.append((first, first + timedelta(days=draw(st.integers(0, 2)))))
    own_hours = draw(st.one_of(st.none(), hours_of_a_week(at_least=3)))
    opening = draw(hours_of_a_week(at_least=7))
    if draw(st.integers(0, 3)):  # open at night, when the clocks change
        opening += every_day(time(draw(st.integers(0, 2))), time(draw(st.integers(3, 5))))
    return {
        "opening": opening,
        "closures": closures,
        "staff": StaffWeek(staff_id=1, hours=own_hours, busy=tuple(busy)),
        "zone": zone,
        "now": now,
        "rules": rules,
    }


ORACLE = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@ORACLE
@given(cases())
def test_free_intervals_match_the_minute_oracle(case: dict[str, object]) -> None:
    assert free_intervals(**case) == oracle_free(**case)  # type: ignore[arg-type]


@ORACLE
@given(
    cases(),
    st.integers(5, 240),
    st.booleans(),
)
def test_start_times_match_the_minute_oracle(
    case: dict[str, object], minutes: int, use_floor: bool
) -> None:
    free = free_intervals(**case)  # type: ignore[arg-type]
    zone, rules, now = case["zone"], case["rules"], case["now"]
    assert isinstance(zone, ZoneInfo) and isinstance(rules, AvailabilityRules)
    assert isinstance(now, datetime)
    floor = now + timedelta(minutes=rules.lead_minutes + 45) if use_floor else None
    starts = start_times(free, minutes, zone, rules.step_minutes, floor)
    assert starts == oracle_starts(free, minutes, zone, rules.step_minutes, floor)


@ORACLE
@given(
    st.lists(st.tuples(st.integers(0, 3000), st.integers(0, 400)), max_size=8),
    st.sampled_from(ZONES),
    st.integers(0, 2),
    st.integers(5, 120),
    st.sampled_from(STEPS),
)
def test_start_times_of_any_intervals_match_the_oracle(
    raw: list[tuple[int, int]], zone_name: str, anchor: int, minutes: int, step: int
) -> None:
    """Intervals as the gateway may hold them: unsorted, overlapping, off the grid."""
    zone = ZoneInfo(zone_name)
    anchors = [*CLOCK_CHANGES[zone_name], PLAIN_DAY]
    base = anchors[anchor % len(anchors)] - 1000 * MINUTE
    free = [Interval(base + s * MINUTE, base + (s + length) * MINUTE) for s, length in raw]
    assert start_times(free, minutes, zone, step) == oracle_starts(free, minutes, zone, step, None)


@ORACLE
@given(
    st.lists(st.tuples(st.integers(0, 600), st.integers(0, 120)), max_size=10),
    st.lists(st.tuples(st.integers(0, 600), st.integers(0, 120)), max_size=10),
)
def test_subtract_matches_minute_sets(
    free_raw: list[tuple[int, int]], taken_raw: list[tuple[int, int]]
) -> None:
    def intervals(raw: list[tuple[int, int]]) -> list[Interval]:
        return [Interval(at(0) + s * MINUTE, at(0) + (s + n) * MINUTE) for s, n in raw]

    def minutes(raw: list[tuple[int, int]]) -> set[int]:
        return {m for s, n in raw for m in range(s, s + n)}

    expected = runs([at(0) + m * MINUTE for m in sorted(minutes(free_raw) - minutes(taken_raw))])
    assert subtract(intervals(free_raw), intervals(taken_raw)) == expected


# --- the properties the page relies on, on busy realistic weeks --------------------------


@st.composite
def salon_weeks(draw: st.DrawFn) -> dict[str, object]:
    """A working week like a salon's: lunch breaks, part-time staff, many short bookings."""
    now = datetime(2026, 10, 19, 6, 0, tzinfo=UTC) + draw(st.integers(0, 14 * 24 * 60)) * MINUTE
    busy = []
    cursor = now
    for _ in range(draw(st.integers(0, 60))):
        cursor += draw(st.integers(0, 400)) * MINUTE
        length = draw(st.sampled_from([30, 45, 60, 90, 120]))
        busy.append(Interval(cursor, cursor + length * MINUTE))
    own = draw(st.sampled_from([None, every_day(time(10), time(15, 30))]))
    return {
        "opening": WEEKDAYS_9_TO_18_WITH_LUNCH + (OpeningInterval(6, time(1), time(4)),),
        "closures": [(date(2026, 10, 28), date(2026, 10, 29))],
        "staff": StaffWeek(staff_id=3, hours=own, busy=tuple(busy)),
        "zone": BERLIN,
        "now": now,
        "rules": AvailabilityRules(
            step_minutes=draw(st.sampled_from([10, 15, 30])),
            lead_minutes=draw(st.integers(0, 240)),
            horizon_days=draw(st.integers(1, 10)),
        ),
    }


@settings(max_examples=80, deadline=None)
@given(salon_weeks(), st.sampled_from([15, 30, 45, 60, 75, 120, 180]))
def test_every_start_is_bookable(case: dict[str, object], minutes: int) -> None:
    free = free_intervals(**case)  # type: ignore[arg-type]
    rules, now, week = case["rules"], case["now"], case["staff"]
    assert isinstance(rules, AvailabilityRules) and isinstance(now, datetime)
    assert isinstance(week, StaffWeek)
    opening = case["opening"]
    assert isinstance(opening, tuple)
    assert all(a.end < b.start for a, b in zip(free, free[1:], strict=False))  # merged
    duration = timedelta(minutes=minutes)
    for start in start_times(free, minutes, BERLIN, rules.step_minutes):
        end = start + duration
        assert not any(b.start < end and start < b.end for b in week.busy)
        wall_start = start.astimezone(BERLIN)
        assert wall_start.date() == (end - MINUTE).astimezone(BERLIN).date()
        assert not date(2026, 10, 28) <= wall_start.date() <= date(2026, 10, 29)
        assert (wall_start.hour * 60 + wall_start.minute) % rules.step_minutes == 0
        assert wall_start.second == wall_start.microsecond == 0
        assert start >= now + timedelta(minutes=rules.lead_minutes)
        assert end <= now + timedelta(days=rules.horizon_days)
        minute = start
        while minute < end:
            assert minute_is_open(minute, opening, [], week, BERLIN), (start, minute)
            minute += MINUTE
