"""What booking messages carry for the gateway (protocol "Messages about a booking"): the
booking itself on every confirmation, change and cancellation, the .ics on email
confirmations and changes only, and no manage link for a booking made at the counter."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from desk_app.db import models as m
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import Channel
from desk_app.services.booking import BookingRequest
from desk_app.services.booking_payload import (
    Attachment,
    BookingInfo,
    BookingPayload,
    InvalidBookingPayload,
)
from desk_app.services.container import Services
from tests.services.support import Salon, add_customer, friday, outbox_messages

INFO = BookingInfo(
    ref="5f0c6c1e-0000-4000-8000-000000000001",
    treatment="Damenhaarschnitt",
    staff="Jörg Weiß",
    starts_at=datetime(2026, 11, 27, 9, tzinfo=UTC),
    ends_at=datetime(2026, 11, 27, 9, 45, tzinfo=UTC),
    cancel_until=datetime(2026, 11, 26, 9, tzinfo=UTC),
    state="booked",
)


def test_the_payload_reads_back_as_written() -> None:
    payload = BookingPayload(INFO, (Attachment("termin.ics", "text/calendar", "BEGIN:…"),))
    stored = payload.to_json()
    assert set(stored) == {"booking", "attachments"}
    assert set(stored["booking"]) == {
        "ref", "treatment_id", "staff_id", "treatment", "staff", "starts_at", "ends_at",
        "cancel_until", "state",
    }  # fmt: skip
    assert BookingPayload.from_json(stored) == payload
    assert BookingPayload.from_json(BookingPayload(INFO).to_json()).attachments == ()


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda p: p.pop("booking"), "booking is missing"),
        (lambda p: p["booking"].pop("ref"), "booking.ref is missing"),
        (lambda p: p["booking"].update(state="maybe"), "booking.state is unknown"),
        (lambda p: p["booking"].update(starts_at="Freitag"), "booking.starts_at is no time"),
        (lambda p: p["booking"].update(ends_at="2026-11-27T10:00"), "has no time zone"),
        (lambda p: p.update(attachments="x"), "attachments is not a list"),
        (lambda p: p["booking"].update(staff_id="3"), "booking.staff_id is not a number"),
        (lambda p: p["attachments"].append({"filename": "a"}), "content_type is missing"),
    ],
)
def test_a_damaged_payload_is_refused_by_name(damage: Any, message: str) -> None:
    stored = BookingPayload(INFO).to_json()
    damage(stored)
    with pytest.raises(InvalidBookingPayload, match=message):
        BookingPayload.from_json(stored)


def _booked(services: Services, salon: Salon, **customer: Any) -> m.Appointment:
    anna = add_customer(services, **customer)
    row = services.booking.book(
        BookingRequest(anna.id, salon.stylist.id, salon.cut.id, friday(10, 0))
    )
    with services.db.read() as s:
        appointment = s.get(m.Appointment, row.id)
        assert appointment is not None
        return appointment


def test_an_email_confirmation_carries_the_booking_and_its_ics(
    services: Services, salon: Salon
) -> None:
    appointment = _booked(services, salon)
    [message] = outbox_messages(services.db)
    assert message.channel == Channel.EMAIL.value
    payload = BookingPayload.from_json(message.payload)
    assert payload.booking == BookingInfo(
        ref=appointment.ref,
        treatment="Damenhaarschnitt",
        staff="Jörg Weiß",
        starts_at=friday(10, 0),
        ends_at=friday(10, 45),
        cancel_until=friday(10, 0) - timedelta(hours=24),
        state="booked",
        treatment_id=salon.cut.id,
        staff_id=salon.stylist.id,
    )
    [ics] = payload.attachments
    assert (ics.filename, ics.content_type) == ("termin.ics", "text/calendar")
    assert ics.text.startswith("BEGIN:VCALENDAR\r\n")
    assert f"UID:{appointment.ref}@salon-desk" in ics.text
    assert "DTSTART:20261127T090000Z" in ics.text
    assert "SEQUENCE:0" in ics.text
    # Made at the counter: no manage page to point to.
    assert "$manage_url" not in message.body
    assert "$booking_links" not in message.body and "\n\n\n" not in message.body


def test_the_cancel_deadline_setting_moves_cancel_until(services: Services, salon: Salon) -> None:
    services.catalogue.set_setting("cancel_deadline_hours", "48", actor=SHARED_COUNTER)
    _booked(services, salon)
    [message] = outbox_messages(services.db)
    booking = BookingPayload.from_json(message.payload).booking
    assert booking.cancel_until == friday(10, 0) - timedelta(hours=48)


def test_a_change_has_a_newer_ics_and_a_cancellation_none(services: Services, salon: Salon) -> None:
    appointment = _booked(services, salon)
    with services.db.write() as s:  # what a sync does: the confirmation went out
        for message in s.query(m.OutboxMessage):
            message.status = "accepted"
    services.booking.reschedule(appointment.id, friday(15, 0))
    services.booking.cancel(appointment.id)
    confirmation, change, cancellation = outbox_messages(services.db)
    assert (change.kind, cancellation.kind) == ("booking_change", "booking_cancellation")
    changed = BookingPayload.from_json(change.payload)
    assert changed.booking.starts_at == friday(15, 0)
    assert "SEQUENCE:1" in changed.attachments[0].text
    cancelled = BookingPayload.from_json(cancellation.payload)
    assert cancelled.booking.state == "cancelled" and cancelled.attachments == ()


def test_an_sms_confirmation_carries_the_booking_without_attachment(
    services: Services, salon: Salon
) -> None:
    _booked(services, salon, email=None, phone="0151 12345678")
    [message] = outbox_messages(services.db)
    assert message.channel == Channel.SMS.value
    payload = BookingPayload.from_json(message.payload)
    assert payload.booking.state == "booked" and payload.attachments == ()
