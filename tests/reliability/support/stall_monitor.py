"""How responsive the GUI thread is, and what it was doing whenever it was not.

A 10 ms ``QTimer`` on the GUI thread notes every tick; the gap between two ticks is how
long the event loop was busy. A watchdog thread looks every few milliseconds: while the
GUI thread has not ticked for more than ``threshold`` seconds it samples that thread's
Python stack (``sys._current_frames()``), so every long stall comes with what was on the
stack during it.

Wall-clock gaps depend on the machine (a loaded CI machine stalls every thread now and
then); what the stack shows does not, and neither does the GUI thread's own CPU time
during a gap (``time.thread_time()`` read at each tick, on that thread). So every stall
is one of: I/O on the GUI thread (its stack shows network or database frames), work on
the GUI thread (it spent more than ``threshold`` of CPU time in the gap), or waiting for
the machine (neither: the process did not get the CPU). Tests assert on the first two
and record the longest gap.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer

# Frames from these places mean network or database work.
IO_PLACES = (
    "/requests/",
    "/urllib3/",
    "/http/client.py",
    "/socket.py",
    "/ssl.py",
    "/sqlalchemy/",
    "/sqlite3/",
    "/psycopg/",
    "/alembic/",
    "/desk_app/services/",
    "/desk_app/db/",
    "/desk_app/gateway/",
    "/desk_sql/",
    "/tests/reliability/support/processes.py",
)
MAX_SAMPLES = 20


@dataclass
class Stall:
    started: float
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # the GUI thread's own CPU time during the gap
    samples: list[traceback.StackSummary] = field(default_factory=list)

    def io_frames(self) -> list[str]:
        found = []
        for sample in self.samples:
            for frame in sample:
                where = frame.filename.replace("\\", "/")
                if any(place in where for place in IO_PLACES):
                    found.append(f"{frame.filename}:{frame.lineno} {frame.name}")
        return sorted(set(found))

    def where(self) -> str:
        """The innermost frame of the product in the last sample (or of anything)."""
        if not self.samples:
            return "not sampled"
        frames = list(self.samples[-1])
        ours = [f for f in frames if "/desk_app/" in f.filename.replace("\\", "/")]
        frame = (ours or frames)[-1]
        return f"{frame.filename.rpartition('/')[2]}:{frame.lineno} {frame.name}"

    def describe(self) -> str:
        if not self.samples:
            return f"{self.seconds * 1000:.0f} ms ({self.cpu_seconds * 1000:.0f} ms CPU, no sample)"
        last = "".join(self.samples[-1].format()[-8:])
        return (
            f"{self.seconds * 1000:.0f} ms ({self.cpu_seconds * 1000:.0f} ms CPU), "
            f"{len(self.samples)} samples, last:\n{last}"
        )


class StallMonitor(QObject):
    def __init__(self, threshold: float = 0.1, tick_ms: int = 10) -> None:
        super().__init__()
        self.threshold = threshold
        self._gui_thread = threading.get_ident()
        self._lock = threading.Lock()
        self._last_tick = time.monotonic()
        self._last_cpu = time.thread_time()
        self._current: Stall | None = None
        self.stalls: list[Stall] = []
        self.ticks = 0
        self.longest = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._stop = threading.Event()
        self._watchdog = threading.Thread(target=self._watch, name="stall-watchdog", daemon=True)

    def start(self) -> None:
        self._last_tick = time.monotonic()
        self._last_cpu = time.thread_time()  # start() runs on the GUI thread
        self._timer.start()
        self._watchdog.start()

    def stop(self) -> None:
        self._timer.stop()
        self._stop.set()
        self._watchdog.join(timeout=10)

    def _on_timer_timeout(self) -> None:
        now = time.monotonic()
        cpu = time.thread_time()  # the GUI thread's: this slot runs on it
        with self._lock:
            gap = now - self._last_tick
            cpu_gap = cpu - self._last_cpu
            self._last_tick, self._last_cpu = now, cpu
            self.ticks += 1
            self.longest = max(self.longest, gap)
            if gap > self.threshold:
                stall = self._current or Stall(now - gap)
                stall.seconds = gap
                stall.cpu_seconds = cpu_gap
                self.stalls.append(stall)
            self._current = None

    def _watch(self) -> None:
        while not self._stop.wait(0.005):
            with self._lock:
                stalled = time.monotonic() - self._last_tick > self.threshold
                if not stalled:
                    continue
                if self._current is None:
                    self._current = Stall(self._last_tick)
                stall = self._current
            if len(stall.samples) >= MAX_SAMPLES:
                continue
            frame = sys._current_frames().get(self._gui_thread)
            if frame is not None:
                stall.samples.append(traceback.extract_stack(frame))
            del frame
            self._stop.wait(0.02)

    def longest_stall(self) -> Stall | None:
        return max(self.stalls, key=lambda s: s.seconds, default=None)

    def stalls_with_io(self) -> list[Stall]:
        return [s for s in self.stalls if s.io_frames()]

    def stalls_working(self) -> list[Stall]:
        """Stalls in which the GUI thread itself computed for longer than the threshold."""
        return [s for s in self.stalls if s.cpu_seconds > self.threshold]

    def stalls_waiting(self) -> list[Stall]:
        """Stalls that were neither I/O nor work on the GUI thread: the machine was busy."""
        return [s for s in self.stalls if not s.io_frames() and s.cpu_seconds <= self.threshold]
