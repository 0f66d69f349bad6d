"""The desktop's view of the gateway: plain data and one Protocol (protocol v1).

Services depend on ``GatewayPort``; the real ``GatewayClient`` speaks HTTP, tests may
use a recording fake. Field names follow docs/gateway-protocol-v1.md.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol


@dataclass(frozen=True)
class OutgoingMessage:
    client_id: str
    channel: str
    category: str
    to: str
    text: str
    customer_ref: str
    subject: str = ""
    basis_ref: str | None = None
    not_before: datetime | None = None
    not_after: datetime | None = None
    language: str = "de"
    # Email: the From display name; SMS: the sender (the gateway checks it). None: the
    # gateway's own default.
    sender_name: str | None = None
    # A message about a booking: what the gateway keeps for the customer's manage page
    # (``$manage_url``), protocol "Messages about a booking". None: not about a booking.
    booking: Mapping[str, Any] | None = None
    attachments: tuple[Attachment, ...] = ()
    # A waitlist offer: the freed time the gateway's offer page (``$offer_url``) shows
    # and lets be accepted once (protocol "Waitlist offers"). None: not an offer.
    offer: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class Attachment:
    """A text attachment of an email (the booking's calendar file)."""

    filename: str
    content_type: str
    text: str


@dataclass(frozen=True)
class ConsentRequest:
    request_id: str
    customer_ref: str
    channel: str
    address: str
    statement_version: str
    statement_text: str
    source_kind: str
    declared_at: datetime
    staff: str | None = None
    language: str = "de"
    salon_name: str = ""
    message_subject: str | None = None
    message_text: str | None = None  # contains $confirm_url
    # The link travels inside this message (the booking confirmation) instead of a
    # message of its own.
    carried_by: str | None = None
    # Evidence of an online declaration: the submission's address and browser.
    ip: str | None = None
    user_agent: str | None = None


@dataclass(frozen=True)
class ItemResult:
    """``result``: accepted, duplicate or rejected. For a duplicate, ``first_result`` and
    ``code`` describe what happened the first time."""

    key: str  # client_id or request_id
    result: str
    code: str | None = None
    first_result: str | None = None
    status: str | None = None  # for a duplicate: where the message stands now

    @property
    def effective(self) -> str:
        """accepted or rejected, also for duplicates."""
        if self.result == "duplicate" and self.first_result:
            return self.first_result
        return self.result


@dataclass(frozen=True)
class GatewayEvent:
    seq: int
    type: str
    at: datetime
    customer_ref: str | None = None
    client_id: str | None = None
    channel: str | None = None
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class EventPage:
    events: Sequence[GatewayEvent]
    last_seq: int


@dataclass(frozen=True)
class TransportHealth:
    """One transport (email, sms) as ``GET /v1/status`` reports it.

    ``state``: ok, failing, unavailable (not configured at the gateway); ``error``: a
    code (auth_failed, connection_failed, tls_failed, sender_refused, server_error,
    timeout, provider_error) while failing; ``since``: when the state began.
    """

    state: str
    error: str | None = None
    since: datetime | None = None


@dataclass(frozen=True)
class GatewayStatus:
    """The gateway's own health (``GET /v1/status``), by transport name."""

    transports: Mapping[str, TransportHealth]


@dataclass(frozen=True)
class BookingOutcome:
    """The desktop's answer to an online booking request (``result``: booked, refused,
    waiting; ``reason`` for refused and waiting)."""

    request_id: str
    result: str
    reason: str | None = None
    booking_ref: str | None = None


class GatewayError(Exception):
    """The gateway could not be used (the environment, not a bug).

    ``kind``: unreachable, unauthorized, rejected (4xx with a problem code), server_error.
    """

    def __init__(self, kind: str, detail: str = "", status: int | None = None, code: str = ""):
        super().__init__(kind, detail)
        self.kind = kind
        self.detail = detail
        self.status = status
        self.code = code


class GatewayPort(Protocol):
    def send_messages(self, items: Sequence[OutgoingMessage]) -> list[ItemResult]: ...

    def request_consent(self, request: ConsentRequest) -> ItemResult: ...

    def events(self, after: int, limit: int = 100, wait: float = 0) -> EventPage: ...

    def status(self) -> GatewayStatus | None:
        """``GET /v1/status``; None when the gateway does not offer it (older ones)."""
        ...

    def publish_availability(self, snapshot: Mapping[str, Any]) -> int:
        """``PUT /v1/availability``; the number of bookable start times the gateway found."""
        ...

    def report_booking_outcome(self, outcome: BookingOutcome) -> None:
        """``POST /v1/booking-requests/{id}/outcome``; a final outcome given before counts
        as reported."""
        ...

    def release_waitlist_claim(self, offer_ref: str, *, waiting: bool = True) -> None:
        """``POST /v1/waitlist-offers/{ref}/release``: the desktop could not book this
        accepted offer, or (``waiting`` false) its customer no longer waits; the gateway
        frees its time for another offer. An offer the gateway does not know (or a
        gateway without the endpoint) counts as released."""
        ...

    def export_customer(self, customer_ref: str) -> dict[str, Any]: ...

    def erase_customer(self, customer_ref: str) -> dict[str, Any]: ...

    def close(self) -> None: ...
