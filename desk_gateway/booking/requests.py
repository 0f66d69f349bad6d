"""The desktop's answer to an online request (POST /v1/booking-requests/{id}/outcome).

``booked``: the hold becomes the booking (it keeps the slot until a snapshot computed after
this moment shows the appointment); ``refused``: the hold is released and the customer is
told, with a link back to the page; ``waiting``: staff decide later, the hold stays. After a
final outcome (booked, refused) the gateway keeps nothing personal about the request: the
names, addresses, note, IP and user agent go from the request and from its event.
Repeating an outcome is answered the same; a different one after a final one is refused.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desk_gateway.booking.formats import when_label
from desk_gateway.booking.schemas import Outcome
from desk_gateway.booking.store import BOOKED, HELD, RELEASED, hold_of, lock_site, site_of
from desk_gateway.booking.submit import EVENT_TYPE
from desk_gateway.booking.texts import REFUSAL_SMS, REFUSAL_SUBJECT, REFUSAL_TEXT
from desk_gateway.booking.waitlist import EVENT_TYPE as WAITLIST_EVENT
from desk_gateway.booking.waitlist import WAITLIST_KIND
from desk_gateway.context import Gateway
from desk_gateway.db.models import BookingRequest, Event, Message
from desk_gateway.enforcement import Facts, channel_available, refusal
from desk_gateway.events import append_event
from desk_gateway.intake import suppression_reason
from desk_gateway.suppressions import blocks as suppression_blocks
from desk_gateway.texts import pick

FINAL = ("booked", "refused")
# The events that carry a page's personal fields to the desktop.
REQUEST_EVENTS = (EVENT_TYPE, WAITLIST_EVENT)
PERSONAL = ("first_name", "last_name", "email", "phone", "note", "ip", "user_agent")
# A request the desktop never answered finally keeps the customer's details this long (for
# the refusal message), then loses them like an answered one.
UNANSWERED_KEPT = timedelta(days=30)
REFUSAL_PREFIX = "booking-refused:"


class UnknownRequest(Exception):
    pass


class OutcomeFinal(Exception):
    """A different final outcome was given before."""


def record_outcome(
    gw: Gateway, installation_id: int, request_id: str, outcome: Outcome
) -> dict[str, Any]:
    now = gw.clock()
    answer = {"request_id": request_id, "result": outcome.result}
    with gw.db.write() as s:
        lock_site(s, installation_id)  # the same lock as holding a slot
        request = s.scalar(
            select(BookingRequest)
            .where(
                BookingRequest.installation_id == installation_id,
                BookingRequest.request_id == request_id,
            )
            .with_for_update()
        )
        # A waitlist wish is no booking request: it has no outcome to record (a "refused"
        # would send a booking refusal to someone who only asked to wait).
        if request is None or request.data.get("kind") == WAITLIST_KIND:
            raise UnknownRequest(request_id)
        if request.outcome == outcome.result:
            return answer
        if request.outcome in FINAL:
            raise OutcomeFinal(request.outcome)
        request.outcome = outcome.result
        request.reason = outcome.reason
        request.decided_at = now
        hold = hold_of(s, installation_id, request_id)
        if outcome.result == "booked":
            request.booking_ref = outcome.booking_ref
            if hold is not None:
                hold.state, hold.decided_at = BOOKED, now
        elif outcome.result == "refused":
            if hold is not None and hold.state in (HELD, BOOKED):
                hold.state, hold.decided_at = RELEASED, now
            _tell_customer(gw, s, request, now)
        if outcome.result in FINAL:
            purge(s, request)
    return answer


def purge(s: Session, request: BookingRequest) -> None:
    """The request's personal fields, gone from its row and from its event (a booking's
    or a waitlist wish's: ``booking.waitlist`` keeps its wishes as requests too)."""
    request.data = without_personal(request.data)
    event = s.scalar(
        select(Event).where(
            Event.installation_id == request.installation_id,
            Event.type.in_(REQUEST_EVENTS),
            Event.client_id == request.request_id,
        )
    )
    if event is not None:
        event.data = without_personal(event.data)


def purge_unanswered(s: Session, installation_id: int | None, now: datetime) -> int:
    """Purge the requests without a final outcome older than ``UNANSWERED_KEPT`` (of one
    installation, or of all with None); returns how many were purged (each at most once:
    a purged one has no name left)."""
    query = select(BookingRequest).where(
        or_(BookingRequest.outcome.is_(None), BookingRequest.outcome.not_in(FINAL)),
        BookingRequest.created_at < now - UNANSWERED_KEPT,
    )
    if installation_id is not None:
        query = query.where(BookingRequest.installation_id == installation_id)
    stale = s.scalars(query)
    purged = 0
    for request in stale:
        if any(request.data.get(key) is not None for key in PERSONAL):
            purge(s, request)
            purged += 1
    return purged


# A refusal's address and text are kept only until it went out (or could not).
_DONE = ("sent", "delivered", "failed", "bounced", "rejected", "expired")


def forget_refusals(s: Session) -> int:
    """Blank the address and text of the refusal messages the gateway wrote itself once
    they are done: they belong to no customer a desktop could ever name in
    an erasure, so nothing else would ever remove them. Returns how many."""
    done = s.scalars(
        select(Message).where(
            Message.client_id.startswith(REFUSAL_PREFIX),
            Message.to_address.is_not(None),
            Message.status.in_(_DONE),
        )
    )
    forgotten = 0
    for message in done:
        message.to_address, message.text, message.subject = None, None, ""
        forgotten += 1
    return forgotten


def forget_personal_data(s: Session, now: datetime) -> int:
    """The gateway's retention for online booking, run by the delivery worker whether or
    not any salon still publishes: unanswered requests after 30 days, refusals once done."""
    return purge_unanswered(s, None, now) + forget_refusals(s)


def without_personal(data: dict[str, Any]) -> dict[str, Any]:
    return {key: (None if key in PERSONAL else value) for key, value in data.items()}


def _tell_customer(gw: Gateway, s: Session, request: BookingRequest, now: datetime) -> None:
    """The refusal as a transactional message: email if given, else SMS; in the request's
    language, with the link to choose another time."""
    data = request.data
    email, phone = data.get("email"), data.get("phone")
    channel, to = ("email", email) if email else ("sms", phone)
    if not isinstance(to, str) or not to:
        return
    site = site_of(s, request.installation_id)
    language = "en" if data.get("language") == "en" else "de"
    salon = site.snapshot.salon.name if site else ""
    when = ""
    if site is not None and isinstance(data.get("starts_at"), str):
        when = when_label(datetime.fromisoformat(data["starts_at"]), site.zone, language)
    book_url = gw.config.link(f"/book/{request.public_name}?lang={language}")
    # "$" out of the name: it must not become a placeholder of the gateway.
    name = str(data.get("first_name") or "").replace("$", "")
    template = REFUSAL_SMS if channel == "sms" else REFUSAL_TEXT
    text = (
        pick(template, language)
        .replace("$book_url", book_url)
        .replace("$when", when)
        .replace("$salon", salon or "Salon")
        .replace("$name", name)
    )
    subject = (
        ""
        if channel == "sms"
        else pick(REFUSAL_SUBJECT, language).replace("$salon", salon or "Salon")
    )
    client_id = (REFUSAL_PREFIX + request.request_id)[:64]
    code = refusal(
        Facts(
            category="transactional",
            channel=channel,
            address=to,
            opted_out=False,
            suppressed=suppression_blocks(
                suppression_reason(gw, s, request.installation_id, to), "transactional"
            ),
            basis_confirmed=False,
            not_after=None,
            channel_available=channel_available(gw.config, channel),
        ),
        now,
    )
    s.add(
        Message(
            installation_id=request.installation_id,
            client_id=client_id,
            channel=channel,
            category="transactional",
            # The request stands for the customer the gateway does not know.
            customer_ref=request.request_id[:36],
            to_address=to,
            subject=subject[:250],
            text=text,
            language=language,
            sender_name=salon[:40] or None,
            status="rejected" if code else "accepted",
            first_result="rejected" if code else "accepted",
            reject_code=code,
            next_attempt_at=now,
        )
    )
    s.flush()
    append_event(
        s,
        request.installation_id,
        "message.rejected" if code else "message.accepted",
        now,
        customer_ref=request.request_id[:36],
        client_id=client_id,
        channel=channel,
        data={"code": code} if code else {},
    )
