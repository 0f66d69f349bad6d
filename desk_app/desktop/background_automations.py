"""Running the automations (reminders, birthday greetings, …) while the window is open.

``desk-app run-automations`` does the same for a scheduled task when the window is closed;
both may run at the same time because every occasion is queued at most once.
A plain thread, never touching Qt, like the background sync.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)
FIRST_RUN_SECONDS = 20  # let the window come up first
INTERVAL_SECONDS = 300


class BackgroundAutomations:
    def __init__(
        self,
        run: Callable[[], object],
        first_run: float = FIRST_RUN_SECONDS,
        interval: float = INTERVAL_SECONDS,
        name: str = "automations",
        stop_wait: float = 60,
    ) -> None:
        """``name``: the thread's, and the log's word for a round (the daily backup runs
        on one of its own: a large file's copy must not hold back the reminders).
        ``stop_wait``: how long ``stop`` waits for a round that is running."""
        self._run = run
        self._first_run, self._interval = first_run, interval
        self._name, self._stop_wait = name, stop_wait
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self._stop_wait)

    def _loop(self) -> None:
        self._stop.wait(self._first_run)
        while not self._stop.is_set():
            try:
                self._run()
            except Exception:  # a bug in one round must not end the automations; it is logged
                log.exception("%s round failed", self._name)
            self._stop.wait(self._interval)
