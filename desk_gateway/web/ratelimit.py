"""A small sliding-window rate limiter (per client address or per token), in memory.

One gateway process serves one small fleet of salons; a shared store is not needed.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable


class RateLimiter:
    def __init__(
        self, limit: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._limit = limit
        self._window = window
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _current(self, key: str, now: float) -> deque[float]:
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - self._window:
            hits.popleft()
        return hits

    def _wait(self, hits: deque[float], now: float) -> int | None:
        if len(hits) >= self._limit:
            return max(1, math.ceil(hits[0] + self._window - now))
        return None

    def retry_after(self, key: str) -> int | None:
        """Record a hit; None if allowed, else the seconds to wait."""
        now = self._clock()
        with self._lock:
            hits = self._current(key, now)
            wait = self._wait(hits, now)
            if wait is not None:
                return wait
            hits.append(now)
            self._forget_idle()
            return None

    def blocked(self, key: str) -> int | None:
        """Like ``retry_after`` but without recording a hit (for counting failures only)."""
        now = self._clock()
        with self._lock:
            if key not in self._hits:  # asking must not make the table grow
                return None
            return self._wait(self._current(key, now), now)

    def record(self, key: str) -> None:
        now = self._clock()
        with self._lock:
            self._current(key, now).append(now)
            self._forget_idle()

    def _forget_idle(self) -> None:
        if len(self._hits) > 50_000:  # forget idle clients instead of growing forever
            self._hits = {k: v for k, v in self._hits.items() if v}
