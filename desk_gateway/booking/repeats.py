"""A booking form sent twice: the same request, not a second one.

A browser posts the form again when the customer presses the button twice (the page has
no JavaScript to grey it out) or goes back and sends it once more. The first POST holds
the slot, so the second found it taken and came back 422 "this time is no longer free" —
the last page the browser shows, although the booking request had arrived: customers
picked another time and the salon got two requests. A submission identical to an open
request (same choice, same contact and note, same boxes, from the same address and
browser) is that request: it is answered as received again and stores nothing. Anything
that differs (another note, another browser) is a new request and finds the time taken.

The waitlist form the same: a wish sent twice became two ``waitlist.requested`` events and
two entries of one customer on the desktop (offered each freed time twice). A wish
identical to one sent in the last ``WISH_REPEAT_WINDOW`` is answered as received and
stored once. Its names are gone from the gateway as soon as the desktop has read it, so
the wish is recognised by a keyed hash of its fields kept with the request (no name or
address in it); after the window the same wish counts again (the salon may have taken
the customer off the list since).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from desk_gateway.booking.store import HELD
from desk_gateway.db.models import BookingHold, BookingRequest

# What differs between two sendings of one form by themselves.
_PER_SENDING = ("request_id", "submitted_at")
WISH_REPEAT_WINDOW = timedelta(minutes=10)
WISH_KEY = "repeat_key"  # in a wish's BookingRequest.data, never in its event


def _equals(column: InstrumentedAttribute[str | None], value: str | None) -> ColumnElement[bool]:
    return column.is_(None) if value is None else column == value


def _comparable(data: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key not in _PER_SENDING}


def same_open_request(
    s: Session,
    installation_id: int,
    starts_at: datetime,
    hashes: Mapping[str, str],
    data_for: Any,
    now: datetime,
) -> str | None:
    """The request_id of an open request this submission repeats, or None.

    ``data_for(hold)`` is the event data this submission would have had with that hold
    (its staff member and times): equal to the stored request's, apart from its id and
    moment, means the same form sent again. Call under the salon's lock."""
    holds = s.scalars(
        select(BookingHold).where(
            BookingHold.installation_id == installation_id,
            BookingHold.state == HELD,
            BookingHold.expires_at > now,
            BookingHold.starts_at == starts_at,
            _equals(BookingHold.email_hash, hashes.get("email")),
            _equals(BookingHold.phone_hash, hashes.get("phone")),
        )
    )
    for hold in holds:
        request = s.scalar(
            select(BookingRequest).where(
                BookingRequest.installation_id == installation_id,
                BookingRequest.request_id == hold.request_id,
            )
        )
        if request is not None and _comparable(request.data) == _comparable(data_for(hold)):
            return hold.request_id
    return None


def wish_key(secret_key: str, data: Mapping[str, Any]) -> str:
    """A keyed hash of a wish's fields (apart from its id and moment)."""
    text = json.dumps(_comparable(data), sort_keys=True, ensure_ascii=False)
    return hmac.new(bytes.fromhex(secret_key), text.encode(), hashlib.sha256).hexdigest()


def repeated_wish(s: Session, installation_id: int, key: str, now: datetime) -> bool:
    """True when the same wish was sent within ``WISH_REPEAT_WINDOW``. Call under the
    salon's lock, so that two sendings racing each other are decided one after the other."""
    recent = s.scalars(
        select(BookingRequest.data).where(
            BookingRequest.installation_id == installation_id,
            BookingRequest.created_at > now - WISH_REPEAT_WINDOW,
        )
    )
    return any(data.get(WISH_KEY) == key for data in recent)
