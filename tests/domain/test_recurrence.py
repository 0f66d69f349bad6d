"""Expanding a series rule: count, order, the wall clock across DST, months without a
5th weekday."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk_app.domain.recurrence import (
    MAX_OCCURRENCES,
    Frequency,
    InvalidRule,
    SeriesRule,
    occurrence_days,
    occurrences,
    week_of_month,
)

BERLIN = ZoneInfo("Europe/Berlin")
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
times = st.times().map(lambda t: t.replace(microsecond=0))
frequencies = st.sampled_from(Frequency)
intervals = st.integers(min_value=1, max_value=12)
counts = st.integers(min_value=1, max_value=MAX_OCCURRENCES)


@given(days, times, frequencies, intervals, counts)
def test_count_rule_gives_that_many_ascending_on_the_same_wall_time(
    first: date, at: time, frequency: Frequency, interval: int, count: int
) -> None:
    rule = SeriesRule(frequency, interval, count=count)
    starts = occurrences(first, at, rule, BERLIN)
    assert len(starts) == count
    assert starts == sorted(starts) and len(set(starts)) == count
    local = [start.astimezone(BERLIN) for start in starts]
    assert local[0].date() == first
    for moment in local:
        assert moment.weekday() == first.weekday()
        assert moment.tzinfo is not None and starts[0].tzinfo is UTC
        # The clock shows the same time, except where it skips that time (spring forward).
        if moment.time() != at:
            skipped = datetime.combine(moment.date(), at, tzinfo=BERLIN)
            assert skipped.astimezone(UTC).astimezone(BERLIN).time() != at


@given(days, frequencies, intervals, st.integers(min_value=0, max_value=400))
def test_until_rule_stops_on_or_before_the_date(
    first: date, frequency: Frequency, interval: int, span: int
) -> None:
    until = first + timedelta(days=span)
    try:
        got = occurrence_days(first, SeriesRule(frequency, interval, until=until))
    except InvalidRule as problem:
        assert problem.reason == "too_many"
        return
    assert got[0] == first and got[-1] <= until
    # The next one would be past the date: nothing is left out at the end.
    more = occurrence_days(first, SeriesRule(frequency, interval, count=len(got) + 1))
    assert more[:-1] == got and more[-1] > until


@given(days, intervals, counts)
def test_weekly_steps_are_exactly_n_weeks(first: date, interval: int, count: int) -> None:
    got = occurrence_days(first, SeriesRule(Frequency.WEEKLY, interval, count=count))
    assert all(b - a == timedelta(weeks=interval) for a, b in zip(got, got[1:], strict=False))


@given(days, intervals, counts)
def test_monthly_keeps_the_weekday_of_the_month(first: date, interval: int, count: int) -> None:
    got = occurrence_days(first, SeriesRule(Frequency.MONTHLY, interval, count=count))
    nth = week_of_month(first)
    for k, day in enumerate(got):
        months = first.month - 1 + interval * k
        assert (day.year, day.month) == (first.year + months // 12, months % 12 + 1)
        if nth <= 4:
            assert week_of_month(day) == nth
        else:  # the 5th: the last of the month
            assert (day + timedelta(weeks=1)).month != day.month


def test_second_tuesday_and_fifth_becomes_last() -> None:
    second_tuesday = date(2026, 1, 13)
    rule = SeriesRule(Frequency.MONTHLY, 1, count=3)
    assert occurrence_days(second_tuesday, rule) == [
        date(2026, 1, 13),
        date(2026, 2, 10),
        date(2026, 3, 10),
    ]
    # 29 Sep 2026 is the 5th Tuesday; October has one (27th is the 4th … 27 + 7 = 3 Nov:
    # no), November has no 5th Tuesday: the last ones.
    assert occurrence_days(date(2026, 9, 29), rule) == [
        date(2026, 9, 29),
        date(2026, 10, 27),
        date(2026, 11, 24),
    ]


def test_wall_clock_across_dst_change() -> None:
    # 10:00 in Berlin on the Saturday before and after the change on 29 March 2026.
    got = occurrences(date(2026, 3, 21), time(10), SeriesRule(Frequency.WEEKLY, 1, count=2), BERLIN)
    assert got == [datetime(2026, 3, 21, 9, tzinfo=UTC), datetime(2026, 3, 28, 9, tzinfo=UTC)]
    got = occurrences(date(2026, 3, 28), time(10), SeriesRule(Frequency.WEEKLY, 1, count=2), BERLIN)
    assert got == [datetime(2026, 3, 28, 9, tzinfo=UTC), datetime(2026, 4, 4, 8, tzinfo=UTC)]
    # The time the clock skips: 02:30 on 29 March is 03:30 summer time.
    skipped = occurrences(
        date(2026, 3, 29), time(2, 30), SeriesRule(Frequency.WEEKLY, 1, count=1), BERLIN
    )
    assert skipped[0].astimezone(BERLIN).time() == time(3, 30)


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"interval": 0, "count": 3}, "interval"),
        ({"interval": 1}, "count_or_until"),
        ({"interval": 1, "count": 3, "until": date(2027, 1, 1)}, "count_or_until"),
        ({"interval": 1, "count": MAX_OCCURRENCES + 1}, "count"),
    ],
)
def test_invalid_rules(kwargs: dict[str, object], reason: str) -> None:
    with pytest.raises(InvalidRule) as caught:
        SeriesRule(Frequency.WEEKLY, **kwargs)  # type: ignore[arg-type]
    assert caught.value.reason == reason


def test_until_too_far_is_refused() -> None:
    with pytest.raises(InvalidRule):
        occurrence_days(date(2026, 1, 1), SeriesRule(Frequency.WEEKLY, 1, until=date(2030, 1, 1)))


def test_until_before_the_first_day_is_refused_and_until_on_it_is_one() -> None:
    first = date(2026, 12, 7)
    with pytest.raises(InvalidRule) as caught:
        occurrence_days(first, SeriesRule(Frequency.WEEKLY, 1, until=first - timedelta(days=1)))
    assert caught.value.reason == "until_before_start"
    assert occurrence_days(first, SeriesRule(Frequency.MONTHLY, 1, until=first)) == [first]
