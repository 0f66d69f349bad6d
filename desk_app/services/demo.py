"""Demo data: a realistic German salon to try the app with (``desk-app demo-data``).

The customers come from the seeded generator the benchmarks use too
(``services/sample_data``); the salon, its bookings and consent history are made here.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from desk_app.db import consent_projection
from desk_app.db import models as m
from desk_app.db.customer_search_keys import TABLE as KEYS
from desk_app.db.customer_search_keys import key_rows
from desk_app.db.engine import Database
from desk_app.domain.contact import name_terms
from desk_app.domain.enums import (
    AppointmentStatus,
    BookingSource,
    Channel,
    ConsentEvent,
    ConsentSource,
    StaffRole,
)
from desk_app.domain.phases import AppointmentPhases, ServicePhases
from desk_app.domain.scheduling import OpeningInterval
from desk_app.domain.statements import render_statement
from desk_app.services.objection import apply_objection
from desk_app.services.sample_data.customers import salon_customers
from desk_app.services.sample_data.values import random_uuid

DEMO_PUBLIC_NAME = "demo-salon"
SALON_NAME = "Haarwerk Müller"
SALON_ADDRESS = "Musterstraße 1, 50667 Köln"
SALON_PHONE = "0221 1234567"
TIME_ZONE = "Europe/Berlin"

STAFF = [
    ("Sabine Müller", StaffRole.OWNER, "#c0392b"),
    ("Jörg Weiß", StaffRole.STYLIST, "#2980b9"),
    ("Aylin Öztürk", StaffRole.STYLIST, "#8e44ad"),
    ("Lena Schäfer", StaffRole.STYLIST, "#16a085"),
    ("Tanja Groß", StaffRole.RECEPTION, None),
]
SERVICES = [  # name, minutes, price in cents, category, colour
    ("Damenhaarschnitt", 45, 4900, "Schnitt", "#e8a0b4"),
    ("Herrenhaarschnitt", 30, 2900, "Schnitt", "#9ecae1"),
    ("Kinderhaarschnitt", 20, 1800, "Schnitt", "#c7e9c0"),
    ("Waschen, Schneiden, Föhnen", 60, 5900, "Schnitt", "#f4c28f"),
    ("Färben", 90, 7900, "Farbe", "#d4a6e0"),
    ("Strähnchen", 120, 9900, "Farbe", "#fdd49e"),
    ("Bartpflege", 20, 1500, "Pflege", "#b0c4de"),
    ("Hochsteckfrisur", 60, 6500, "Styling", "#f7b6d2"),
]
# The colours' processing time (issue 14): minutes of work before it, and its length.
PROCESSING = {"Färben": (30, 35), "Strähnchen": (45, 40)}
OPENING = [OpeningInterval(d, time(9, 0), time(18, 30)) for d in range(0, 5)] + [
    OpeningInterval(5, time(9, 0), time(14, 0))
]


def _processing(service: m.Treatment, start: datetime) -> dict[str, datetime | None]:
    """The appointment's processing phase as booking lays it out (domain.phases)."""
    phases = AppointmentPhases.laid_out(
        start,
        ServicePhases(
            service.minutes, service.processing_after_minutes, service.processing_minutes
        ),
    )
    return {
        "processing_starts_at": phases.processing_starts_at,
        "processing_ends_at": phases.processing_ends_at,
    }


class DemoDataService:
    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self._db = db
        self._clock = clock

    def is_empty(self) -> bool:
        with self._db.read() as s:
            return not s.scalar(select(func.count(m.Customer.id)))

    def fill(self, customers: int = 300, seed: int = 7) -> dict[str, int]:
        """Fill an empty database; returns how many rows of each kind were made."""
        rng = random.Random(seed)
        now = self._clock()
        zone = ZoneInfo(TIME_ZONE)
        with self._db.write() as s:
            for key, value in (
                ("salon_name", SALON_NAME),
                ("time_zone", TIME_ZONE),
                ("language", "de"),
                # The imprint of its advertising emails (made up, like the salon).
                ("salon_address", SALON_ADDRESS),
                ("salon_phone", SALON_PHONE),
                # The demo gateway serves the booking page at /book/demo-salon.
                ("online_booking", "on"),
                ("public_name", DEMO_PUBLIC_NAME),
            ):
                s.merge(m.Setting(key=key, value=value))
            s.add_all(
                m.OpeningHours(weekday=i.weekday, opens=i.opens, closes=i.closes) for i in OPENING
            )
            staff = [m.Staff(name=n, role=r.value, colour=c) for n, r, c in STAFF]
            services = [
                m.Treatment(
                    name=n,
                    minutes=mi,
                    price_cents=p,
                    category=cat,
                    colour=col,
                    processing_after_minutes=PROCESSING.get(n, (0, 0))[0],
                    processing_minutes=PROCESSING.get(n, (0, 0))[1],
                )
                for n, mi, p, cat, col in SERVICES
            ]
            s.add_all([*staff, *services])
            s.flush()
            customer_ids = self._customers(s, rng, customers, now)
            stylists = [x for x in staff if x.role != StaffRole.RECEPTION.value]
            appointments = self._appointments(s, rng, customer_ids, stylists, services, now, zone)
            consent_rows = self._consent(s, rng, customer_ids, now)
            self._absences(s, stylists, now, zone)
        return {
            "customers": len(customer_ids),
            "staff": len(staff),
            "services": len(services),
            "appointments": appointments,
            "consent_entries": consent_rows,
        }

    def _customers(self, s: Session, rng: random.Random, count: int, now: datetime) -> list[int]:
        rows = salon_customers(rng, count, now)
        s.execute(insert(m.Customer), rows)
        customers = s.execute(
            select(
                m.Customer.id,
                m.Customer.first_name,
                m.Customer.last_name,
                m.Customer.first_name_key,
                m.Customer.last_name_key,
                m.Customer.email,
                m.Customer.phone_digits,
            )
        ).all()
        terms = [
            {"customer_id": c.id, "term": term}
            for c in customers
            for term in sorted(name_terms(c.first_name, c.last_name))
        ]
        s.execute(insert(m.CustomerNameTerm), terms)
        s.execute(insert(KEYS), [row for c in customers for row in key_rows(*c)])
        return list(s.scalars(select(m.Customer.id).order_by(m.Customer.id)))

    def _appointments(
        self,
        s: Session,
        rng: random.Random,
        customer_ids: list[int],
        stylists: list[m.Staff],
        services: list[m.Treatment],
        now: datetime,
        zone: ZoneInfo,
    ) -> int:
        """Past weeks thinly booked (history), the current week busy."""
        today = now.astimezone(zone).date()
        monday = today - timedelta(days=today.weekday())
        rows = []
        for day_offset in range(-84, 7):
            day = monday + timedelta(days=day_offset)
            opening = [o for o in OPENING if o.weekday == day.weekday()]
            if not opening:
                continue
            density = 0.75 if day_offset >= 0 else 0.35
            for index, stylist in enumerate(stylists):
                cursor = datetime.combine(day, opening[0].opens, zone)
                closes = datetime.combine(day, opening[0].closes, zone)
                pause = _lunch_break(index, day, day_offset, zone)
                while True:
                    service = rng.choice(services)
                    end = cursor + timedelta(minutes=service.minutes)
                    if end > closes:
                        break
                    if pause and cursor < pause[1] and pause[0] < end:
                        cursor = pause[1]
                        continue
                    if rng.random() < density:
                        rows.append(
                            self._appointment(rng, customer_ids, stylist, service, cursor, end, now)
                        )
                    cursor = end + timedelta(minutes=rng.choice([0, 0, 15]))
        if rows:
            s.execute(insert(m.Appointment), rows)
        return len(rows)

    @staticmethod
    def _appointment(
        rng: random.Random,
        customer_ids: list[int],
        stylist: m.Staff,
        service: m.Treatment,
        start: datetime,
        end: datetime,
        now: datetime,
    ) -> dict[str, object]:
        if end <= now:
            status = rng.choices(
                [AppointmentStatus.DONE, AppointmentStatus.NO_SHOW, AppointmentStatus.CANCELLED],
                weights=[90, 4, 6],
            )[0]
        else:
            status = AppointmentStatus.ARRIVED if start <= now else AppointmentStatus.BOOKED
        return {
            "customer_id": rng.choice(customer_ids),
            "staff_id": stylist.id,
            "service_id": service.id,
            "starts_at": start,
            "ends_at": end,
            **_processing(service, start),
            "status": status.value,
            "source": rng.choice(list(BookingSource)).value,
            "notify": True,
            "note": "",
            "created_at": start - timedelta(days=rng.randrange(1, 30)),
            "updated_at": now,
        }

    @staticmethod
    def _consent(s: Session, rng: random.Random, customer_ids: list[int], now: datetime) -> int:
        """Mixed consent states, with the evidence a real history would have."""
        customers = {c.id: c for c in s.scalars(select(m.Customer))}
        statements: dict[tuple[Channel, ...], str] = {}
        entries: list[dict[str, object]] = []
        for cid in customer_ids:
            customer = customers[cid]
            roll = rng.random()
            channel = Channel.EMAIL if customer.email else Channel.SMS
            address = customer.email if channel is Channel.EMAIL else customer.phone
            if roll > 0.65 or address is None:
                continue
            declared_at = now - timedelta(days=rng.randrange(2, 400))
            if roll < 0.06:
                declared_at = now - timedelta(days=rng.randrange(0, 10))
            key = (channel,)
            if key not in statements:
                statement = render_statement(SALON_NAME, key)
                statements[key] = statement.sha256
                s.merge(
                    m.ConsentStatementText(
                        sha256=statement.sha256,
                        version=statement.version,
                        language=statement.language,
                        text=statement.text,
                    )
                )
            request_id = random_uuid(rng)
            base = {
                "customer_id": cid,
                "channel": channel.value,
                "request_id": request_id,
                "address": address,
                "recorded_at": now,
            }
            entries.append(
                {
                    **base,
                    "event": ConsentEvent.DECLARED.value,
                    "at": declared_at,
                    "source": rng.choice(
                        [ConsentSource.PHONE, ConsentSource.IN_PERSON, ConsentSource.ONLINE]
                    ).value,
                    "staff": "Tanja Groß",
                    "statement_version": "2026-11",
                    "statement_sha256": statements[key],
                }
            )
            if roll < 0.06:
                continue  # still pending
            confirmed_at = declared_at + timedelta(hours=rng.randrange(1, 48))
            entries.append(
                {
                    **base,
                    "event": ConsentEvent.CONFIRMED.value,
                    "at": confirmed_at,
                    "source": ConsentSource.LINK.value,
                    "ip": "192.0.2.10",  # documentation range: demo data only
                    "user_agent": "Mozilla/5.0 (demo data)",
                }
            )
            if roll > 0.60:
                entries.append(
                    {
                        **base,
                        "channel": None,
                        "request_id": None,
                        "event": ConsentEvent.OBJECTED.value,
                        "at": confirmed_at + timedelta(days=rng.randrange(1, 60)),
                        "source": ConsentSource.LINK.value,
                    }
                )
            elif roll > 0.55:
                entries.append(
                    {
                        **base,
                        "request_id": None,
                        "event": ConsentEvent.REVOKED.value,
                        "at": confirmed_at + timedelta(days=rng.randrange(1, 60)),
                        "source": ConsentSource.PHONE.value,
                        "staff": "Sabine Müller",
                    }
                )
        if entries:
            keys = {k for e in entries for k in e}
            s.execute(insert(m.ConsentLedgerEntry), [{k: e.get(k) for k in keys} for e in entries])
            # A bulk insert bypasses the ORM event that keeps the projection in step.
            consent_projection.refresh(s.connection(), customer_ids)
            for entry in entries:  # and what an objection does to open bookings
                at = entry["at"]
                if entry["event"] == ConsentEvent.OBJECTED.value and isinstance(at, datetime):
                    apply_objection(s, int(str(entry["customer_id"])), at)
        return len(entries)

    @staticmethod
    def _absences(s: Session, stylists: list[m.Staff], now: datetime, zone: ZoneInfo) -> None:
        today = now.astimezone(zone).date()
        monday = today - timedelta(days=today.weekday())
        for day_offset in range(7):
            day = monday + timedelta(days=day_offset)
            if not any(o.weekday == day.weekday() for o in OPENING):
                continue
            for index, stylist in enumerate(stylists):
                pause = _lunch_break(index, day, day_offset, zone)
                if pause:
                    s.add(
                        m.Absence(
                            staff_id=stylist.id,
                            kind="break",
                            starts_at=pause[0],
                            ends_at=pause[1],
                            note="Mittagspause",
                        )
                    )


def _lunch_break(
    stylist_index: int, day: date, day_offset: int, zone: ZoneInfo
) -> tuple[datetime, datetime] | None:
    """This week's lunch breaks (12:30–13:00) of every stylist but the owner."""
    if stylist_index == 0 or day_offset < 0 or day.weekday() == 5:
        return None
    start = datetime.combine(day, time(12, 30), zone)
    return start, start + timedelta(minutes=30)
