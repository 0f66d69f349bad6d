"""The data of the gateway's booking events, read and cleaned before anything uses it.

The gateway checked the form already, but the desktop does not trust what comes over
the wire: every text goes through the same entry rules as typed text
(``domain.fields``: no control characters, length limits), addresses are normalised as
at the counter, ids and times must be what they claim to be. A submission that fails is
``InvalidSubmission`` (naming the field): its request is refused as not bookable and
nothing of its content is kept. Evidence that is only recorded (IP address, user agent)
is cleaned instead of refused, so an odd browser never costs a booking.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from desk_app.domain.contact import normalise_email, normalise_phone
from desk_app.domain.enums import Channel
from desk_app.domain.errors import InvalidField
from desk_app.domain.fields import (
    EMAIL_MAX,
    NAME_MAX,
    NOTE_MAX,
    PHONE_TYPED_MAX,
    checked_line,
    checked_text,
)
from desk_app.domain.text_safety import forbidden_characters

REQUEST_ID_MAX = 64
REF_MAX = 36
STATEMENT_VERSION_MAX = 32
STATEMENT_TEXT_MAX = 4000
USER_AGENT_MAX = 400  # the ledger's column
LANGUAGES = ("de", "en")
MAX_MINUTES = 12 * 60
_EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
_LATEST = datetime(9999, 1, 1, tzinfo=UTC)


class InvalidSubmission(ValueError):
    def __init__(self, field_name: str, problem: str = "invalid") -> None:
        super().__init__(f"{field_name}: {problem}")
        self.field = field_name
        self.problem = problem


@dataclass(frozen=True)
class ShownStatement:
    """The consent statement shown next to a ticked box, exactly as shown."""

    version: str
    text: str


@dataclass(frozen=True)
class BookingSubmission:
    """A ``booking.requested`` event's data, clean."""

    request_id: str
    treatment_id: int
    staff_id: int
    staff_chosen: bool
    starts_at: datetime
    ends_at: datetime
    first_name: str
    last_name: str
    email: str | None  # normalised (lower case)
    phone: str | None  # E.164
    note: str
    language: str
    notify_after_objection: bool
    objection_notice_shown: bool
    ip: str | None
    user_agent: str | None
    submitted_at: datetime | None
    consent: Mapping[Channel, ShownStatement] = field(default_factory=dict)

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @classmethod
    def from_event(cls, data: Mapping[str, Any]) -> BookingSubmission:
        request_id = clean_id(data.get("request_id"), REQUEST_ID_MAX)
        if request_id is None:
            raise InvalidSubmission("request_id")
        starts_at, ends_at = _time(data, "starts_at"), _time(data, "ends_at")
        if not 0 < (ends_at - starts_at).total_seconds() <= MAX_MINUTES * 60:
            raise InvalidSubmission("ends_at", "out_of_range")
        first = _line(data, "first_name", NAME_MAX)
        last = _line(data, "last_name", NAME_MAX)
        if not first or not last:
            raise InvalidSubmission("first_name" if not first else "last_name", "required")
        email = _address(data, "email", EMAIL_MAX, normalise_email)
        phone = _address(data, "phone", PHONE_TYPED_MAX, normalise_phone)
        if email is None and phone is None:
            raise InvalidSubmission("email", "required")
        language = data.get("language")
        consent = _consent(data.get("consent"), {Channel.EMAIL: email, Channel.SMS: phone})
        return cls(
            request_id=request_id,
            treatment_id=_id(data, "treatment_id"),
            staff_id=_id(data, "staff_id"),
            staff_chosen=_flag(data, "staff_chosen"),
            starts_at=starts_at,
            ends_at=ends_at,
            first_name=first,
            last_name=last,
            email=email,
            phone=phone,
            note=_note(data.get("note")),
            language=language if language in LANGUAGES else LANGUAGES[0],
            notify_after_objection=_flag(data, "notify_after_objection"),
            objection_notice_shown=_flag(data, "objection_notice_shown"),
            ip=_ip(data.get("ip")),
            user_agent=_evidence_line(data.get("user_agent"), USER_AGENT_MAX),
            submitted_at=_optional_time(data, "submitted_at"),
            consent=consent,
        )

    def to_json(self) -> dict[str, Any]:
        """What the desktop keeps of the request (``online_requests.data``)."""
        return {
            "request_id": self.request_id,
            "treatment_id": self.treatment_id,
            "staff_id": self.staff_id,
            "staff_chosen": self.staff_chosen,
            "starts_at": self.starts_at.isoformat(),
            "ends_at": self.ends_at.isoformat(),
            "first_name": self.first_name,
            "last_name": self.last_name,
            "email": self.email,
            "phone": self.phone,
            "note": self.note,
            "language": self.language,
            "notify_after_objection": self.notify_after_objection,
            "objection_notice_shown": self.objection_notice_shown,
            "ip": self.ip,
            "user_agent": self.user_agent,
            "submitted_at": self.submitted_at.isoformat() if self.submitted_at else None,
            "consent": {
                channel.value: (
                    {"version": shown.version, "text": shown.text}
                    if (shown := self.consent.get(channel))
                    else None
                )
                for channel in Channel
            },
        }


@dataclass(frozen=True)
class ChangeSubmission:
    """A ``booking.change_requested`` event's data, clean."""

    request_id: str
    booking_ref: str
    staff_id: int
    starts_at: datetime
    ends_at: datetime

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @classmethod
    def from_event(cls, data: Mapping[str, Any]) -> ChangeSubmission:
        request_id = clean_id(data.get("request_id"), REQUEST_ID_MAX)
        if request_id is None:
            raise InvalidSubmission("request_id")
        booking_ref = clean_id(data.get("booking_ref"), REF_MAX)
        if booking_ref is None:
            raise InvalidSubmission("booking_ref")
        starts_at, ends_at = _time(data, "starts_at"), _time(data, "ends_at")
        if not 0 < (ends_at - starts_at).total_seconds() <= MAX_MINUTES * 60:
            raise InvalidSubmission("ends_at", "out_of_range")
        return cls(request_id, booking_ref, _id(data, "staff_id"), starts_at, ends_at)

    def to_json(self) -> dict[str, Any]:
        return {
            "request_id": self.request_id,
            "booking_ref": self.booking_ref,
            "staff_id": self.staff_id,
            "starts_at": self.starts_at.isoformat(),
            "ends_at": self.ends_at.isoformat(),
        }


def clean_id(value: object, limit: int) -> str | None:
    """A request id or booking ref: 1–``limit`` characters of one clean line; else None."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > limit or forbidden_characters(text, multiline=False):
        return None
    if any(ch.isspace() for ch in text):
        return None
    return text


def _line(data: Mapping[str, Any], name: str, limit: int) -> str:
    value = data.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidSubmission(name)
    try:
        return checked_line(name, value, limit)
    except InvalidField as exc:
        raise InvalidSubmission(name, exc.problem) from exc


def _address(data: Mapping[str, Any], name: str, limit: int, normalise: Any) -> str | None:
    text = _line(data, name, limit)
    if not text:
        return None
    try:
        return str(normalise(text))
    except InvalidField as exc:
        raise InvalidSubmission(name, exc.problem) from exc


def _note(value: object) -> str:
    """The note (a text area on the page) as one line, the way a booking keeps it."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidSubmission("note")
    try:
        text = checked_text("note", value, NOTE_MAX)
    except InvalidField as exc:
        raise InvalidSubmission("note", exc.problem) from exc
    return " ".join(text.split())


def _consent(
    value: object, addresses: Mapping[Channel, str | None]
) -> dict[Channel, ShownStatement]:
    """The ticked boxes with the statement shown; a box without its address, or with a
    statement that is no clean text, counts as not ticked (no consent is recorded)."""
    if not isinstance(value, dict):
        return {}
    ticked: dict[Channel, ShownStatement] = {}
    for channel in Channel:
        shown = value.get(channel.value)
        if not isinstance(shown, dict) or addresses[channel] is None:
            continue
        version, text = shown.get("version"), shown.get("text")
        if not isinstance(version, str) or not isinstance(text, str):
            continue
        try:
            version = checked_line("version", version, STATEMENT_VERSION_MAX)
            text = checked_text("text", text, STATEMENT_TEXT_MAX)
        except InvalidField:
            continue
        if version and text.strip():
            ticked[channel] = ShownStatement(version, text)
    return ticked


def _id(data: Mapping[str, Any], name: str) -> int:
    value = data.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 2**31:
        raise InvalidSubmission(name)
    return value


def _flag(data: Mapping[str, Any], name: str) -> bool:
    value = data.get(name, False)
    if not isinstance(value, bool):
        raise InvalidSubmission(name)
    return value


def _time(data: Mapping[str, Any], name: str) -> datetime:
    moment = _optional_time(data, name)
    if moment is None:
        raise InvalidSubmission(name, "required")
    return moment


def _optional_time(data: Mapping[str, Any], name: str) -> datetime | None:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 40:
        raise InvalidSubmission(name)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidSubmission(name) from None
    if moment.tzinfo is None or not _EARLIEST <= moment <= _LATEST:
        raise InvalidSubmission(name)
    return moment.astimezone(UTC)


def _ip(value: object) -> str | None:
    if not isinstance(value, str) or len(value) > 64:
        return None
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def _evidence_line(value: object, limit: int) -> str | None:
    """Recorded as evidence, so cleaned, never refused: forbidden characters and line
    breaks out, at most ``limit`` characters."""
    if not isinstance(value, str):
        return None
    bad = set(forbidden_characters(value, multiline=False))
    # A line break separates words; any other forbidden character just goes.
    text = "".join((" " if ch.isspace() else "") if ch in bad else ch for ch in value)
    text = " ".join(text.split())[:limit]
    return text or None
