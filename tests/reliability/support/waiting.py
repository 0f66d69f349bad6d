"""Waiting for a condition that another process makes true (its SQLite file, its exit).

Another process's database cannot notify this one, so these look at it every few
milliseconds until the condition holds, the process exits or the time is up.
"""

from __future__ import annotations

import os
import random
import subprocess
import time
from collections.abc import Callable

POLL_SECONDS = 0.005


def seed() -> int:
    """``RELIABILITY_SEED`` replays a run; otherwise a fresh seed that the figures record."""
    configured = os.environ.get("RELIABILITY_SEED")
    return int(configured) if configured else random.SystemRandom().randrange(10**6)


def until(
    condition: Callable[[], bool],
    timeout: float,
    process: subprocess.Popen[bytes] | None = None,
) -> str:
    """``"reached"``, ``"exited"`` (the process ended first) or ``"timeout"``."""
    deadline = time.monotonic() + timeout
    while True:
        if condition():
            return "reached"
        if process is not None and process.poll() is not None:
            return "exited"
        if time.monotonic() >= deadline:
            return "timeout"
        time.sleep(POLL_SECONDS)
