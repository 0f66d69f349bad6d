"""Which freed times fit which waiting customer, in which order (domain.waitlist)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk_app.domain.errors import InvalidField
from desk_app.domain.waitlist import (
    TimeWindow,
    Wish,
    check_wish,
    fits,
    in_line,
    may_offer_after_objection,
    slot_key,
)

BERLIN = ZoneInfo("Europe/Berlin")
FRIDAY = date(2026, 11, 27)  # weekday 4
T0 = datetime(2026, 11, 1, tzinfo=UTC)


def at(hour: int, minute: int = 0, day: date = FRIDAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


def wish(entry_id: int = 1, minutes: int = 45, staff_id: int | None = None, **kw: object) -> Wish:
    values: dict[str, object] = {
        "entry_id": entry_id,
        "customer_id": entry_id,
        "service_id": 1,
        "minutes": minutes,
        "staff_id": staff_id,
        "first_day": FRIDAY - timedelta(days=3),
        "last_day": FRIDAY + timedelta(days=3),
        "windows": (),
        "created_at": T0,
    }
    values.update(kw)
    return Wish(**values)  # type: ignore[arg-type]


def test_the_service_must_fit_into_the_freed_time() -> None:
    assert fits(wish(minutes=45), 7, at(10), at(10, 45), BERLIN)
    assert not fits(wish(minutes=60), 7, at(10), at(10, 45), BERLIN)


def test_a_wished_staff_member_only_their_time_anyone_any() -> None:
    assert fits(wish(staff_id=7), 7, at(10), at(11), BERLIN)
    assert not fits(wish(staff_id=8), 7, at(10), at(11), BERLIN)
    assert fits(wish(staff_id=None), 8, at(10), at(11), BERLIN)


def test_the_day_must_lie_in_the_range_salon_local() -> None:
    narrow = wish(first_day=FRIDAY, last_day=FRIDAY)
    assert fits(narrow, 7, at(0, 30), at(2), BERLIN)  # 23:30 UTC on Thursday
    assert not fits(narrow, 7, at(10, day=FRIDAY + timedelta(days=1)), at(11), BERLIN)


def test_windows_of_the_weekday_must_hold_the_whole_service() -> None:
    mornings = wish(windows=(TimeWindow(4, time(9), time(12)),))
    assert fits(mornings, 7, at(11, 15), at(12), BERLIN)
    assert not fits(mornings, 7, at(11, 30), at(12, 30), BERLIN)  # would end 12:15
    assert not fits(mornings, 7, at(13), at(14), BERLIN)
    other_day = wish(windows=(TimeWindow(3, time(9), time(12)),))
    assert not fits(other_day, 7, at(10), at(11), BERLIN)


def test_first_in_line_waited_longest_then_lower_id() -> None:
    late = wish(1, created_at=T0 + timedelta(hours=1))
    early_b = wish(3, created_at=T0)
    early_a = wish(2, created_at=T0)
    unfit = wish(4, minutes=120, created_at=T0 - timedelta(days=1))
    line = in_line([late, early_b, early_a, unfit], 7, at(10), at(11), BERLIN)
    assert [w.entry_id for w in line] == [2, 3, 1]


def test_an_offer_passes_an_objection_only_if_asked_for_after_it() -> None:
    assert may_offer_after_objection(None, T0)
    assert may_offer_after_objection(T0, T0 + timedelta(minutes=1))
    assert not may_offer_after_objection(T0 + timedelta(minutes=1), T0)


def test_bad_wishes_are_refused_with_a_field() -> None:
    with pytest.raises(InvalidField) as caught:
        check_wish(FRIDAY, FRIDAY - timedelta(days=1), ())
    assert caught.value.field == "last_day"
    with pytest.raises(InvalidField):
        check_wish(FRIDAY, FRIDAY + timedelta(days=400), ())
    with pytest.raises(InvalidField):
        TimeWindow(7, time(9), time(10))
    with pytest.raises(InvalidField):
        TimeWindow(1, time(10), time(9))
    with pytest.raises(InvalidField):
        TimeWindow.from_text("Mo 9-12")
    assert TimeWindow.from_text("2=09:00-12:30") == TimeWindow(2, time(9), time(12, 30))


@given(
    start=st.integers(0, 23 * 4).map(lambda q: at(0) + timedelta(minutes=15 * q)),
    length=st.integers(1, 16).map(lambda q: timedelta(minutes=15 * q)),
    minutes=st.integers(5, 240),
)
def test_whatever_fits_ends_inside_the_freed_time(
    start: datetime, length: timedelta, minutes: int
) -> None:
    w = wish(minutes=minutes, windows=(TimeWindow(4, time(8), time(20)),))
    if fits(w, 7, start, start + length, BERLIN):
        assert start + timedelta(minutes=minutes) <= start + length
        assert time(8) <= start.astimezone(BERLIN).time()


def test_slot_keys_name_opening_staff_and_start_whatever_the_zone() -> None:
    assert slot_key(1, 7, at(10)) == slot_key(1, 7, at(10).astimezone(UTC))
    assert slot_key(1, 7, at(10)) != slot_key(1, 8, at(10))
    # The same time freed a second time is another opening: a key the gateway never saw.
    assert slot_key(2, 7, at(10)) != slot_key(1, 7, at(10))
    assert len(slot_key(2**63 - 1, 2**63 - 1, at(10))) <= 64  # the gateway's slot column
