"""Audience preview with reasons over 200,000 customers, next to one hand-written SQL query.

    python bench/audience_preview.py [--customers 200000] [--appointments 1000000]
                                     [--backend sqlite|postgresql|both] [--runs 5]
                                     [--rebuild] [--explain] [--json results.json]

Target (issue 5): the campaign composer's preview – every customer of a selection with
the channel that reaches them or the reason they are left out – takes at most 3× the same
selection written by hand as one SQL query, and under 1 s.

Data (the same for every backend, from a fixed seed, "now" fixed at ``ANCHOR``):
200,000 customers (≈85 % with email, ≈80 % with a phone, some landlines, a few malformed
addresses, some bounced, families sharing an address, preferred channel mixed),
1,000,000 appointments over three years plus two months ahead (mostly done, some
cancelled or no-show, future ones booked), the consent ledger (≈40 % email and ≈15 % SMS
confirmed, some pending, expired, revoked; ≈5 % objected, a few of them re-confirmed)
with its ``customer_consent`` projection computed by ``consent_projection.project_entries``
from the same entries, and an outbox with transactional mail and advertising – part of it
in the last 30 days, so the frequency cap applies to some customers.

The database refuses overlapping active appointments per staff member (SQLite trigger,
PostgreSQL exclusion constraint), so the appointments are packed back to back into
working days (Mon–Sat, 08:00–20:00) and the number of staff grows with the appointment
count: six people cannot hold 1,000,000 appointments in three years. During the bulk load
the overlap guard is dropped and recreated afterwards from its own stored definition
(PostgreSQL validates every row when the constraint comes back).

Each database is built once and cached, keyed by the data version, the sizes and a digest
of the schema (models + migrations): SQLite files in ``$TMPDIR/salon-desk-bench/``,
PostgreSQL databases named ``bench_audience_<digest>`` on DESK_APP_TEST_POSTGRES_URL's
server (drop them with ``DROP DATABASE`` when done). Build time is reported separately.
SQLite gets no ANALYZE (the app never runs one); PostgreSQL does.

Measured per selection and backend, on the same database in the same run:

* ours: ``services.campaigns.preview(type, channel, filters)`` – the call the composer and
  the CLI make (settings, one audience statement, result objects, counts);
* baseline: one hand-written ``text()`` query returning id, names and channel or reason
  for the same selection; the benchmark asserts it yields exactly the service's answer;
* for the breakdown: ``select_audience`` alone, and the statements ours sent replayed on
  the DB-API connection (the SQL floor of our statement, without SQLAlchemy).

"first" is the first call of that selection in the process (fresh engine for the first
selection of a backend; the OS file cache may be warm). The others: median of ``--runs``
warm runs, ours and baseline alternating. Exit code 1 only when results differ. For a
selection that misses a target, the plan of our audience statement is printed (EXPLAIN
QUERY PLAN on SQLite, EXPLAIN on PostgreSQL; ``--explain``: every plan, with ANALYZE).

Runtime: the cached run takes about a minute per backend when the preview meets its
target; today's slow previews (several seconds each on SQLite) make it several minutes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402
from sqlalchemy import Engine, bindparam, event, insert, make_url, text  # noqa: E402

from desk_app.config.paths import templates_dir  # noqa: E402
from desk_app.db import migrate  # noqa: E402
from desk_app.db import models as m  # noqa: E402
from desk_app.db.consent_projection import project_entries  # noqa: E402
from desk_app.db.engine import Database, create_database_engine  # noqa: E402
from desk_app.domain.campaigns import CampaignType, ChannelChoice  # noqa: E402
from desk_app.domain.consent import LedgerEntry  # noqa: E402
from desk_app.domain.contact import can_receive_sms, is_valid_email, name_key  # noqa: E402
from desk_app.domain.enums import Channel, ConsentEvent  # noqa: E402
from desk_app.services.audience import AudienceQuery, select_audience  # noqa: E402
from desk_app.services.campaign_rows import AudienceFilters, AudiencePreview  # noqa: E402
from desk_app.services.container import build_services  # noqa: E402
from desk_sql.types import UTCDateTime  # noqa: E402

DATA_VERSION = "audience-data-1"  # bump when the generator below changes
ANCHOR = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)  # "now" of the data and of the service
TIME_ZONE = "Europe/Berlin"  # the default setting
FREQUENCY_CAP = 4  # the default setting
HISTORY_DAYS = 3 * 365
AHEAD_DAYS = 60
TARGET_RATIO = 3.0
TARGET_MS = 1000.0
CHUNK = 20_000
BREAKDOWN_RUNS = 1  # select_audience alone and the SQL replay: for reading, not judging


# ---- the salon ------------------------------------------------------------------------------
def _words(text: str) -> list[str]:
    return text.split()


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
STAFF_NAMES = _words(
    """Tanja Jörg Aylin Sven Mia Lukas Sophie Can Lea Ben Nina Tom Ida Emre Jana Max Zoe Paul Eva
    Finn Lina Noah Rosa Elif"""
)
FIRST = _words(
    """Anna Maria Ursula Monika Petra Sabine Renate Karin Julia Nicole Sandra Katrin Lena Lea
    Hannah Emma Mia Sophie Marie Laura Lisa Jana Käthe Özlem Ayşe Zoë Peter Michael Thomas
    Andreas Wolfgang Klaus Jürgen Stefan Christian Uwe Frank Lukas Leon Finn Jonas Paul Ben
    Felix Jörg Björn Ümit Mehmet René"""
)
LAST = _words(
    """Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch
    Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann
    Lange Schmitt Werner Krause Meier Lehmann König Walter Huber Kaiser Fuchs Peters Möller Weiß
    Jung Hahn Vogel Keller Günther Berger Öztürk Yılmaz Kaya Demir Kowalski Nowak Nguyen Rossi"""
)
MOBILE = ["151", "152", "157", "160", "162", "163", "170", "171", "172", "173", "175", "176"]
LANDLINE = ["30", "89", "40", "221", "69"]
DOMAINS = ["example.org", "example.com", "example.net", "beispiel.de"]


# ---- generating the data ----------------------------------------------------------------------
@dataclass
class Data:
    staff: list[dict[str, Any]]
    services: list[dict[str, Any]]
    customers: list[dict[str, Any]]
    appointments: list[tuple[int, int, int, datetime, datetime, str, str]]
    ledger: list[dict[str, Any]]
    consent: list[dict[str, Any]]
    outbox: list[dict[str, Any]]


def _dt(rng: random.Random, start: datetime, end: datetime) -> datetime:
    return start + (end - start) * rng.random()


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def generate_customers(count: int, rng: random.Random) -> list[dict[str, Any]]:
    keys = {n: name_key(n) for n in FIRST + LAST}
    mail = {n: k.replace(" ", "") for n, k in keys.items()}  # "Yılmaz" → "y lmaz" → "ylmaz"
    history_start = ANCHOR - timedelta(days=HISTORY_DAYS)
    rows: list[dict[str, Any]] = []
    for number in range(1, count + 1):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        email = phone = digits = None
        email_valid = phone_sms = False
        if rng.random() < 0.85:
            domain = rng.choice(DOMAINS)
            local = f"{mail[first]}.{mail[last]}{number}"
            roll = rng.random()
            if roll < 0.006:
                email = f"{local}@{domain.split('.')[0]}"  # no top-level domain
            elif roll < 0.010:
                email = f"{mail[first]} {mail[last]}{number}@{domain}"  # a space
            elif roll < 0.030 and rows:
                # A family sharing one address, sometimes typed with capitals.
                shared = rows[-rng.randrange(1, min(len(rows), 50) + 1)]["email"]
                if shared and shared == shared.lower() and "@" in shared and " " not in shared:
                    email = shared.capitalize() if rng.random() < 0.5 else shared
                    email_valid = True
            else:
                email, email_valid = f"{local}@{domain}", True
            if email is None:
                email, email_valid = f"{local}@{domain}", True
        if rng.random() < 0.80:
            roll = rng.random()
            if roll < 0.86:
                digits = f"{rng.choice(MOBILE)}{rng.randrange(10**7, 10**8)}"
                phone_sms = True
            elif roll < 0.99:
                digits = f"{rng.choice(LANDLINE)}{rng.randrange(10**7, 10**8)}"
            else:
                digits = f"151{rng.randrange(100, 1000)}"  # too short: stored, not usable
            phone = f"+49{digits}"
        if phone_sms and rng.random() < 0.01 and rows and rows[-1]["phone_takes_sms"]:
            phone, digits = rows[-1]["phone"], rows[-1]["phone_digits"]  # a shared mobile
        created = _dt(rng, history_start - timedelta(days=400), ANCHOR - timedelta(days=1))
        preferred = rng.random()
        rows.append(
            {
                "id": number,
                "ref": _uuid(rng),
                "first_name": first,
                "last_name": last,
                "first_name_key": keys[first],
                "last_name_key": keys[last],
                "email": email,
                "email_bounced_at": _dt(rng, created, ANCHOR)
                if email and rng.random() < 0.03
                else None,
                "phone": phone,
                "phone_digits": digits,
                "phone_bounced_at": _dt(rng, created, ANCHOR)
                if phone and rng.random() < 0.01
                else None,
                "email_valid": email_valid,
                "phone_takes_sms": phone_sms,
                "birthday": date(1950, 1, 1) + timedelta(days=rng.randrange(20_000))
                if rng.random() < 0.7
                else None,
                "street": "",
                "postal_code": "",
                "city": "",
                "notes": "",
                "preferred_channel": "email"
                if preferred < 0.30
                else ("sms" if preferred < 0.45 else None),
                "language": "en" if rng.random() < 0.1 else "de",
                "objection_notice_given": rng.random() < 0.6,
                "created_at": created,
                "updated_at": created,
            }
        )
    # The flags are set by construction for speed; check them against the real rules.
    for row in rng.sample(rows, min(len(rows), 3000)):
        assert row["email_valid"] == (bool(row["email"]) and is_valid_email(row["email"])), row
        assert row["phone_takes_sms"] == (bool(row["phone"]) and can_receive_sms(row["phone"])), row
    return rows


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
        start = _dt(rng, history_start, ANCHOR)
        end = horizon if rng.random() < 0.55 else _dt(rng, start, ANCHOR)
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
        request = _uuid(rng)
        entries.append(("declared", start, channel, request))
        entries.append(("request_sent", start + timedelta(minutes=1), channel, request))
        confirmed = start + timedelta(hours=rng.randrange(1, 48))
        entries.append(("confirmed", confirmed, channel, request))
        return confirmed

    def channel_history(entries: _Entries, channel: str, p: Sequence[float]) -> None:
        roll, start = rng.random(), _dt(rng, history_start, long_ago)
        confirmed_p, pending_p, expired_p, revoked_p = p
        if roll < confirmed_p:
            declare_and_confirm(entries, channel, start)
        elif roll < confirmed_p + pending_p:
            recent = _dt(rng, ANCHOR - timedelta(days=29), ANCHOR - timedelta(hours=1))
            entries.append(("declared", recent, channel, _uuid(rng)))
        elif roll < confirmed_p + pending_p + expired_p:
            request = _uuid(rng)
            entries.append(("declared", start, channel, request))
            if rng.random() < 0.5:  # the gateway recorded the expiry; else time alone
                expired = start + timedelta(days=30, hours=1)
                entries.append(("expired", expired, channel, request))
        elif roll < confirmed_p + pending_p + expired_p + revoked_p:
            confirmed = declare_and_confirm(entries, channel, start)
            entries.append(("revoked", _dt(rng, confirmed, ANCHOR), channel, None))

    for c in customers:
        entries: _Entries = []
        if c["email"]:
            channel_history(entries, "email", (0.47, 0.03, 0.05, 0.04))
        if c["phone_takes_sms"]:
            channel_history(entries, "sms", (0.21, 0.02, 0.03, 0.03))
        if rng.random() < 0.05:
            last = max((e[1] for e in entries), default=history_start)
            objected = _dt(rng, last, ANCHOR)
            entries.append(("objected", objected, None, None))
            if c["email"] and rng.random() < 0.1:  # a new confirmed opt-in lifts it
                again = _dt(rng, objected, ANCHOR - timedelta(days=2))
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
                "client_id": _uuid(rng),
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
                c, category, "campaign_promotion", _dt(rng, ANCHOR - timedelta(days=29.9), ANCHOR)
            )
    for c in rng.sample(customers, len(customers) // 10):
        for _ in range(rng.randrange(1, 4)):
            at = _dt(rng, ANCHOR - timedelta(days=400), ANCHOR - timedelta(days=31))
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


def generate(customers: int, appointments: int, seed: int = 20261127) -> Data:
    rng = random.Random(seed)
    staff_count = staff_needed(appointments)
    staff = [
        {
            "id": n,
            "name": f"{STAFF_NAMES[(n - 1) % len(STAFF_NAMES)]} {n}",
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
    customer_rows = generate_customers(customers, rng)
    appointment_rows = generate_appointments(customer_rows, appointments, staff_count, rng)
    ledger, consent = generate_consent(customer_rows, rng)
    outbox = generate_outbox(customer_rows, appointment_rows, rng)
    return Data(staff, services, customer_rows, appointment_rows, ledger, consent, outbox)


# ---- building and caching the databases -----------------------------------------------------
def schema_digest() -> str:
    digest = hashlib.sha256()
    for path in [
        ROOT / "desk_app/db/models.py",
        *sorted((ROOT / "desk_app/db/migrations/versions").glob("*.py")),
    ]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def cache_key(customers: int, appointments: int) -> str:
    return f"{DATA_VERSION}-{customers}c-{appointments}a-{schema_digest()}"


def _chunks(rows: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _appointment_dicts(rows: Sequence[tuple[Any, ...]], first_id: int) -> list[dict[str, Any]]:
    return [
        {
            "id": first_id + n,
            "customer_id": customer_id,
            "staff_id": staff,
            "service_id": service,
            "starts_at": starts,
            "ends_at": ends,
            "status": status,
            "source": source,
            "notify": True,
            "note": "",
            "created_at": starts - timedelta(days=7),
            "updated_at": starts,
        }
        for n, (customer_id, staff, service, starts, ends, status, source) in enumerate(rows)
    ]


def fill(engine: Engine, data: Data) -> None:
    """Core bulk inserts; the overlap guard is lifted for the load and put back after."""
    backend = engine.dialect.name
    with engine.begin() as conn:
        if backend == "sqlite":
            guards = conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name = 'appointments' AND name LIKE 'appointments_no_overlap%'"
            ).all()
            for name, _sql in guards:
                conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
        else:
            guards = conn.exec_driver_sql(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = 'appointments'::regclass AND contype = 'x'"
            ).all()
            for name, _definition in guards:
                conn.exec_driver_sql(f'ALTER TABLE appointments DROP CONSTRAINT "{name}"')
        conn.execute(insert(m.Staff), data.staff)
        conn.execute(insert(m.SalonService), data.services)
        for chunk in _chunks(data.customers):
            conn.execute(insert(m.Customer), list(chunk))
        for n, chunk in enumerate(_chunks(data.appointments, 50_000)):
            conn.execute(insert(m.Appointment), _appointment_dicts(chunk, 1 + n * 50_000))
        for chunk in _chunks(data.ledger):
            conn.execute(insert(m.ConsentLedgerEntry), list(chunk))
        for chunk in _chunks(data.consent):
            conn.execute(insert(m.CustomerConsent), list(chunk))
        for chunk in _chunks(data.outbox):
            conn.execute(insert(m.OutboxMessage), list(chunk))
        for name, definition in guards:
            if backend == "sqlite":
                conn.exec_driver_sql(definition)
            else:
                conn.exec_driver_sql(
                    f'ALTER TABLE appointments ADD CONSTRAINT "{name}" {definition}'
                )
        if backend == "postgresql":
            for table in ("appointments", "customers", "consent_ledger", "outbox"):
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT MAX(id) FROM {table}))"
                )
    if backend == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    else:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


_data_cache: dict[tuple[int, int], tuple[Data, float]] = {}


def data_for(customers: int, appointments: int) -> tuple[Data, float]:
    """Generated once per process, shared by both backends."""
    key = (customers, appointments)
    if key not in _data_cache:
        started = time.perf_counter()
        _data_cache[key] = (generate(customers, appointments), time.perf_counter() - started)
    return _data_cache[key]


@dataclass
class Built:
    url: str
    cached: bool
    generate_seconds: float = 0.0
    insert_seconds: float = 0.0


def sqlite_database(customers: int, appointments: int, rebuild: bool) -> Built:
    directory = Path(tempfile.gettempdir()) / "salon-desk-bench"
    directory.mkdir(exist_ok=True)
    path = directory / f"{cache_key(customers, appointments)}.sqlite3"
    if path.exists() and not rebuild:
        return Built(f"sqlite:///{path}", cached=True)
    building = path.with_suffix(".building")
    for stale in (path, building, Path(f"{building}-wal"), Path(f"{building}-shm")):
        stale.unlink(missing_ok=True)
    data, generate_seconds = data_for(customers, appointments)
    engine = create_database_engine(f"sqlite:///{building}")
    started = time.perf_counter()
    migrate.upgrade(engine)
    fill(engine, data)
    insert_seconds = time.perf_counter() - started
    engine.dispose()
    building.rename(path)
    return Built(f"sqlite:///{path}", False, generate_seconds, insert_seconds)


def postgres_database(admin_url: str, customers: int, appointments: int, rebuild: bool) -> Built:
    digest = hashlib.sha256(cache_key(customers, appointments).encode()).hexdigest()[:12]
    name, building = f"bench_audience_{digest}", f"bench_audience_{digest}_building"
    dsn = make_url(admin_url).set(drivername="postgresql").render_as_string(hide_password=False)
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists and not rebuild:
            return Built(url, cached=True)
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{building}"')
    data, generate_seconds = data_for(customers, appointments)
    engine = create_database_engine(
        make_url(admin_url).set(database=building).render_as_string(hide_password=False)
    )
    started = time.perf_counter()
    migrate.upgrade(engine)
    fill(engine, data)
    insert_seconds = time.perf_counter() - started
    engine.dispose()
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
    return Built(url, False, generate_seconds, insert_seconds)


# ---- the selections and their hand-written SQL ----------------------------------------------
# Written by hand from DESIGN.md section 2 and ``candidate_channels``, not generated. Every
# query returns id, first name, last name, channel (NULL when excluded) and reason, in id
# order. :now, :since (now - 30 days) and :cap are bound; datetimes as UTCDateTime.
# Tuned as one would by hand: on SQLite, CTEs whose CASE results are used several times are
# MATERIALIZED (else SQLite inlines and evaluates them again per use; PostgreSQL does better
# without the hint, so it is dropped there), and on SQLite the
# aggregates over appointments scan the table (NOT INDEXED): walking ix_appointments_customer
# costs a table lookup per row for status and starts_at, about 3x slower there.

RECENT = """
    recent AS (
        SELECT customer_id, COUNT(*) AS sent
        FROM outbox
        WHERE category IN ('marketing', 'similar_offer')
          AND status NOT IN ('rejected', 'expired')
          AND created_at > :since
        GROUP BY customer_id
    )"""

# Marketing needs confirmed consent on the channel (pending past its window = expired).
MARKETING_EMAIL_REASON = """
        CASE
            WHEN cc.objected THEN 'objected'
            WHEN c.email IS NULL OR c.email = '' THEN 'no_address'
            WHEN NOT c.email_valid THEN 'invalid_address'
            WHEN c.email_bounced_at IS NOT NULL THEN 'bounced'
            WHEN cc.email_state = 'revoked' THEN 'consent_revoked'
            WHEN cc.email_state = 'expired'
                 OR (cc.email_state = 'pending' AND cc.email_pending_until < :now)
                THEN 'consent_expired'
            WHEN cc.email_state = 'pending' THEN 'consent_pending'
            WHEN cc.email_state IS NULL OR cc.email_state <> 'confirmed' THEN 'no_consent'
            WHEN r.sent >= :cap THEN 'frequency_cap'
        END"""
MARKETING_SMS_REASON = """
        CASE
            WHEN cc.objected THEN 'objected'
            WHEN c.phone IS NULL OR c.phone = '' THEN 'no_address'
            WHEN NOT c.phone_takes_sms THEN 'invalid_address'
            WHEN c.phone_bounced_at IS NOT NULL THEN 'bounced'
            WHEN cc.sms_state = 'revoked' THEN 'consent_revoked'
            WHEN cc.sms_state = 'expired'
                 OR (cc.sms_state = 'pending' AND cc.sms_pending_until < :now)
                THEN 'consent_expired'
            WHEN cc.sms_state = 'pending' THEN 'consent_pending'
            WHEN cc.sms_state IS NULL OR cc.sms_state <> 'confirmed' THEN 'no_consent'
            WHEN r.sent >= :cap THEN 'frequency_cap'
        END"""

# "Best available" for marketing: the one confirmed channel first; with both or neither
# confirmed the preferred channel first (email unless SMS is preferred). The first
# candidate that is allowed wins; with none, the first candidate's reason is reported.
# A second customer on the same address (channel, lower-cased email) gets it once.
MARKETING_BEST = """
WITH {recent},
    facts AS MATERIALIZED (
        SELECT c.id, c.first_name, c.last_name, lower(c.email) AS email, c.phone,
               CASE
                   WHEN cc.email_state = 'confirmed' AND cc.sms_state <> 'confirmed' THEN 0
                   WHEN cc.sms_state = 'confirmed' AND cc.email_state <> 'confirmed' THEN 1
                   WHEN c.preferred_channel = 'sms' THEN 1
                   ELSE 0
               END AS sms_first,
               {email_reason} AS email_reason,
               {sms_reason} AS sms_reason
        FROM customers c
        LEFT JOIN customer_consent cc ON cc.customer_id = c.id
        LEFT JOIN recent r ON r.customer_id = c.id
        {where}
    ),
    decided AS MATERIALIZED (
        SELECT id, first_name, last_name, email, phone,
               CASE
                   WHEN sms_first = 1 AND sms_reason IS NULL THEN 'sms'
                   WHEN email_reason IS NULL THEN 'email'
                   WHEN sms_reason IS NULL THEN 'sms'
               END AS channel,
               CASE WHEN sms_first = 1 THEN sms_reason ELSE email_reason END AS first_reason
        FROM facts
    ),
    numbered AS (
        SELECT id, first_name, last_name, channel, first_reason,
               ROW_NUMBER() OVER (
                   PARTITION BY channel, CASE channel WHEN 'email' THEN email ELSE phone END
                   ORDER BY id
               ) AS nth
        FROM decided
    )
SELECT id, first_name, last_name,
       CASE WHEN nth > 1 THEN NULL ELSE channel END AS channel,
       CASE
           WHEN channel IS NULL THEN first_reason
           WHEN nth > 1 THEN 'duplicate_address'
       END AS reason
FROM numbered
ORDER BY id"""

# Win-back by email: the last completed visit before a day (customers without one are
# not part of the selection), then the email rules.
WIN_BACK_EMAIL = """
WITH {recent},
    lapsed AS (
        SELECT customer_id
        FROM {appointments}
        WHERE status = 'done'
        GROUP BY customer_id
        HAVING MAX(starts_at) < :before
    ),
    decided AS MATERIALIZED (
        SELECT c.id, c.first_name, c.last_name, lower(c.email) AS email,
               {email_reason} AS reason
        FROM lapsed l
        JOIN customers c ON c.id = l.customer_id
        LEFT JOIN customer_consent cc ON cc.customer_id = c.id
        LEFT JOIN recent r ON r.customer_id = c.id
    ),
    numbered AS (
        SELECT id, first_name, last_name, reason,
               ROW_NUMBER() OVER (PARTITION BY reason IS NULL, email ORDER BY id) AS nth
        FROM decided
    )
SELECT id, first_name, last_name,
       CASE WHEN reason IS NULL AND nth = 1 THEN 'email' END AS channel,
       CASE WHEN reason IS NULL AND nth > 1 THEN 'duplicate_address' ELSE reason END AS reason
FROM numbered
ORDER BY id"""

# Similar offer (UWG §7(3)): email only, a completed visit, the objection notice given,
# email consent not withdrawn; advertising, so the frequency cap counts.
SIMILAR_OFFER_EMAIL = """
WITH {recent},
    visited AS (
        SELECT DISTINCT customer_id FROM {appointments} WHERE status = 'done'
    ),
    decided AS MATERIALIZED (
        SELECT c.id, c.first_name, c.last_name, lower(c.email) AS email,
               CASE
                   WHEN cc.objected THEN 'objected'
                   WHEN c.email IS NULL OR c.email = '' THEN 'no_address'
                   WHEN NOT c.email_valid THEN 'invalid_address'
                   WHEN c.email_bounced_at IS NOT NULL THEN 'bounced'
                   WHEN v.customer_id IS NULL THEN 'not_existing_customer'
                   WHEN NOT c.objection_notice_given THEN 'no_objection_notice'
                   WHEN cc.email_state = 'revoked' THEN 'consent_revoked'
                   WHEN r.sent >= :cap THEN 'frequency_cap'
               END AS reason
        FROM customers c
        LEFT JOIN customer_consent cc ON cc.customer_id = c.id
        LEFT JOIN visited v ON v.customer_id = c.id
        LEFT JOIN recent r ON r.customer_id = c.id
    ),
    numbered AS (
        SELECT id, first_name, last_name, reason,
               ROW_NUMBER() OVER (PARTITION BY reason IS NULL, email ORDER BY id) AS nth
        FROM decided
    )
SELECT id, first_name, last_name,
       CASE WHEN reason IS NULL AND nth = 1 THEN 'email' END AS channel,
       CASE WHEN reason IS NULL AND nth > 1 THEN 'duplicate_address' ELSE reason END AS reason
FROM numbered
ORDER BY id"""

# Service information by SMS to customers who had a service of one category: no consent
# needed, no objection; not advertising (no frequency cap). "Has a booking" holds for
# everyone the filter lets through, so it needs no check of its own.
SERVICE_INFO_SMS = """
WITH decided AS MATERIALIZED (
        SELECT c.id, c.first_name, c.last_name, c.phone,
               CASE
                   WHEN cc.objected THEN 'objected'
                   WHEN c.phone IS NULL OR c.phone = '' THEN 'no_address'
                   WHEN NOT c.phone_takes_sms THEN 'invalid_address'
                   WHEN c.phone_bounced_at IS NOT NULL THEN 'bounced'
               END AS reason
        FROM customers c
        LEFT JOIN customer_consent cc ON cc.customer_id = c.id
        WHERE c.id IN (
            SELECT a.customer_id
            FROM appointments a
            JOIN salon_services s ON s.id = a.service_id
            WHERE a.status = 'done' AND s.category = :category
        )
    ),
    numbered AS (
        SELECT id, first_name, last_name, reason,
               ROW_NUMBER() OVER (PARTITION BY reason IS NULL, phone ORDER BY id) AS nth
        FROM decided
    )
SELECT id, first_name, last_name,
       CASE WHEN reason IS NULL AND nth = 1 THEN 'sms' END AS channel,
       CASE WHEN reason IS NULL AND nth > 1 THEN 'duplicate_address' ELSE reason END AS reason
FROM numbered
ORDER BY id"""


def _marketing_best(where: str = "") -> Callable[[str], str]:
    def sql(_dialect: str) -> str:
        return MARKETING_BEST.format(
            recent=RECENT,
            email_reason=MARKETING_EMAIL_REASON,
            sms_reason=MARKETING_SMS_REASON,
            where=where,
        )

    return sql


def _birthday_best(dialect: str) -> str:
    month_day = (
        "strftime('%m-%d', c.birthday)" if dialect == "sqlite" else "to_char(c.birthday, 'MM-DD')"
    )
    return _marketing_best(f"WHERE {month_day} BETWEEN :low AND :high")(dialect)


def _scan(dialect: str) -> str:
    return "appointments NOT INDEXED" if dialect == "sqlite" else "appointments"


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, clock_time(0), ZoneInfo(TIME_ZONE)).astimezone(UTC)


@dataclass(frozen=True)
class Selection:
    name: str
    type: CampaignType
    channel: ChannelChoice
    filters: AudienceFilters
    baseline: Callable[[str], str] | None = None
    params: dict[str, Any] = field(default_factory=dict)


WIN_BACK_BEFORE = (ANCHOR - timedelta(days=180)).date()
BIRTHDAY_FROM, BIRTHDAY_TO = date(2026, 12, 1), date(2026, 12, 14)
SELECTIONS = [
    Selection(
        "promotion/best",
        CampaignType.PROMOTION,
        ChannelChoice.BEST,
        AudienceFilters(),
        _marketing_best(),
    ),
    Selection(
        "win_back/email <180d",
        CampaignType.WIN_BACK,
        ChannelChoice.EMAIL,
        AudienceFilters(last_visit_before=WIN_BACK_BEFORE),
        lambda d: WIN_BACK_EMAIL.format(
            recent=RECENT, email_reason=MARKETING_EMAIL_REASON, appointments=_scan(d)
        ),
        {"before": _local_midnight(WIN_BACK_BEFORE)},
    ),
    Selection(
        "birthday/best 1–14 Dec",
        CampaignType.BIRTHDAY,
        ChannelChoice.BEST,
        AudienceFilters(birthday_from=BIRTHDAY_FROM, birthday_to=BIRTHDAY_TO),
        _birthday_best,
        {"low": BIRTHDAY_FROM.strftime("%m-%d"), "high": BIRTHDAY_TO.strftime("%m-%d")},
    ),
    Selection(
        "similar_offer/email",
        CampaignType.SIMILAR_OFFER,
        ChannelChoice.EMAIL,
        AudienceFilters(),
        lambda d: SIMILAR_OFFER_EMAIL.format(recent=RECENT, appointments=_scan(d)),
    ),
    Selection(
        "service_info/sms Farbe",
        CampaignType.SERVICE_INFO,
        ChannelChoice.SMS,
        AudienceFilters(service_category="Farbe"),
        lambda _d: SERVICE_INFO_SMS,
        {"category": "Farbe"},
    ),
]


def baseline_statement(selection: Selection, dialect: str) -> Any:
    assert selection.baseline is not None
    sql = selection.baseline(dialect)
    if dialect != "sqlite":  # PostgreSQL plans these better inlined (measured)
        sql = sql.replace(" AS MATERIALIZED (", " AS (")
    statement = text(sql)
    typed = [bindparam("now", type_=UTCDateTime()), bindparam("since", type_=UTCDateTime())]
    if "before" in selection.params:
        typed.append(bindparam("before", type_=UTCDateTime()))
    return statement.bindparams(*[p for p in typed if f":{p.key}" in statement.text])


def baseline_params(selection: Selection, statement: Any) -> dict[str, Any]:
    params = {
        "now": ANCHOR,
        "since": ANCHOR - timedelta(days=30),
        "cap": FREQUENCY_CAP,
        **selection.params,
    }
    return {k: v for k, v in params.items() if f":{k}" in statement.text}


# ---- measuring --------------------------------------------------------------------------------
Answer = dict[int, tuple[str | None, str | None]]


def preview_answer(preview: AudiencePreview) -> Answer:
    answer: Answer = {}
    for member in preview.recipients:
        answer[member.customer_id] = (member.channel.value if member.channel else None, None)
    for member in preview.excluded:
        answer[member.customer_id] = (None, member.reason.value if member.reason else None)
    return answer


def baseline_answer(rows: Sequence[Any]) -> Answer:
    return {int(r[0]): (r[3], r[4]) for r in rows}


class StatementRecorder:
    """The SQL a service call sends, to replay it without SQLAlchemy."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.statements: list[tuple[str, Any]] = []
        event.listen(engine, "before_cursor_execute", self._record)

    def _record(self, _conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        self.statements.append((statement, parameters))

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._record)


def timed(call: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


def median(values: list[float]) -> float:
    return round(statistics.median(values), 1)


def explain(engine: Engine, statement: str, parameters: Any, analyze: bool = False) -> str:
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        if engine.dialect.name == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {statement}", parameters)
            lines = [f"{row[3]}  (id={row[0]} parent={row[1]})" for row in cursor.fetchall()]
        else:
            options = "(ANALYZE, BUFFERS) " if analyze else ""
            cursor.execute(f"EXPLAIN {options}{statement}", parameters)
            lines = [row[0] for row in cursor.fetchall()]
            raw.rollback()
        cursor.close()
    finally:
        raw.close()
    return "\n".join(line if len(line) <= 160 else line[:157] + "…" for line in lines)


def run_backend(label: str, built: Built, runs: int, show_plans: bool) -> dict[str, Any]:
    engine = create_database_engine(built.url)
    db = Database(engine)
    services = build_services(db, templates_dir(), clock=lambda: ANCHOR)
    with engine.connect() as conn:
        counts = {
            table: conn.exec_driver_sql(f"SELECT COUNT(*) FROM {table}").scalar_one()
            for table in (
                "customers",
                "appointments",
                "staff",
                "consent_ledger",
                "customer_consent",
                "outbox",
            )
        }
    print(f"[{label}] rows: " + ", ".join(f"{t} {n:,}" for t, n in counts.items()), flush=True)
    raw_connection = engine.raw_connection()

    def replay(statements: list[tuple[str, Any]]) -> float:
        cursor = raw_connection.cursor()
        started = time.perf_counter()
        for statement, parameters in statements:
            if statement.lstrip().upper().startswith(("SELECT", "WITH")):
                cursor.execute(statement, parameters)
                cursor.fetchall()
        elapsed = (time.perf_counter() - started) * 1000
        cursor.close()
        if engine.dialect.name == "postgresql":
            raw_connection.rollback()
        return elapsed

    results = []
    differs = False
    for selection in SELECTIONS:

        def ours(selection: Selection = selection) -> AudiencePreview:
            return services.campaigns.preview(selection.type, selection.channel, selection.filters)

        query = AudienceQuery(
            selection.type, selection.channel, selection.filters, ANCHOR, TIME_ZONE, FREQUENCY_CAP
        )

        def lines(query: AudienceQuery = query) -> Any:
            with db.read() as s:
                return select_audience(s, query)

        statement = (
            baseline_statement(selection, engine.dialect.name) if selection.baseline else None
        )
        params = baseline_params(selection, statement) if statement is not None else {}

        def baseline(statement: Any = statement, params: dict[str, Any] = params) -> list[Any]:
            with engine.connect() as conn:
                return list(conn.execute(statement, params).all())

        recorder = StatementRecorder(engine)
        ours_first, preview = timed(ours)
        recorder.close()
        recorded = recorder.statements
        base_first, base_rows = timed(baseline) if statement is not None else (None, None)

        ours_ms, base_ms, select_ms, sql_ms = [], [], [], []
        for run in range(runs):
            ours_ms.append(timed(ours)[0])
            if statement is not None:
                base_ms.append(timed(baseline)[0])
            if run < BREAKDOWN_RUNS:
                select_ms.append(timed(lines)[0])
                sql_ms.append(replay(recorded))

        answer = preview_answer(preview)
        same: bool | None = None
        if base_rows is not None:
            expected = baseline_answer(base_rows)
            same = expected == answer
            if not same:
                differs = True
                wrong = sorted(
                    k for k in expected.keys() | answer.keys() if expected.get(k) != answer.get(k)
                )
                print(
                    f"[{label}] {selection.name}: RESULTS DIFFER for {len(wrong):,} customers",
                    flush=True,
                )
                for cid in wrong[:10]:
                    service, hand = answer.get(cid), expected.get(cid)
                    print(f"    customer {cid}: service {service}  baseline {hand}")
        ours_median = median(ours_ms)
        base_median = median(base_ms) if base_ms else None
        ratio = round(ours_median / base_median, 2) if base_median else None
        row = {
            "selection": selection.name,
            "backend": label,
            "rows": len(answer),
            "recipients": len(preview.recipients),
            "ours_first_ms": round(ours_first, 1),
            "ours_ms": ours_median,
            "select_audience_ms": median(select_ms),
            "our_sql_ms": median(sql_ms),
            "baseline_first_ms": round(base_first, 1) if base_first is not None else None,
            "baseline_ms": base_median,
            "ratio": ratio,
            "under_1s": ours_median < TARGET_MS,
            "within_3x": ratio is not None and ratio <= TARGET_RATIO,
            "same_result": same,
            "counts": dict(preview.counts),
        }
        results.append(row)
        verdict = _verdict(row)
        print(
            f"[{label}] {selection.name:<24} rows {row['rows']:>7,}  ours {ours_median:>8.1f} ms"
            f"  baseline {base_median if base_median is not None else float('nan'):>8.1f} ms"
            f"  ratio {ratio if ratio is not None else float('nan'):>5.2f}  {verdict}",
            flush=True,
        )
        if show_plans or verdict.startswith("FAIL"):
            audience_sql = max(recorded, key=lambda sp: len(sp[0]))
            print(f"--- plan of our audience statement ({label}, {selection.name}) ---")
            print(explain(engine, *audience_sql, analyze=show_plans))
            if statement is not None and show_plans:
                recorder = StatementRecorder(engine)
                baseline()
                recorder.close()
                print(f"--- plan of the hand-written query ({label}, {selection.name}) ---")
                print(explain(engine, *recorder.statements[-1], analyze=show_plans))
    raw_connection.close()
    db.dispose()
    return {
        "backend": label,
        "rows": counts,
        "cached": built.cached,
        "generate_seconds": round(built.generate_seconds, 1),
        "insert_seconds": round(built.insert_seconds, 1),
        "selections": results,
        "differs": differs,
    }


def _verdict(row: dict[str, Any]) -> str:
    if row["same_result"] is False:
        return "DIFFERENT RESULT"
    failed = []
    if not row["under_1s"]:
        failed.append("≥1 s")
    if row["ratio"] is not None and not row["within_3x"]:
        failed.append(">3×")
    if failed:
        return "FAIL (" + ", ".join(failed) + ")"
    return "PASS" if row["ratio"] is not None else "PASS (<1 s; no baseline)"


def print_table(results: list[dict[str, Any]]) -> None:
    print()
    header = (
        f"{'selection':<24} {'backend':<10} {'rows':>7} {'recip.':>7} {'ours ms':>8} "
        f"{'first':>7} {'select_aud.':>11} {'our SQL':>8} {'baseline':>9} {'first':>7} "
        f"{'ratio':>6}  result"
    )
    print(header)
    print("-" * len(header))
    for result in results:
        for r in result["selections"]:
            base = f"{r['baseline_ms']:>9.1f}" if r["baseline_ms"] is not None else f"{'–':>9}"
            base_first = (
                f"{r['baseline_first_ms']:>7.1f}"
                if r["baseline_first_ms"] is not None
                else f"{'–':>7}"
            )
            ratio = f"{r['ratio']:>6.2f}" if r["ratio"] is not None else f"{'–':>6}"
            print(
                f"{r['selection']:<24} {r['backend']:<10} {r['rows']:>7,} {r['recipients']:>7,} "
                f"{r['ours_ms']:>8.1f} {r['ours_first_ms']:>7.1f} {r['select_audience_ms']:>11.1f} "
                f"{r['our_sql_ms']:>8.1f} {base} {base_first} {ratio}  {_verdict(r)}"
            )
    print()
    print(
        "ours = services.campaigns.preview (median of warm runs); first = first call in the "
        "process;\nselect_aud. = select_audience alone; our SQL = our statements replayed on "
        "the DB-API cursor;\nbaseline = one hand-written text() query, same rows asserted; "
        f"target: ratio ≤ {TARGET_RATIO:g} and ours < {TARGET_MS:.0f} ms."
    )
    for result in results:
        state = (
            "cached"
            if result["cached"]
            else (
                f"built: generated in {result['generate_seconds']} s, "
                f"migrated + inserted in {result['insert_seconds']} s"
            )
        )
        print(f"{result['backend']}: database {state}")
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--customers", type=int, default=200_000)
    parser.add_argument("--appointments", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--runs", type=int, default=5, help="warm runs per selection (≥ 5)")
    parser.add_argument("--rebuild", action="store_true", help="ignore the cached databases")
    parser.add_argument("--explain", action="store_true", help="print every query plan")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = parser.parse_args()
    started = time.perf_counter()
    results = []
    if args.backend in ("sqlite", "both"):
        built = sqlite_database(args.customers, args.appointments, args.rebuild)
        print(f"[sqlite] {'cached' if built.cached else 'built'}: {built.url}", flush=True)
        results.append(run_backend("sqlite", built, args.runs, args.explain))
    if args.backend in ("postgresql", "both"):
        admin = os.environ.get("DESK_APP_TEST_POSTGRES_URL")
        if not admin:
            print("PostgreSQL skipped: DESK_APP_TEST_POSTGRES_URL is not set", flush=True)
        else:
            try:
                with psycopg.connect(
                    make_url(admin)
                    .set(drivername="postgresql")
                    .render_as_string(hide_password=False),
                    connect_timeout=5,
                ):
                    pass
            except psycopg.OperationalError as exc:
                print(f"PostgreSQL skipped: not reachable ({exc.__class__.__name__})", flush=True)
            else:
                built = postgres_database(admin, args.customers, args.appointments, args.rebuild)
                print(f"[postgresql] {'cached' if built.cached else 'built'}", flush=True)
                results.append(run_backend("postgresql", built, args.runs, args.explain))
    print_table(results)
    print(f"total {time.perf_counter() - started:.0f} s")
    if args.json is not None:
        report = {
            "benchmark": "audience_preview",
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
            "anchor": ANCHOR.isoformat(),
            "results": results,
        }
        args.json.write_text(
            json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"written: {args.json}")
    return 1 if any(r["differs"] for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
