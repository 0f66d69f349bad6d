"""When to try a gateway call again, and how long to wait first (DESIGN.md section 3).

Pure policy: it neither sleeps nor reads a clock nor speaks HTTP, so the client can inject
``sleep``/``rng`` and tests can check every number. Standard library only.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

# Only these statuses can go away by themselves; any other 4xx would fail the same way again.
_RETRYABLE_4XX = frozenset({408, 429})

# Without an upper bound the exponent overflows a float after ~1000 retries.
_MAX_EXPONENT = 62

_DELAY_SECONDS = re.compile(r"\d+(?:\.\d+)?")


def is_retryable_status(status: int) -> bool:
    """408, 429 and every 5xx."""
    return status in _RETRYABLE_4XX or 500 <= status <= 599


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff with full jitter: the n-th retry waits ``rng() * ceiling(n)``.

    Full jitter (rather than a fixed delay plus a little noise) spreads the desks of a chain
    that lost the gateway at the same moment, so they do not come back in lockstep.
    """

    base: float = 0.5
    cap: float = 30.0

    def ceiling(self, retry: int) -> float:
        """Longest wait before retry number ``retry`` (1 = the first retry)."""
        if retry < 1:
            raise ValueError("retry counts from 1")
        return min(self.cap, math.ldexp(self.base, min(retry - 1, _MAX_EXPONENT)))

    def delay(self, retry: int, rng: Callable[[], float]) -> float:
        """A wait in [0, ceiling(retry)); ``rng`` returns values in [0, 1)."""
        return rng() * self.ceiling(retry)


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait according to a ``Retry-After`` header, or None if absent or unusable.

    RFC 9110: either delay-seconds or an HTTP-date. A date in the past means "now" (0).
    ``now`` must be timezone-aware.
    """
    if value is None:
        return None
    value = value.strip()
    if _DELAY_SECONDS.fullmatch(value):
        seconds = float(value)
        return seconds if math.isfinite(seconds) else None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # "-0000": RFC 5322 says UTC with unknown local zone
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())
