"""The campaign composer at chain scale: the longest stall of the GUI thread.

    python -m bench.composer_stalls [--customers 200000] [--appointments 1000000]
                                    [--json result.json] [--grab composer.png]

A 10 ms ``QTimer`` heartbeat on the GUI thread records the largest gap between two of
its ticks while the owner works in the composer, on a SQLite copy of the chain-scale
database (``bench.database.chain_copy``), offscreen, at 1366×768:

* open: the composer is built and shown, until its counts and lists are on screen
  (building its widgets is one stretch of GUI work whatever the data: given apart as
  "build", and the longest stall after it);
* filter: "Last visit before" is ticked (unticked in the next round), until the new
  answer is shown;
* search: a name typed into the recipients' search, a key every 80 ms, until shown;
* tabs: the "Left out" tab opened and a reason typed into its search, until shown;
* scroll: the recipients' list scrolled to its end three times (the next pages load).

Baselines, in the same process just before: the heartbeat on an idle event loop for two
seconds (its own largest gap: timer jitter and the machine's load), and while the
database worker runs pure Python for two seconds (the floor of sharing the GIL with any
work on the worker, on this machine at this load; given in the details). As in the app, what
start-up built is frozen for the collector first (``freeze_long_lived``), after one
query (the window has read the database before the composer is opened). Each row gives the
largest gap, the baseline and their ratio; "settled" is the time until the answer was
on screen, lists and preview included, "counts" until the counts were (the work on the
database worker, which is allowed to take its time; the GUI thread answers meanwhile).

The steps after open are repeated (``--runs``, 3 by default): the median of their
largest gaps is judged, the worst is given beside it. Target: no stall longer than
100 ms (a keystroke that lags by more is felt).

Run by ``bench.run_all`` through ``run(report)``, which starts this file as a child
process (Qt, the data and the collector of its own) and turns its JSON into rows.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path[0] = str(Path(__file__).resolve().parents[1])

from bench.database import ROOT, chain_copy

TARGET_MS = 100.0
HEARTBEAT_MS = 10
IDLE_SECONDS = 2.0
KEY_MS = 80  # between two typed keys: a fast typist
SETTLE_TIMEOUT = 600.0  # seconds: the slowest composer measured took 78 s to open


# ---- the child: Qt, the composer, the heartbeat -----------------------------------------
class Heartbeat:
    """Ticks every 10 ms on the GUI thread; the largest gap between ticks is the longest
    time the GUI thread could not react."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(HEARTBEAT_MS)
        self._timer.timeout.connect(self._tick)
        self._last = time.perf_counter()
        self.largest = 0.0
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.largest = max(self.largest, now - self._last)
        self._last = now

    def restart(self) -> None:
        self._last = time.perf_counter()
        self.largest = 0.0

    def read(self) -> float:
        """The largest gap so far, counting the one still open, in ms."""
        return 1000 * max(self.largest, time.perf_counter() - self._last)


def _spin(seconds: float) -> None:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        time.sleep(0.001)


def _until(done: Callable[[], bool]) -> float:
    """Runs the event loop until ``done()`` twice in a row; the seconds it took."""
    started = time.perf_counter()
    quiet = 0
    while quiet < 2:
        _spin(0.02)
        quiet = quiet + 1 if done() else 0
        if time.perf_counter() - started > SETTLE_TIMEOUT:
            raise TimeoutError("the composer did not settle")
    return time.perf_counter() - started


def _python_for(seconds: float) -> int:
    """Pure Python work (no I/O, no C call that lets go of the GIL) for ``seconds``."""
    end, n = time.perf_counter() + seconds, 0
    while time.perf_counter() < end:
        n += sum(range(1000))
    return n


def _type(widget: Any, text: str) -> None:
    """Key by key, the event loop running between the keys (as a person types)."""
    from PySide6.QtTest import QTest

    for char in text:
        QTest.keyClicks(widget, char)
        _spin(KEY_MS / 1000)


def measure(database: Path, grab: Path | None, runs: int) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QCheckBox, QLineEdit, QTableView, QTabWidget

    from desk_app.config.paths import templates_dir, translations_dir
    from desk_app.db.engine import Database, create_database_engine
    from desk_app.services.container import build_services
    from desk_app.texts import i18n
    from desk_app.ui.context import UiContext
    from desk_app.ui.marketing.composer import CampaignComposer
    from desk_app.ui.tasks import TaskRunner, freeze_long_lived

    app = QApplication.instance() or QApplication(sys.argv[:1])
    i18n.install_translators(app, "en", translations_dir())
    db = Database(create_database_engine(f"sqlite:///{database}"))
    services = build_services(db, templates_dir())
    scratch = Path(tempfile.mkdtemp(prefix="composer-stalls-"))
    settings = QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat)
    ctx = UiContext(
        services.use_cases(), TaskRunner("db"), TaskRunner("gateway"), settings, "Europe/Berlin"
    )
    # The window has read the database before the owner opens the composer: SQLAlchemy's
    # mappers are configured (once per process, on the first query) by then.
    services.catalogue.list_staff()
    freeze_long_lived()  # as launch.run does once the window is filled
    beat = Heartbeat()
    result: dict[str, Any] = {"load_before": os.getloadavg()[0]}

    beat.restart()
    _spin(IDLE_SECONDS)
    result["idle_ms"] = beat.read()
    # The floor for any work on the worker: pure Python there shares the GIL with the
    # GUI thread (handed over every 5 ms, if the loaded machine schedules the thread).
    busy = ctx.db_tasks.submit(app, lambda: _python_for(IDLE_SECONDS))
    beat.restart()
    while not busy.done():
        _spin(0.05)
    result["worker_busy_ms"] = beat.read()

    phases: dict[str, list[dict[str, float]]] = {}

    counted: list[float] = []  # when the counts of the latest filters were shown

    def phase(name: str, act: Callable[[], None], done: Callable[[], bool]) -> None:
        beat.restart()
        counted.clear()
        started = time.perf_counter()
        act()
        acted = time.perf_counter()
        whole = beat.read()
        beat.restart()
        _until(done)
        after = beat.read()
        figures = {
            "stall_ms": max(whole, after),
            "act_ms": 1000 * (acted - started),
            "after_act_ms": after,
            "settled_ms": 1000 * (time.perf_counter() - started),
        }
        if counted:
            figures["counts_ms"] = 1000 * (counted[-1] - started)
        phases.setdefault(name, []).append(figures)
        print(f"{name}: {figures}", flush=True)

    holder: list[CampaignComposer] = []

    def open_composer() -> None:
        composer = CampaignComposer(ctx)
        composer.resize(1366, 768)
        composer.audience_loaded.connect(lambda: counted.append(time.perf_counter()))
        composer.show()
        holder.append(composer)

    def idle() -> bool:
        return bool(holder) and not holder[0].is_busy()

    phase("open", open_composer, idle)
    composer = holder[0]

    def find(kind: type, name: str) -> Any:
        widget = composer.findChild(kind, name)
        assert widget is not None, name
        return widget

    def start_over() -> None:
        """No search, the recipients shown, everything loaded: where each step starts."""
        find(QLineEdit, "recipientSearch").clear()
        find(QLineEdit, "exclusionSearch").clear()
        find(QTabWidget, "audienceTabs").setCurrentIndex(0)
        _until(idle)

    def excluded_tab() -> None:
        find(QTabWidget, "audienceTabs").setCurrentIndex(1)
        _spin(0.2)
        _type(find(QLineEdit, "exclusionSearch"), "consent")

    def scroll() -> None:
        table = find(QTableView, "recipientsTable")
        for _ in range(3):
            table.scrollToBottom()
            _until(idle)

    for _ in range(runs):  # the filter is ticked, then unticked, then ticked …
        phase("filter", lambda: find(QCheckBox, "lastVisitBeforeBox").click(), idle)
        phase("search", lambda: _type(find(QLineEdit, "recipientSearch"), "schmi"), idle)
        start_over()
        phase("tabs", excluded_tab, idle)
        start_over()
        phase("scroll", scroll, idle)
        start_over()
    result["rows_loaded"] = find(QTableView, "recipientsTable").model().rowCount()
    result["counts_text"] = composer.counts_text()
    result["phases"] = phases
    result["load_after"] = os.getloadavg()[0]
    if grab is not None:
        composer.grab().save(str(grab))
    composer.close()
    ctx.db_tasks.shutdown()
    ctx.gateway_tasks.shutdown()
    del app
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--customers", type=int, default=200_000)
    parser.add_argument("--appointments", type=int, default=1_000_000)
    parser.add_argument("--database", type=Path, default=None, help="default: chain_copy")
    parser.add_argument("--runs", type=int, default=3, help="rounds of the steps after open")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--grab", type=Path, default=None, help="a PNG of the composer")
    args = parser.parse_args(argv)
    database = args.database or chain_copy(args.customers, args.appointments, False)
    result = measure(database, args.grab, args.runs)
    result["customers"] = args.customers
    print(json.dumps(result, indent=1))
    if args.json is not None:
        args.json.write_text(json.dumps(result), encoding="utf-8")
    return 0


# ---- the runner's side --------------------------------------------------------------------
WHAT = {
    "open": "composer: open, until counts and lists shown",
    "filter": "composer: tick a filter, until the answer is shown",
    "search": "composer: type a name in the recipients' search",
    "tabs": "composer: open “Left out”, type in its search",
    "scroll": "composer: scroll the recipients to the end ×3",
}


def rows(result: dict[str, Any], report: Any) -> None:
    idle = result["idle_ms"]
    load = (
        f"load {result['load_before']:.1f}→{result['load_after']:.1f}; "
        f"worker busy with Python: {result['worker_busy_ms']:.0f} ms"
    )
    baseline = f"idle heartbeat {idle:.0f} ms ({load})"
    extra = {"idle_ms": idle, "worker_busy_ms": result["worker_busy_ms"]}
    for name, runs in result["phases"].items():
        if name == "open":
            [figures] = runs
            build, after = figures["act_ms"], figures["after_act_ms"]
            report.row(
                "composer: open – building its widgets (GUI work, the same on any data)",
                f"{build:.0f} ms",
                baseline,
                f"{build / idle:.1f}×",
                "–",
            )
            report.row(
                "composer: open – longest GUI-thread stall after the build (SQLite)",
                f"{after:.0f} ms (counts {figures.get('counts_ms', 0) / 1000:.1f} s, "
                f"settled {figures['settled_ms'] / 1000:.1f} s)",
                baseline,
                f"{after / idle:.1f}×",
                f"≤ {TARGET_MS:.0f} ms",
                ok=after <= TARGET_MS,
                details={**figures, **extra},
            )
            continue
        stall = statistics.median(r["stall_ms"] for r in runs)
        worst = max(r["stall_ms"] for r in runs)
        settled = statistics.median(r["settled_ms"] for r in runs)
        counts = [r["counts_ms"] for r in runs if "counts_ms" in r]
        said = f"counts {statistics.median(counts) / 1000:.1f} s, " if counts else ""
        report.row(
            f"{WHAT.get(name, name)} – longest GUI-thread stall, median of {len(runs)} (SQLite)",
            f"{stall:.0f} ms (worst {worst:.0f} ms; {said}settled {settled / 1000:.1f} s)",
            baseline,
            f"{stall / idle:.1f}×",
            f"≤ {TARGET_MS:.0f} ms",
            ok=stall <= TARGET_MS,
            details={"runs": runs, **extra},
        )


def run(report: Any) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-composer-") as scratch:
        out = Path(scratch) / "result.json"
        command = [
            sys.executable,
            "-m",
            "bench.composer_stalls",
            "--customers",
            str(report.customers),
            "--appointments",
            str(report.appointments),
            "--runs",
            str(min(report.runs, 3)),
            "--json",
            str(out),
        ]
        env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
        done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=scratch)
        report.outputs["composer_stalls"] = (done.stdout + done.stderr)[-4000:]
        if done.returncode != 0:
            raise RuntimeError(f"exit code {done.returncode}")
        rows(json.loads(out.read_text(encoding="utf-8")), report)


if __name__ == "__main__":
    sys.exit(main())
