"""Helpers of the online booking tests: the gateway's booking events as the protocol
shapes them, applied through the sync's own code (a fake gateway's event log)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from desk_app.db import models as m
from desk_app.domain.enums import Channel
from desk_app.domain.statements import render_statement
from desk_app.services.container import Services
from tests.conftest import Clock
from tests.services.fake_gateway import FakeGateway, make_sync
from tests.services.support import Salon, friday

IP = "203.0.113.7"
USER_AGENT = "Mozilla/5.0 (Linux; Android 14) Firefox/133.0"


def shown_statement(channel: Channel, language: str = "de") -> dict[str, str]:
    """The statement the page shows next to a box (the desktop publishes it)."""
    statement = render_statement("Salon", (channel,), language)
    return {"version": statement.version, "text": statement.text}


def booking_data(salon: Salon, **changes: Any) -> dict[str, Any]:
    """A ``booking.requested`` event's data: Anna books a cut with Jörg on Friday 10:00."""
    starts_at: datetime = changes.pop("starts_at", friday(10, 0))
    minutes = changes.pop("minutes", salon.cut.minutes)
    data: dict[str, Any] = {
        "request_id": str(uuid.uuid4()),
        "treatment_id": salon.cut.id,
        "staff_id": salon.stylist.id,
        "staff_chosen": True,
        "starts_at": starts_at.isoformat(),
        "ends_at": (starts_at + timedelta(minutes=minutes)).isoformat(),
        "first_name": "Anna",
        "last_name": "Müller",
        "email": "anna.mueller@example.org",
        "phone": "+4915112345678",
        "note": "",
        "language": "de",
        "notify_after_objection": False,
        "consent": {"email": None, "sms": None},
        "objection_notice_shown": True,
        "ip": IP,
        "user_agent": USER_AGENT,
        "submitted_at": "2026-11-25T07:55:00+00:00",
    }
    data.update(changes)
    return data


def deliver(
    services: Services, clock: Clock, *events: tuple[str, dict[str, Any]], gateway: Any = None
) -> FakeGateway:
    """Put the events into a fake gateway's log and let a sync apply them (one page,
    one transaction, as ``SyncService.drain_events`` does)."""
    fake = gateway or FakeGateway()
    sync = make_sync(services, fake, clock)
    # A new fake gateway's log goes on where the last one ended.
    first = max(sync.cursor(), fake.last_seq) + 1
    for index, (event_type, data) in enumerate(events):
        fake.add_event(event_type, clock.now, data=data, seq=first + index)
    sync.drain_events()
    return fake


def requested(services: Services, clock: Clock, data: dict[str, Any]) -> m.OnlineRequest:
    deliver(services, clock, ("booking.requested", data))
    return request_row(services, data["request_id"])


def request_row(services: Services, request_id: str) -> m.OnlineRequest:
    with services.db.read() as s:
        row = s.scalar(select(m.OnlineRequest).where(m.OnlineRequest.request_id == request_id))
        assert row is not None
        return row


def appointments(services: Services) -> list[m.Appointment]:
    with services.db.read() as s:
        return list(s.scalars(select(m.Appointment).order_by(m.Appointment.id)))
