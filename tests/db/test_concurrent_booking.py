"""Two processes booking the same staff member and slot at the same moment never double-book.

Like two counter PCs: each process has its own engine and services. In each of 200 rounds
both wait at a barrier and then book the same 30-minute slot through the real booking
service. Exactly one must win; the other must get a BookingConflict naming the winner's
appointment. On SQLite the write transaction (BEGIN IMMEDIATE) serialises them; on
PostgreSQL a per-staff advisory lock does (without it, the exclusion constraint check
sometimes ends in "deadlock detected" instead of a conflict), and the exclusion
constraint stays as the last guard.
"""

from __future__ import annotations

import queue
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from multiprocessing import get_context
from typing import Any

import pytest
from sqlalchemy import bindparam, select, text
from sqlalchemy.exc import IntegrityError

from desk_app.config.paths import templates_dir
from desk_app.db import models as m
from desk_app.db.engine import Database, create_database_engine
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import ACTIVE_APPOINTMENT_STATUSES, StaffRole
from desk_app.domain.errors import BookingConflict
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services, build_services
from desk_app.services.rows import CustomerInput

ROUNDS = 200
FIRST_SLOT = datetime(2030, 1, 7, 7, 0, tzinfo=UTC)
SLOT = timedelta(minutes=30)
PROCESSES = ("A", "B")
BARRIER_TIMEOUT = 60.0
TOTAL_TIMEOUT = 300.0
STAFF_NAME = "Jörg"

OVERLAPPING_PAIRS = text(
    """
    SELECT count(*) FROM appointments a
    JOIN appointments b
      ON a.staff_id = b.staff_id AND a.id < b.id
     AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
    WHERE a.staff_id = :staff_id AND a.status IN :active AND b.status IN :active
    """
).bindparams(bindparam("active", expanding=True))


def slot(round_: int) -> datetime:
    return FIRST_SLOT + round_ * SLOT


def race(
    name: str,
    url: str,
    ids: tuple[int, int, int],
    barrier: Any,
    results: Any,
) -> None:
    """One counter PC: book every slot, each time right after the barrier opens."""
    customer_id, staff_id, service_id = ids
    outcomes: list[dict[str, Any]] = []
    db = Database(create_database_engine(url))
    try:
        services = build_services(db, templates_dir())
        with db.read() as s:  # connect now, not during the first race
            s.execute(text("SELECT 1"))
        for round_ in range(ROUNDS):
            request = BookingRequest(customer_id, staff_id, service_id, slot(round_))
            try:
                barrier.wait(timeout=BARRIER_TIMEOUT)
            except threading.BrokenBarrierError:
                outcomes.append({"round": round_, "kind": "broken barrier"})
                break
            try:
                row = services.booking.book(request)
            except BookingConflict as exc:
                outcomes.append(
                    {
                        "round": round_,
                        "kind": "conflict",
                        "id": exc.clash_id,
                        "staff": exc.staff_name,
                        "by_database": isinstance(exc.__cause__, IntegrityError),
                    }
                )
            except Exception as exc:  # noqa: BLE001 - any failure is an outcome to report
                outcomes.append(
                    {"round": round_, "kind": "error", "detail": f"{type(exc).__name__}: {exc}"}
                )
            else:
                outcomes.append({"round": round_, "kind": "booked", "id": row.id})
    except BaseException as exc:  # noqa: BLE001 - reported, never left to hang
        barrier.abort()  # never leave the other process waiting
        outcomes.append({"round": None, "kind": "error", "detail": f"{type(exc).__name__}: {exc}"})
    finally:
        db.dispose()
        results.put((name, outcomes))


def run_race(url: str, ids: tuple[int, int, int]) -> dict[str, list[dict[str, Any]]]:
    context = get_context("spawn")
    barrier = context.Barrier(len(PROCESSES))
    results = context.Queue()
    processes = [
        context.Process(target=race, args=(name, url, ids, barrier, results), name=name)
        for name in PROCESSES
    ]
    collected: dict[str, list[dict[str, Any]]] = {}
    try:
        for process in processes:
            process.start()
        deadline = time.monotonic() + TOTAL_TIMEOUT
        while len(collected) < len(processes):
            try:
                name, outcomes = results.get(timeout=1)
                collected[name] = outcomes
                continue
            except queue.Empty:
                pass
            dead = [p for p in processes if not p.is_alive() and p.name not in collected]
            if dead or time.monotonic() > deadline:
                try:  # a process that ended normally has flushed its result already
                    name, outcomes = results.get(timeout=5)
                    collected[name] = outcomes
                    continue
                except queue.Empty:
                    codes = {p.name: p.exitcode for p in processes}
                    pytest.fail(f"racing processes gave no result (exit codes {codes})")
        for process in processes:
            process.join(timeout=30)
            assert process.exitcode == 0, f"process {process.name} exited {process.exitcode}"
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
                process.join(timeout=10)
    return collected


def setup_salon(services: Services) -> tuple[int, int, int]:
    customer = services.customers.create(
        CustomerInput("Clara", "Schmidt", email="clara@example.org", phone="0151 12345678")
    )
    staff = services.catalogue.add_staff(STAFF_NAME, StaffRole.STYLIST, actor=SHARED_COUNTER)
    service = services.catalogue.add_treatment("Herrenhaarschnitt", 30, 2900)
    return customer.id, staff.id, service.id


@pytest.mark.slow
def test_two_processes_never_double_book(
    database_url: str, services: Services, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = setup_salon(services)
    staff_id = ids[1]

    started = time.perf_counter()
    collected = run_race(database_url, ids)
    elapsed = time.perf_counter() - started

    # Only the two expected outcomes, never anything else.
    problems = [
        (name, o)
        for name, outcomes in collected.items()
        for o in outcomes
        if o["kind"] not in ("booked", "conflict")
    ]
    assert problems == []
    assert {name: len(outcomes) for name, outcomes in collected.items()} == dict.fromkeys(
        PROCESSES, ROUNDS
    )

    # Every round: one winner, one BookingConflict naming the winner's appointment.
    winners: dict[int, int] = {}
    wins: Counter[str] = Counter()
    caught_by_database = 0
    bad_rounds = []
    for round_ in range(ROUNDS):
        pair = {name: collected[name][round_] for name in PROCESSES}
        assert all(o["round"] == round_ for o in pair.values()), pair
        booked = [(n, o) for n, o in pair.items() if o["kind"] == "booked"]
        conflicts = [o for o in pair.values() if o["kind"] == "conflict"]
        if len(booked) != 1 or len(conflicts) != 1:
            bad_rounds.append((round_, pair))
            continue
        [(winner, won)] = booked
        [conflict] = conflicts
        if conflict["id"] != won["id"] or conflict["staff"] != STAFF_NAME:
            bad_rounds.append((round_, pair))
        winners[round_] = won["id"]
        wins[winner] += 1
        caught_by_database += conflict["by_database"]
    assert bad_rounds == []

    # The database agrees: exactly the 200 winning appointments, none overlapping.
    active = tuple(s.value for s in ACTIVE_APPOINTMENT_STATUSES)
    with db.read() as s:
        rows = s.execute(
            select(m.Appointment.id, m.Appointment.starts_at, m.Appointment.ends_at)
            .where(m.Appointment.staff_id == staff_id, m.Appointment.status.in_(active))
            .order_by(m.Appointment.starts_at)
        ).all()
        overlapping = s.scalar(OVERLAPPING_PAIRS, {"staff_id": staff_id, "active": list(active)})
        confirmations = s.scalars(
            select(m.OutboxMessage.appointment_id).where(
                m.OutboxMessage.kind == "booking_confirmation"
            )
        ).all()
    assert len(rows) == ROUNDS
    assert {r.id for r in rows} == set(winners.values())
    assert [r.starts_at for r in rows] == [slot(i) for i in range(ROUNDS)]
    assert all(a.ends_at <= b.starts_at for a, b in zip(rows, rows[1:], strict=False))
    assert overlapping == 0
    # A lost race leaves nothing behind: one confirmation per winning booking.
    assert sorted(confirmations) == sorted(winners.values())

    with capsys.disabled():
        print(
            f"\n[{db.backend}] {ROUNDS} racing rounds in {elapsed:.1f} s; "
            f"wins {dict(wins)}; conflicts caught by the database constraint: "
            f"{caught_by_database}, by the clash check: {ROUNDS - caught_by_database}"
        )
