"""Automatic waitlist offers (issue 14, salon setting ``waitlist_auto_offers``).

``offer_round`` (each sync, after the gateway's events are applied) offers every open
freed time to the first in line who has not had it yet, by the channel of their entry,
and holds it for them ``waitlist_hold_minutes``; when the hold has run out unanswered,
the next round offers it to the next. Earlier offers stay open: the first to accept gets
the time. The race is decided by the gateway (one acceptance per time, a database
constraint there) and the booking by the counter's booking path here
(``place_appointment``: the no-overlap guarantee of the database holds).

One entry holds at most one live offer: while an offer is held for it, the round offers
its other openings to the next in line. An acceptance the desktop cannot book (the
entry already booked from another offer, the time taken at the counter) is lost: the
customer is told, and the desktop releases the gateway's claim (``RELEASING`` until the
gateway confirmed, see ``release_claims``) so the time can be offered again.

An offer is a message the customer asked for: a transactional message (no advertising),
with the booking messages' footer; after an objection only if they asked on the entry
after it (``outbox.check_many``).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.enums import BookingSource, Category, Channel
from desk_app.domain.errors import (
    BookingConflict,
    OutsideOpeningHours,
    OutsideStaffHours,
    SalonClosed,
    StaffUnavailable,
)
from desk_app.domain.waitlist import slot_key
from desk_app.services.booking_messages import CONFIRMATION, queue_booking_message
from desk_app.services.booking_slots import BookingRequest, get, place_appointment
from desk_app.services.messages import MessageTemplates, local_date_and_time
from desk_app.services.outbox import NewMessage, enqueue
from desk_app.services.recipients import address_of, usable_address
from desk_app.services.settings_store import read_settings
from desk_app.services.waitlist import (
    ENDED,
    ENDING,
    LOST,
    RELEASED,
    RELEASING,
    close_begun,
    fill,
    waiting_for,
    wishes,
)
from desk_app.services.waitlist_openings import BOOKED, OFFER_KIND, OPEN, WAITING
from desk_sql.locks import lock_keys

log = logging.getLogger(__name__)

OFFERED, ACCEPTED, SKIPPED = "offered", "accepted", "skipped"
ACCEPTED_EVENT = "waitlist.accepted"
OFFER_ROUND = "waitlist-offer-round"
TAKEN_KIND = "waitlist_offer_taken"  # the template of "accepted, but taken meanwhile"
HAD_KIND = "waitlist_offer_had"  # "accepted, but you have one from the waitlist already"
_TAKEN = (BookingConflict, StaffUnavailable, IntegrityError)
_OUTSIDE = (OutsideOpeningHours, OutsideStaffHours, SalonClosed)


def any_open(s: Session) -> bool:
    """Whether any freed time is still open (the index on state answers it)."""
    return (
        s.scalar(select(m.WaitlistOpening.id).where(m.WaitlistOpening.state == OPEN).limit(1))
        is not None
    )


def offer_round(s: Session, templates: MessageTemplates, now: datetime) -> int:
    """Offer each open freed time whose hold has run out to the next in line; how many
    offers were queued."""
    # One round at a time, whichever counter PC syncs: two would offer the same time to
    # the same customer (the unique offer per opening and entry would refuse the second).
    lock_keys(s, OFFER_ROUND, 0)
    close_begun(s, now)
    settings = read_settings(s)
    if not settings.waitlist_auto_offers:
        return 0
    hold = timedelta(minutes=settings.waitlist_hold_minutes)
    openings = list(
        s.scalars(
            select(m.WaitlistOpening)
            .where(m.WaitlistOpening.state == OPEN, m.WaitlistOpening.starts_at > now)
            .order_by(m.WaitlistOpening.starts_at, m.WaitlistOpening.id)
        )
    )
    every = wishes(s) if openings else []
    # One live offer per entry: a second one held at once would let the customer accept
    # two times, and the page would tell them both are theirs.
    held = set(
        s.scalars(
            select(m.WaitlistOffer.entry_id).where(
                m.WaitlistOffer.state == OFFERED, m.WaitlistOffer.held_until > now
            )
        )
    )
    queued = 0
    for opening in openings:
        offers = list(
            s.scalars(select(m.WaitlistOffer).where(m.WaitlistOffer.opening_id == opening.id))
        )
        if any(o.state == OFFERED and o.held_until > now for o in offers):
            continue  # still held for someone
        had = {o.entry_id for o in offers}
        for wish in waiting_for(s, opening, every):
            if wish.entry_id in had or wish.entry_id in held:
                continue
            entry = get(s, m.WaitlistEntry, wish.entry_id, "waitlist entry")
            offer = m.WaitlistOffer(
                opening_id=opening.id, entry_id=entry.id, sent_at=now, held_until=now + hold
            )
            s.add(offer)
            s.flush()
            if _queue_offer(s, templates, opening, entry, offer, now, _slot(opening)):
                offer.state = OFFERED
                held.add(entry.id)
                queued += 1
                break
            # No channel, no usable address, or the policy said no: the next in line.
            offer.state, offer.held_until = SKIPPED, now
    if queued:
        log.info("queued %d waitlist offer(s)", queued)
    return queued


def _slot(opening: m.WaitlistOpening) -> str:
    """The opening's key at the gateway, where it decides which acceptance wins."""
    return slot_key(opening.id, opening.staff_id, opening.starts_at)


def _queue_offer(
    s: Session,
    templates: MessageTemplates,
    opening: m.WaitlistOpening,
    entry: m.WaitlistEntry,
    offer: m.WaitlistOffer,
    now: datetime,
    slot: str,
) -> bool:
    if entry.channel is None:
        return False
    channel = Channel(entry.channel)
    customer = get(s, m.Customer, entry.customer_id, "customer")
    address = address_of(customer, channel)
    if address is None or not usable_address(customer, channel):
        return False
    settings = read_settings(s)
    service = get(s, m.Treatment, entry.service_id, "service")
    staff = get(s, m.Staff, opening.staff_id, "staff")
    day, clock = local_date_and_time(opening.starts_at, settings.time_zone, customer.language)
    _day, hold_clock = local_date_and_time(offer.held_until, settings.time_zone, customer.language)
    text = templates.render(
        OFFER_KIND,
        customer.language,
        {
            "salon": settings.salon_name,
            "first_name": customer.first_name,
            "service": service.name,
            "staff": staff.name,
            "date": day,
            "time": clock,
            "hold_until": hold_clock,
        },
    )
    row, _decision = enqueue(
        s,
        NewMessage(
            customer_id=customer.id,
            channel=channel,
            category=Category.TRANSACTIONAL,
            kind=OFFER_KIND,
            to_address=address,
            subject=text.subject,
            body=text.body,
            client_id=offer.ref,
            not_after=opening.starts_at,
        ),
        now,
        settings.time_zone,
    )
    if row is None:
        return False
    row.payload = {
        "offer": {
            "ref": offer.ref,
            "slot": slot,
            "treatment": service.name,
            "staff": staff.name,
            "starts_at": opening.starts_at.isoformat(),
            "ends_at": (opening.starts_at + timedelta(minutes=service.minutes)).isoformat(),
        }
    }
    return True


def _queue_taken(
    s: Session,
    templates: MessageTemplates,
    opening: m.WaitlistOpening,
    entry: m.WaitlistEntry,
    now: datetime,
    kind: str = TAKEN_KIND,
) -> None:
    if entry.channel is None:
        return
    channel = Channel(entry.channel)
    customer = get(s, m.Customer, entry.customer_id, "customer")
    address = address_of(customer, channel)
    if address is None or not usable_address(customer, channel):
        return
    settings = read_settings(s)
    service = get(s, m.Treatment, entry.service_id, "service")
    staff = get(s, m.Staff, opening.staff_id, "staff")
    day, clock = local_date_and_time(opening.starts_at, settings.time_zone, customer.language)
    text = templates.render(
        kind,
        customer.language,
        {
            "salon": settings.salon_name,
            "first_name": customer.first_name,
            "service": service.name,
            "staff": staff.name,
            "date": day,
            "time": clock,
        },
    )
    # (A customer who objected gets it only like any booking message without a booking:
    # not at all. Rare twice over: an objection, and a counter booking in the race.)
    enqueue(
        s,
        NewMessage(
            customer_id=customer.id,
            channel=channel,
            category=Category.TRANSACTIONAL,
            kind=kind,
            to_address=address,
            subject=text.subject,
            body=text.body,
            not_after=opening.starts_at,
        ),
        now,
        settings.time_zone,
    )


def apply_acceptance(
    s: Session, data: Mapping[str, Any], templates: MessageTemplates, now: datetime
) -> None:
    """``waitlist.accepted``: the gateway let this offer's customer have the time (the
    first to accept). Book it through the counter's path; when the counter booked the
    time meanwhile, the offer is lost (the database never holds two bookings)."""
    ref = data.get("offer_ref")
    if not isinstance(ref, str):
        return
    offer = s.scalar(select(m.WaitlistOffer).where(m.WaitlistOffer.ref == ref))
    if offer is None or offer.state not in (OFFERED, SKIPPED, LOST, ENDING, ENDED):
        # Unknown, or applied before (an event applied twice changes nothing). LOST here
        # is an offer whose opening went to another entry before it was accepted; ENDING
        # and ENDED one whose entry ended before the gateway knew.
        return
    opening = get(s, m.WaitlistOpening, offer.opening_id, "opening")
    entry = get(s, m.WaitlistEntry, offer.entry_id, "waitlist entry")
    if opening.state != OPEN or entry.state != WAITING:
        # The page told them it is theirs: tell them it is not, and why.
        offer.state = RELEASING
        had = entry.state == BOOKED
        why = "the entry was booked" if had else "the time is no longer open"
        log.info("waitlist offer %s accepted, but %s", offer.id, why)
        _queue_taken(s, templates, opening, entry, now, HAD_KIND if had else TAKEN_KIND)
        return
    try:
        with s.begin_nested():
            appointment = place_appointment(
                s,
                BookingRequest(
                    customer_id=entry.customer_id,
                    staff_id=opening.staff_id,
                    service_id=entry.service_id,
                    starts_at=opening.starts_at,
                    # They asked for the offer and took it: tell them (DESIGN.md 2).
                    notify=True,
                    source=BookingSource.ONLINE,
                ),
                "",
                now,
            )
    except _TAKEN + _OUTSIDE:
        offer.state = RELEASING
        log.info("waitlist offer %s accepted, but the time was taken at the counter", offer.id)
        # The page told them it is theirs: tell them it is not, on the offer's channel.
        _queue_taken(s, templates, opening, entry, now)
        return
    offer.state = ACCEPTED
    fill(s, opening, entry, appointment.id)
    queue_booking_message(s, templates, CONFIRMATION, appointment, now)


def claims_to_release(s: Session) -> list[tuple[str, bool]]:
    """Offers the gateway is still to be told about, and whether their customer still
    waits: lost acceptances (their claim to free) and offers whose entry ended."""
    query = (
        select(m.WaitlistOffer.ref, m.WaitlistEntry.state)
        .join(m.WaitlistEntry, m.WaitlistEntry.id == m.WaitlistOffer.entry_id)
        .where(m.WaitlistOffer.state.in_((RELEASING, ENDING)))
        .order_by(m.WaitlistOffer.id)
    )
    return [(ref, state == WAITING) for ref, state in s.execute(query)]


def claims_released(s: Session, refs: Sequence[str]) -> None:
    """The gateway let go of these offers' claims (their pages say "taken" now, with the
    waitlist's promise only for a customer who still waits)."""
    for offer in s.scalars(
        select(m.WaitlistOffer).where(
            m.WaitlistOffer.ref.in_(list(refs)), m.WaitlistOffer.state.in_((RELEASING, ENDING))
        )
    ):
        offer.state = RELEASED if offer.state == RELEASING else ENDED
