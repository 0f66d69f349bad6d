"""The rules of a staff PIN (issue 12): its form and the lockout after wrong tries.

Pure: the hash itself is made in ``services.pin_hash``; the counters live in the
database (``staff_credentials``) so every counter PC sees the same lockout.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from desk_app.domain.errors import InvalidField
from desk_app.domain.salon_settings import SalonSettings

PIN_MIN, PIN_MAX = 4, 8


def checked_pin(pin: str) -> str:
    """The PIN if it is 4–8 ASCII digits; never echoes the value in the error."""
    if not (PIN_MIN <= len(pin) <= PIN_MAX and pin.isascii() and pin.isdigit()):
        raise InvalidField("pin", "pin_form")
    return pin


def loosens_sign_in(before: SalonSettings, after: SalonSettings) -> bool:
    """Whether a change of settings weakens the sign-in: personal sign-in switched off
    (the shared counter then has the owner's rights: making owners, reading the audit
    log), more wrong PINs before a lockout, or a shorter lockout (both shorten guessing
    somebody's PIN, the owner's too). Only an owner may: a manager could otherwise raise
    themselves above their own rights by these settings."""
    return (
        (before.staff_sign_in and not after.staff_sign_in)
        or after.pin_attempts > before.pin_attempts
        or after.pin_lockout_minutes < before.pin_lockout_minutes
    )


@dataclass(frozen=True)
class LockoutPolicy:
    """``max_attempts`` wrong PINs in a row lock the member for ``lock_minutes``."""

    max_attempts: int
    lock_minutes: int


@dataclass(frozen=True)
class PinCounter:
    """A member's wrong tries since the last good one, and the lockout, if any."""

    failures: int
    locked_until: datetime | None

    def locked_at(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def after_miss(self, policy: LockoutPolicy, now: datetime) -> PinCounter:
        """One more wrong PIN; reaching the limit locks and starts counting again, so
        the next lockout needs the full number of misses once more."""
        failures = self.failures + 1
        if failures >= policy.max_attempts:
            return PinCounter(0, now + timedelta(minutes=policy.lock_minutes))
        return PinCounter(failures, None)

    def attempts_left(self, policy: LockoutPolicy) -> int:
        return max(policy.max_attempts - self.failures, 0)


CLEAR = PinCounter(0, None)
