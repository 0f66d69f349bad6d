"""Loading the facts the message policy needs, inside a caller's transaction."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.consent import ConsentStatus, derive_consent
from desk_app.domain.contact import can_receive_sms, is_valid_email
from desk_app.domain.enums import AppointmentStatus, Category, Channel, OutboxStatus
from desk_app.domain.policy import Address, RecipientFacts
from desk_app.services.mapping import ledger_entry

FREQUENCY_WINDOW = timedelta(days=30)
_COUNTED_FOR_CAP = (Category.MARKETING.value, Category.SIMILAR_OFFER.value)
_NOT_SENT = (OutboxStatus.REJECTED.value, OutboxStatus.EXPIRED.value)


def consent_status(session: Session, customer_id: int, now: datetime) -> ConsentStatus:
    rows = session.scalars(
        select(m.ConsentLedgerEntry)
        .where(m.ConsentLedgerEntry.customer_id == customer_id)
        .order_by(m.ConsentLedgerEntry.id)
    )
    return derive_consent((ledger_entry(r) for r in rows), now)


def recipient_facts(session: Session, customer: m.Customer, now: datetime) -> RecipientFacts:
    has_booking = session.scalar(select(exists().where(m.Appointment.customer_id == customer.id)))
    had_completed = session.scalar(
        select(
            exists().where(
                m.Appointment.customer_id == customer.id,
                m.Appointment.status == AppointmentStatus.DONE.value,
            )
        )
    )
    return RecipientFacts(
        consent=consent_status(session, customer.id, now),
        email=Address(
            customer.email,
            valid=bool(customer.email) and is_valid_email(customer.email or ""),
            bounced=customer.email_bounced_at is not None,
        ),
        sms=Address(
            customer.phone,
            valid=bool(customer.phone) and can_receive_sms(customer.phone or ""),
            bounced=customer.phone_bounced_at is not None,
        ),
        has_booking=bool(has_booking),
        had_completed_appointment=bool(had_completed),
        objection_notice_given=customer.objection_notice_given,
    )


def advertising_sent_recently(session: Session, customer_id: int, now: datetime) -> int:
    """Advertising messages queued or sent to the customer in the frequency-cap window."""
    count = session.scalar(
        select(func.count(m.OutboxMessage.id)).where(
            m.OutboxMessage.customer_id == customer_id,
            m.OutboxMessage.category.in_(_COUNTED_FOR_CAP),
            m.OutboxMessage.status.not_in(_NOT_SENT),
            m.OutboxMessage.created_at > now - FREQUENCY_WINDOW,
        )
    )
    return int(count or 0)


def best_transactional_channel(customer: m.Customer) -> Channel | None:
    """The preferred channel if its address is usable, else the other usable one."""
    order = [Channel.EMAIL, Channel.SMS]
    if customer.preferred_channel == Channel.SMS.value:
        order.reverse()
    for channel in order:
        if usable_address(customer, channel):
            return channel
    return None


def usable_address(customer: m.Customer, channel: Channel) -> bool:
    """Present, valid for the channel (a landline cannot take SMS), and not bounced."""
    if channel is Channel.EMAIL:
        return (
            bool(customer.email)
            and is_valid_email(customer.email or "")
            and customer.email_bounced_at is None
        )
    return (
        bool(customer.phone)
        and can_receive_sms(customer.phone or "")
        and customer.phone_bounced_at is None
    )


def address_of(customer: m.Customer, channel: Channel) -> str | None:
    return customer.email if channel is Channel.EMAIL else customer.phone
