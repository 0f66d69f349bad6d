"""Messages about one booking (confirmation, change, cancellation) and their lifecycle.

A message still waiting in the outbox is replaced when the booking changes, so nothing
ever announces a time that is no longer true; once one was handed to the gateway, the
customer gets a change or cancellation message instead. Confirmations go out only while
the ``auto_confirmation`` automation is switched on; a waiting reminder (queued by the
automations) is withdrawn like the others.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.calendar_file import booking_ics
from desk_app.domain.enums import BookingSource, Category, Channel, OutboxStatus
from desk_app.domain.salon_settings import SalonSettings
from desk_app.services.booking_payload import (
    BOOKED,
    CANCELLED,
    ICS_CONTENT_TYPE,
    Attachment,
    BookingInfo,
    BookingPayload,
)
from desk_app.services.messages import MessageTemplates, channel_word, local_date_and_time
from desk_app.services.outbox import NewMessage, enqueue
from desk_app.services.recipients import (
    address_of,
    best_transactional_channel,
    usable_address,
)
from desk_app.services.settings_store import read_settings

CONFIRMATION = "booking_confirmation"
CHANGE = "booking_change"
CANCELLATION = "booking_cancellation"
BOOKING_KINDS = (CONFIRMATION, CHANGE, CANCELLATION)
REMINDER = "reminder"  # queued by the automations, not here
MANAGE_SNIPPET = "booking_manage"  # "Absagen oder verschieben: $manage_url"
CONSENT_SNIPPET = "booking_confirmation_consent"  # the paragraph with $confirm_url
ICS_FILENAMES = {"de": "termin.ics", "en": "appointment.ics"}
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
    channel: Channel | None = None,
    consent_link: bool = False,
    client_id: str | None = None,
) -> str | None:
    """Queue one booking message if the notify switch, the automation switch (for
    confirmations) and the policy allow it; its ``client_id``, or None.

    ``channel``: that channel (an online booking's ticked box) instead of the customer's
    transactional one. ``consent_link``: the message carries the double-opt-in link of a
    consent request queued just before (``$confirm_url``, online bookings).
    """
    if not appointment.notify:
        return None
    settings = read_settings(s)
    if kind == CONFIRMATION and not settings.auto_confirmation:
        return None
    customer = s.get(m.Customer, appointment.customer_id)
    staff = s.get(m.Staff, appointment.staff_id)
    service = s.get(m.Treatment, appointment.service_id)
    assert customer is not None and staff is not None and service is not None
    if channel is None:
        channel = best_transactional_channel(customer)
    elif not usable_address(customer, channel):
        return None
    address = address_of(customer, channel) if channel else None
    if channel is None or address is None:
        return None
    time_zone = settings.time_zone
    day, clock_time = local_date_and_time(appointment.starts_at, time_zone, customer.language)
    values = {
        "salon": settings.salon_name,
        "first_name": customer.first_name,
        "service": service.name,
        "staff": staff.name,
        "date": day,
        "time": clock_time,
        "channel": channel_word(channel, customer.language),
    }
    online = appointment.source == BookingSource.ONLINE.value
    links = _links(templates, kind, customer.language, values, online, consent_link)
    text = templates.render(kind, customer.language, {**values, "booking_links": links})
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
            client_id=client_id,
            # News about a booking is worthless once it has begun.
            not_after=appointment.starts_at,
        ),
        now,
        time_zone,
    )
    if row is None:
        return None
    # The .ics of a change replaces the one sent before only with a higher SEQUENCE.
    sequence = len(booking_messages(s, appointment.id)) - 1
    ics = sequence if channel is Channel.EMAIL and kind in (CONFIRMATION, CHANGE) else None
    row.payload = booking_payload(
        appointment, service.name, staff.name, settings, kind, customer.language, now, ics
    ).to_json()
    return row.client_id


def _links(
    templates: MessageTemplates,
    kind: str,
    language: str,
    values: dict[str, str],
    online: bool,
    consent_link: bool,
) -> str:
    """The paragraphs only online bookings have: the manage page link (cancel or move
    until the deadline) and, in a message that carries it, the consent confirmation."""
    parts = []
    if online and kind != CANCELLATION:
        parts.append(templates.snippet(MANAGE_SNIPPET, language, values))
    if consent_link:
        parts.append(templates.snippet(CONSENT_SNIPPET, language, values))
    return "\n\n".join(parts)


def booking_payload(
    appointment: m.Appointment,
    treatment: str,
    staff: str,
    settings: SalonSettings,
    kind: str,
    language: str,
    now: datetime,
    ics_sequence: int | None,
) -> BookingPayload:
    """The booking as the gateway keeps it; with the .ics (of that SEQUENCE) unless
    ``ics_sequence`` is None."""
    info = BookingInfo(
        ref=appointment.ref,
        treatment=treatment,
        staff=staff,
        starts_at=appointment.starts_at,
        ends_at=appointment.ends_at,
        cancel_until=appointment.starts_at - timedelta(hours=settings.cancel_deadline_hours),
        state=CANCELLED if kind == CANCELLATION else BOOKED,
        treatment_id=appointment.service_id,
        staff_id=appointment.staff_id,
    )
    if ics_sequence is None:
        return BookingPayload(info)
    calendar = booking_ics(
        uid=f"{appointment.ref}@salon-desk",
        starts_at=appointment.starts_at,
        ends_at=appointment.ends_at,
        summary=f"{treatment} – {settings.salon_name}",
        location=" ".join(p for p in (settings.salon_name, settings.salon_phone) if p),
        description=f"{treatment}, {staff}",
        stamp=now,
        sequence=ics_sequence,
    )
    filename = ICS_FILENAMES.get(language, ICS_FILENAMES["de"])
    return BookingPayload(info, (Attachment(filename, ICS_CONTENT_TYPE, calendar),))


def announce_move(
    s: Session, templates: MessageTemplates, appointment: m.Appointment, now: datetime
) -> str | None:
    """After a booking moved: withdraw what still waits; a customer who was told already
    gets a change message, otherwise the confirmation (of the new time)."""
    handed_over = supersede_queued(s, appointment.id)
    kind = CHANGE if handed_over else CONFIRMATION
    return queue_booking_message(s, templates, kind, appointment, now)
