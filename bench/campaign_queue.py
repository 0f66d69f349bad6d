"""Queuing a campaign to about 50,000 recipients while the counter keeps booking.

    python -m bench.campaign_queue [--scale chain|small]

On a copy of the cached audience database (bench/database.py: 200,000 customers,
1,000,000 appointments), ``CampaignService.send`` queues service information by SMS to
everyone who had a colour service ("Farbe", about 60,000 reachable at chain scale):
deciding the audience once more (a read transaction), composing each distinct message
once, inserting the outbox rows in chunks of their own short transactions that also move
the campaign's queue cursor (resumable, never doubled).

Baseline, same run, same database: the same outbox rows (the texts already composed)
copied for a second campaign by one ``INSERT … SELECT`` in one transaction – the floor
of writing them at all.
Meanwhile a second engine books at the counter (bench/counter.py): its latency during
the queuing beside the idle one. Target (issue 11): ≤ 5 s, the counter keeps booking.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: the repository root, not bench/, on the path
    sys.path[0] = str(Path(__file__).resolve().parents[1])

from sqlalchemy import func, select, text

from bench.audience_data import ANCHOR, FREQUENCY_CAP, TIME_ZONE
from bench.counter import Counter, booking_rows, row, writable_copy
from bench.database import postgres_admin_url
from desk_app.config.paths import templates_dir
from desk_app.db import models as m
from desk_app.db.engine import Database, create_database_engine
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.campaigns import CampaignType, ChannelChoice
from desk_app.services.audience import AudienceQuery, count_by, select_audience
from desk_app.services.audience_counts import count_audience
from desk_app.services.audience_pages import select_recipients
from desk_app.services.campaign_rows import AudienceFilters, CampaignDraft
from desk_app.services.container import build_services

TARGET = "≤ 5000 ms for 50,000 recipients"
DRAFT = CampaignDraft(
    name="Neue Öffnungszeiten",
    type=CampaignType.SERVICE_INFO,
    channel=ChannelChoice.SMS,
    filters=AudienceFilters(service_category="Farbe"),
    sms_body="Hallo {{ first_name }}, ab Januar haben wir samstags bis 18 Uhr geöffnet.",
)


def _floor_ms(db: Database, campaign_id: int) -> float:
    """The same rows again, for a second campaign (one message per recipient and campaign
    is a unique index), by one ``INSERT … SELECT`` in one transaction: the database's own
    cost of writing them, with nothing decided, composed or handed over from Python. Each
    copy's client id is the queued one with an "x" for its first character: unique as
    they are, never a stored id (those are hexadecimal), and in the same order."""
    with db.write() as s:
        floor = m.Campaign(
            name="floor", type=DRAFT.type.value, channel=DRAFT.channel.value, send_at=ANCHOR
        )
        s.add(floor)
        s.flush()
        floor_id = floor.id
    copied = ", ".join(_COPIED)
    statement = text(
        f"INSERT INTO outbox (client_id, campaign_id, {copied}) "
        f"SELECT 'x' || substr(client_id, 2), :floor, {copied} "
        "FROM outbox WHERE campaign_id = :queued"
    )
    started = time.perf_counter()
    with db.write() as s:
        s.execute(statement, {"floor": floor_id, "queued": campaign_id})
    return (time.perf_counter() - started) * 1000  # the copy is thrown away after


_COPIED = (
    "customer_id",
    "channel",
    "category",
    "kind",
    "to_address",
    "subject",
    "body",
    "payload",
    "status",
    "not_before",
    "created_at",
    "updated_at",
    "attempts",
    "gateway_failures",
)


def _read_ms(db: Database) -> tuple[float, float]:
    """The queuing's read of the audience, as before issue 11 (every customer of the
    selection with the duplicate window over all of them, counted in Python) and now
    (the recipients only, the counts from the read model): milliseconds, alternating."""
    query = AudienceQuery(
        DRAFT.type, DRAFT.channel, DRAFT.filters, ANCHOR, TIME_ZONE, FREQUENCY_CAP
    )
    before, now = [], []
    for _ in range(2):
        with db.read() as s:
            started = time.perf_counter()
            lines = select_audience(s, query)
            [ln for ln in lines if ln.channel is not None], count_by(lines)
            before.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            select_recipients(s, query), count_audience(s, query)
            now.append((time.perf_counter() - started) * 1000)
    return min(before), min(now)


def run_backend(backend: str, url: str) -> list[dict[str, Any]]:
    db = Database(create_database_engine(url))
    services = build_services(db, templates_dir(), clock=lambda: ANCHOR)
    read_before, read_now = _read_ms(db)
    counter = Counter(url)
    idle = counter.idle(20)
    counter.start()
    started = time.perf_counter()
    campaign = services.campaigns.send(DRAFT, actor=SHARED_COUNTER)
    queue_ms = (time.perf_counter() - started) * 1000
    busy = counter.stop()
    with db.read() as s:
        queued = int(
            s.scalar(select(func.count()).where(m.OutboxMessage.campaign_id == campaign.id)) or 0
        )
    floor = _floor_ms(db, campaign.id)
    db.dispose()
    print(f"[{backend}] queued {queued:,} in {queue_ms:.0f} ms (floor {floor:.0f} ms)", flush=True)
    return [
        row(f"queue a campaign ({queued:,} recipients)", queue_ms, floor, TARGET, backend),
        {
            **row("queuing: reading the recipients", read_now, read_before, "–", backend),
            "baseline_what": "the same read as before issue 11 (whole audience), same run",
        },
        *booking_rows(idle, busy, "the queuing", backend),
    ]


def run(scale: str = "chain") -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with writable_copy("sqlite", None, scale) as url:
        rows += run_backend("sqlite", url)
    admin = postgres_admin_url()
    if admin:
        with writable_copy("postgresql", admin, scale) as url:
            rows += run_backend("postgresql", url)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scale", choices=("chain", "small"), default="chain")
    args = parser.parse_args()
    for r in run(args.scale):
        print(r)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
