"""Marking an appointment "Erschienen" and switching its notify flag at chain scale, SQLite:
the counter's own calls, against the same calls under the no-overlap triggers of revision
0001 (which ran on every update and read the staff member's whole past; revision 0024).

    python -m bench.appointment_updates [--url sqlite:///copy.sqlite3] [--count 200]

On a writable copy of the audience benchmark's database (or ``--url``, a file at head
that may be written to), in one process: ``BookingService.set_status(…, ARRIVED)`` on
``--count`` booked appointments of the week around the data's "now" and
``BookingService.set_notify`` on as many booked ones of the weeks after (the counter's
own: at the end of each staff member's history, where the old triggers read the most),
each in its own write transaction as at the counter. Ours: the triggers as the database
has them at head; baseline: the same calls on other appointments of the same kind with
the triggers of 0001 put in their place. The two alternate in blocks, so the machine's
load falls on both alike; the triggers at head are put back afterwards. PostgreSQL is
not measured: its exclusion constraint did not change.
"""

from __future__ import annotations

import argparse
import importlib
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path[0] = str(Path(__file__).resolve().parents[1])

from sqlalchemy import select

from bench.audience_data import ANCHOR
from bench.counter import p95, row, writable_copy
from desk_app.config.paths import templates_dir
from desk_app.db import models as m
from desk_app.db.engine import Database, create_database_engine
from desk_app.domain.enums import AppointmentStatus
from desk_app.services.container import Services, build_services

BLOCKS = 4  # ours and the baseline alternate this many times
TARGET = "≤ 5 ms per update"
_REVISION = "desk_app.db.migrations.versions.0024_bounded_overlap_triggers"


def _triggers(db: Database) -> dict[str, str]:
    with db.read() as s:
        rows = s.connection().exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            "AND name LIKE 'appointments_no_overlap%'"
        )
        return {str(name): str(sql) for name, sql in rows}


def _install(db: Database, triggers: dict[str, str]) -> None:
    with db.write() as s:
        for name, sql in triggers.items():
            s.connection().exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
            s.connection().exec_driver_sql(sql)


def _sample(db: Database, count: int) -> tuple[list[int], list[tuple[int, bool]]]:
    """Booked appointments of the week around "now" to mark arrived, and booked ones of
    the weeks ahead to switch, ``2 × count`` of each (half for ours, half for the
    baseline): the counter's own, at the end of every staff member's history."""
    a = m.Appointment
    with db.read() as s:
        today = select(a.id).where(
            a.status == "booked",
            a.starts_at >= ANCHOR - timedelta(days=7),
            a.starts_at < ANCHOR + timedelta(days=7),
        )
        ahead = select(a.id, a.notify).where(
            a.status == "booked", a.starts_at >= ANCHOR + timedelta(days=7)
        )
        arrive = list(s.scalars(today))
        switch = [(int(i), bool(notify)) for i, notify in s.execute(ahead)]
    pick = random.Random(24)
    return pick.sample(arrive, 2 * count), pick.sample(switch, 2 * count)


def _timed(call: Callable[[Any], Any], items: list[Any]) -> list[float]:
    times = []
    for item in items:
        started = time.perf_counter()
        call(item)
        times.append((time.perf_counter() - started) * 1000)
    return times


def measure(url: str, count: int) -> dict[str, dict[str, list[float]]]:
    """Per-update milliseconds: {"ours"|"baseline": {"status"|"notify": [...]}}."""
    db = Database(create_database_engine(url))
    services: Services = build_services(db, templates_dir(), clock=lambda: ANCHOR)
    booking = services.booking
    at_head = _triggers(db)
    old = importlib.import_module(_REVISION)._OLD  # the 0001 text, frozen there
    arrive, switch = _sample(db, count)
    times: dict[str, dict[str, list[float]]] = {
        kind: {"status": [], "notify": []} for kind in ("ours", "baseline")
    }
    block = max(1, count // BLOCKS)
    try:
        for start in range(0, count, block):
            for n, kind in enumerate(("ours", "baseline")):
                _install(db, at_head if kind == "ours" else old)
                base = n * count + start
                times[kind]["status"] += _timed(
                    lambda i: booking.set_status(i, AppointmentStatus.ARRIVED),
                    arrive[base : base + block],
                )
                times[kind]["notify"] += _timed(
                    # flipped: a write of the value it has would write nothing
                    lambda item: booking.set_notify(item[0], not item[1]),
                    switch[base : base + block],
                )
    finally:
        _install(db, at_head)
        db.dispose()
    return times


def rows(times: dict[str, dict[str, list[float]]]) -> list[dict[str, Any]]:
    result = []
    for what, label in (("status", '"Erschienen" (set_status)'), ("notify", "notify switch")):
        ours, baseline = times["ours"][what], times["baseline"][what]
        result += [
            row(
                f"{label} at the counter: median (n={len(ours)})",
                statistics.median(ours),
                statistics.median(baseline),
                TARGET,
                "sqlite",
            ),
            row(f"{label} at the counter: p95", p95(ours), p95(baseline), TARGET, "sqlite"),
        ]
    return result


def run(scale: str = "chain", count: int = 200) -> list[dict[str, Any]]:
    with writable_copy("sqlite", None, scale) as url:
        return rows(measure(url, count if scale == "chain" else min(count, 40)))


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--url", help="a SQLite file at head that may be written to")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = rows(measure(args.url, args.count)) if args.url else run("chain", args.count)
    for r in result:
        print(f"{r['what']}: {r['measured_ms']} ms (baseline {r['baseline']} ms, ×{r['ratio']})")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
