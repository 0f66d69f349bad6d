"""Waitlist offers (issue 14): the desktop's offer messages, the offer page (/w/{token})
and its acceptance.

The desktop sends an offer as a transactional message with ``offer`` (the freed time);
intake keeps it here. The link's token is an HMAC of the offer's ref (the message's
client_id), like /c, /u and /m; only its hash is stored.

GET only shows. POST accepts: the first acceptance of a freed time inserts its claim
(``waitlist_claims``, primary key = the time), so a second one — another customer's
offer of the same time, a racing double click — fails in the database and is told
"already taken"; repeating one's own accepted POST shows "it is yours" again and
changes nothing. An acceptance becomes the event ``waitlist.accepted``: the desktop books
it through its own booking path. When it cannot (the customer already has a time from
the waitlist, the counter booked it meanwhile) it releases the claim (``release``): the
time can be accepted through another offer, and this offer's page says "taken".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desk_gateway.booking import store
from desk_gateway.context import Gateway
from desk_gateway.db.models import Installation, WaitlistClaim, WaitlistOffer
from desk_gateway.events import append_event
from desk_gateway.schemas import OfferInfo
from desk_gateway.tokens import link_token, sha256_hex

OFFER_PURPOSE = "w"
ACCEPTED_EVENT = "waitlist.accepted"
OPEN, ACCEPTED, RELEASED = "open", "accepted", "released"
# Released because the customer no longer waits (the salon removed the entry, or it was
# booked from another offer): the page must not promise the waitlist any more.
ENDED = "ended"
DEFAULT_ZONE = "Europe/Berlin"
TOKEN_MAX = 100


def offer_token(gw: Gateway, installation_id: int, ref: str) -> str:
    return link_token(gw.secret_key, OFFER_PURPOSE, installation_id, ref)


def offer_url(gw: Gateway, installation_id: int, ref: str) -> str:
    return gw.config.link(f"/w/{offer_token(gw, installation_id, ref)}")


def keep_offer(
    gw: Gateway,
    s: Session,
    installation_id: int,
    offer: OfferInfo,
    customer_ref: str,
    language: str,
) -> None:
    """Store the offer (inside the intake's transaction; a repeated item is a duplicate
    before it gets here)."""
    s.add(
        WaitlistOffer(
            installation_id=installation_id,
            ref=offer.ref,
            token_hash=sha256_hex(offer_token(gw, installation_id, offer.ref)),
            customer_ref=customer_ref,
            slot=offer.slot,
            treatment=offer.treatment,
            staff=offer.staff,
            starts_at=offer.starts_at,
            ends_at=offer.ends_at,
            language=language,
            state=OPEN,
        )
    )


@dataclass(frozen=True)
class OfferView:
    treatment: str
    staff: str
    starts_at: datetime
    language: str
    salon_name: str
    colour: str
    zone: ZoneInfo
    # open: may be accepted | yours: accepted by them | taken: someone else was first,
    # they still wait | gone: not theirs, and they no longer wait | past: the time has begun
    state: str


def _offer(s: Session, token: str, *, lock: bool = False) -> WaitlistOffer | None:
    if not token or len(token) > TOKEN_MAX:
        return None
    query = select(WaitlistOffer).where(WaitlistOffer.token_hash == sha256_hex(token))
    return s.scalar(query.with_for_update() if lock else query)


def _taken(s: Session, offer: WaitlistOffer) -> bool:
    claim = s.get(WaitlistClaim, (offer.installation_id, offer.slot))
    return claim is not None and claim.offer_id != offer.id


def _view(s: Session, offer: WaitlistOffer, now: datetime) -> OfferView:
    if offer.state == ACCEPTED:
        state = "yours"
    elif offer.state == ENDED:
        state = "gone"
    elif offer.state == RELEASED or _taken(s, offer):
        state = "taken"
    elif offer.starts_at <= now:
        state = "past"
    else:
        state = OPEN
    site = store.site_of(s, offer.installation_id)
    if site is not None:
        name, colour, zone = site.snapshot.salon.name, site.snapshot.salon.colour, site.zone
    else:
        installation = s.get(Installation, offer.installation_id)
        name = installation.name if installation else ""
        colour, zone = "", ZoneInfo(DEFAULT_ZONE)
    return OfferView(
        offer.treatment, offer.staff, offer.starts_at, offer.language, name, colour, zone, state
    )


class UnknownOffer(LookupError):
    pass


def release(gw: Gateway, installation_id: int, ref: str, *, waiting: bool = True) -> None:
    """The desktop could not book this accepted offer, or the customer no longer waits
    (``waiting`` false: the entry was removed or booked): drop its claim (the time may be
    accepted through another offer) and let its page say "taken" — with the promise of the
    waitlist only while they wait (once they no longer wait, for good). Repeating it changes
    nothing; another offer's claim of the time is never touched."""
    with gw.db.write() as s:
        # Locked, as the acceptance locks it: on PostgreSQL a release racing an acceptance
        # of this offer otherwise read "no claim" before the acceptance committed its
        # claim, and one of the two overwrote the other's state (an offer "ended" that
        # kept its claim for ever, or one "yours" the desktop had been told was released).
        offer = s.scalar(
            select(WaitlistOffer)
            .where(WaitlistOffer.installation_id == installation_id, WaitlistOffer.ref == ref)
            .with_for_update()
        )
        if offer is None:
            raise UnknownOffer(ref)
        claim = s.get(WaitlistClaim, (offer.installation_id, offer.slot))
        if claim is not None and claim.offer_id == offer.id:
            s.delete(claim)
        if offer.state != ENDED:
            # An entry that ended never waits again (the desktop never reopens one): a later
            # "waiting" is a stale word — another counter PC that read the entry before it
            # ended — and must not bring back the page's promise of the waitlist.
            offer.state = RELEASED if waiting else ENDED


def view(gw: Gateway, token: str) -> OfferView | None:
    """The page (GET): never changes anything. None: no such offer."""
    with gw.db.read() as s:
        offer = _offer(s, token)
        return None if offer is None else _view(s, offer, gw.clock())


def accept(gw: Gateway, token: str) -> OfferView | None:
    """Accept the offer (POST) if its time is still to be had; what the page says now."""
    now = gw.clock()
    with gw.db.write() as s:
        offer = _offer(s, token, lock=True)  # one acceptance or release of it at a time
        if offer is None:
            return None
        shown = _view(s, offer, now)
        if shown.state != OPEN:
            return shown  # theirs already, someone else's, gone, or begun: nothing changes
        try:
            with s.begin_nested():
                s.add(
                    WaitlistClaim(
                        installation_id=offer.installation_id,
                        slot=offer.slot,
                        offer_id=offer.id,
                        claimed_at=now,
                    )
                )
                s.flush()
        except IntegrityError:
            # Another acceptance of this time came first (perhaps this very offer's, in a
            # racing double POST): read what it wrote.
            s.refresh(offer)
            return _view(s, offer, now)
        offer.state, offer.accepted_at = ACCEPTED, now
        append_event(
            s,
            offer.installation_id,
            ACCEPTED_EVENT,
            now,
            customer_ref=offer.customer_ref,
            client_id=offer.ref,
            data={"offer_ref": offer.ref, "slot": offer.slot, "at": now.isoformat()},
        )
        return _view(s, offer, now)
