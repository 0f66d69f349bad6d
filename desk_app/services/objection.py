"""What an objection ("Abmelden", a STOP SMS, or staff on the customer's request) does to
the customer's open bookings (DESIGN.md 2, made precise in issue 8).

The notify switch of every open booking (booked, starting after the objection) turns
off, unless it was set on purpose after the objection: by staff who asked the customer,
or by the customer booking online. Confirmations and reminders waiting in the outbox for
those bookings are withdrawn at once (reason ``notify_off``), so nothing goes out a
minute after the customer unsubscribed from that booking's confirmation.

Runs inside the caller's transaction, together with the ledger row of the objection,
whichever way it arrived (gateway event, staff); plain Python, no Qt.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.enums import AppointmentStatus, OutboxStatus

NOTIFY_OFF = "notify_off"


def apply_objection(s: Session, customer_id: int, objected_at: datetime) -> list[int]:
    """Switch off the notify switch of the customer's open bookings (see the module);
    returns their ids."""
    a = m.Appointment
    appointments = list(
        s.scalars(
            select(a)
            .where(
                a.customer_id == customer_id,
                a.status == AppointmentStatus.BOOKED.value,
                a.starts_at > objected_at,
                a.notify.is_(True),
                or_(a.notify_set_at.is_(None), a.notify_set_at <= objected_at),
            )
            .with_for_update()
        )
    )
    ids = [appointment.id for appointment in appointments]
    for appointment in appointments:
        appointment.notify = False
    if ids:
        waiting = s.scalars(
            select(m.OutboxMessage).where(
                m.OutboxMessage.appointment_id.in_(ids),
                m.OutboxMessage.status == OutboxStatus.QUEUED.value,
            )
        )
        for message in waiting:
            message.status, message.reason = OutboxStatus.REJECTED.value, NOTIFY_OFF
    return ids
