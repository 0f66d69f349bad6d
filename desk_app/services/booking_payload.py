"""What a message about a booking carries besides its text (protocol "Messages about a
booking"): the booking itself, so the gateway can keep it and host its manage page
(``$manage_url``), and attachments (the ``.ics`` of an email confirmation or change).

Written into ``outbox.payload`` when the message is queued (``booking_messages``), read
by the sync when it hands the message over. A payload missing a field or holding a wrong
type is an error (``InvalidBookingPayload``), never a guessed default.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

BOOKED = "booked"
CANCELLED = "cancelled"
STATES = (BOOKED, CANCELLED)
ICS_CONTENT_TYPE = "text/calendar"


class InvalidBookingPayload(ValueError):
    """A stored booking payload cannot be read (damaged or written by something else)."""


@dataclass(frozen=True)
class BookingInfo:
    ref: str
    treatment: str
    staff: str
    starts_at: datetime
    ends_at: datetime
    cancel_until: datetime
    state: str  # booked | cancelled
    # The manage page offers other times of this treatment and staff member by these
    # (None in rows written before they were stored: the page then goes by the names).
    treatment_id: int | None = None
    staff_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "treatment_id": self.treatment_id,
            "staff_id": self.staff_id,
            "treatment": self.treatment,
            "staff": self.staff,
            "starts_at": self.starts_at.isoformat(),
            "ends_at": self.ends_at.isoformat(),
            "cancel_until": self.cancel_until.isoformat(),
            "state": self.state,
        }

    @classmethod
    def from_json(cls, data: object) -> BookingInfo:
        booking = _object(data, "booking")
        state = _text(booking, "state", "booking.state")
        if state not in STATES:
            raise InvalidBookingPayload(f"booking.state is unknown: {state!r}")
        return cls(
            ref=_text(booking, "ref", "booking.ref"),
            treatment=_text(booking, "treatment", "booking.treatment"),
            staff=_text(booking, "staff", "booking.staff"),
            starts_at=_time(booking, "starts_at"),
            ends_at=_time(booking, "ends_at"),
            cancel_until=_time(booking, "cancel_until"),
            state=state,
            treatment_id=_optional_id(booking, "treatment_id"),
            staff_id=_optional_id(booking, "staff_id"),
        )


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"filename": self.filename, "content_type": self.content_type, "text": self.text}

    @classmethod
    def from_json(cls, data: object) -> Attachment:
        item = _object(data, "attachment")
        return cls(
            filename=_text(item, "filename", "attachment.filename"),
            content_type=_text(item, "content_type", "attachment.content_type"),
            text=_text(item, "text", "attachment.text"),
        )


@dataclass(frozen=True)
class BookingPayload:
    booking: BookingInfo
    attachments: tuple[Attachment, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "booking": self.booking.to_json(),
            "attachments": [a.to_json() for a in self.attachments],
        }

    @classmethod
    def from_json(cls, data: object) -> BookingPayload:
        """Raises ``InvalidBookingPayload`` naming what is missing or wrong."""
        payload = _object(data, "payload")
        attachments = payload.get("attachments", [])
        if not isinstance(attachments, list):
            raise InvalidBookingPayload("attachments is not a list")
        return cls(
            booking=BookingInfo.from_json(payload.get("booking")),
            attachments=tuple(Attachment.from_json(a) for a in attachments),
        )

    @staticmethod
    def present(data: object) -> bool:
        """Whether an outbox payload holds a booking (older rows hold none)."""
        return isinstance(data, dict) and "booking" in data


def _object(value: object, name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InvalidBookingPayload(f"{name} is missing or not an object")
    return value


def _text(data: dict[str, Any], key: str, name: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise InvalidBookingPayload(f"{name} is missing or not text")
    return value


def _optional_id(data: dict[str, Any], key: str) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidBookingPayload(f"booking.{key} is not a number")
    return value


def _time(data: dict[str, Any], key: str) -> datetime:
    text = _text(data, key, f"booking.{key}")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidBookingPayload(f"booking.{key} is no time: {text!r}") from None
    if moment.tzinfo is None:
        raise InvalidBookingPayload(f"booking.{key} has no time zone: {text!r}")
    return moment
