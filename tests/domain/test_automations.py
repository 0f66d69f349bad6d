"""When an automation's occasion falls, and the ids that keep it from going out twice."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from desk_app.domain.automations import (
    birthday_key,
    birthdays_on,
    occasion_client_id,
    reminder_key,
    review_key,
    win_back_key,
)


@pytest.mark.parametrize(
    ("day", "celebrated"),
    [
        (date(2026, 11, 25), ((11, 25),)),
        (date(2027, 2, 28), ((2, 28), (2, 29))),  # common year: leap-day children too
        (date(2028, 2, 28), ((2, 28),)),  # leap year: they have their own day
        (date(2028, 2, 29), ((2, 29),)),
        (date(2027, 3, 1), ((3, 1),)),
    ],
)
def test_birthdays_celebrated_on_a_day(day: date, celebrated: tuple[tuple[int, int], ...]) -> None:
    assert birthdays_on(day) == celebrated


def test_the_same_occasion_always_gets_the_same_client_id() -> None:
    key = birthday_key(17, 2026)
    assert key == "birthday:17:2026"
    assert occasion_client_id(key) == occasion_client_id("birthday:17:2026")
    assert uuid.UUID(occasion_client_id(key)).version == 5
    assert len(occasion_client_id(key)) == 36  # fits outbox.client_id
    assert occasion_client_id(key) != occasion_client_id(birthday_key(17, 2027))


def test_reminder_key_names_the_start_in_utc_so_a_move_is_a_new_occasion() -> None:
    start = datetime(2026, 11, 27, 10, tzinfo=timezone(timedelta(hours=1)))
    assert reminder_key(42, start) == "reminder:42:2026-11-27T09:00:00+00:00"
    assert reminder_key(42, start) == reminder_key(42, start.astimezone(UTC))
    assert reminder_key(42, start) != reminder_key(42, start + timedelta(hours=2))


def test_review_and_win_back_keys() -> None:
    assert review_key(5, date(2026, 11, 24)) == "review_request:5:2026-11-24"
    assert win_back_key(5, date(2026, 5, 9)) == "win_back:5:2026-05-09"
