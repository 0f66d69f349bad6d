"""The audience benchmark's data, from a fixed seed with "now" fixed at ``ANCHOR``.

Customers come from ``desk_app.services.sample_data`` (the demo's generator); here is what
only this benchmark needs at scale: appointments packed back to back over three years
(the number of staff grows with them: six people cannot hold 1,000,000 appointments), every
customer's consent history with its projection, and an outbox of transactional mail and
advertising (part of it in the last 30 days, so the frequency cap applies to some).
Generating is pure; ``bench.database`` writes it.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from typing import Any

from desk_app.db.consent_projection import project_entries
from desk_app.domain.consent import LedgerEntry
from desk_app.domain.enums import Channel, ConsentEvent
from desk_app.services.sample_data.customers import audience_customers
from desk_app.services.sample_data.values import moment_between, random_uuid
from desk_app.services.sample_data.vocabulary import STAFF_FIRST_NAMES

DATA_VERSION = "audience-data-1"  # bump when the data generated changes
ANCHOR = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)  # "now" of the data and of the service
TIME_ZONE = "Europe/Berlin"  # the default setting
FREQUENCY_CAP = 4  # the default setting
HISTORY_DAYS = 3 * 365
AHEAD_DAYS = 60

SERVICES = [  # name, minutes, category, weight
    ("Damenhaarschnitt", 45, "Schnitt", 24),
    ("Herrenhaarschnitt", 30, "Schnitt", 22),
    ("Kinderhaarschnitt", 20, "Schnitt", 6),
    ("Waschen, Föhnen", 30, "Styling", 10),
    ("Hochsteckfrisur", 60, "Styling", 2),
    ("Färben", 90, "Farbe", 12),
    ("Strähnen", 120, "Farbe", 7),
    ("Tönung", 60, "Farbe", 5),
    ("Pflegebehandlung", 30, "Pflege", 7),
    ("Bartpflege", 20, "Pflege", 5),
]


@dataclass
class AudienceData:
    staff: list[dict[str, Any]]
    services: list[dict[str, Any]]
    customers: list[dict[str, Any]]
    appointments: list[tuple[int, int, int, datetime, datetime, str, str]]
    ledger: list[dict[str, Any]]
    consent: list[dict[str, Any]]
    outbox: list[dict[str, Any]]


def staff_needed(appointments: int) -> int:
    """People needed to hold the appointments without overlaps (≈85 % of slots used)."""
    minutes = sum(s[1] * s[3] for s in SERVICES) / sum(s[3] for s in SERVICES)
    per_day = 12 * 60 / minutes
    working_days = (HISTORY_DAYS + AHEAD_DAYS) * 6 / 7
    return max(6, int(appointments / (0.85 * per_day * working_days)) + 1)


def generate_appointments(
    customers: list[dict[str, Any]], total: int, staff_count: int, rng: random.Random
) -> list[tuple[int, int, int, datetime, datetime, str, str]]:
    """(customer, staff, service, starts, ends, status, source), back to back per staff day."""
    weights = [s[3] for s in SERVICES]
    minutes = [s[1] for s in SERVICES]
    first_day = (ANCHOR - timedelta(days=HISTORY_DAYS)).date()
    slots: list[tuple[datetime, int, int]] = []  # starts, staff, service
    for offset in range(HISTORY_DAYS + AHEAD_DAYS):
        day = first_day + timedelta(days=offset)
        if day.weekday() == 6:
            continue
        opens = datetime.combine(day, clock_time(7, 0), UTC)  # 08:00 Berlin (winter)
        for staff in range(1, staff_count + 1):
            at, until = opens, opens + timedelta(hours=12)
            for service in rng.choices(range(len(SERVICES)), weights, k=24):
                end = at + timedelta(minutes=minutes[service])
                if end > until:
                    break
                slots.append((at, staff, service + 1))
                at = end + timedelta(minutes=rng.choice((0, 0, 0, 15)))
    if len(slots) < total:
        raise SystemExit(f"only {len(slots):,} slots for {total:,} appointments")
    chosen = sorted(rng.sample(range(len(slots)), total))
    slots = sorted((slots[i] for i in chosen), key=lambda s: s[0])

    # Who comes when: each customer has an active span (some stopped coming), wishes for
    # visits inside it, and the wishes in time order are given the slots in time order.
    history_start = ANCHOR - timedelta(days=HISTORY_DAYS)
    horizon = ANCHOR + timedelta(days=AHEAD_DAYS)
    ids, cum, spans = [], [], []
    acc = 0.0
    for c in customers:
        if rng.random() < 0.08:
            continue  # registered, never booked
        acc += rng.expovariate(1.0)
        ids.append(c["id"])
        cum.append(acc)
        start = moment_between(rng, history_start, ANCHOR)
        end = horizon if rng.random() < 0.55 else moment_between(rng, start, ANCHOR)
        spans.append((start, end - start))
    owners = rng.choices(range(len(ids)), cum_weights=cum, k=total)
    wishes = sorted((spans[o][0] + spans[o][1] * rng.random(), ids[o]) for o in owners)
    rows = []
    for (starts, staff, service), (_wish, customer_id) in zip(slots, wishes, strict=True):
        roll = rng.random()
        if starts < ANCHOR:
            status = "done" if roll < 0.88 else ("cancelled" if roll < 0.96 else "no_show")
        else:
            status = "booked" if roll < 0.95 else "cancelled"
        source = rng.choice(("online", "phone", "counter"))
        ends = starts + timedelta(minutes=minutes[service - 1])
        rows.append((customer_id, staff, service, starts, ends, status, source))
    return rows


# One customer's consent history: (event, at, channel, request id).
_Entries = list[tuple[str, datetime, str | None, str | None]]


def generate_consent(
    customers: list[dict[str, Any]], rng: random.Random
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Ledger rows and the projection replayed from exactly those entries."""
    ledger: list[dict[str, Any]] = []
    projection: list[dict[str, Any]] = []
    history_start = ANCHOR - timedelta(days=HISTORY_DAYS)
    long_ago = ANCHOR - timedelta(days=35)

    def declare_and_confirm(entries: _Entries, channel: str, start: datetime) -> datetime:
        request = random_uuid(rng)
        entries.append(("declared", start, channel, request))
        entries.append(("request_sent", start + timedelta(minutes=1), channel, request))
        confirmed = start + timedelta(hours=rng.randrange(1, 48))
        entries.append(("confirmed", confirmed, channel, request))
        return confirmed

    def channel_history(entries: _Entries, channel: str, p: Sequence[float]) -> None:
        roll, start = rng.random(), moment_between(rng, history_start, long_ago)
        confirmed_p, pending_p, expired_p, revoked_p = p
        if roll < confirmed_p:
            declare_and_confirm(entries, channel, start)
        elif roll < confirmed_p + pending_p:
            recent = moment_between(rng, ANCHOR - timedelta(days=29), ANCHOR - timedelta(hours=1))
            entries.append(("declared", recent, channel, random_uuid(rng)))
        elif roll < confirmed_p + pending_p + expired_p:
            request = random_uuid(rng)
            entries.append(("declared", start, channel, request))
            if rng.random() < 0.5:  # the gateway recorded the expiry; else time alone
                expired = start + timedelta(days=30, hours=1)
                entries.append(("expired", expired, channel, request))
        elif roll < confirmed_p + pending_p + expired_p + revoked_p:
            confirmed = declare_and_confirm(entries, channel, start)
            entries.append(("revoked", moment_between(rng, confirmed, ANCHOR), channel, None))

    for c in customers:
        entries: _Entries = []
        if c["email"]:
            channel_history(entries, "email", (0.47, 0.03, 0.05, 0.04))
        if c["phone_takes_sms"]:
            channel_history(entries, "sms", (0.21, 0.02, 0.03, 0.03))
        if rng.random() < 0.05:
            last = max((e[1] for e in entries), default=history_start)
            objected = moment_between(rng, last, ANCHOR)
            entries.append(("objected", objected, None, None))
            if c["email"] and rng.random() < 0.1:  # a new confirmed opt-in lifts it
                again = moment_between(rng, objected, ANCHOR - timedelta(days=2))
                declare_and_confirm(entries, "email", again)
        if not entries:
            continue
        domain_entries = []
        for event_name, at, channel, request in entries:
            ledger.append(
                {
                    "id": len(ledger) + 1,
                    "customer_id": c["id"],
                    "channel": channel,
                    "event": event_name,
                    "at": at,
                    "recorded_at": at,
                    "source": "link" if event_name in ("confirmed", "objected") else "phone",
                    "staff": None if event_name in ("confirmed", "objected") else "Tanja",
                    "request_id": request,
                    "statement_version": None,
                    "statement_sha256": None,
                    "address": None,
                    "ip": None,
                    "user_agent": None,
                    "message_id": None,
                    "gateway_seq": None,
                }
            )
            domain_entries.append(
                LedgerEntry(
                    event=ConsentEvent(event_name),
                    at=at,
                    channel=Channel(channel) if channel else None,
                    request_id=request,
                )
            )
        projection.append(project_entries(c["id"], domain_entries))
    return ledger, projection


def generate_outbox(
    customers: list[dict[str, Any]],
    appointments: list[tuple[int, int, int, datetime, datetime, str, str]],
    rng: random.Random,
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []

    def message(
        customer: dict[str, Any], category: str, kind: str, at: datetime, **kw: Any
    ) -> None:
        channel = (
            "email"
            if customer["email"] and (not customer["phone"] or rng.random() < 0.7)
            else "sms"
        )
        address = customer["email"] if channel == "email" else customer["phone"]
        if not address:
            return
        roll = rng.random()
        status = (
            "delivered"
            if roll < 0.80
            else "sent"
            if roll < 0.90
            else "rejected"
            if roll < 0.95
            else "bounced"
            if roll < 0.98
            else "queued"
        )
        rows.append(
            {
                "id": len(rows) + 1,
                "client_id": random_uuid(rng),
                "customer_id": customer["id"],
                "appointment_id": kw.get("appointment_id"),
                "campaign_id": None,
                "channel": channel,
                "category": category,
                "kind": kind,
                "to_address": address,
                "subject": "Ihr Termin" if category == "transactional" else "Angebot",
                "body": "…",
                "payload": {},
                "status": status,
                "reason": "frequency_cap" if status == "rejected" else None,
                "not_before": None,
                "not_after": None,
                "attempts": 1,
                "last_error": None,
                "created_at": at,
                "updated_at": at,
            }
        )

    # Advertising in the last 30 days (the frequency cap counts these) and before.
    for c in rng.sample(customers, len(customers) // 12):
        for _ in range(rng.choices((1, 2, 3, 4, 5, 6), (40, 25, 15, 10, 6, 4))[0]):
            category = "similar_offer" if rng.random() < 0.15 else "marketing"
            message(
                c,
                category,
                "campaign_promotion",
                moment_between(rng, ANCHOR - timedelta(days=29.9), ANCHOR),
            )
    for c in rng.sample(customers, len(customers) // 10):
        for _ in range(rng.randrange(1, 4)):
            at = moment_between(rng, ANCHOR - timedelta(days=400), ANCHOR - timedelta(days=31))
            message(c, "marketing", "campaign_promotion", at)
    # Booking confirmations for a share of the appointments of the last year.
    by_id = {c["id"]: c for c in customers}
    year_ago = ANCHOR - timedelta(days=365)
    recent = [i for i, a in enumerate(appointments) if a[3] > year_ago]
    for index in rng.sample(recent, min(len(recent), len(customers) // 4)):
        a = appointments[index]
        message(
            by_id[a[0]],
            "transactional",
            "booking_confirmation",
            a[3] - timedelta(days=3),
            appointment_id=index + 1,
        )
    return rows


def generate(customers: int, appointments: int, seed: int = 20261127) -> AudienceData:
    rng = random.Random(seed)
    staff_count = staff_needed(appointments)
    staff = [
        {
            "id": n,
            "name": f"{STAFF_FIRST_NAMES[(n - 1) % len(STAFF_FIRST_NAMES)]} {n}",
            "role": "stylist",
            "active": True,
            "colour": None,
            "created_at": ANCHOR - timedelta(days=HISTORY_DAYS + 30),
        }
        for n in range(1, staff_count + 1)
    ]
    services = [
        {
            "id": n,
            "name": name,
            "minutes": minutes,
            "price_cents": minutes * 100,
            "category": category,
            "colour": "#7f8c8d",
            "active": True,
        }
        for n, (name, minutes, category, _w) in enumerate(SERVICES, start=1)
    ]
    history_start = ANCHOR - timedelta(days=HISTORY_DAYS)
    customer_rows = audience_customers(rng, customers, ANCHOR, history_start)
    appointment_rows = generate_appointments(customer_rows, appointments, staff_count, rng)
    ledger, consent = generate_consent(customer_rows, rng)
    outbox = generate_outbox(customer_rows, appointment_rows, rng)
    return AudienceData(staff, services, customer_rows, appointment_rows, ledger, consent, outbox)


_data_cache: dict[tuple[int, int], tuple[AudienceData, float]] = {}


def data_for(customers: int, appointments: int) -> tuple[AudienceData, float]:
    """Generated once per process, shared by both backends."""
    key = (customers, appointments)
    if key not in _data_cache:
        started = time.perf_counter()
        _data_cache[key] = (generate(customers, appointments), time.perf_counter() - started)
    return _data_cache[key]
