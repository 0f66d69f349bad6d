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
from typing import Any, Literal

from pydantic import (
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


def _clean(value: str | None, *, multiline: bool = False) -> str | None:
    if value is None:
        return None
    # Every character text_safety forbids is unprintable: a printable value needs no
    # closer look (the usual case, and a C-speed one).
    plain = value.replace("\n", "").replace("\r", "").replace("\t", "") if multiline else value
    if plain.isprintable():
        return value
    found = forbidden_characters(value, multiline=multiline)
    if found:
        raise ValueError("forbidden characters: " + ", ".join(describe(c) for c in found[:5]))
    return value


def _in_range(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    try:
        in_utc = value.astimezone(UTC)
    except (OverflowError, ValueError) as exc:
        raise ValueError("time out of range") from exc
    if not EARLIEST <= in_utc < LATEST:
        raise ValueError("time out of range")
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class MessageItem(_Strict):
    client_id: str = Field(min_length=1, max_length=CLIENT_ID_MAX)
    channel: Channel
    category: Literal["transactional", "service_info", "similar_offer", "marketing"]
    to: str = Field(min_length=1, max_length=254)
    subject: str = Field(default="", max_length=SUBJECT_MAX)
    text: str = Field(min_length=1, max_length=20_000)
    customer_ref: str = Field(min_length=1, max_length=36)
    basis_ref: str | None = Field(default=None, max_length=64)
    not_before: AwareDatetime | None = None
    not_after: AwareDatetime | None = None
    language: Literal["de", "en"] = "de"
    # Email: the From display name; SMS: the sender if it is a valid alphanumeric one.
    sender_name: str | None = Field(default=None, max_length=SENDER_NAME_MAX)

    @field_validator("client_id", "to", "subject", "customer_ref", "basis_ref")
    @classmethod
    def _one_line(cls, value: str | None) -> str | None:
        return _clean(value)

    @field_validator("not_before", "not_after")
    @classmethod
    def _times(cls, value: datetime | None) -> datetime | None:
        return _in_range(value)

    @field_validator("text")
    @classmethod
    def _body(cls, value: str) -> str | None:
        return _clean(value, multiline=True)

    @field_validator("sender_name")
    @classmethod
    def _sender_name(cls, value: str | None) -> str | None:
        """One line; runs of spaces become one, nothing left means no sender name."""
        if value is None:
            return None
        return " ".join((_clean(value) or "").split()) or None


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
    version: str = Field(min_length=1, max_length=32)
    text: str = Field(min_length=1, max_length=5000)

    @field_validator("version")
    @classmethod
    def _one_line(cls, value: str) -> str | None:
        return _clean(value)

    @field_validator("text")
    @classmethod
    def _body(cls, value: str) -> str | None:
        return _clean(value, multiline=True)


class Source(_Strict):
    kind: Literal["phone", "in_person", "written", "online"]
    staff: str | None = Field(default=None, max_length=80)
    ip: str | None = Field(default=None, max_length=45)
    user_agent: str | None = Field(default=None, max_length=400)

    @field_validator("staff", "ip", "user_agent")
    @classmethod
    def _one_line(cls, value: str | None) -> str | None:
        return _clean(value)


class ConsentMessage(_Strict):
    subject: str = Field(default="", max_length=SUBJECT_MAX)
    text: str = Field(min_length=1, max_length=5000)

    @field_validator("subject")
    @classmethod
    def _one_line(cls, value: str) -> str | None:
        return _clean(value)

    @field_validator("text")
    @classmethod
    def _body(cls, value: str) -> str | None:
        return _clean(value, multiline=True)


class ConsentRequestBody(_Strict):
    request_id: str = Field(min_length=1, max_length=CLIENT_ID_MAX)
    customer_ref: str = Field(min_length=1, max_length=36)
    channel: Channel
    address: str = Field(min_length=1, max_length=254)
    statement: Statement
    source: Source
    declared_at: AwareDatetime
    language: Literal["de", "en"] = "de"
    salon_name: str = Field(default="", max_length=120)
    message: ConsentMessage | None = None

    @field_validator("request_id", "customer_ref", "address", "salon_name")
    @classmethod
    def _one_line(cls, value: str) -> str | None:
        return _clean(value)

    @field_validator("declared_at")
    @classmethod
    def _declared(cls, value: datetime) -> datetime | None:
        return _in_range(value)

    @model_validator(mode="after")
    def _subject_fits(self) -> ConsentRequestBody:
        """The salon's name goes into the subject: the result must still fit."""
        if self.message is not None:
            subject = self.message.subject.replace("$salon", self.salon_name or "Salon")
            if len(subject) > SUBJECT_MAX:
                raise ValueError("message.subject too long with the salon name filled in")
        return self
