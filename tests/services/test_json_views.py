"""JSON views of rows (command line output, Art. 15 / consent evidence exports)."""

from __future__ import annotations

import json
from datetime import date, datetime

from desk_app.domain.enums import Channel, ConsentSource
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.json_views import (
    appointment_json,
    consent_json,
    customer_json,
    outbox_json,
)
from tests.conftest import Clock
from tests.services.support import Salon, add_customer, friday


def test_customer_json(services: Services) -> None:
    row = add_customer(services, birthday=date(1985, 3, 14), preferred_channel=Channel.SMS)
    data = json.loads(json.dumps(customer_json(row)))
    assert data["id"] == row.id
    assert data["email"] == "anna.mueller@example.org"
    assert data["phone"] == "+4915112345678"
    assert data["birthday"] == "1985-03-14"
    assert data["preferred_channel"] == "sms"
    assert data["email_bounced"] is False


def test_appointment_and_outbox_json(services: Services, salon: Salon) -> None:
    customer = add_customer(services)
    row = services.booking.book(
        BookingRequest(customer.id, salon.stylist.id, salon.cut.id, friday(10))
    )
    data = json.loads(json.dumps(appointment_json(row)))
    assert datetime.fromisoformat(data["start"]) == friday(10, 0)
    assert datetime.fromisoformat(data["end"]) == friday(10, 45)
    stored = appointment_json(services.booking.get(row.id))
    assert stored["start"] == "2026-11-27T09:00:00+00:00"  # read back: UTC
    assert (data["customer"], data["staff"], data["service"]) == (
        "Anna Müller",
        "Jörg Weiß",
        "Damenhaarschnitt",
    )
    assert (data["status"], data["notify"]) == ("booked", True)
    assert data["confirmation_client_id"] == row.confirmation_client_id

    [message] = services.outbox.messages()
    out = json.loads(json.dumps(outbox_json(message)))
    assert out["client_id"] == row.confirmation_client_id
    assert (out["category"], out["kind"], out["status"]) == (
        "transactional",
        "booking_confirmation",
        "queued",
    )
    assert "to_address" not in out


def test_consent_json_carries_the_evidence(services: Services, salon: Salon, clock: Clock) -> None:
    customer = add_customer(services)
    [declared] = services.consent.declare(
        customer.id, [Channel.EMAIL], ConsentSource.PHONE, "Tanja Groß", True
    )

    data = json.loads(json.dumps(consent_json(services.consent.status(customer.id))))

    assert data["customer_id"] == customer.id
    assert data["objected"] is False
    email = data["channels"]["email"]
    assert email["state"] == "pending"
    assert email["since"] == clock.now.isoformat()
    evidence = email["evidence"]
    assert evidence["declared_by"] == "Tanja Groß"
    assert evidence["declaration_source"] == "phone"
    assert evidence["request_id"] == declared.request_id
    assert evidence["statement_sha256"] == declared.statement_sha256
    assert [h["event"] for h in evidence["history"]] == ["declared"]
    assert data["channels"]["sms"]["state"] == "none"
    assert data["channels"]["sms"]["evidence"]["history"] == []
