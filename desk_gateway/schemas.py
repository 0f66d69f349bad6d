"""Request bodies of protocol v1 (docs/gateway-protocol-v1.md), validated by pydantic.

A batch of messages is checked in two steps: the envelope as a whole (a list of 1-100
objects), then every item alone, so that one bad item is answered ``invalid_item`` and
the rest of the batch goes through. Text fields must pass ``desk_app.domain.text_safety``
(no NUL, control characters, lone surrogates, U+2028/2029, noncharacters; line breaks and
tabs only in message bodies) and times must lie in a range every database and every date
calculation of the gateway can take.
"""

from __future__ import annotations

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

    @field_validator("sender_name")
    @classmethod
    def _sender_name(cls, value: str | None) -> str | None:
        """One line; runs of spaces become one, nothing left means no sender name."""
        if value is None:
            return None
        return " ".join(_clean(value).split()) or None


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
    kind: Literal["phone", "in_person", "written", "online"]
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

    @model_validator(mode="after")
    def _subject_fits(self) -> ConsentRequestBody:
        """The salon's name goes into the subject: the result must still fit."""
        if self.message is not None:
            subject = self.message.subject.replace("$salon", self.salon_name or "Salon")
            if len(subject) > SUBJECT_MAX:
                raise ValueError("message.subject too long with the salon name filled in")
        return self
