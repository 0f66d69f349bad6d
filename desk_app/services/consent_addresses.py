"""Consent belongs to an address: what a changed address ends, and which addresses may be
asked at all (DESIGN.md 2: "a confirmation clicked in an email proves the email address
only").

A request mailed to the old address, or a consent confirmed there, says nothing about the
new one. When staff change a customer's email or phone, the request or consent of that
channel ends with an ``address_changed`` ledger row naming it (the ledger stays the only
truth; the row is the evidence of why it ended). An address that bounced, or that is on
the suppression list, is never sent a confirmation request.

Works inside the caller's transaction; no Qt.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.enums import Channel, ConsentEvent, ConsentState
from desk_app.domain.errors import AddressUnreachable, NotFound, Unreachable
from desk_app.services.recipients import address_of, consent_status
from desk_app.services.suppression import suppressed


def locked_customer(s: Session, customer_id: int) -> m.Customer:
    """The customer, its row locked until the transaction ends, read afresh. Whoever
    reads the consent ledger to decide about an address (declare, change the address,
    an online booking's ticked box) takes this first: two counter PCs take turns, and
    the second sees what the first wrote. PostgreSQL: ``FOR NO KEY UPDATE`` (bookings
    referencing the customer are not held up); SQLite ignores the clause, its
    ``BEGIN IMMEDIATE`` write transactions already take turns."""
    customer = s.scalar(
        select(m.Customer)
        .where(m.Customer.id == customer_id)
        .with_for_update(key_share=True)
        .execution_options(populate_existing=True)
    )
    if customer is None:
        raise NotFound("customer", str(customer_id))
    return customer


def end_consent_for_changed_addresses(
    s: Session,
    customer: m.Customer,
    new_addresses: dict[Channel, str | None],
    now: datetime,
) -> list[Channel]:
    """Before ``customer`` takes ``new_addresses``: end each channel's pending request or
    confirmed consent that was declared for another address. Returns the channels ended.

    The declaration's own recorded address decides (not the customer's column), so a
    declaration made for the new address on another counter PC a moment ago stays."""
    status = consent_status(s, customer.id, now)
    ended: list[Channel] = []
    for channel, new_address in new_addresses.items():
        info = status.channels[channel]
        if info.state not in (ConsentState.PENDING, ConsentState.CONFIRMED):
            continue
        declaration = info.declaration
        if declaration is None:
            continue
        asked = declaration.address or address_of(customer, channel)
        if asked == new_address:
            continue
        s.add(
            m.ConsentLedgerEntry(
                customer_id=customer.id,
                channel=channel.value,
                event=ConsentEvent.ADDRESS_CHANGED.value,
                at=now,
                request_id=declaration.request_id,
                # The new address is not kept here: the ledger is never deleted, and the
                # customer's record already holds it.
                address=None,
            )
        )
        ended.append(channel)
    if ended:
        s.flush()  # the consent projection follows each row (db.consent_projection)
    return ended


def unreachable(s: Session, customer: m.Customer, channel: Channel) -> Unreachable | None:
    """Why a confirmation request must not go to the channel's address: ``bounced``
    (messages to it came back for good), ``suppressed`` (on the suppression list: it
    belonged to an erased customer), or None."""
    address = address_of(customer, channel)
    if not address:
        return None
    bounced_at = (
        customer.email_bounced_at if channel is Channel.EMAIL else customer.phone_bounced_at
    )
    if bounced_at is not None:
        return "bounced"
    if suppressed(s, [address]):
        return "suppressed"
    return None


def refuse_unreachable(s: Session, customer: m.Customer, channel: Channel) -> None:
    why = unreachable(s, customer, channel)
    if why is not None:
        raise AddressUnreachable(channel, why)
