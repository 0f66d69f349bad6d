"""A staff PIN's form and the lockout after wrong tries (issue 12)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from desk_app.domain.errors import InvalidField
from desk_app.domain.pin_rules import CLEAR, LockoutPolicy, PinCounter, checked_pin

NOW = datetime(2026, 12, 4, 10, tzinfo=UTC)
POLICY = LockoutPolicy(max_attempts=3, lock_minutes=15)


@pytest.mark.parametrize("pin", ["1234", "00000000", "987654"])
def test_four_to_eight_digits_are_a_pin(pin: str) -> None:
    assert checked_pin(pin) == pin


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", "12 34", "١٢٣٤", ""])
def test_anything_else_is_refused_without_echoing_it(pin: str) -> None:
    with pytest.raises(InvalidField) as refused:
        checked_pin(pin)
    assert (refused.value.field, refused.value.problem, refused.value.value) == (
        "pin",
        "pin_form",
        "",
    )


def test_the_limit_of_misses_locks_for_the_window_then_counts_again() -> None:
    counter = CLEAR.after_miss(POLICY, NOW).after_miss(POLICY, NOW)
    assert counter == PinCounter(2, None) and counter.attempts_left(POLICY) == 1
    locked = counter.after_miss(POLICY, NOW)
    assert locked == PinCounter(0, NOW + timedelta(minutes=15))
    assert locked.locked_at(NOW + timedelta(minutes=14, seconds=59))
    assert not locked.locked_at(NOW + timedelta(minutes=15))
    assert not CLEAR.locked_at(NOW)
