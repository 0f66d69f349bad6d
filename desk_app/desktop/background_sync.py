"""Automatic syncing with the gateway while the window is open ("sync now" in the outbox
does the same on demand).

A plain thread that runs one sync round every few seconds, never touching Qt. (No
long-poll here: closing the window must not wait for a request that is still waiting
for events.)
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desk_app.services.sync import SyncService

log = logging.getLogger(__name__)
INTERVAL_SECONDS = 15
RETRY_SECONDS = 30


class BackgroundSync:
    """``open_sync`` is called on the thread, before its first round: building the sync
    (its HTTP client, the event handling) is not work for the window's start."""

    def __init__(self, open_sync: Callable[[], SyncService]) -> None:
        self._open_sync = open_sync
        self._sync: SyncService | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="sync", daemon=True)

    def start(self) -> None:
        """Starts the rounds; again, or after ``stop``, it does nothing (the window asks
        when its first day is shown and once more a few seconds later)."""
        if self._thread.ident is None and not self._stop.is_set():
            self._thread.start()

    def running(self) -> bool:
        return self._thread.is_alive()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.ident is not None:
            self._thread.join(timeout=60)
        if self._sync is not None:
            self._sync.close()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                if self._sync is None:
                    self._sync = self._open_sync()
                report = self._sync.run_once()
                self._stop.wait(INTERVAL_SECONDS if report.ok else RETRY_SECONDS)
            except Exception:  # keep syncing after a bug in one round; it is logged
                log.exception("background sync round failed")
                self._stop.wait(RETRY_SECONDS)
