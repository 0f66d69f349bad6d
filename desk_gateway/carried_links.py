"""Confirmation links carried by another message (``carried_by`` of a consent request).

A booking confirmation may carry the double-opt-in link of a box the customer ticked:
one message, not two. The consent request names the message (its ``client_id``, same
channel); the gateway sends nothing for the request and fills ``$confirm_url`` in that
message with the request's /c/{token} link when it sends it.

The desktop posts the request before the message. A message whose request has not
arrived waits (it is not due) up to ``CARRIED_WAIT`` after intake; the request's arrival
makes it due at once. A message that goes without its request (it never came, it was
refused, or names another channel, customer or address) goes without the line that held
``$confirm_url``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from desk_gateway.db.models import ConsentRequest, Message

CONFIRM_PLACEHOLDER = "$confirm_url"
CARRIED_WAIT = timedelta(hours=1)


def carries_link(kind: str, text: str | None) -> bool:
    """A message (not a confirmation request of its own) that asks for a carried link."""
    return kind == "message" and text is not None and CONFIRM_PLACEHOLDER in text


def arrived(s: Session, installation_id: int, client_ids: Collection[str]) -> set[str]:
    """Which of these messages' carried requests have arrived already."""
    if not client_ids:
        return set()
    return {
        carrier
        for carrier in s.scalars(
            select(ConsentRequest.carried_by).where(
                ConsentRequest.installation_id == installation_id,
                ConsentRequest.carried_by.in_(list(client_ids)),
            )
        )
        if carrier is not None
    }


def first_attempt(not_before: datetime | None, now: datetime, request_arrived: bool) -> datetime:
    """When a message asking for a carried link is first due."""
    due = not_before or now
    return due if request_arrived else max(due, now + CARRIED_WAIT)


def release_carrier(s: Session, installation_id: int, client_id: str, now: datetime) -> None:
    """The carried request arrived: its message is due now (or at its ``not_before``)."""
    s.execute(
        update(Message)
        .where(
            Message.installation_id == installation_id,
            Message.client_id == client_id,
            Message.status == "accepted",
            Message.attempts == 0,
        )
        .values(next_attempt_at=func.coalesce(Message.not_before, now))
        .execution_options(synchronize_session=False)
    )


@dataclass(frozen=True)
class Carried:
    request_id: str
    customer_ref: str
    address: str | None


def carried_requests(s: Session, due: Iterable[Message]) -> dict[tuple[int, str, str], Carried]:
    """(installation, carrier client_id, channel) -> the request carried by each of these
    messages that may be confirmed (a refused request has no link)."""
    carriers = [m for m in due if carries_link(m.kind, m.text)]
    if not carriers:
        return {}
    rows = s.execute(
        select(
            ConsentRequest.installation_id,
            ConsentRequest.carried_by,
            ConsentRequest.channel,
            ConsentRequest.request_id,
            ConsentRequest.customer_ref,
            ConsentRequest.address,
        ).where(
            ConsentRequest.carried_by.in_({m.client_id for m in carriers}),
            ConsentRequest.token_hash.is_not(None),
        )
    )
    return {
        (i, carrier, channel): Carried(request_id, customer, address)
        for i, carrier, channel, request_id, customer, address in rows
        if carrier is not None
    }


def carried_by(message: Message, carried: Carried | None) -> str | None:
    """The request whose link this message may carry: the same customer and the very
    address the request names (the click proves that address's holder agreed)."""
    if carried is None or carried.customer_ref != message.customer_ref:
        return None
    address, to = carried.address or "", message.to_address or ""
    same = address.lower() == to.lower() if message.channel == "email" else address == to
    return carried.request_id if same and address else None


def fill_confirm_url(text: str, url: str | None) -> str:
    """The link in place of ``$confirm_url``; without one, every line holding it goes."""
    if url is not None:
        return text.replace(CONFIRM_PLACEHOLDER, url)
    return "\n".join(line for line in text.split("\n") if CONFIRM_PLACEHOLDER not in line)
