"""The manage page's logic (/m/{token}): the customer sees the booking and, before its
``cancel_until``, cancels it or asks for another time.

GET only reads. A POST tells the desktop through an event (``booking.cancelled``,
``booking.change_requested``) and notes what was asked on the booking, so that repeating
the POST (a double click, a reload) asks nothing twice. A change takes its new slot with
the booking page's ``hold_slot`` (nobody else gets it meanwhile) and is a booking request
of its own, which the desktop answers through the same outcome endpoint; a refused change
leaves the booking as it was, and the customer may choose again.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_gateway.booking import store
from desk_gateway.booking.form import parse_day, parse_int, parse_start
from desk_gateway.booking.schemas import Treatment
from desk_gateway.context import Gateway
from desk_gateway.db.models import Booking, BookingRequest, Installation
from desk_gateway.events import append_event
from desk_gateway.tokens import sha256_hex

BOOKED, CANCELLED = "booked", "cancelled"
CANCEL_REQUESTED, CHANGE_REQUESTED = "cancel_requested", "change_requested"
CANCELLED_EVENT = "booking.cancelled"
CHANGE_EVENT = "booking.change_requested"
ANY = "any"
DEFAULT_ZONE = "Europe/Berlin"


@dataclass(frozen=True)
class ChangeStep:
    """The free times of the booking's treatment: with its staff member or anyone."""

    treatment: Treatment
    staff_id: int | None  # None: any staff member
    own_staff_id: int | None  # the booking's staff member, if the treatment has them
    days: list[date]
    day: date | None
    starts: list[store.Start]


@dataclass(frozen=True)
class ManageView:
    ref: str
    treatment: str
    staff: str
    starts_at: datetime
    cancel_until: datetime
    state: str  # booked | cancelled | cancel_requested | change_requested
    language: str
    salon_name: str
    colour: str
    phone: str
    zone: ZoneInfo
    open: bool  # may still be cancelled or moved online
    can_move: bool  # open, and the salon publishes free times for the treatment
    change_starts_at: datetime | None
    notice: str | None = None  # what just happened (see manage_pages.NOTICES)
    step: ChangeStep | None = None


def _booking(s: Session, token: str, *, lock: bool = False) -> Booking | None:
    if not token or len(token) > 100:
        return None
    query = select(Booking).where(Booking.token_hash == sha256_hex(token))
    return s.scalar(query.with_for_update() if lock else query)


def _change_refused(s: Session, booking: Booking) -> bool:
    """The desktop refused the change asked for: the booking stands as it was."""
    if booking.state != CHANGE_REQUESTED or booking.change_request_id is None:
        return False
    outcome = s.scalar(
        select(BookingRequest.outcome).where(
            BookingRequest.installation_id == booking.installation_id,
            BookingRequest.request_id == booking.change_request_id,
        )
    )
    return outcome == "refused"


def _treatment(site: store.Site, booking: Booking) -> Treatment | None:
    snapshot = site.snapshot
    if booking.treatment_id is not None:
        found = snapshot.treatment(booking.treatment_id)
        if found is not None:
            return found
    return next((t for t in snapshot.treatments if t.name == booking.treatment), None)


def _own_staff(site: store.Site, booking: Booking, treatment: Treatment) -> int | None:
    staff_id = booking.staff_id
    if staff_id is None:
        staff_id = next((m.id for m in site.snapshot.staff if m.name == booking.staff), None)
    return staff_id if staff_id in treatment.staff_ids else None


def _view(s: Session, booking: Booking, now: datetime, notice: str | None = None) -> ManageView:
    site = store.site_of(s, booking.installation_id)
    state = BOOKED if _change_refused(s, booking) else booking.state
    open_ = state in (BOOKED, CHANGE_REQUESTED) and now < booking.cancel_until
    treatment = _treatment(site, booking) if site is not None else None
    if site is not None:
        salon = site.snapshot.salon
        name, colour, phone, zone = salon.name, salon.colour, salon.phone, site.zone
    else:  # the salon publishes no page (any more): the booking is still theirs
        installation = s.get(Installation, booking.installation_id)
        name = installation.name if installation else ""
        colour, phone, zone = "", "", ZoneInfo(DEFAULT_ZONE)
    return ManageView(
        ref=booking.ref,
        treatment=booking.treatment,
        staff=booking.staff,
        starts_at=booking.starts_at,
        cancel_until=booking.cancel_until,
        state=state,
        language=booking.language,
        salon_name=name,
        colour=colour,
        phone=phone,
        zone=zone,
        open=open_,
        # One change at a time: a second waits until the salon answered the first.
        can_move=open_
        and state == BOOKED
        and treatment is not None
        and bool(site and site.snapshot.enabled),
        change_starts_at=booking.change_starts_at if state == CHANGE_REQUESTED else None,
        notice=notice,
    )


def _step(
    s: Session, booking: Booking, now: datetime, staff_raw: str, day_raw: str
) -> ChangeStep | None:
    site = store.site_of(s, booking.installation_id)
    if site is None or not site.snapshot.enabled:
        return None
    treatment = _treatment(site, booking)
    if treatment is None:
        return None
    own = _own_staff(site, booking, treatment)
    chosen = parse_int(staff_raw) if staff_raw and staff_raw != ANY else None
    staff_id = chosen if chosen in treatment.staff_ids else None
    if not staff_raw and own is not None:
        staff_id = own  # first the same staff member; "any" is one click away
    days = store.free_days(s, site, treatment, staff_id, now)
    day = parse_day(day_raw)
    if day not in days:
        day = days[0] if days else None
    starts = store.free_starts(s, site, treatment, staff_id, now, day) if day else []
    return ChangeStep(treatment, staff_id, own, days, day, starts)


# ---- reading ----------------------------------------------------------------------------------
def view(
    gw: Gateway, token: str, change: bool = False, staff: str = "", day: str = ""
) -> ManageView | None:
    """The page (GET); with ``change``, the free times to move to. None: no such booking."""
    now = gw.clock()
    with gw.db.read() as s:
        booking = _booking(s, token)
        if booking is None:
            return None
        shown = _view(s, booking, now)
        if change and shown.can_move:
            return _with_step(shown, _step(s, booking, now, staff, day))
        return shown


def _with_step(shown: ManageView, step: ChangeStep | None) -> ManageView:
    return replace(shown, step=step)


# ---- asking -----------------------------------------------------------------------------------
def cancel(gw: Gateway, token: str) -> ManageView | None:
    """Tell the salon the customer cancels (once); after the deadline nothing happens and
    the page says to call."""
    now = gw.clock()
    with gw.db.write() as s:
        booking = _booking(s, token, lock=True)
        if booking is None:
            return None
        if booking.state == CANCEL_REQUESTED:
            return _view(s, booking, now, "cancel_requested")
        if booking.state not in (BOOKED, CHANGE_REQUESTED) or now >= booking.cancel_until:
            return _view(s, booking, now)
        if booking.state == CHANGE_REQUESTED and booking.change_request_id:
            _release_change(s, booking, now)
        booking.state, booking.updated_at = CANCEL_REQUESTED, now
        append_event(
            s,
            booking.installation_id,
            CANCELLED_EVENT,
            now,
            customer_ref=booking.customer_ref,
            data={"booking_ref": booking.ref, "at": now.isoformat()},
        )
        return _view(s, booking, now, "cancel_requested")


def _release_change(s: Session, booking: Booking, now: datetime) -> None:
    """A cancelled booking needs no new time: the slot held for its change is free again."""
    store.lock_site(s, booking.installation_id)
    hold = store.hold_of(s, booking.installation_id, booking.change_request_id or "")
    if hold is not None and hold.state == store.HELD:
        hold.state, hold.decided_at = store.RELEASED, now


def change(gw: Gateway, token: str, start_raw: str, staff_raw: str = "") -> ManageView | None:
    """Hold the chosen time and ask the salon to move the booking there (once per time)."""
    now = gw.clock()
    start = parse_start(start_raw)
    with gw.db.write() as s:
        booking = _booking(s, token, lock=True)
        if booking is None:
            return None
        shown = _view(s, booking, now)
        if shown.state == CHANGE_REQUESTED and start and booking.change_starts_at == start:
            return replace(shown, notice="change_requested")  # the same POST again
        if not shown.can_move:
            return shown
        site = store.site_of(s, booking.installation_id)
        assert site is not None  # (can_move)
        treatment = _treatment(site, booking)
        assert treatment is not None
        chosen = parse_int(staff_raw) if staff_raw and staff_raw != ANY else None
        staff_id = chosen if chosen in treatment.staff_ids else None
        request_id = str(uuid.uuid4())
        hold = None
        if start is not None:
            hold_for = timedelta(hours=gw.config.booking_hold_hours)
            hold = store.hold_slot(s, site, treatment, staff_id, start, now, request_id, hold_for)
        if hold is None:
            step = _step(s, booking, now, staff_raw or ANY, "")
            return _with_step(_view(s, booking, now, "start_taken"), step)
        data = {
            "booking_ref": booking.ref,
            "request_id": request_id,
            "staff_id": hold.staff_id,
            "starts_at": hold.starts_at.isoformat(),
            "ends_at": hold.ends_at.isoformat(),
        }
        # A booking request of its own: the desktop answers it like any other.
        s.add(
            BookingRequest(
                installation_id=booking.installation_id,
                request_id=request_id,
                public_name=site.public_name,
                data={"kind": "change", **data},
                created_at=now,
            )
        )
        booking.state, booking.updated_at = CHANGE_REQUESTED, now
        booking.change_request_id, booking.change_starts_at = request_id, hold.starts_at
        append_event(
            s,
            booking.installation_id,
            CHANGE_EVENT,
            now,
            customer_ref=booking.customer_ref,
            client_id=request_id,
            data=data,
        )
        return _view(s, booking, now, "change_requested")
