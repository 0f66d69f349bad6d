"""The waitlist's ear at the one door a freed slot goes through (``booking_slots``).

``record_freed`` runs inside the transaction that frees the time (a cancellation, a
no-show, a move): the opening is written with it or not at all. Nothing is written when
nobody waits or the time has begun: the waitlist's readers (``WaitlistService``) decide
who fits, and whether the time is still free, when they look.

May import ``db`` and ``domain`` only (``booking_slots`` imports it).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.attendance import FreedSlot

WAITING, BOOKED, REMOVED = "waiting", "booked", "removed"
OPEN, FILLED, GONE = "open", "filled", "gone"
HELD = "offered"  # an offer's state while it is out (waitlist_offers.OFFERED)
OFFER_KIND = "waitlist_offer"  # the outbox kind (and template) of an automatic offer


def record_freed(s: Session, freed: FreedSlot, now: datetime) -> m.WaitlistOpening | None:
    """Keep the freed time for the waitlist if it lies ahead and anyone waits."""
    if freed.starts_at <= now:
        return None
    if not s.scalar(select(exists().where(m.WaitlistEntry.state == WAITING))):
        return None
    opening = m.WaitlistOpening(
        staff_id=freed.staff_id,
        service_id=freed.service_id,
        starts_at=freed.starts_at,
        ends_at=freed.ends_at,
        reason=freed.reason,
        freed_at=now,
        state=OPEN,
    )
    s.add(opening)
    s.flush()
    return opening


ONLINE = "online"  # an entry's source when it came from the booking page


def offers_asked_at(s: Session, offer_refs: Sequence[str]) -> dict[str, datetime]:
    """offer message client_id -> when its customer asked for offers on the entry (the
    policy lets an offer pass an older objection, like a booking's notify switch).

    Only an entry taken at the counter speaks for the customer: the booking page cannot
    tell who typed an address, so an entry from it never lifts an objection (its offers
    go only while the customer has not objected; staff who call her take the wish at
    the counter). Online entries are therefore left out here."""
    if not offer_refs:
        return {}
    rows = s.execute(
        select(m.WaitlistOffer.ref, m.WaitlistEntry.asked_at)
        .join(m.WaitlistEntry, m.WaitlistEntry.id == m.WaitlistOffer.entry_id)
        .where(m.WaitlistOffer.ref.in_(list(offer_refs)), m.WaitlistEntry.source != ONLINE)
    )
    return {ref: asked_at for ref, asked_at in rows}


def held_openings(
    s: Session, staff_ids: Sequence[int], now: datetime
) -> list[tuple[int, datetime, datetime]]:
    """(staff, start, end) of the freed times held for someone an offer went to: the
    booking page does not offer them meanwhile."""
    rows = s.execute(
        select(m.WaitlistOpening.staff_id, m.WaitlistOpening.starts_at, m.WaitlistOpening.ends_at)
        .join(m.WaitlistOffer, m.WaitlistOffer.opening_id == m.WaitlistOpening.id)
        .where(
            m.WaitlistOpening.state == OPEN,
            m.WaitlistOpening.staff_id.in_(list(staff_ids)),
            m.WaitlistOffer.state == HELD,
            m.WaitlistOffer.held_until > now,
        )
    )
    return [(staff_id, starts_at, ends_at) for staff_id, starts_at, ends_at in rows]
