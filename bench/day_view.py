"""The day view with 40 staff at chain scale: query + layout + paint, against the same
grid painted empty.

    python -m bench.day_view [--customers 200000] [--appointments 1000000] [--staff 40]

On a copy of the audience benchmark's chain-scale SQLite database (200,000 customers,
1,000,000 appointments over three years, 80 staff; see ``bench.database``), in one
process, offscreen, the real ``DayView`` at 1600×900:

* ours: ``CalendarService.day`` for a busy day (every staff member booked back to back),
  the first ``--staff`` columns handed to ``DayView.set_plan``, and the widget rendered
  (``grab``: every column, block and label painted);
* baseline: the same columns without appointments, set and rendered the same way (what
  a grid of that size costs with nothing booked).

Medians of ``--runs`` warm runs (after one not counted). Target: ours ≤ 150 ms.
Also reported: the day with all 80 staff, and the query alone.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path[0] = str(Path(__file__).resolve().parents[1])
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from bench.audience_data import ANCHOR, TIME_ZONE
from bench.database import chain_copy
from desk_app.db.engine import Database, create_database_engine
from desk_app.services.calendar_view import CalendarService, DayPlan
from desk_app.ui.calendar.day_view import DayView

TARGET_MS = 150.0
DAY = ANCHOR.date()  # a Friday in the data: every staff member booked all day


def _trimmed(plan: DayPlan, staff: int, empty: bool = False) -> DayPlan:
    columns = plan.columns[:staff]
    if empty:
        columns = tuple(dataclasses.replace(c, appointments=()) for c in columns)
    return dataclasses.replace(plan, columns=columns)


def _median_ms(call: Any, runs: int) -> float:
    call()  # warm: first query compiles, first paint loads fonts
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1)


def measure(database_url: str, staff: int, runs: int, day: date = DAY) -> dict[str, Any]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    db = Database(create_database_engine(database_url))
    calendar = CalendarService(db)
    view = DayView(TIME_ZONE)
    view.resize(1600, 900)
    view.show()
    app.processEvents()
    full = calendar.day(day, TIME_ZONE)
    empty = _trimmed(full, staff, empty=True)

    def ours(columns: int = staff) -> None:
        view.set_plan(_trimmed(calendar.day(day, TIME_ZONE), columns))
        view.grab()

    def baseline() -> None:
        view.set_plan(empty)
        view.grab()

    result = {
        "day": day.isoformat(),
        "staff_in_day": len(full.columns),
        "staff_shown": min(staff, len(full.columns)),
        "appointments_shown": sum(len(c.appointments) for c in full.columns[:staff]),
        "ours_ms": _median_ms(ours, runs),
        "baseline_ms": _median_ms(baseline, runs),
        "query_ms": _median_ms(lambda: calendar.day(day, TIME_ZONE), runs),
        "all_staff_ms": _median_ms(lambda: ours(len(full.columns)), runs),
        "runs": runs,
    }
    result["ratio"] = round(result["ours_ms"] / result["baseline_ms"], 2)
    view.close()
    db.dispose()
    return result


def run(report: Any) -> None:
    """For ``bench.run_all``: one row of the results table."""
    path = chain_copy(report.customers, report.appointments, rebuild=False)
    result = measure(f"sqlite:///{path}", 40, max(report.runs, 3))
    report.row(
        f"day view with {result['staff_shown']} staff, query + paint (SQLite)",
        f"{result['ours_ms']:.0f} ms ({result['appointments_shown']} appointments; "
        f"query {result['query_ms']:.0f} ms; all {result['staff_in_day']} staff "
        f"{result['all_staff_ms']:.0f} ms)",
        f"same grid empty {result['baseline_ms']:.0f} ms",
        f"{result['ratio']:.1f}×",
        "≤ 150 ms",
        ok=result["ours_ms"] <= TARGET_MS,
        details=result,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--customers", type=int, default=200_000)
    parser.add_argument("--appointments", type=int, default=1_000_000)
    parser.add_argument("--staff", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    path = chain_copy(args.customers, args.appointments, rebuild=False)
    print(json.dumps(measure(f"sqlite:///{path}", args.staff, args.runs), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
