"""Applying gateway events to the desktop database (each exactly once, by seq).

Message events move the outbox; consent events become ledger rows (with the customer's
click as evidence); an opt-out becomes the customer-level objection; a hard bounce
marks the address as bounced; the booking page's events book, move or cancel
(``online_booking``).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.enums import Channel, ConsentEvent, ConsentSource, OutboxStatus
from desk_app.gateway.port import GatewayEvent
from desk_app.services.messages import MessageTemplates
from desk_app.services.objection import apply_objection
from desk_app.services.online_booking import BOOKING_EVENTS, apply_booking_event

WAITLIST_ACCEPTED = "waitlist.accepted"  # (waitlist_offers.ACCEPTED_EVENT)
WAITLIST_REQUESTED = "waitlist.requested"  # (waitlist_online.REQUESTED_EVENT)

if TYPE_CHECKING:  # event_page uses this module's tables of statuses
    from desk_app.services.event_page import StatusRun

# Later states never go back to earlier ones when events arrive late or twice.
RANK = {
    OutboxStatus.QUEUED.value: 0,
    OutboxStatus.ACCEPTED.value: 1,
    OutboxStatus.SENT.value: 2,
    OutboxStatus.FAILED.value: 3,
    OutboxStatus.DELIVERED.value: 3,
    OutboxStatus.BOUNCED.value: 4,
    OutboxStatus.REJECTED.value: 4,
    OutboxStatus.EXPIRED.value: 4,
}
# The statuses whose row says why (``failure_reason``).
FAILED = frozenset((OutboxStatus.REJECTED, OutboxStatus.FAILED, OutboxStatus.BOUNCED))
MESSAGE_STATUS = {
    "message.accepted": OutboxStatus.ACCEPTED,
    "message.sent": OutboxStatus.SENT,
    "message.delivered": OutboxStatus.DELIVERED,
    "message.failed": OutboxStatus.FAILED,
    "message.bounced": OutboxStatus.BOUNCED,
    "message.rejected": OutboxStatus.REJECTED,
    "message.expired": OutboxStatus.EXPIRED,
}
_CONSENT_EVENTS = {
    "consent.request_sent": ConsentEvent.REQUEST_SENT,
    "consent.link_viewed": ConsentEvent.LINK_VIEWED,
    "consent.confirmed": ConsentEvent.CONFIRMED,
    "consent.expired": ConsentEvent.EXPIRED,
}


def apply_event(
    s: Session,
    event: GatewayEvent,
    templates: MessageTemplates | None = None,
    now: datetime | None = None,
    run: StatusRun | None = None,
) -> None:
    """One event, in the caller's transaction. Booking events (the booking page's, with
    no customer_ref) book, move or cancel, and queue messages: they need ``templates``
    and ``now``. ``run``: the sync's bulk writer of message status events (event_page);
    an event it does not take is applied here after the run before it is written."""
    if run is not None:
        if run.take(event):
            return
        run.flush()
    if event.type in BOOKING_EVENTS:
        if templates is None:
            raise TypeError(f"{event.type} needs the message templates")
        apply_booking_event(s, event, templates, now or event.at)
        return
    if event.type == WAITLIST_ACCEPTED:
        if templates is None:
            raise TypeError(f"{event.type} needs the message templates")
        # Imported here: the window's start imports this module and books no offer.
        from desk_app.services.waitlist_offers import apply_acceptance

        apply_acceptance(s, event.data, templates, now or event.at)
        return
    if event.type == WAITLIST_REQUESTED:
        from desk_app.services.waitlist_online import apply_waitlist_request

        apply_waitlist_request(s, event.data, now or event.at)
        return
    customer = None
    if event.customer_ref:
        customer = s.scalar(select(m.Customer).where(m.Customer.ref == event.customer_ref))
    if event.type in MESSAGE_STATUS:
        _message_event(s, event, customer)
    elif event.type in _CONSENT_EVENTS and customer is not None:
        _consent_event(s, event, customer)
        if event.type == "consent.request_sent":
            _request_sent(s, event)
    elif event.type == "optout.received" and customer is not None:
        via = event.data.get("via")
        s.add(
            m.ConsentLedgerEntry(
                customer_id=customer.id,
                channel=None,
                event=ConsentEvent.OBJECTED.value,
                at=event.at,
                source=(ConsentSource.SMS_REPLY if via == "sms_stop" else ConsentSource.LINK).value,
                message_id=str(event.data.get("client_id") or "") or None,
                gateway_seq=event.seq,
            )
        )
        # The same transaction: no reminder may slip out between the two.
        apply_objection(s, customer.id, event.at)
    elif event.type == "sms.inbound" and customer is not None:
        s.add(
            m.InboundMessage(
                customer_id=customer.id,
                channel=Channel.SMS.value,
                text=str(event.data.get("text", "")),
                at=event.at,
                gateway_seq=event.seq,
            )
        )
    elif event.type == "address.unsuppressed":
        _address_unsuppressed(s, event, customer)
    # Unknown types (from a newer gateway) are skipped; the cursor still moves past them.


def _address_unsuppressed(s: Session, event: GatewayEvent, customer: m.Customer | None) -> None:
    """The gateway's operator lifted a suppression (usually a bounce recorded by mistake):
    the bounced mark of that channel goes, so the address may be written to again.

    One event per customer (``customer_ref``, ``channel``); a list in
    ``data["customer_refs"]`` is understood too.
    """
    customers = [customer] if customer is not None else []
    refs = event.data.get("customer_refs")
    if isinstance(refs, list) and refs:
        wanted = [str(ref) for ref in refs if isinstance(ref, str)]
        customers += s.scalars(select(m.Customer).where(m.Customer.ref.in_(wanted)))
    for found in customers:
        if event.channel == Channel.EMAIL.value:
            found.email_bounced_at = None
        elif event.channel == Channel.SMS.value:
            found.phone_bounced_at = None


def advance_status(message: m.OutboxMessage, status: str) -> bool:
    """Move the outbox row forward (never back); False for unknown or older states."""
    if status not in RANK:
        return False
    if RANK[status] < RANK.get(message.status, 0):
        return False
    message.status = status
    return True


def _message_event(s: Session, event: GatewayEvent, customer: m.Customer | None) -> None:
    if not event.client_id:
        return
    message = s.scalar(select(m.OutboxMessage).where(m.OutboxMessage.client_id == event.client_id))
    if message is None:
        return
    status = MESSAGE_STATUS[event.type]
    if advance_status(message, status.value) and status in FAILED:
        message.reason = failure_reason(event, status.value)
    if status is OutboxStatus.BOUNCED and customer is not None and event.data.get("permanent"):
        # Only the address the message went to: a new address has not bounced yet.
        if message.channel == Channel.EMAIL.value and customer.email == message.to_address:
            customer.email_bounced_at = event.at
        if message.channel == Channel.SMS.value and customer.phone == message.to_address:
            customer.phone_bounced_at = event.at


def _consent_event(s: Session, event: GatewayEvent, customer: m.Customer) -> None:
    if event.channel not in (Channel.EMAIL.value, Channel.SMS.value):
        return
    kind = _CONSENT_EVENTS[event.type]
    # A late event about an erased customer keeps the proof, not the personal details.
    erased = s.get(m.Erasure, customer.id) is not None
    s.add(
        m.ConsentLedgerEntry(
            customer_id=customer.id,
            channel=event.channel,
            event=kind.value,
            at=event.at,
            source=ConsentSource.LINK.value if kind is not ConsentEvent.EXPIRED else None,
            request_id=str(event.data.get("request_id") or event.client_id or "") or None,
            ip=None if erased else _text(event.data.get("ip"), 45),
            user_agent=None if erased else _text(event.data.get("user_agent"), 400),
            message_id=_text(event.data.get("message_id"), 120),
            gateway_seq=event.seq,
        )
    )


def _request_sent(s: Session, event: GatewayEvent) -> None:
    """A request whose link rode in a booking confirmation gets no message events of its
    own: its outbox row is sent when the carrying message went out."""
    request_id = event.data.get("request_id")
    if not isinstance(request_id, str) or not request_id:
        return
    row = s.scalar(select(m.OutboxMessage).where(m.OutboxMessage.client_id == request_id))
    if row is not None:
        advance_status(row, OutboxStatus.SENT.value)


def failure_reason(event: GatewayEvent, status: str) -> str:
    """What a rejected, failed or bounced message's row says why (the gateway's code)."""
    code = event.data.get("code") or event.data.get("error")
    return _text(code, 40) or status


def _text(value: object, limit: int) -> str | None:
    return str(value)[:limit] if value else None
