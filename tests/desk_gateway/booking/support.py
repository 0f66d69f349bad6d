"""Helpers of the online booking tests: a snapshot as a desktop publishes it, the form as a
browser posts it, and a look into what the gateway stored."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import html5lib
from sqlalchemy import func, select

from desk_gateway.db.models import BookingHold, BookingRequest, Event, Message
from tests.conftest import Clock

from ..support import Harness

NAME = "haarwerk-mueller"
CUT = 3  # Damen Schnitt, 45 min, Anna and Ben
BEARD = 4  # Herrenbart, 30 min, Ben only
ANNA, BEN = 1, 2
EMAIL_STATEMENT = "Ich möchte Angebote von Haarwerk Müller per E-Mail erhalten."
SMS_STATEMENT = "Ich möchte Angebote von Haarwerk Müller per SMS erhalten."
EN_EMAIL_STATEMENT = "I would like offers from Haarwerk Müller by email."


def at(clock: Clock, days: int, hour: int, minute: int = 0) -> datetime:
    """A UTC time ``days`` after the clock's day."""
    day = clock.now.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=days)
    return day.replace(hour=hour, minute=minute)


def iso(moment: datetime) -> str:
    return moment.isoformat()


def snapshot(clock: Clock, **overrides: Any) -> dict[str, Any]:
    """Tomorrow and the day after, 08:00-12:00 UTC (09:00-13:00 in Berlin), for both."""
    days = [(at(clock, d, 8), at(clock, d, 12)) for d in (1, 2)]
    free = [[iso(a), iso(b)] for a, b in days]
    body: dict[str, Any] = {
        "public_name": NAME,
        "enabled": True,
        "computed_at": iso(clock.now),
        "salon": {
            "name": "Haarwerk Müller",
            "colour": "#2d6a4f",
            "phone": "+49 30 1234567",
            "privacy_url": "https://haarwerk.example/datenschutz",
            "time_zone": "Europe/Berlin",
        },
        "rules": {
            "step_minutes": 15,
            "lead_minutes": 120,
            "horizon_days": 42,
            "cancel_deadline_hours": 24,
        },
        "consent": {
            "de": {
                "email": {"version": "2026-11", "text": EMAIL_STATEMENT},
                "sms": {"version": "2026-11", "text": SMS_STATEMENT},
            },
            "en": {
                "email": {"version": "2026-11", "text": EN_EMAIL_STATEMENT},
                "sms": {"version": "2026-11", "text": "I would like offers by text message."},
            },
        },
        "treatments": [
            {
                "id": CUT,
                "name": "Damen Schnitt",
                "minutes": 45,
                "price_cents": 4900,
                "description": "Waschen, Schneiden, Föhnen",
                "staff_ids": [ANNA, BEN],
            },
            {
                "id": BEARD,
                "name": "Herrenbart",
                "minutes": 30,
                "price_cents": 1500,
                "description": "",
                "staff_ids": [BEN],
            },
        ],
        "staff": [{"id": ANNA, "name": "Anna"}, {"id": BEN, "name": "Ben"}],
        "free": [
            {"staff_id": ANNA, "intervals": free},
            {"staff_id": BEN, "intervals": free},
        ],
    }
    body.update(overrides)
    return body


def publish(harness: Harness, body: dict[str, Any] | None = None, token: str | None = None) -> Any:
    response = harness.client.put(
        "/v1/availability",
        json=body if body is not None else snapshot(harness.clock),
        headers=harness.auth(token),
    )
    return response


def form(clock: Clock, **overrides: str) -> dict[str, str]:
    """What a browser posts for tomorrow 10:00 UTC (11:00 in Berlin) with Anna."""
    data = {
        "lang": "de",
        "treatment": str(CUT),
        "staff": str(ANNA),
        "start": iso(at(clock, 1, 10)),
        "first_name": "Erika",
        "last_name": "Mustermann",
        "email": "erika@example.de",
        "phone": "0151 23456789",
        "note": "Bitte nicht zu kurz.",
        "statement_version": "2026-11",
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def post_form(harness: Harness, data: dict[str, str], **headers: str) -> Any:
    return harness.client.post(
        f"/book/{NAME}",
        data=data,
        headers={"User-Agent": "TestBrowser/1.0", **headers},
        follow_redirects=False,
    )


@dataclass(frozen=True)
class Stored:
    holds: int
    requests: int
    events: int
    messages: int


def stored(harness: Harness) -> Stored:
    with harness.gw.db.read() as s:

        def count(model: Any, *where: Any) -> int:
            return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)

        return Stored(
            holds=count(BookingHold),
            requests=count(BookingRequest),
            events=count(Event, Event.type == "booking.requested"),
            messages=count(Message),
        )


def valid_html(text: str) -> Any:
    """The page parsed by html5lib in strict mode: any parse error fails."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(text)


def field_value(html: str, name: str) -> str | None:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    return found.group(1) if found else None
