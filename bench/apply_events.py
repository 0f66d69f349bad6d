"""Applying 100,000 gateway events while the counter keeps booking.

    python -m bench.apply_events [--scale chain|small] [--events 100000]

On a copy of the cached audience database (bench/database.py), the desktop's sync
(``SyncService.drain_events``, pages of 500 events; on SQLite a write transaction per 100
of them, on PostgreSQL per page)
applies what the gateway reports about 50,000 messages of the outbox: accepted, then
delivered – every 100th bounced for good (the customer's address is marked), every
500th followed by an unsubscribe (a ledger row, the consent projection, open bookings'
notify switches). The gateway is a stub that hands out the prepared pages (no HTTP: this
measures applying, not the network).

Baseline, same run, same database: the same status changes by plain SQL (one
``UPDATE outbox … WHERE client_id = ?`` per event, executemany in one transaction) – the
floor of touching those rows at all. Meanwhile a second engine books at the counter
(bench/counter.py): its latency during the apply beside the idle one.
Target (issue 11): ≤ 20 s for 100,000 events, the counter keeps booking.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any, cast

if __package__ in (None, ""):  # run as a script: the repository root, not bench/, on the path
    sys.path[0] = str(Path(__file__).resolve().parents[1])

from sqlalchemy import bindparam, select, update

from bench.audience_data import ANCHOR
from bench.counter import Counter, booking_rows, row, writable_copy
from bench.database import postgres_admin_url
from desk_app.config.paths import templates_dir
from desk_app.db import models as m
from desk_app.db.engine import Database, create_database_engine
from desk_app.gateway.port import EventPage, GatewayEvent, GatewayPort
from desk_app.services.container import build_services
from desk_app.services.messages import MessageTemplates
from desk_app.services.sync import SyncService

TARGET = "≤ 20000 ms for 100,000 events"


class EventsOnly:
    """The part of the gateway the event drain talks to."""

    def __init__(self, events: list[GatewayEvent]) -> None:
        self._events = events

    def events(self, after: int, limit: int = 100, wait: float = 0) -> EventPage:
        page = self._events[after : after + limit]
        return EventPage(page, page[-1].seq if page else after)


def prepare(db: Database, count: int) -> list[GatewayEvent]:
    """Two events per message (the second sometimes a bounce), a few unsubscribes."""
    with db.read() as s:
        messages = s.execute(
            select(m.OutboxMessage.client_id, m.OutboxMessage.channel, m.Customer.ref)
            .join(m.Customer, m.Customer.id == m.OutboxMessage.customer_id)
            .order_by(m.OutboxMessage.id)
            .limit(count // 2)
        ).all()
    events: list[GatewayEvent] = []

    def add(type_: str, message: str | None, ref: str, channel: str, **data: Any) -> None:
        at = ANCHOR + timedelta(seconds=len(events))
        events.append(GatewayEvent(len(events) + 1, type_, at, ref, message, channel, data))

    for n, (client_id, channel, ref) in enumerate(messages):
        add("message.accepted", client_id, ref, channel)
        if n % 100 == 99:
            add("message.bounced", client_id, ref, channel, permanent=True, code="5.1.1")
        else:
            add("message.delivered", client_id, ref, channel)
        if n % 500 == 499 and len(events) < count:
            add("optout.received", None, ref, channel, via="link", client_id=client_id)
    return events[:count]


def _floor_ms(db: Database, events: list[GatewayEvent]) -> float:
    """The same message status changes as plain UPDATEs in one transaction."""
    status = {"message.accepted": "accepted", "message.delivered": "delivered"}
    params = [
        {"cid": e.client_id, "st": status.get(e.type, "bounced")} for e in events if e.client_id
    ]
    statement = (
        update(m.OutboxMessage.__table__)
        .where(m.OutboxMessage.__table__.c.client_id == bindparam("cid"))
        .values(status=bindparam("st"))
    )
    started = time.perf_counter()
    with db.engine.begin() as conn:
        conn.execute(statement, params)
    return (time.perf_counter() - started) * 1000


def run_backend(backend: str, url: str, count: int) -> list[dict[str, Any]]:
    db = Database(create_database_engine(url))
    services = build_services(db, templates_dir(), clock=lambda: ANCHOR)
    events = prepare(db, count)
    gateway = cast(GatewayPort, EventsOnly(events))
    sync = SyncService(
        db, gateway, "bench", services.outbox, MessageTemplates(templates_dir()), lambda: ANCHOR
    )
    counter = Counter(url)
    idle = counter.idle(20)
    counter.start()
    started = time.perf_counter()
    applied = sync.drain_events()
    apply_ms = (time.perf_counter() - started) * 1000
    busy = counter.stop()
    floor = _floor_ms(db, events)
    db.dispose()
    print(
        f"[{backend}] applied {applied:,} in {apply_ms:.0f} ms (floor {floor:.0f} ms)", flush=True
    )
    return [
        row(f"apply {applied:,} gateway events", apply_ms, floor, TARGET, backend),
        *booking_rows(idle, busy, "the event apply", backend),
    ]


def run(scale: str = "chain", events: int = 100_000) -> list[dict[str, Any]]:
    count = events if scale == "chain" else min(events, 10_000)
    rows: list[dict[str, Any]] = []
    with writable_copy("sqlite", None, scale) as url:
        rows += run_backend("sqlite", url, count)
    admin = postgres_admin_url()
    if admin:
        with writable_copy("postgresql", admin, scale) as url:
            rows += run_backend("postgresql", url, count)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scale", choices=("chain", "small"), default="chain")
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    for r in run(args.scale, args.events):
        print(r)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
