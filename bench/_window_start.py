"""The child process of ``bench/startup.py``: starts a window, reports when it is idle.

    python -m bench._window_start bare|app|customers [DATABASE_URL]

``customers``: the app, then the customers section opened (the list on the whole
table) until idle again. Every mode also reports its peak memory (VmHWM).

Kept apart from the benchmark (which imports SQLAlchemy and psycopg for the data) so the
child imports only what the measured start imports. Times are ``time.monotonic()``,
system-wide on Linux, so the parent's start time (``BENCH_T0``) can be subtracted.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable

_T0 = float(os.environ.get("BENCH_T0", time.monotonic()))
_marks: dict[str, float] = {"python": time.monotonic() - _T0}


def _mark(name: str) -> None:
    _marks[name] = time.monotonic() - _T0


def _mark_cpu() -> None:
    """The processor time this process used until idle (all its threads; it goes on
    opening the database after the first day is shown: ``cpu_ready_s``): on a machine
    shared with other work the wall-clock phases stretch, this much less."""
    _marks["cpu_s"] = time.process_time()


def _mark_first_paint(window: object) -> None:
    """Marks ``painted`` when the window's first paint has been delivered: the first
    frame the receptionist sees (an empty day until the calendar's load is in)."""
    from PySide6.QtCore import QEvent, QObject

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "painted" not in _marks:
                _mark("painted")
            return False

    assert isinstance(window, QObject)
    watcher = FirstPaint(window)
    window.installEventFilter(watcher)


def _wait_until_idle(app: object, window: object, idle: Callable[[], bool]) -> float:
    """Until the window is exposed (so painted once) and nothing waits for an answer;
    returns the longest the GUI thread was away from its event loop meanwhile (seconds:
    the longest freeze a receptionist could have felt, plus the 5 ms tick).

    Waits in the event loop as ``app.exec`` does (without the GIL), woken every few
    milliseconds to look: a loop that polls with sleeps would take the GIL from the
    threads the start runs (the opening thread, the database worker) hundreds of times."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    assert isinstance(app, QApplication) and isinstance(window, QWidget)
    tick = QTimer()
    tick.start(5)
    quiet = 0
    longest, last = 0.0, time.monotonic()
    while quiet < 2:  # twice in a row: delivered answers may submit more work
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        now = time.monotonic()
        longest, last = max(longest, now - last), now
        handle = window.windowHandle()
        if handle is not None and handle.isExposed() and idle():
            quiet += 1
        else:
            quiet = 0
    tick.stop()
    return longest


def _peak_memory_mb() -> float:
    """This process's peak resident memory. Not ``ru_maxrss``: Linux carries that over
    exec from the parent (here the benchmark, with its data in memory); VmHWM is the
    high-water mark of this program's own memory."""
    for line in open("/proc/self/status", encoding="ascii"):  # noqa: SIM115 - closes at exit
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _check_usable(launch: object) -> None:
    """What "idle" promises: today's day in the calendar with its appointments (counted
    into the marks). (The customer search's key is tried by the ``customers`` mode.)"""
    from datetime import date

    from desk_app.desktop.launch import Launch
    from desk_app.ui.calendar.calendar_page import CalendarPage

    assert isinstance(launch, Launch) and launch.desktop is not None
    calendar = launch.desktop.window.page("calendar")
    assert isinstance(calendar, CalendarPage)
    plan = getattr(calendar.current_view(), "plan", lambda: None)()
    if plan is None or getattr(plan, "day", None) != date.today():
        sys.exit(f"idle without today's day in the calendar: {plan!r:.200}")
    columns = getattr(plan, "columns", ())
    _marks["appointments_shown"] = sum(len(column.appointments) for column in columns)


def bare() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    _mark("imports")
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 800)
    _mark_first_paint(window)
    window.show()
    _mark("shown")
    _wait_until_idle(app, window, lambda: True)
    _mark("idle")
    _mark_cpu()


def _first_day_shown(launch: object) -> None:
    """The frame painted the day read at start: counted like the calendar's own."""
    from datetime import date

    from desk_app.desktop.launch import Launch

    _mark("first_day")
    assert isinstance(launch, Launch) and launch.first_day is not None
    plan = launch.first_day.plan
    if plan.day != date.today():
        sys.exit(f"the first day shown is not today's: {plan.day}")
    _marks["first_day_appointments"] = sum(len(column.appointments) for column in plan.columns)


def desk(database_url: str, open_customers: bool = False) -> None:
    """What ``desk_app.desktop.launch.run`` does up to the event loop: the frame shown at
    once with today's day (read with plain sqlite3), the database opened on a thread, the
    pages filled in when it is open.

    ``idle``: the window shows today's day with its appointments and the GUI thread has
    nothing to do (from the frame's own read, or from the calendar page when the start
    takes the normal path: PostgreSQL, personal sign-in, an old schema). ``ready``: the
    pages are in, the calendar has loaded the day through its service and nothing waits
    for the database worker (booking possible); ``stall_s``: the longest the GUI thread
    was away from its event loop between the two."""
    from PySide6.QtWidgets import QApplication

    from desk_app.desktop.launch import Launch

    _mark("imports")
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Salon Desk")
    app.setOrganizationName("salon-desk")
    launch = Launch(app, database_url)
    launch.failed.connect(lambda exc: sys.exit(f"the database could not be opened: {exc!r}"))
    launch.ready.connect(lambda: _mark("filled"))
    launch.first_day_shown.connect(lambda: _first_day_shown(launch))
    _mark("built")
    window = launch.frame.window
    _mark_first_paint(window)

    def on_ready() -> None:
        assert launch.desktop is not None
        calendar = launch.desktop.window.page("calendar")
        calendar.loaded.connect(lambda: _marks.setdefault("day_shown", time.monotonic() - _T0))

    launch.ready.connect(on_ready)
    launch.start()
    _mark("shown")

    def ready() -> bool:
        desktop = launch.desktop
        return (
            desktop is not None
            and "day_shown" in _marks  # not only nothing queued: the day is in
            and all(r.idle() for r in (desktop.ctx.db_tasks, desktop.ctx.gateway_tasks))
        )

    def idle() -> bool:
        return "first_day" in _marks or ready()

    _wait_until_idle(app, window, idle)
    _mark("idle")
    _mark_cpu()
    _marks["stall_s"] = _wait_until_idle(app, window, ready)
    _mark("ready")
    _marks["cpu_ready_s"] = time.process_time()
    _check_usable(launch)
    if open_customers:
        assert launch.desktop is not None
        # As the receptionist does: the search's key (Ctrl+F) opens the section and puts
        # the cursor into the search field.
        launch.desktop.window.action("find_customer").trigger()
        _wait_until_idle(app, window, ready)
        _mark("customers_idle")
        from PySide6.QtWidgets import QLineEdit

        if not isinstance(window.focusWidget(), QLineEdit):
            sys.exit(f"the search key left the focus on {window.focusWidget()!r}")
    launch.close()


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        desk(sys.argv[2], open_customers=sys.argv[1] == "customers")
    _marks["maxrss_mb"] = _peak_memory_mb()
    print(json.dumps(_marks), flush=True)
