"""Request bodies of protocol v1 (docs/gateway-protocol-v1.md), validated by pydantic."""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

Channel = Literal["email", "sms"]
SENDER_NAME_MAX = 40


class _Strict(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class MessageItem(_Strict):
    client_id: str = Field(min_length=1, max_length=64)
    channel: Channel
    category: Literal["transactional", "service_info", "similar_offer", "marketing"]
    to: str = Field(min_length=1, max_length=254)
    subject: str = Field(default="", max_length=250)
    text: str = Field(min_length=1, max_length=20_000)
    customer_ref: str = Field(min_length=1, max_length=36)
    basis_ref: str | None = Field(default=None, max_length=64)
    not_before: AwareDatetime | None = None
    not_after: AwareDatetime | None = None
    language: Literal["de", "en"] = "de"
    # Email: the From display name; SMS: the sender if it is a valid alphanumeric one.
    sender_name: str | None = Field(default=None, max_length=SENDER_NAME_MAX)

    @field_validator("sender_name")
    @classmethod
    def _one_line(cls, value: str | None) -> str | None:
        """Line breaks and other control characters become spaces (no header injection);
        nothing left means no sender name."""
        if value is None:
            return None
        printable = "".join(ch if ch.isprintable() else " " for ch in value)
        return " ".join(printable.split()) or None


class MessageBatch(_Strict):
    items: list[MessageItem] = Field(min_length=1, max_length=100)


class Statement(_Strict):
    version: str = Field(min_length=1, max_length=32)
    text: str = Field(min_length=1, max_length=5000)


class Source(_Strict):
    kind: Literal["phone", "in_person", "written", "online"]
    staff: str | None = Field(default=None, max_length=80)
    ip: str | None = Field(default=None, max_length=45)
    user_agent: str | None = Field(default=None, max_length=400)


class ConsentMessage(_Strict):
    subject: str = Field(default="", max_length=250)
    text: str = Field(min_length=1, max_length=5000)


class ConsentRequestBody(_Strict):
    request_id: str = Field(min_length=1, max_length=64)
    customer_ref: str = Field(min_length=1, max_length=36)
    channel: Channel
    address: str = Field(min_length=1, max_length=254)
    statement: Statement
    source: Source
    declared_at: AwareDatetime
    language: Literal["de", "en"] = "de"
    salon_name: str = Field(default="", max_length=120)
    message: ConsentMessage | None = None
