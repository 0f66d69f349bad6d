"""What the write benchmarks share: a writable copy of the cached audience database, the
counter booking appointments meanwhile, and rows in the shape the bench runner collects.

The counter is a thread with its own engine (as another counter PC would be) that books
one appointment after another for a staff member of its own (no overlaps), each through
``BookingService.book`` in its own write transaction, and records how long each took.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import make_url, select

from bench.audience_data import ANCHOR
from bench.database import SEQUENCED, postgres_database, sqlite_database
from desk_app.config.paths import templates_dir
from desk_app.db import models as m
from desk_app.db.engine import Database, create_database_engine
from desk_app.domain.access import SHARED_COUNTER, Actor
from desk_app.domain.enums import StaffRole
from desk_app.services.booking import BookingRequest
from desk_app.services.container import build_services

SCALES = {"chain": (200_000, 1_000_000), "small": (5_000, 25_000)}


def row(
    what: str, measured_ms: float, baseline_ms: float | None, target: str, backend: str
) -> dict[str, Any]:
    ratio = round(measured_ms / baseline_ms, 2) if baseline_ms else None
    return {
        "what": what,
        "measured_ms": round(measured_ms, 1),
        "baseline": None if baseline_ms is None else round(baseline_ms, 1),
        "ratio": ratio,
        "target": target,
        "backend": backend,
    }


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


@contextmanager
def writable_copy(backend: str, admin_url: str | None, scale: str) -> Iterator[str]:
    """A URL of a throw-away copy of the cached audience database of this scale."""
    customers, appointments = SCALES[scale]
    if backend == "sqlite":
        built = sqlite_database(customers, appointments, rebuild=False)
        source = Path(make_url(built.url).database or "")
        with tempfile.TemporaryDirectory() as directory:
            target = Path(directory) / "copy.sqlite3"
            shutil.copyfile(source, target)
            yield f"sqlite:///{target}"
        return
    assert admin_url is not None
    built = postgres_database(admin_url, customers, appointments, rebuild=False)
    template = make_url(built.url).database
    name = f"{template}_copy"
    admin = make_url(admin_url).set(drivername="postgresql").render_as_string(False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        # A template must have no sessions; the cached database belongs to the benchmarks.
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (template,),
        )
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    url = make_url(built.url).set(database=name).render_as_string(False)
    with psycopg.connect(_plain(url), autocommit=True) as conn:
        for table in SEQUENCED:  # databases cached before the load moved all of them
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT MAX(id) FROM {table}))"
            )
    try:
        yield url
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _plain(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(False)


class Counter:
    """Books at the counter every ``pause`` seconds until stopped; latencies in ms."""

    def __init__(self, url: str, pause: float = 0.05) -> None:
        self._db = Database(create_database_engine(url))
        self._services = build_services(self._db, templates_dir(), clock=lambda: ANCHOR)
        self._pause = pause
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._next = ANCHOR + timedelta(days=400)
        self.latencies_ms: list[float] = []
        self.failures = 0
        with self._db.read() as s:
            self._customer = int(s.scalar(select(m.Customer.id).limit(1)) or 0)
            self._service = int(s.scalar(select(m.Treatment.id).limit(1)) or 0)
        self._staff = self._services.catalogue.add_staff(
            "Bench Tresen", StaffRole.STYLIST, actor=SHARED_COUNTER
        ).id
        # Books as a signed-in reception member, as a counter with personal sign-in does
        # (the booking checks the member's stored role in its transaction).
        reception = self._services.catalogue.add_staff(
            "Bench Empfang", StaffRole.RECEPTION, actor=SHARED_COUNTER
        )
        self._actor = Actor(reception.id, reception.name, StaffRole.RECEPTION)

    def book_once(self) -> None:
        request = BookingRequest(
            customer_id=self._customer,
            staff_id=self._staff,
            service_id=self._service,
            starts_at=self._next,
            notify=False,
            override=True,
        )
        self._next += timedelta(hours=1)
        started = time.perf_counter()
        try:
            self._services.booking.book(request, actor=self._actor)
        except Exception:  # noqa: BLE001 - a refused booking is counted, not fatal
            self.failures += 1
            return
        self.latencies_ms.append((time.perf_counter() - started) * 1000)

    def idle(self, bookings: int) -> list[float]:
        """Latencies of ``bookings`` bookings with nothing else going on."""
        before = len(self.latencies_ms)
        for _ in range(bookings):
            self.book_once()
            time.sleep(self._pause)
        idle = self.latencies_ms[before:]
        del self.latencies_ms[before:]
        return idle

    def start(self) -> None:
        def loop() -> None:
            while not self._stop.is_set():
                self.book_once()
                self._stop.wait(self._pause)

        self._thread = threading.Thread(target=loop, name="counter", daemon=True)
        self._thread.start()

    def stop(self) -> list[float]:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self._db.dispose()
        return self.latencies_ms


def booking_rows(
    idle: list[float], busy: list[float], during: str, backend: str
) -> list[dict[str, Any]]:
    """The counter's booking latency during the work, beside the idle one (median, p95)."""
    if not idle or not busy:
        return []
    return [
        row(
            f"counter books during {during}: median (n={len(busy)})",
            statistics.median(busy),
            statistics.median(idle),
            "the counter keeps booking",
            backend,
        ),
        row(
            f"counter books during {during}: p95",
            p95(busy),
            p95(idle),
            "the counter keeps booking",
            backend,
        ),
    ]
