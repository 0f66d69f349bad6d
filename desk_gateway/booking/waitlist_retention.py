"""A waitlist wish's names and addresses leave the gateway once the desktop has applied
its ``waitlist.requested`` event (the unanswered ones after 30 days go with the booking
requests, ``requests.purge_unanswered``).

A desktop applies a page of events in one transaction with its cursor and then asks for
the events after it: ``GET /v1/events?after=N`` says every event up to N is applied. A
page holds at most ``EVENTS_PAGE_MAX`` events of a gap-free log, so the wishes it can
have carried lie in the last ``EVENTS_PAGE_MAX`` seqs up to N: only those are looked at
(by the primary key), and written only when one still has a name.
"""

from __future__ import annotations

from sqlalchemy import select

from desk_gateway.booking.requests import PERSONAL, without_personal
from desk_gateway.booking.waitlist import EVENT_TYPE
from desk_gateway.context import Gateway
from desk_gateway.db.models import BookingRequest, Event

EVENTS_PAGE_MAX = 500  # GET /v1/events: the largest ``limit``


def _named(data: dict[str, object]) -> bool:
    return any(data.get(key) is not None for key in PERSONAL)


def forget_applied_wishes(gw: Gateway, installation_id: int, after: int) -> int:
    """Purge the wishes among the events up to ``after`` (the desktop's cursor); returns
    how many were purged."""
    if after <= 0:
        return 0
    window = (
        Event.installation_id == installation_id,
        Event.seq > after - EVENTS_PAGE_MAX,
        Event.seq <= after,
        Event.type == EVENT_TYPE,
    )
    with gw.db.read() as s:
        if not any(_named(data) for data in s.scalars(select(Event.data).where(*window))):
            return 0
    purged = 0
    with gw.db.write() as s:
        for event in s.scalars(select(Event).where(*window)):
            if not _named(event.data):
                continue
            event.data = without_personal(event.data)
            purged += 1
            request = s.scalar(
                select(BookingRequest).where(
                    BookingRequest.installation_id == installation_id,
                    BookingRequest.request_id == event.client_id,
                )
            )
            if request is not None:
                request.data = without_personal(request.data)
    return purged
