"""Loading the facts the message policy needs, inside a caller's transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.consent import ConsentStatus, LedgerEntry, derive_consent
from desk_app.domain.contact import can_receive_sms, is_valid_email
from desk_app.domain.enums import AppointmentStatus, Channel, OutboxStatus
from desk_app.domain.policy import COUNTED_FOR_CAP, NOT_SENT, Address, RecipientFacts
from desk_app.services.mapping import ledger_entry

FREQUENCY_WINDOW = timedelta(days=30)


CHUNK = 500  # ids per IN (...) list, well below every backend's parameter limit


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    unique = sorted(set(ids))
    for start in range(0, len(unique), CHUNK):
        yield unique[start : start + CHUNK]


def consent_status(session: Session, customer_id: int, now: datetime) -> ConsentStatus:
    return consent_statuses(session, [customer_id], now)[customer_id]


def consent_statuses(
    session: Session, customer_ids: Sequence[int], now: datetime
) -> dict[int, ConsentStatus]:
    entries: dict[int, list[LedgerEntry]] = defaultdict(list)
    for chunk in _chunks(customer_ids):
        rows = session.scalars(
            select(m.ConsentLedgerEntry)
            .where(m.ConsentLedgerEntry.customer_id.in_(chunk))
            .order_by(m.ConsentLedgerEntry.id)
        )
        for row in rows:
            entries[row.customer_id].append(ledger_entry(row))
    return {cid: derive_consent(entries.get(cid, []), now) for cid in set(customer_ids)}


def _customers_with(session: Session, customer_ids: Sequence[int], done_only: bool) -> set[int]:
    found: set[int] = set()
    for chunk in _chunks(customer_ids):
        query = select(m.Appointment.customer_id).where(m.Appointment.customer_id.in_(chunk))
        if done_only:
            query = query.where(m.Appointment.status == AppointmentStatus.DONE.value)
        found.update(session.scalars(query.distinct()))
    return found


def recipient_facts(session: Session, customer: m.Customer, now: datetime) -> RecipientFacts:
    return recipients_facts(session, [customer], now)[customer.id]


def recipients_facts(
    session: Session, customers: Sequence[m.Customer], now: datetime
) -> dict[int, RecipientFacts]:
    """The policy's view of many customers with a handful of set-based queries."""
    ids = [c.id for c in customers]
    consent = consent_statuses(session, ids, now)
    booked = _customers_with(session, ids, done_only=False)
    completed = _customers_with(session, ids, done_only=True)
    return {
        c.id: RecipientFacts(
            consent=consent[c.id],
            email=Address(
                c.email,
                valid=bool(c.email) and is_valid_email(c.email or ""),
                bounced=c.email_bounced_at is not None,
            ),
            sms=Address(
                c.phone,
                valid=bool(c.phone) and can_receive_sms(c.phone or ""),
                bounced=c.phone_bounced_at is not None,
            ),
            has_booking=c.id in booked,
            had_completed_appointment=c.id in completed,
            objection_notice_given=c.objection_notice_given,
        )
        for c in customers
    }


def advertising_counts(
    session: Session, customer_ids: Sequence[int], now: datetime, include_queued: bool = True
) -> dict[int, int]:
    """Advertising per customer in the frequency-cap window: handed over, and optionally
    also still waiting in the outbox."""
    not_counted = NOT_SENT if include_queued else (*NOT_SENT, OutboxStatus.QUEUED.value)
    counts: dict[int, int] = {}
    for chunk in _chunks(customer_ids):
        rows = session.execute(
            select(m.OutboxMessage.customer_id, func.count(m.OutboxMessage.id))
            .where(
                m.OutboxMessage.customer_id.in_(chunk),
                m.OutboxMessage.category.in_(COUNTED_FOR_CAP),
                m.OutboxMessage.status.not_in(not_counted),
                m.OutboxMessage.created_at > now - FREQUENCY_WINDOW,
            )
            .group_by(m.OutboxMessage.customer_id)
        )
        counts.update({int(cid): int(n) for cid, n in rows})
    return counts


def load_customers(session: Session, customer_ids: Sequence[int]) -> dict[int, m.Customer]:
    customers: dict[int, m.Customer] = {}
    for chunk in _chunks(customer_ids):
        customers.update(
            (c.id, c) for c in session.scalars(select(m.Customer).where(m.Customer.id.in_(chunk)))
        )
    return customers


def appointment_notify(session: Session, appointment_ids: Sequence[int | None]) -> dict[int, bool]:
    """The notify switch of each appointment (for transactional messages)."""
    notify: dict[int, bool] = {}
    for chunk in _chunks([a for a in appointment_ids if a is not None]):
        rows = session.execute(
            select(m.Appointment.id, m.Appointment.notify).where(m.Appointment.id.in_(chunk))
        )
        notify.update({int(aid): bool(flag) for aid, flag in rows})
    return notify


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
