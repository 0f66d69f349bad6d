"""Start → window shown and idle at chain scale, against a bare Qt window.

    python -m bench.startup [--customers 200000] [--appointments 1000000] [--runs 5]

Every figure is a fresh Python process started by the benchmark (interpreter start and
imports count), offscreen, with the file cache warm (one start of each kind is run first
and not counted) and the modules' bytecode cached as an installed app has it (the wheel's
install and the PyInstaller bundle compile it; a start that compiles the app's hundred
modules from source, as it did under ``PYTHONDONTWRITEBYTECODE``, is no start a
receptionist sees). The bytecode goes to the run's scratch folder, not the source tree.
Measured from spawning the process to the window being exposed (so painted once), today's
day shown with its appointments and the GUI thread idle (on a SQLite file at the current
schema the frame shows the day read with plain sqlite3 before SQLAlchemy and the services
are imported, see ``desk_app.desktop.first_day``; otherwise the calendar page's own load),
and, reported beside it, until the window is ready to book (pages in, the day loaded
through the calendar's service, nothing left waiting for the database worker) with the
longest the GUI thread was away from its event loop in between:

* baseline: PySide6 imported, an empty 1280×800 ``QMainWindow`` shown;
* the app: what ``desk-app`` does without a command (``gui.start_desktop`` + ``show``)
  on a SQLite copy of the audience benchmark's chain-scale database (200,000 customers,
  1,000,000 appointments; built once and cached, see ``bench.database``).

The median of each, their ratio, and the app's phases (imports, window built, shown, its
first frame painted, the first day shown, idle); the first frame beside the bare window's;
the processor time each used until idle (all threads; on a shared machine the wall clock
stretches with the others' work, this much less).
Target: ≤ 1.0 s and ≤ 4× the bare window.

Also the peak memory (peak RSS, VmHWM) of one more app process that opens the customers
section (the list over all customers) after the start, beside the bare window's.
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
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path[0] = str(Path(__file__).resolve().parents[1])

from bench.database import ROOT, chain_copy

TARGET_SECONDS = 1.0
TARGET_RATIO = 4.0


def start_once(kind: str, database_url: str | None, home: Path, bytecode: Path) -> dict[str, float]:
    """One fresh process: its phases in seconds since it was spawned."""
    env = {
        **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
        "PYTHONPYCACHEPREFIX": str(bytecode),
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),  # no settings, geometry or language of whoever runs this
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "PYTHONPATH": str(ROOT),
        "BENCH_T0": repr(time.monotonic()),
    }
    command = [sys.executable, "-m", "bench._window_start", kind]
    if database_url is not None:
        command.append(database_url)
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"{kind} start failed:\n{done.stderr[-3000:]}")
    marks: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return marks


def measure(database_url: str, runs: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-start-") as scratch:
        home, bytecode = Path(scratch) / "home", Path(scratch) / "bytecode"
        start_once("bare", None, home, bytecode)  # warm the file cache, not counted
        start_once("app", database_url, home, bytecode)
        bare, app = [], []
        for _ in range(runs):  # interleaved: load on the machine hits both alike
            bare.append(start_once("bare", None, home, bytecode))
            app.append(start_once("app", database_url, home, bytecode))
        # A home of its own (no settings of the runs above), the same bytecode.
        customers = start_once("customers", database_url, Path(scratch) / "home2", bytecode)
    bare_idle = statistics.median(m["idle"] for m in bare)
    app_idle = statistics.median(m["idle"] for m in app)
    bare_painted = statistics.median(m["painted"] for m in bare)
    app_painted = statistics.median(m["painted"] for m in app)
    phases = {name: round(statistics.median(m[name] for m in app), 3) for name in app[0]}
    app_ready = statistics.median(m["ready"] for m in app)
    return {
        "bare_maxrss_mb": round(statistics.median(m["maxrss_mb"] for m in bare), 1),
        "customers_open_maxrss_mb": round(customers["maxrss_mb"], 1),
        "bare_s": round(bare_idle, 3),
        "app_s": round(app_idle, 3),
        "ratio": round(app_idle / bare_idle, 2),
        "bare_painted_s": round(bare_painted, 3),
        "app_painted_s": round(app_painted, 3),
        "app_ready_s": round(app_ready, 3),
        "ready_ratio": round(app_ready / bare_idle, 2),
        "app_stall_ms": round(1000 * statistics.median(m["stall_s"] for m in app)),
        "app_cpu_ready_s": round(statistics.median(m["cpu_ready_s"] for m in app), 3),
        "painted_ratio": round(app_painted / bare_painted, 2),
        # Processor time until idle: less stretched than the wall clock by other work.
        "bare_cpu_s": round(statistics.median(m["cpu_s"] for m in bare), 3),
        "app_cpu_s": round(statistics.median(m["cpu_s"] for m in app), 3),
        "app_phases_s": phases,
        "runs": runs,
    }


def run(report: Any) -> None:
    """For ``bench.run_all``: one row of the results table."""
    path = chain_copy(report.customers, report.appointments, rebuild=False)
    result = measure(f"sqlite:///{path}", report.runs)
    report.row(
        "start → window shown and idle (SQLite)",
        f"{result['app_s']:.2f} s",
        f"bare Qt window {result['bare_s']:.2f} s",
        f"{result['ratio']:.1f}×",
        "≤ 1.0 s and ≤ 4× bare Qt",
        ok=result["app_s"] <= TARGET_SECONDS and result["ratio"] <= TARGET_RATIO,
        details=result,
    )
    report.row(
        "start → ready to book: pages in, the day loaded through its service (SQLite)",
        f"{result['app_ready_s']:.2f} s (longest GUI-thread stall after the day was shown:"
        f" {result['app_stall_ms']} ms)",
        f"bare Qt window {result['bare_s']:.2f} s",
        f"{result['ready_ratio']:.1f}×",
        "no target of its own (the idle row's)",
        ok=None,
        details={"app_cpu_ready_s": result["app_cpu_ready_s"]},
    )
    report.row(
        "start → first frame painted (SQLite)",
        f"{result['app_painted_s']:.2f} s",
        f"bare Qt window {result['bare_painted_s']:.2f} s",
        f"{result['painted_ratio']:.1f}×",
        "no target of its own (the idle row's)",
        ok=None,
        details={"day_shown_s": result["app_phases_s"].get("day_shown")},
    )
    report.row(
        "peak memory, customers list open (SQLite, peak RSS)",
        f"{result['customers_open_maxrss_mb']:.0f} MB",
        f"bare Qt window {result['bare_maxrss_mb']:.0f} MB",
        f"{result['customers_open_maxrss_mb'] / result['bare_maxrss_mb']:.1f}×",
        "≤ 250 MB",
        ok=result["customers_open_maxrss_mb"] <= 250,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--customers", type=int, default=200_000)
    parser.add_argument("--appointments", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true", help="ignore the cached database")
    args = parser.parse_args()
    path = chain_copy(args.customers, args.appointments, args.rebuild)
    result = measure(f"sqlite:///{path}", args.runs)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
