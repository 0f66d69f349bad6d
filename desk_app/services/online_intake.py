"""Applying the booking page's events inside the gateway event's transaction.

``booking.requested``: the request is stored once (by its request_id: an event applied
twice changes nothing), checked against the current catalogue, matched to a customer
(or waits for staff when two match), then booked through the counter's own code path
(``booking_slots``) in a savepoint: a slot taken meanwhile refuses the request and
rolls back only what the booking wrote, never the event's other work. A ticked box
records a ``declared`` consent with the submission's evidence and puts its confirmation
link into the booking confirmation on that channel (the consent request is queued first,
``carried_by`` the confirmation).

``booking.change_requested`` moves the booking the same way; ``booking.cancelled``
cancels it. Every decision leaves ``outcome_reported`` False for the sync to report.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.enums import (
    AppointmentStatus,
    BookingSource,
    Channel,
    ConsentSource,
    ConsentState,
    OnlineRequestReason,
    OnlineRequestState,
)
from desk_app.domain.errors import (
    BookingConflict,
    OutsideOpeningHours,
    OutsideStaffHours,
    SalonClosed,
    StaffUnavailable,
)
from desk_app.domain.statements import ConsentStatement
from desk_app.services.booking_messages import CONFIRMATION, announce_move, queue_booking_message
from desk_app.services.booking_slots import (
    BookingRequest,
    change_status,
    move_appointment,
    place_appointment,
)
from desk_app.services.consent import declare_channel, store_statement
from desk_app.services.consent_addresses import locked_customer, unreachable
from desk_app.services.consent_request import ConsentRequestPayload
from desk_app.services.messages import MessageTemplates
from desk_app.services.online_matching import (
    candidates,
    complete_addresses,
    create_customer,
    submitted_address_is_theirs,
)
from desk_app.services.online_submission import (
    REF_MAX,
    REQUEST_ID_MAX,
    BookingSubmission,
    ChangeSubmission,
    InvalidSubmission,
    clean_id,
)
from desk_app.services.recipients import (
    best_transactional_channel,
    consent_status,
    usable_address,
)

log = logging.getLogger(__name__)

BOOKING, CHANGE = "booking", "change"
# The slot is gone (another booking, an absence that was entered meanwhile).
_TAKEN = (BookingConflict, StaffUnavailable, IntegrityError)
# Outside the salon's or the staff member's hours, or a closed day (entered meanwhile).
_OUTSIDE_HOURS = (OutsideOpeningHours, OutsideStaffHours, SalonClosed)


# ---- booking.requested -----------------------------------------------------------------------
def receive_booking(
    s: Session, data: Mapping[str, Any], at: datetime, templates: MessageTemplates, now: datetime
) -> None:
    request = _new_request(s, data, BOOKING, at)
    if request is None:
        return
    try:
        submission = BookingSubmission.from_event(data)
    except InvalidSubmission as exc:
        log.warning("online request %s refused: %s", request.request_id, exc)
        request.data = {"invalid": exc.field}
        _decide(request, OnlineRequestState.REFUSED, OnlineRequestReason.NOT_BOOKABLE, now)
        return
    request.data = submission.to_json()
    s.flush()
    decide_booking(s, request, templates, now)


def decide_booking(
    s: Session,
    request: m.OnlineRequest,
    templates: MessageTemplates,
    now: datetime,
    customer_id: int | None = None,
    new_customer: bool = False,
) -> None:
    """Book the request, or say why not. ``customer_id`` (staff's choice) or
    ``new_customer`` (staff: "a new customer") decide who it is for; otherwise the
    submitted addresses do (one match: them; none: a new customer; more: it waits)."""
    submission = BookingSubmission.from_event(request.data)
    if not _bookable(s, submission):
        _decide(request, OnlineRequestState.REFUSED, OnlineRequestReason.NOT_BOOKABLE, now)
        return
    customer: m.Customer | None = None
    if customer_id is not None:
        customer = s.get(m.Customer, customer_id)
    elif not new_customer:
        found = candidates(s, submission.email, submission.phone)
        if len(found) > 1:
            _decide(request, OnlineRequestState.WAITING, OnlineRequestReason.TWO_CANDIDATES, now)
            return
        customer = found[0] if found else None
    request.customer_id = customer.id if customer is not None else None
    try:
        with s.begin_nested():
            if customer is None:
                customer = create_customer(s, submission)
            else:
                complete_addresses(s, customer, submission)
            appointment = _book(s, request, submission, customer, templates, now)
    except _TAKEN:
        _decide(request, OnlineRequestState.REFUSED, OnlineRequestReason.SLOT_TAKEN, now)
        return
    except _OUTSIDE_HOURS:
        _decide(request, OnlineRequestState.REFUSED, OnlineRequestReason.OUTSIDE_HOURS, now)
        return
    request.customer_id, request.appointment_id = customer.id, appointment.id
    _decide(request, OnlineRequestState.BOOKED, None, now)


def _bookable(s: Session, submission: BookingSubmission) -> bool:
    treatment = s.get(m.Treatment, submission.treatment_id)
    staff = s.get(m.Staff, submission.staff_id)
    return (
        treatment is not None
        and treatment.active
        and treatment.online
        and staff is not None
        and staff.active
        and staff.online
    )


def _book(
    s: Session,
    request: m.OnlineRequest,
    submission: BookingSubmission,
    customer: m.Customer,
    templates: MessageTemplates,
    now: datetime,
) -> m.Appointment:
    # A customer who objected earlier decides for this booking on the page (DESIGN.md 2);
    # everyone else gets the default.
    objected = consent_status(s, customer.id, now).objected
    appointment = place_appointment(
        s,
        BookingRequest(
            customer_id=customer.id,
            staff_id=submission.staff_id,
            service_id=submission.treatment_id,
            starts_at=submission.starts_at,
            minutes=submission.minutes,
            notify=submission.notify_after_objection if objected else None,
            source=BookingSource.ONLINE,
            note=submission.note,
        ),
        submission.note,
        now,
    )
    appointment.online_request_id = request.request_id
    carriers = _declare_ticked(s, customer, submission, now)
    channels = [c for c in (best_transactional_channel(customer),) if c is not None]
    channels += [c for c in carriers if c not in channels]
    for channel in channels:
        carrier = carriers.get(channel)
        sent = queue_booking_message(
            s,
            templates,
            CONFIRMATION,
            appointment,
            now,
            channel=channel,
            consent_link=carrier is not None,
            client_id=carrier[1] if carrier else None,
        )
        if carrier is not None and sent is None:
            _carried_by_nothing(s, carrier[0])
    return appointment


def _declare_ticked(
    s: Session, customer: m.Customer, submission: BookingSubmission, now: datetime
) -> dict[Channel, tuple[str, str]]:
    """A ``declared`` entry per ticked box (unless that consent is confirmed already, or
    a request for it still waits for the click: one request per declaration, the first
    one is the link to click), with the statement exactly as shown and the submission's
    IP and user agent; its request is queued to travel in the confirmation. Channel →
    (request's client_id, the confirmation's client_id to be)."""
    if not any(submission.consent.values()):
        return {}
    # Locked as staff's ``declare`` locks it: a declaration at a counter PC in the same
    # moment is either seen here as pending, or sees this one. (Flushed first: the fresh
    # read must not drop what this transaction changed on the customer.)
    s.flush()
    customer = locked_customer(s, customer.id)
    status = consent_status(s, customer.id, now)
    carriers: dict[Channel, tuple[str, str]] = {}
    for channel, shown in submission.consent.items():
        if not submitted_address_is_theirs(customer, channel, submission):
            continue
        if not usable_address(customer, channel) or unreachable(s, customer, channel):
            continue
        if status.state(channel) in (ConsentState.CONFIRMED, ConsentState.PENDING):
            continue
        statement = ConsentStatement(shown.version, submission.language, shown.text)
        store_statement(s, statement)
        confirmation_id = m.new_ref()
        declared = declare_channel(
            s,
            customer,
            channel,
            ConsentSource.ONLINE_BOOKING,
            None,
            statement,
            now,
            ip=submission.ip,
            user_agent=submission.user_agent,
            carried_by=confirmation_id,
        )
        carriers[channel] = (declared.outbox_client_id, confirmation_id)
    return carriers


def _carried_by_nothing(s: Session, request_client_id: str) -> None:
    """No confirmation went out on that channel (notify off, confirmations switched
    off): the consent request goes with a message of its own after all."""
    message = s.scalar(
        select(m.OutboxMessage).where(m.OutboxMessage.client_id == request_client_id)
    )
    assert message is not None
    payload = ConsentRequestPayload.from_json(message.payload)
    message.payload = dataclasses.replace(payload, carried_by=None).to_json()


# ---- booking.change_requested ----------------------------------------------------------------
def receive_change(
    s: Session, data: Mapping[str, Any], at: datetime, templates: MessageTemplates, now: datetime
) -> None:
    request = _new_request(s, data, CHANGE, at)
    if request is None:
        return
    try:
        change = ChangeSubmission.from_event(data)
    except InvalidSubmission as exc:
        log.warning("online change %s refused: %s", request.request_id, exc)
        request.data = {"invalid": exc.field}
        _decide(request, OnlineRequestState.REFUSED, OnlineRequestReason.NOT_BOOKABLE, now)
        return
    request.data = change.to_json()
    appointment = _appointment(s, change.booking_ref)
    staff = s.get(m.Staff, change.staff_id)
    if (
        appointment is None
        or appointment.status != AppointmentStatus.BOOKED.value
        or staff is None
        or not (staff.active and staff.online)
    ):
        _decide(request, OnlineRequestState.REFUSED, OnlineRequestReason.NOT_BOOKABLE, now)
        return
    request.customer_id, request.appointment_id = appointment.customer_id, appointment.id
    try:
        with s.begin_nested():
            move_appointment(
                s,
                appointment,
                change.starts_at,
                change.staff_id,
                change.minutes,
                override=False,
                now=now,
            )
            announce_move(s, templates, appointment, now)
    except _TAKEN:
        _decide(request, OnlineRequestState.REFUSED, OnlineRequestReason.SLOT_TAKEN, now)
        return
    except _OUTSIDE_HOURS:
        _decide(request, OnlineRequestState.REFUSED, OnlineRequestReason.OUTSIDE_HOURS, now)
        return
    _decide(request, OnlineRequestState.BOOKED, None, now)


# ---- booking.cancelled -----------------------------------------------------------------------
def receive_cancellation(
    s: Session, data: Mapping[str, Any], templates: MessageTemplates, now: datetime
) -> None:
    """The customer cancelled on the manage page: the booking is cancelled (with the
    usual cancellation message) if it is still booked; a repeat changes nothing."""
    ref = clean_id(data.get("booking_ref"), REF_MAX)
    appointment = _appointment(s, ref) if ref else None
    if appointment is None or appointment.status != AppointmentStatus.BOOKED.value:
        return
    change_status(s, appointment, AppointmentStatus.CANCELLED, templates, now)
    requests = s.scalars(
        select(m.OnlineRequest).where(
            m.OnlineRequest.appointment_id == appointment.id,
            m.OnlineRequest.state == OnlineRequestState.BOOKED.value,
        )
    )
    for request in requests:
        request.state = OnlineRequestState.CANCELLED.value


# ---- helpers ---------------------------------------------------------------------------------
def _new_request(
    s: Session, data: Mapping[str, Any], kind: str, at: datetime
) -> m.OnlineRequest | None:
    """The stored request, or None when the event carries no usable request_id or was
    applied before."""
    request_id = clean_id(data.get("request_id"), REQUEST_ID_MAX)
    if request_id is None:
        log.warning("online %s event without a usable request_id skipped", kind)
        return None
    taken = s.scalar(select(m.OnlineRequest.id).where(m.OnlineRequest.request_id == request_id))
    if taken is not None:
        return None
    request = m.OnlineRequest(
        request_id=request_id,
        kind=kind,
        received_at=at,
        data={},
        state=OnlineRequestState.NEW.value,
        outcome_reported=False,
    )
    s.add(request)
    s.flush()
    return request


def _appointment(s: Session, ref: str) -> m.Appointment | None:
    return s.scalar(select(m.Appointment).where(m.Appointment.ref == ref))


def _decide(
    request: m.OnlineRequest,
    state: OnlineRequestState,
    reason: OnlineRequestReason | None,
    now: datetime,
) -> None:
    request.state = state.value
    request.reason = reason.value if reason else None
    request.decided_at = now
    request.outcome_reported = False  # the next sync tells the gateway
