"""Messages about one booking (confirmation, change, cancellation) and their lifecycle.

A message still waiting in the outbox is replaced when the booking changes, so nothing
ever announces a time that is no longer true; once one was handed to the gateway, the
customer gets a change or cancellation message instead. Confirmations go out only while
the ``auto_confirmation`` automation is switched on; a waiting reminder (queued by the
automations) is withdrawn like the others.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.enums import Category, OutboxStatus
from desk_app.services.messages import MessageTemplates, local_date_and_time
from desk_app.services.outbox import NewMessage, enqueue
from desk_app.services.recipients import address_of, best_transactional_channel
from desk_app.services.settings_store import read_settings

CONFIRMATION = "booking_confirmation"
CHANGE = "booking_change"
CANCELLATION = "booking_cancellation"
BOOKING_KINDS = (CONFIRMATION, CHANGE, CANCELLATION)
REMINDER = "reminder"  # queued by the automations, not here
HANDED_OVER = (
    OutboxStatus.ACCEPTED.value,
    OutboxStatus.SENT.value,
    OutboxStatus.DELIVERED.value,
)


def booking_messages(s: Session, appointment_id: int) -> list[m.OutboxMessage]:
    return list(
        s.scalars(
            select(m.OutboxMessage)
            .where(
                m.OutboxMessage.appointment_id == appointment_id,
                m.OutboxMessage.kind.in_(BOOKING_KINDS),
            )
            .order_by(m.OutboxMessage.id)
        )
    )


def supersede_queued(s: Session, appointment_id: int, reason: str = "superseded") -> bool:
    """Withdraw waiting booking messages; True if one already reached the gateway."""
    handed_over = False
    for message in booking_messages(s, appointment_id):
        if message.status == OutboxStatus.QUEUED.value:
            message.status, message.reason = OutboxStatus.REJECTED.value, reason
        elif message.status in HANDED_OVER:
            handed_over = True
    # A waiting reminder names the old time; the next automation run reminds of the new one.
    reminders = s.scalars(
        select(m.OutboxMessage).where(
            m.OutboxMessage.appointment_id == appointment_id,
            m.OutboxMessage.kind == REMINDER,
            m.OutboxMessage.status == OutboxStatus.QUEUED.value,
        )
    )
    for reminder in reminders:
        reminder.status, reminder.reason = OutboxStatus.REJECTED.value, reason
    return handed_over


def queue_booking_message(
    s: Session,
    templates: MessageTemplates,
    kind: str,
    appointment: m.Appointment,
    now: datetime,
) -> str | None:
    """Queue one booking message if the notify switch, the automation switch (for
    confirmations) and the policy allow it."""
    if not appointment.notify:
        return None
    settings = read_settings(s)
    if kind == CONFIRMATION and not settings.auto_confirmation:
        return None
    customer = s.get(m.Customer, appointment.customer_id)
    staff = s.get(m.Staff, appointment.staff_id)
    service = s.get(m.Treatment, appointment.service_id)
    assert customer is not None and staff is not None and service is not None
    channel = best_transactional_channel(customer)
    address = address_of(customer, channel) if channel else None
    if channel is None or address is None:
        return None
    time_zone = settings.time_zone
    day, clock_time = local_date_and_time(appointment.starts_at, time_zone, customer.language)
    text = templates.render(
        kind,
        customer.language,
        {
            "salon": settings.salon_name,
            "first_name": customer.first_name,
            "service": service.name,
            "staff": staff.name,
            "date": day,
            "time": clock_time,
        },
    )
    row, _decision = enqueue(
        s,
        NewMessage(
            customer_id=customer.id,
            channel=channel,
            category=Category.TRANSACTIONAL,
            kind=kind,
            to_address=address,
            subject=text.subject,
            body=text.body,
            appointment_id=appointment.id,
            # News about a booking is worthless once it has begun.
            not_after=appointment.starts_at,
        ),
        now,
        time_zone,
    )
    return row.client_id if row is not None else None


def announce_move(
    s: Session, templates: MessageTemplates, appointment: m.Appointment, now: datetime
) -> str | None:
    """After a booking moved: withdraw what still waits; a customer who was told already
    gets a change message, otherwise the confirmation (of the new time)."""
    handed_over = supersede_queued(s, appointment.id)
    kind = CHANGE if handed_over else CONFIRMATION
    return queue_booking_message(s, templates, kind, appointment, now)
