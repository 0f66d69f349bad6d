"""Booking messages for the gateway tests: a booking object, a calendar file, an item."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from desk_gateway.tokens import link_token
from tests.conftest import Clock

from .support import Harness, message_item, new_id

MANAGE_LINK = re.compile(r"https?://[^\s/]+/m/([A-Za-z0-9_-]+)")
CONFIRMATION_TEXT = (
    "Hallo Anna,\n\nIhr Termin: Damen Schnitt bei Mia am Freitag, 10:00.\n\n"
    "Absagen oder verschieben: $manage_url"
)
CARRYING_TEXT = (
    "Hallo Anna,\n\nIhr Termin: Damen Schnitt am Freitag, 10:00.\n\n"
    "Bitte bestätigen Sie noch Ihre Einwilligung in Werbung per E-Mail:\n$confirm_url\n\n"
    "Absagen oder verschieben: $manage_url"
)


def booking(clock: Clock, **overrides: Any) -> dict[str, Any]:
    starts = clock.now + timedelta(days=2, hours=2)
    value: dict[str, Any] = {
        "ref": new_id(),
        "treatment": "Damen Schnitt",
        "staff": "Mia",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(minutes=45)).isoformat(),
        "cancel_until": (starts - timedelta(hours=24)).isoformat(),
        "state": "booked",
    }
    value.update(overrides)
    return value


def calendar_file(summary: str = "Damen Schnitt – Salon Schnittpunkt") -> str:
    return "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Salon Desk//DE",
            "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            "UID:4711@salon-desk",
            "DTSTAMP:20261125T080000Z",
            "DTSTART:20261127T100000Z",
            "DTEND:20261127T104500Z",
            f"SUMMARY:{summary}",
            "END:VEVENT",
            "END:VCALENDAR",
        ]
    )


def ics(**overrides: Any) -> dict[str, Any]:
    value = {"filename": "termin.ics", "content_type": "text/calendar", "text": calendar_file()}
    value.update(overrides)
    return value


def booking_item(clock: Clock, **overrides: Any) -> dict[str, Any]:
    item = message_item(
        subject="Ihr Termin bei Salon Schnittpunkt",
        text=CONFIRMATION_TEXT,
        booking=booking(clock),
        attachments=[ics()],
    )
    item.update(overrides)
    return item


def manage_token(harness: Harness, ref: str) -> str:
    return link_token(harness.gw.secret_key, "m", harness.installation_id, ref)


def when(value: str) -> datetime:
    return datetime.fromisoformat(value)
