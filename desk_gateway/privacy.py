"""Data-protection requests (GDPR Art. 15 export, Art. 17 erasure) for one customer."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, delete, select
from sqlalchemy.orm import Session

from desk_gateway.context import Gateway
from desk_gateway.db.models import (
    Booking,
    CapturedMessage,
    ConsentRequest,
    Event,
    Message,
    OptOut,
    UnsubscribeLink,
    WaitlistClaim,
    WaitlistOffer,
)
from desk_gateway.events import NewEvent, append_event, append_events, event_json
from desk_gateway.suppressions import suppress_statement
from desk_gateway.tokens import address_hash


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def export_customer(gw: Gateway, installation_id: int, customer_ref: str) -> dict[str, Any]:
    with gw.db.read() as s:
        messages = s.scalars(
            select(Message)
            .where(Message.installation_id == installation_id, Message.customer_ref == customer_ref)
            .order_by(Message.id)
        )
        requests = s.scalars(
            select(ConsentRequest)
            .where(
                ConsentRequest.installation_id == installation_id,
                ConsentRequest.customer_ref == customer_ref,
            )
            .order_by(ConsentRequest.id)
        )
        events = s.scalars(
            select(Event)
            .where(Event.installation_id == installation_id, Event.customer_ref == customer_ref)
            .order_by(Event.seq)
        )
        opt_out = s.get(OptOut, {"installation_id": installation_id, "customer_ref": customer_ref})
        bookings = s.scalars(
            select(Booking)
            .where(Booking.installation_id == installation_id, Booking.customer_ref == customer_ref)
            .order_by(Booking.id)
        )
        offers = s.execute(
            select(WaitlistOffer, WaitlistClaim.claimed_at)
            .outerjoin(WaitlistClaim, WaitlistClaim.offer_id == WaitlistOffer.id)
            .where(*_offers_of(installation_id, customer_ref))
            .order_by(WaitlistOffer.id)
        )
        return {
            "customer_ref": customer_ref,
            "opted_out": opt_out is not None,
            "messages": [
                {
                    "client_id": m.client_id,
                    "channel": m.channel,
                    "category": m.category,
                    "to": m.to_address,
                    "subject": m.subject,
                    "text": m.text,
                    "status": m.status,
                    "created_at": _iso(m.created_at),
                    "sent_at": _iso(m.sent_at),
                    "attachments": m.attachments or [],
                }
                for m in messages
            ],
            "consent_requests": [
                {
                    "request_id": r.request_id,
                    "channel": r.channel,
                    "address": r.address,
                    "statement_version": r.statement_version,
                    "statement_text": r.statement_text,
                    "declared_at": _iso(r.declared_at),
                    "viewed_at": _iso(r.viewed_at),
                    "confirmed_at": _iso(r.confirmed_at),
                    "ip": r.confirm_ip,
                    "user_agent": r.confirm_user_agent,
                    # How consent was declared (kind, staff; the IP and user agent of an
                    # online booking's submission).
                    "source": r.source,
                }
                for r in requests
            ],
            "bookings": [
                {
                    "ref": b.ref,
                    "treatment": b.treatment,
                    "staff": b.staff,
                    "starts_at": _iso(b.starts_at),
                    "ends_at": _iso(b.ends_at),
                    "cancel_until": _iso(b.cancel_until),
                    "state": b.state,
                    "change_starts_at": _iso(b.change_starts_at),
                    "updated_at": _iso(b.updated_at),
                }
                for b in bookings
            ],
            "waitlist_offers": [
                {
                    "ref": o.ref,
                    "treatment": o.treatment,
                    "staff": o.staff,
                    "starts_at": _iso(o.starts_at),
                    "ends_at": _iso(o.ends_at),
                    "state": o.state,
                    "created_at": _iso(o.created_at),
                    "accepted_at": _iso(o.accepted_at),
                    "claimed_at": _iso(claimed_at),
                }
                for o, claimed_at in offers
            ],
            "events": [event_json(e) for e in events],
        }


def _offers_of(installation_id: int, customer_ref: str) -> tuple[ColumnElement[bool], ...]:
    return (
        WaitlistOffer.installation_id == installation_id,
        WaitlistOffer.customer_ref == customer_ref,
    )


def erase_customer(gw: Gateway, installation_id: int, customer_ref: str) -> dict[str, Any]:
    """Delete bodies and addresses; keep keyed address hashes and the bare consent proof."""
    now = gw.clock()
    with gw.db.write() as s:
        # Their waitlist offers and bookings first: an acceptance locks its offer, the manage
        # page its booking, before appending an event, and an erasure that appended events
        # (locking the log's counter) before it reached them deadlocked with one on
        # PostgreSQL (the customer's "take it" or "cancel", or the erasure, got a 500).
        s.execute(
            select(WaitlistOffer.id)
            .where(*_offers_of(installation_id, customer_ref))
            .with_for_update()
        )
        s.execute(
            select(Booking.id)
            .where(Booking.installation_id == installation_id, Booking.customer_ref == customer_ref)
            .with_for_update()
        )
        addresses = _addresses(s, installation_id, customer_ref)
        dialect = s.get_bind().dialect.name
        for address in addresses:
            hashed = address_hash(gw.secret_key, address)
            s.execute(suppress_statement(dialect, installation_id, hashed, "erased", now))
        withdrawn: list[NewEvent] = []
        for message in s.scalars(
            select(Message).where(
                Message.installation_id == installation_id, Message.customer_ref == customer_ref
            )
        ):
            message.to_address, message.text, message.subject = None, None, ""
            message.attachments = None
            if message.status in ("accepted", "sending"):
                message.status, message.reject_code = "rejected", "suppressed"
                withdrawn.append(
                    NewEvent(
                        "message.rejected",
                        now,
                        customer_ref,
                        message.client_id,
                        message.channel,
                        {"code": "suppressed"},
                    )
                )
        append_events(s, installation_id, withdrawn)
        # The demo mailbox keeps copies of what was "sent": they go too.
        if addresses:
            s.execute(delete(CapturedMessage).where(CapturedMessage.to_address.in_(addresses)))
        for request in s.scalars(
            select(ConsentRequest).where(
                ConsentRequest.installation_id == installation_id,
                ConsentRequest.customer_ref == customer_ref,
            )
        ):
            # Kept: request id, channel, statement version, times, IP and user agent of the
            # confirmation: the proof that consent was given (or withdrawn).
            request.address = None
        # The manage page's record: its link stops working.
        s.execute(
            delete(Booking).where(
                Booking.installation_id == installation_id, Booking.customer_ref == customer_ref
            )
        )
        # The waitlist offers made to them, and the claim of any they accepted (its time
        # is the desktop's to give again: the erased customer's appointment goes there).
        their_offers = select(WaitlistOffer.id).where(*_offers_of(installation_id, customer_ref))
        s.execute(delete(WaitlistClaim).where(WaitlistClaim.offer_id.in_(their_offers)))
        s.execute(delete(WaitlistOffer).where(*_offers_of(installation_id, customer_ref)))
        s.execute(
            delete(UnsubscribeLink).where(
                UnsubscribeLink.installation_id == installation_id,
                UnsubscribeLink.customer_ref == customer_ref,
            )
        )
        for event in s.scalars(
            select(Event).where(
                Event.installation_id == installation_id,
                Event.customer_ref == customer_ref,
                Event.type == "sms.inbound",
            )
        ):
            event.data = {"erased": True}
        append_event(s, installation_id, "customer.erased", now, customer_ref=customer_ref)
    return {"customer_ref": customer_ref, "erased": True, "suppressed_addresses": len(addresses)}


def _addresses(s: Session, installation_id: int, customer_ref: str) -> set[str]:
    found = set(
        s.scalars(
            select(Message.to_address).where(
                Message.installation_id == installation_id,
                Message.customer_ref == customer_ref,
                Message.to_address.is_not(None),
            )
        )
    )
    found.update(
        s.scalars(
            select(ConsentRequest.address).where(
                ConsentRequest.installation_id == installation_id,
                ConsentRequest.customer_ref == customer_ref,
                ConsentRequest.address.is_not(None),
            )
        )
    )
    return {a for a in found if a}
