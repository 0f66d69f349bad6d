"""Requests from the booking page hold the form's personal data: Art. 15 exports the
customer's requests, Art. 17 leaves none of the form in them (also a refused request
that names one of the customer's addresses), and the booking can be erased with them."""

from __future__ import annotations

import json

from sqlalchemy import select

from desk_app.db import models as m
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import Channel
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from tests.conftest import Clock
from tests.services.fake_gateway import FakeGateway
from tests.services.online_support import IP, booking_data, requested, shown_statement
from tests.services.support import Salon, add_customer, friday

TRACES = ("anna.mueller@example.org", "15112345678", "Anna", "Müller", IP, "kürzer")


def _request_values(services: Services) -> list[str]:
    with services.db.read() as s:
        return [
            json.dumps(value, default=str, ensure_ascii=False)
            for row in s.execute(select(m.OnlineRequest.__table__))
            for value in row
        ]


def test_erasure_leaves_nothing_of_the_form(services: Services, salon: Salon, clock: Clock) -> None:
    consent = {"email": shown_statement(Channel.EMAIL), "sms": None}
    booked = requested(services, clock, booking_data(salon, consent=consent, note="kürzer"))
    walk_in = add_customer(services, "Ben", "Berg", email=None, phone=None)
    services.booking.book(BookingRequest(walk_in.id, salon.stylist.id, salon.cut.id, friday(15)))
    # A second request by the same person, refused before a customer was chosen for it.
    services.catalogue.set_staff_online(salon.stylist.id, False)
    refused = requested(services, clock, booking_data(salon, starts_at=friday(15)))
    assert refused.reason == "not_bookable"
    assert booked.customer_id is not None
    export = services.privacy.export(booked.customer_id, None, actor=SHARED_COUNTER)
    [exported] = export["online_requests"]
    assert exported["request_id"] == booked.request_id
    assert exported["data"]["first_name"] == "Anna"
    assert any(t in v for v in _request_values(services) for t in TRACES)

    services.privacy.erase(
        booked.customer_id, FakeGateway(), salon.reception.name, actor=SHARED_COUNTER
    )

    leftover = [v for v in _request_values(services) if any(t in v for t in TRACES)]
    assert leftover == []
    with services.db.read() as s:
        states = s.execute(
            select(m.OnlineRequest.state, m.OnlineRequest.appointment_id).order_by(
                m.OnlineRequest.id
            )
        ).all()
    assert [tuple(r) for r in states] == [("booked", None), ("refused", None)]
