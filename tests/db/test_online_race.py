"""A counter booking racing an online one for the same slot: one appointment, the other
side told (the counter gets a BookingConflict, the online request is refused
``slot_taken`` and kept), never an overlap, on both databases.

Two sides with engines of their own (two counter PCs: one books at the counter, the
other's sync applies the gateway's ``booking.requested``) meet at a barrier each round
(``races.side_by_side``).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from desk_app.config.paths import templates_dir
from desk_app.db import models as m
from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.enums import StaffRole
from desk_app.domain.errors import BookingConflict
from desk_app.gateway.port import GatewayEvent
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.gateway_events import apply_event
from desk_app.services.messages import MessageTemplates
from desk_app.services.rows import CustomerInput
from tests.db.races import opener, side_by_side

ROUNDS = 25
FIRST_SLOT = datetime(2030, 1, 7, 7, 0, tzinfo=UTC)
MINUTES = 30
NOW = datetime(2030, 1, 1, 8, 0, tzinfo=UTC)


def _slot(round_: int) -> datetime:
    return FIRST_SLOT + round_ * timedelta(minutes=MINUTES)


def _event(round_: int, treatment_id: int, staff_id: int) -> GatewayEvent:
    starts_at = _slot(round_)
    return GatewayEvent(
        seq=round_ + 1,
        type="booking.requested",
        at=NOW,
        data={
            "request_id": str(uuid.uuid4()),
            "treatment_id": treatment_id,
            "staff_id": staff_id,
            "staff_chosen": True,
            "starts_at": starts_at.isoformat(),
            "ends_at": (starts_at + timedelta(minutes=MINUTES)).isoformat(),
            "first_name": "Anna",
            "last_name": "Müller",
            "email": "anna@example.org",
            "phone": None,
            "language": "de",
            "consent": {"email": None, "sms": None},
        },
    )


def test_a_counter_booking_racing_an_online_one(database_url: str) -> None:
    open_services = opener(database_url, lambda: NOW)
    setup = open_services()
    staff = setup.catalogue.add_staff("Jörg", StaffRole.STYLIST, actor=SHARED_COUNTER)
    cut = setup.catalogue.add_treatment("Schnitt", MINUTES, 3000)
    walk_in = setup.customers.create(CustomerInput(first_name="Ben", last_name="Berg"))
    templates = MessageTemplates(templates_dir())
    counter_won: list[int] = []

    def counter(services: Services, round_: int) -> None:
        try:
            services.booking.book(BookingRequest(walk_in.id, staff.id, cut.id, _slot(round_)))
            counter_won.append(round_)
        except BookingConflict:
            pass

    def online(services: Services, round_: int) -> None:
        # The other PC's sync applying the gateway's event.
        with services.db.write() as s:
            apply_event(s, _event(round_, cut.id, staff.id), templates, NOW)

    try:
        side_by_side(open_services, ROUNDS, counter, online)
        with setup.db.read() as s:
            per_slot = dict(
                s.execute(
                    select(m.Appointment.starts_at, func.count()).group_by(m.Appointment.starts_at)
                ).all()
            )
            requests: list[Any] = list(s.scalars(select(m.OnlineRequest)))
        assert len(per_slot) == ROUNDS and set(per_slot.values()) == {1}
        assert len(requests) == ROUNDS
        refused = [r for r in requests if r.state == "refused"]
        assert all(r.reason == "slot_taken" and r.data["first_name"] == "Anna" for r in refused)
        assert len(refused) == len(counter_won)
        assert all(r.state in ("booked", "refused") for r in requests)
    finally:
        setup.db.dispose()
