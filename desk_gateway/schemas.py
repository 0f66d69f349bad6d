"""Request bodies of protocol v1 (docs/gateway-protocol-v1.md), validated by pydantic.

A batch of messages is checked in two steps: the envelope as a whole (a list of 1-100
objects), then every item alone, so that one bad item is answered ``invalid_item`` and
the rest of the batch goes through. Text fields must pass ``desk_app.domain.text_safety``
(no NUL, control characters, lone surrogates, U+2028/2029, noncharacters; line breaks and
tabs only in message bodies) and times must lie in a range every database and every date
calculation of the gateway can take.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from desk_app.domain.text_safety import describe, forbidden_characters, is_clean

Channel = Literal["email", "sms"]
SENDER_NAME_MAX = 40
CLIENT_ID_MAX = 64
SUBJECT_MAX = 250
# Times outside this range are refused: they would overflow UTC conversion or the
# confirmation window's arithmetic, and no salon plans messages that far out.
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(9999, 1, 1, tzinfo=UTC)
MAX_ATTACHMENTS = 2
ATTACHMENT_MAX_BYTES = 64 * 1024
# A file name no mail client can misread as a path or a header: plain characters, .ics.
_ATTACHMENT_NAME = re.compile(r"(?=.{5,64}\Z)[A-Za-z0-9._-]+\.ics\Z")
MANAGE_PLACEHOLDER = "$manage_url"
OFFER_PLACEHOLDER = "$offer_url"


def _clean(value: str, *, multiline: bool = False) -> str:
    if is_clean(value, multiline=multiline):
        return value
    found = forbidden_characters(value, multiline=multiline)
    raise ValueError("forbidden characters: " + ", ".join(describe(c) for c in found[:5]))


def _one_line(value: str) -> str:
    return _clean(value)


def _body(value: str) -> str:
    return _clean(value, multiline=True)


def _in_range(value: datetime) -> datetime:
    try:
        in_utc = value.astimezone(UTC)
    except (OverflowError, ValueError) as exc:
        raise ValueError("time out of range") from exc
    if not EARLIEST <= in_utc < LATEST:
        raise ValueError("time out of range")
    return value


# Field types: one line of text, a message body (line breaks and tabs allowed), a time
# every database and date calculation of the gateway can take.
OneLine = Annotated[str, AfterValidator(_one_line)]
Body = Annotated[str, AfterValidator(_body)]
Moment = Annotated[AwareDatetime, AfterValidator(_in_range)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class BookingInfo(_Strict):
    """``booking`` of a message item: the booking as the desktop knows it now (the
    gateway keeps the latest for the manage page). ``treatment_id``/``staff_id`` are the
    published snapshot's ids, optional: without them the page finds the treatment by name."""

    ref: OneLine = Field(min_length=1, max_length=64)
    treatment: OneLine = Field(min_length=1, max_length=120)
    staff: OneLine = Field(default="", max_length=80)
    starts_at: Moment
    ends_at: Moment
    cancel_until: Moment
    state: Literal["booked", "cancelled"]
    treatment_id: int | None = Field(default=None, ge=0, le=2**31 - 1)
    staff_id: int | None = Field(default=None, ge=0, le=2**31 - 1)

    @model_validator(mode="after")
    def _ends_after_start(self) -> BookingInfo:
        if self.ends_at <= self.starts_at:
            raise ValueError("ends_at must lie after starts_at")
        return self


class OfferInfo(_Strict):
    """``offer`` of a message item: a waitlist offer's freed time (its page /w/{token}
    shows it; ``slot`` names the time, and only one offer of a slot can be accepted)."""

    ref: OneLine = Field(min_length=1, max_length=64)
    slot: OneLine = Field(min_length=1, max_length=64)
    treatment: OneLine = Field(min_length=1, max_length=120)
    staff: OneLine = Field(default="", max_length=80)
    starts_at: Moment
    ends_at: Moment

    @model_validator(mode="after")
    def _ends_after_start(self) -> OfferInfo:
        if self.ends_at <= self.starts_at:
            raise ValueError("ends_at must lie after starts_at")
        return self


class Attachment(_Strict):
    """A calendar file sent with an email (``attachments`` of a message item)."""

    filename: str = Field(min_length=5, max_length=64)
    content_type: Literal["text/calendar"]
    text: Body = Field(min_length=1)

    @field_validator("filename")
    @classmethod
    def _safe_name(cls, value: str) -> str:
        if not _ATTACHMENT_NAME.fullmatch(value):
            raise ValueError("filename: [A-Za-z0-9._-], at most 64, ending .ics")
        return value

    @field_validator("text")
    @classmethod
    def _small(cls, value: str) -> str:
        if len(value.encode("utf-8")) > ATTACHMENT_MAX_BYTES:
            raise ValueError("attachment larger than 64 kB")
        return value


class MessageItem(_Strict):
    client_id: OneLine = Field(min_length=1, max_length=CLIENT_ID_MAX)
    channel: Channel
    category: Literal["transactional", "service_info", "similar_offer", "marketing"]
    to: OneLine = Field(min_length=1, max_length=254)
    subject: OneLine = Field(default="", max_length=SUBJECT_MAX)
    text: Body = Field(min_length=1, max_length=20_000)
    customer_ref: OneLine = Field(min_length=1, max_length=36)
    basis_ref: OneLine | None = Field(default=None, max_length=64)
    not_before: Moment | None = None
    not_after: Moment | None = None
    language: Literal["de", "en"] = "de"
    # Email: the From display name; SMS: the sender if it is a valid alphanumeric one.
    sender_name: str | None = Field(default=None, max_length=SENDER_NAME_MAX)
    # (Checked also when absent: a text with ``$manage_url`` needs it.)
    booking: BookingInfo | None = Field(default=None, validate_default=True)
    attachments: list[Attachment] = Field(default_factory=list, max_length=MAX_ATTACHMENTS)
    # (Checked also when absent: a text with ``$offer_url`` needs it.)
    offer: OfferInfo | None = Field(default=None, validate_default=True)

    @field_validator("offer")
    @classmethod
    def _offer_url_needs_offer(
        cls, value: OfferInfo | None, info: ValidationInfo
    ) -> OfferInfo | None:
        """An offer is a transactional message whose link is its own: ``$offer_url``
        never reaches a customer unfilled, and only a transactional message is an offer."""
        if value is None and OFFER_PLACEHOLDER in str(info.data.get("text", "")):
            raise ValueError("$offer_url needs an offer")
        if value is not None and info.data.get("category") != "transactional":
            raise ValueError("an offer is a transactional message")
        if value is not None and value.ref != info.data.get("client_id"):
            raise ValueError("an offer's ref is its message's client_id")
        return value

    @field_validator("sender_name")
    @classmethod
    def _sender_name(cls, value: str | None) -> str | None:
        """One line; runs of spaces become one, nothing left means no sender name."""
        if value is None:
            return None
        return " ".join(_clean(value).split()) or None

    @field_validator("booking")
    @classmethod
    def _manage_url_needs_booking(
        cls, value: BookingInfo | None, info: ValidationInfo
    ) -> BookingInfo | None:
        """``$manage_url`` becomes the booking's manage link: without a booking it would
        reach the customer as it is."""
        if value is None and MANAGE_PLACEHOLDER in str(info.data.get("text", "")):
            raise ValueError("$manage_url needs a booking")
        return value

    @field_validator("attachments")
    @classmethod
    def _email_only(cls, value: list[Attachment], info: ValidationInfo) -> list[Attachment]:
        if value and info.data.get("channel") != "email":
            raise ValueError("attachments go with emails only")
        return value


class MessageEnvelope(_Strict):
    """``{"items": [...]}``: checked as a whole; the items are checked one by one."""

    items: list[dict[str, Any]] = Field(min_length=1, max_length=100)


class MessageBatch(_Strict):
    items: list[MessageItem] = Field(min_length=1, max_length=100)


@dataclass(frozen=True)
class InvalidItem:
    """An item of a batch that did not pass validation: answered ``invalid_item``."""

    index: int
    client_id: str | None  # the item's own, if it is a clean string of 1-64 characters
    fields: tuple[str, ...]

    def result(self) -> dict[str, Any]:
        return {
            "client_id": self.client_id,
            "index": self.index,
            "result": "rejected",
            "code": "invalid_item",
            "detail": ", ".join(self.fields),
        }


def parse_item(index: int, raw: Mapping[str, Any] | MessageItem) -> MessageItem | InvalidItem:
    """One item of a batch, validated alone."""
    if isinstance(raw, MessageItem):
        return raw
    try:
        return MessageItem.model_validate(raw)
    except ValidationError as exc:
        fields = sorted({str(e["loc"][0]) if e["loc"] else "item" for e in exc.errors()})
        return InvalidItem(index, usable_client_id(raw.get("client_id")), tuple(fields))


def usable_client_id(value: object) -> str | None:
    """A client_id that can be looked up and echoed: a clean string of 1-64 characters,
    without surrounding blanks (as valid items' ids are stored, so a padded resend of a
    known id is still recognised as its duplicate)."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if 1 <= len(value) <= CLIENT_ID_MAX and is_clean(value):
        return value
    return None


class Statement(_Strict):
    version: OneLine = Field(min_length=1, max_length=32)
    text: Body = Field(min_length=1, max_length=5000)


class Source(_Strict):
    kind: Literal["phone", "in_person", "written", "online", "online_booking"]
    staff: OneLine | None = Field(default=None, max_length=80)
    ip: OneLine | None = Field(default=None, max_length=45)
    user_agent: OneLine | None = Field(default=None, max_length=400)


class ConsentMessage(_Strict):
    subject: OneLine = Field(default="", max_length=SUBJECT_MAX)
    text: Body = Field(min_length=1, max_length=5000)


class ConsentRequestBody(_Strict):
    request_id: OneLine = Field(min_length=1, max_length=CLIENT_ID_MAX)
    customer_ref: OneLine = Field(min_length=1, max_length=36)
    channel: Channel
    address: OneLine = Field(min_length=1, max_length=254)
    statement: Statement
    source: Source
    declared_at: Moment
    language: Literal["de", "en"] = "de"
    salon_name: OneLine = Field(default="", max_length=120)
    message: ConsentMessage | None = None
    # The client_id of the message (same channel) whose ``$confirm_url`` carries the link.
    carried_by: OneLine | None = Field(default=None, min_length=1, max_length=CLIENT_ID_MAX)

    @model_validator(mode="after")
    def _subject_fits(self) -> ConsentRequestBody:
        """The salon's name goes into the subject: the result must still fit."""
        if self.message is not None:
            subject = self.message.subject.replace("$salon", self.salon_name or "Salon")
            if len(subject) > SUBJECT_MAX:
                raise ValueError("message.subject too long with the salon name filled in")
        return self
