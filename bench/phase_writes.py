"""Booking and resizing at chain scale, SQLite, under the working-phase guarantee of
revision 0025 against the whole-appointment triggers of revision 0024 (issue 14).

    python -m bench.phase_writes [--url sqlite:///copy.sqlite3] [--count 200]

On a writable copy of the audience benchmark's database (or ``--url``, a file at head
that may be written to), in one process, each call in its own write transaction through
``BookingService`` as at the counter, on booked appointments after the
data's "now" (where the staff members' days are full, so the triggers read neighbours):
- resize: ``reschedule(…, minutes=length − 5)`` (the update trigger fires: the end moved);
- rebook: the appointment cancelled (not timed), then ``book`` of the same slot for the
  same customer (the insert trigger fires).
And the triggers alone: an end moved by a minute in a rolled-back transaction.
Ours: the triggers at head (working intervals, and the phases' shape); baseline: the
same calls on other appointments with revision 0024's triggers in their place and no
shape triggers. The two alternate in blocks, so the machine's load falls on both alike;
the triggers at head are put back afterwards. PostgreSQL is not measured here.
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
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services, build_services

BLOCKS = 4
TARGET = "≤ 1.3 × the whole-appointment triggers"
_REVISION = "desk_app.db.migrations.versions.0025_processing_phases"
_NAMES = ("appointments_no_overlap%", "appointments_phases%")


def _triggers(db: Database) -> dict[str, str]:
    with db.read() as s:
        rows = s.connection().exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            "AND (name LIKE ? OR name LIKE ?)",
            _NAMES,
        )
        return {str(name): str(sql) for name, sql in rows}


def _install(db: Database, triggers: dict[str, str], drop: dict[str, str]) -> None:
    with db.write() as s:
        for name in drop:
            s.connection().exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        for sql in triggers.values():
            s.connection().exec_driver_sql(sql)


def _sample(db: Database, count: int) -> list[Any]:
    """``4 × count`` booked appointments ahead of "now": a quarter each for resizing
    and rebooking, ours and the baseline."""
    a = m.Appointment
    with db.read() as s:
        found = s.execute(
            select(a.id, a.customer_id, a.staff_id, a.service_id, a.starts_at, a.ends_at).where(
                a.status == "booked", a.starts_at >= ANCHOR
            )
        ).all()
    long_enough = [r for r in found if r.ends_at - r.starts_at > timedelta(minutes=15)]
    return random.Random(25).sample(long_enough, 4 * count)


def _timed(call: Callable[[Any], Any], items: list[Any]) -> list[float]:
    times = []
    for item in items:
        started = time.perf_counter()
        call(item)
        times.append((time.perf_counter() - started) * 1000)
    return times


def measure(url: str, count: int) -> dict[str, dict[str, list[float]]]:
    """Per-call milliseconds: {"ours"|"baseline": {"resize"|"rebook": [...]}}."""
    db = Database(create_database_engine(url))
    services: Services = build_services(db, templates_dir(), clock=lambda: ANCHOR)
    booking = services.booking
    at_head = _triggers(db)
    old = importlib.import_module(_REVISION)._OLD  # revision 0024's text, frozen there
    sample = _sample(db, count)
    times: dict[str, dict[str, list[float]]] = {
        kind: {"resize": [], "rebook": []} for kind in ("ours", "baseline")
    }

    def resize(r: Any) -> None:
        minutes = int((r.ends_at - r.starts_at) / timedelta(minutes=1)) - 5
        booking.reschedule(r.id, r.starts_at, minutes=minutes, override=True)

    def rebook(r: Any) -> None:
        booking.book(
            BookingRequest(r.customer_id, r.staff_id, r.service_id, r.starts_at, override=True)
        )

    block = max(1, count // BLOCKS)
    try:
        for start in range(0, count, block):
            for n, kind in enumerate(("ours", "baseline")):
                _install(db, at_head if kind == "ours" else old, at_head)
                base = 2 * n * count + start
                times[kind]["resize"] += _timed(resize, sample[base : base + block])
                freed = sample[base + count : base + count + block]
                for r in freed:
                    booking.cancel(r.id, waive_late=True)
                times[kind]["rebook"] += _timed(rebook, freed)
    finally:
        _install(db, at_head, at_head)
        db.dispose()
    return times


def measure_triggers(url: str, count: int) -> dict[str, dict[str, list[float]]]:
    """The guarantee alone: one minute off an appointment's end (the update trigger reads
    its 24 hours of the index), rolled back, ``count`` times with each set of triggers,
    alternating in blocks. {"ours"|"baseline": {"trigger": [...]}}."""
    db = Database(create_database_engine(url))
    at_head = _triggers(db)
    old = importlib.import_module(_REVISION)._OLD
    ids = [r.id for r in _sample(db, count)]
    times: dict[str, dict[str, list[float]]] = {k: {"trigger": []} for k in ("ours", "baseline")}
    shorter = (
        "UPDATE appointments SET ends_at = "
        "strftime('%Y-%m-%d %H:%M:%S', ends_at, '-1 minute') || '.000000' WHERE id = ?"
    )
    block = max(1, count // BLOCKS)
    try:
        for start in range(0, count, block):
            for n, kind in enumerate(("ours", "baseline")):
                _install(db, at_head if kind == "ours" else old, at_head)
                with db.engine.connect() as c:
                    for appointment_id in ids[2 * n * count + start :][:block]:
                        started = time.perf_counter()
                        with c.begin() as transaction:
                            c.exec_driver_sql(shorter, (appointment_id,))
                            transaction.rollback()
                        times[kind]["trigger"].append((time.perf_counter() - started) * 1000)
    finally:
        _install(db, at_head, at_head)
        db.dispose()
    return times


def rows(times: dict[str, dict[str, list[float]]]) -> list[dict[str, Any]]:
    result = []
    for what, label in (
        ("trigger", "an end moved, the triggers alone (rolled back)"),
        ("resize", "resize (reschedule)"),
        ("rebook", "book a freed slot"),
    ):
        if what not in times["ours"]:
            continue
        ours, baseline = times["ours"][what], times["baseline"][what]
        result += [
            row(
                f"{label} under the phase guarantee: median (n={len(ours)})",
                statistics.median(ours),
                statistics.median(baseline),
                TARGET,
                "sqlite",
            ),
            row(f"{label}: p95", p95(ours), p95(baseline), TARGET, "sqlite"),
        ]
    return result


def measure_all(url: str, count: int) -> dict[str, dict[str, list[float]]]:
    triggers, calls = measure_triggers(url, count), measure(url, count)
    return {kind: {**triggers[kind], **calls[kind]} for kind in calls}


def run(scale: str = "chain", count: int = 200) -> list[dict[str, Any]]:
    with writable_copy("sqlite", None, scale) as url:
        return rows(measure_all(url, count if scale == "chain" else min(count, 40)))


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--url", help="a SQLite file at head that may be written to")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = rows(measure_all(args.url, args.count)) if args.url else run("chain", args.count)
    for r in result:
        print(f"{r['what']}: {r['measured_ms']} ms (baseline {r['baseline']} ms, ×{r['ratio']})")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
