"""OnlineBookingService.recent: what arrived lately, whatever became of it, without the
whole history (the window's news and its list of requests not booked)."""

from __future__ import annotations

from datetime import timedelta

from desk_app.services.container import Services
from tests.conftest import Clock
from tests.services.online_support import booking_data, requested
from tests.services.support import Salon, add_customer, friday


def test_recent_gives_every_state_received_since_and_nothing_older(
    services: Services, salon: Salon, clock: Clock
) -> None:
    old = requested(services, clock, booking_data(salon, starts_at=friday(9)))
    clock.advance(days=3)
    since = clock.now - timedelta(hours=1)
    booked = requested(services, clock, booking_data(salon, starts_at=friday(14)))
    add_customer(services, "Maria", "Meier", email="familie@example.org", phone=None)
    add_customer(services, "Mia", "Meier", email=None, phone="0170 5555555")
    waiting = requested(
        services,
        clock,
        booking_data(
            salon, starts_at=friday(16), email="familie@example.org", phone="+491705555555"
        ),
    )

    recent = services.online_booking.recent(since)

    assert [(r.id, r.state) for r in recent] == [(waiting.id, "waiting"), (booked.id, "booked")]
    assert old.id not in {r.id for r in recent}
    assert len(services.online_booking.requests(open_only=False)) == 3
