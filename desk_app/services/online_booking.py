"""Online booking on the desktop: the gateway's booking events, the "Online-Anfragen"
list and staff's decisions on it, and the outcomes the sync reports back.

The events are applied by ``apply_booking_event`` inside the sync's event transaction
(``gateway_events.apply_event``); the steps themselves are in ``online_intake``.

Who books (issue 12): a request the salon takes on its own (the event, applied by the
sync) is the customer booking on the salon's page, within what the owner opened to it
(the online switch, the treatments and staff offered online); no member acts, whoever's
window or unattended job happens to run the sync, so no member's rights are checked. A
request staff decide on (``book_request``, ``refuse_request``) is staff booking at the
counter: the member must be allowed to book, like ``BookingService``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.access import SHARED_COUNTER, Actor
from desk_app.domain.enums import OnlineRequestReason, OnlineRequestState, Permission
from desk_app.domain.errors import InvalidField, NotFound
from desk_app.gateway.port import GatewayEvent
from desk_app.services.access_guard import authorize
from desk_app.services.mapping import customer_row
from desk_app.services.messages import MessageTemplates
from desk_app.services.rows import CustomerRow, OnlineRequestRow, OutcomeToReport

REQUESTED = "booking.requested"
CANCELLED = "booking.cancelled"
CHANGE_REQUESTED = "booking.change_requested"
BOOKING_EVENTS = (REQUESTED, CANCELLED, CHANGE_REQUESTED)
OPEN_STATES = (OnlineRequestState.NEW.value, OnlineRequestState.WAITING.value)
# The steps (online_intake: booking rules, consent, messages, customer matching) are
# imported by the functions that take one: reading the list, which the window does at
# every start, does not need them.
# What the protocol's outcome says for each state and reason (the others mean nothing to
# the gateway: a cancelled booking was booked; a request waits without a reason).
_RESULTS = {
    OnlineRequestState.BOOKED.value: "booked",
    OnlineRequestState.CANCELLED.value: "booked",
    OnlineRequestState.REFUSED.value: "refused",
    OnlineRequestState.WAITING.value: "waiting",
}
_REPORTED_REASONS = {
    OnlineRequestReason.SLOT_TAKEN.value: "slot_taken",
    OnlineRequestReason.NOT_BOOKABLE.value: "not_bookable",
    OnlineRequestReason.OUTSIDE_HOURS.value: "not_bookable",
    OnlineRequestReason.STAFF_DECISION.value: "staff_decision",
}


def apply_booking_event(
    s: Session, event: GatewayEvent, templates: MessageTemplates, now: datetime
) -> None:
    """One booking event, in the caller's (the event's) transaction."""
    from desk_app.services.online_intake import (
        receive_booking,
        receive_cancellation,
        receive_change,
    )

    if event.type == REQUESTED:
        receive_booking(s, event.data, event.at, templates, now)
    elif event.type == CHANGE_REQUESTED:
        receive_change(s, event.data, event.at, templates, now)
    elif event.type == CANCELLED:
        receive_cancellation(s, event.data, templates, now)


class OnlineBookingService:
    def __init__(
        self, db: Database, clock: Callable[[], datetime], templates: MessageTemplates
    ) -> None:
        self._db = db
        self._clock = clock
        self._templates = templates

    def apply_event(self, s: Session, event: GatewayEvent) -> None:
        apply_booking_event(s, event, self._templates, self._clock())

    # ---- the list --------------------------------------------------------------------------
    def requests(self, open_only: bool = True) -> list[OnlineRequestRow]:
        """Requests, newest first; ``open_only``: those staff still have to decide."""
        query = select(m.OnlineRequest).order_by(m.OnlineRequest.id.desc())
        if open_only:
            query = query.where(m.OnlineRequest.state.in_(OPEN_STATES))
        with self._db.read() as s:
            return [_row(s, request) for request in s.scalars(query)]

    def recent(self, since: datetime) -> list[OnlineRequestRow]:
        """Every request received since ``since``, whatever became of it, newest first:
        the window's news and the recently refused ones, without reading the whole
        history on each look."""
        query = (
            select(m.OnlineRequest)
            .where(m.OnlineRequest.received_at >= since)
            .order_by(m.OnlineRequest.id.desc())
        )
        with self._db.read() as s:
            return [_row(s, request) for request in s.scalars(query)]

    def request(self, request_id: int) -> OnlineRequestRow:
        with self._db.read() as s:
            return _row(s, _request(s, request_id))

    def candidates(self, request_id: int) -> list[CustomerRow]:
        """The customers the request's addresses match (the picker's choices)."""
        from desk_app.services.online_matching import candidates

        with self._db.read() as s:
            data = _request(s, request_id).data
            email, phone = _text(data, "email") or None, _text(data, "phone") or None
            return [customer_row(c) for c in candidates(s, email, phone)]

    # ---- staff's decisions -----------------------------------------------------------------
    def book_request(
        self, request_id: int, customer_id: int | None, *, actor: Actor = SHARED_COUNTER
    ) -> OnlineRequestRow:
        """Book a waiting request for this customer (None: a new customer from the form);
        refused ``slot_taken`` if the time has gone meanwhile."""
        from desk_app.services.online_intake import decide_booking

        with self._db.write() as s:
            authorize(s, actor, Permission.BOOK)
            request = _open(s, request_id)
            if customer_id is not None and s.get(m.Customer, customer_id) is None:
                raise NotFound("customer", str(customer_id))
            decide_booking(
                s,
                request,
                self._templates,
                self._clock(),
                customer_id=customer_id,
                new_customer=customer_id is None,
            )
            return _row(s, request)

    def refuse_request(self, request_id: int, *, actor: Actor = SHARED_COUNTER) -> OnlineRequestRow:
        with self._db.write() as s:
            authorize(s, actor, Permission.BOOK)
            request = _open(s, request_id)
            request.state = OnlineRequestState.REFUSED.value
            request.reason = OnlineRequestReason.STAFF_DECISION.value
            request.decided_at = self._clock()
            request.outcome_reported = False
            return _row(s, request)

    # ---- for the sync ----------------------------------------------------------------------
    def unreported_outcomes(self) -> list[OutcomeToReport]:
        """Decisions the gateway has not been told about, oldest first."""
        with self._db.read() as s:
            rows = s.execute(
                select(m.OnlineRequest, m.Appointment.ref)
                .outerjoin(m.Appointment, m.Appointment.id == m.OnlineRequest.appointment_id)
                .where(
                    m.OnlineRequest.outcome_reported.is_(False),
                    m.OnlineRequest.state.in_(tuple(_RESULTS)),
                )
                .order_by(m.OnlineRequest.id)
            )
            return [
                OutcomeToReport(
                    request_id=request.request_id,
                    result=_RESULTS[request.state],
                    reason=_REPORTED_REASONS.get(request.reason or ""),
                    booking_ref=ref if _RESULTS[request.state] == "booked" else None,
                )
                for request, ref in rows
            ]

    def mark_reported(self, request_ids: Iterable[str]) -> None:
        wanted = list(request_ids)
        if not wanted:
            return
        with self._db.write() as s:
            for request in s.scalars(
                select(m.OnlineRequest).where(m.OnlineRequest.request_id.in_(wanted))
            ):
                request.outcome_reported = True


def _request(s: Session, request_id: int) -> m.OnlineRequest:
    request = s.get(m.OnlineRequest, request_id)
    if request is None:
        raise NotFound("online_request", str(request_id))
    return request


def _open(s: Session, request_id: int) -> m.OnlineRequest:
    from desk_app.services.online_intake import CHANGE

    request = _request(s, request_id)
    if request.state not in OPEN_STATES or request.kind == CHANGE:
        raise InvalidField("online_request", "already_decided", request.state)
    return request


def _row(s: Session, request: m.OnlineRequest) -> OnlineRequestRow:
    data = request.data or {}
    appointment = s.get(m.Appointment, request.appointment_id) if request.appointment_id else None
    treatment_id = data.get("treatment_id") or (appointment.service_id if appointment else None)
    treatment = s.get(m.Treatment, treatment_id) if isinstance(treatment_id, int) else None
    staff_id = data.get("staff_id")
    staff = s.get(m.Staff, staff_id) if isinstance(staff_id, int) else None
    customer = s.get(m.Customer, request.customer_id) if request.customer_id else None
    consent = data.get("consent")
    return OnlineRequestRow(
        id=request.id,
        request_id=request.request_id,
        kind=request.kind,
        received_at=request.received_at,
        state=request.state,
        reason=request.reason,
        first_name=_text(data, "first_name") or (customer.first_name if customer else ""),
        last_name=_text(data, "last_name") or (customer.last_name if customer else ""),
        email=_text(data, "email") or None,
        phone=_text(data, "phone") or None,
        treatment_name=treatment.name if treatment else "",
        staff_name=staff.name if staff else "",
        starts_at=_time(data, "starts_at"),
        ends_at=_time(data, "ends_at"),
        note=_text(data, "note"),
        appointment_id=request.appointment_id,
        customer_id=request.customer_id,
        consent_channels=tuple(
            sorted(k for k, v in consent.items() if v) if isinstance(consent, dict) else ()
        ),
    )


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""


def _time(data: dict[str, Any], key: str) -> datetime | None:
    value = data.get(key)
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
