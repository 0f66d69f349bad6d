"""The lifecycle of booking messages: what the customer hears after a move or cancellation."""

from __future__ import annotations

from sqlalchemy import update

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.enums import OutboxStatus
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.rows import AppointmentRow
from tests.services.support import Salon, add_customer, friday, outbox_messages


def _book(services: Services, salon: Salon, notify: bool | None = None) -> AppointmentRow:
    customer = add_customer(services)
    return services.booking.book(
        BookingRequest(
            customer_id=customer.id,
            staff_id=salon.stylist.id,
            service_id=salon.cut.id,
            starts_at=friday(10, 0),
            notify=notify,
        )
    )


def _hand_over_everything(db: Database) -> None:
    """What a sync does: the gateway accepted every queued message."""
    with db.write() as s:
        s.execute(
            update(m.OutboxMessage)
            .where(m.OutboxMessage.status == OutboxStatus.QUEUED.value)
            .values(status=OutboxStatus.ACCEPTED.value)
        )


def _states(db: Database) -> list[tuple[str, str, str | None]]:
    return [(msg.kind, msg.status, msg.reason) for msg in outbox_messages(db)]


def test_move_before_sending_replaces_the_waiting_confirmation(
    services: Services, salon: Salon
) -> None:
    row = _book(services, salon)
    services.booking.reschedule(row.id, friday(15, 0))
    assert _states(services.db) == [
        ("booking_confirmation", "rejected", "superseded"),
        ("booking_confirmation", "queued", None),
    ]
    assert "15:00" in outbox_messages(services.db)[1].body


def test_move_after_sending_queues_a_change_message(services: Services, salon: Salon) -> None:
    row = _book(services, salon)
    _hand_over_everything(services.db)
    services.booking.reschedule(row.id, friday(15, 0))
    assert _states(services.db) == [
        ("booking_confirmation", "accepted", None),
        ("booking_change", "queued", None),
    ]
    change = outbox_messages(services.db)[1]
    assert "15:00" in change.body and "verschoben" in change.subject


def test_cancel_after_sending_queues_a_cancellation(services: Services, salon: Salon) -> None:
    row = _book(services, salon)
    _hand_over_everything(services.db)
    services.booking.cancel(row.id)
    assert _states(services.db)[-1] == ("booking_cancellation", "queued", None)
    assert [r.kind for r in services.outbox.release()] == ["booking_cancellation"]


def test_cancel_before_sending_tells_nobody(services: Services, salon: Salon) -> None:
    row = _book(services, salon)
    services.booking.cancel(row.id)
    assert _states(services.db) == [("booking_confirmation", "rejected", "cancelled")]
    assert services.outbox.release() == []


def test_switching_notify_on_later_confirms_once(services: Services, salon: Salon) -> None:
    row = _book(services, salon, notify=False)
    assert outbox_messages(services.db) == []
    services.booking.set_notify(row.id, True)
    services.booking.set_notify(row.id, False)
    services.booking.set_notify(row.id, True)
    assert _states(services.db) == [("booking_confirmation", "queued", None)]
