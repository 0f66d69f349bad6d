"""The body of PUT /v1/availability and of the outcome answer, validated strictly.

Unlike the message items, a snapshot takes no unknown key at all (``extra="forbid"``): it is
what the public sees, and a test inspects every published payload for customer data, so a
field nobody asked for must not slip through. Text follows the gateway's one rule
(``desk_gateway.schemas``), sizes are capped so one snapshot cannot fill the database.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from desk_gateway.schemas import Body, Moment, OneLine

PUBLIC_NAME = re.compile(r"[a-z0-9](?:[a-z0-9-]{1,38})[a-z0-9]")
COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
MAX_TREATMENTS = 500
MAX_STAFF = 200
MAX_INTERVALS = 5000  # per staff member: 8 weeks of split days fit many times over
Id = Annotated[int, Field(ge=1, le=2**31 - 1)]


def _zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError("unknown time zone") from exc
    return value


def _web_page(value: str | None) -> str | None:
    """A link the page shows: http(s) with a host, no user name or password."""
    if value is None or not value:
        return None
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError as exc:
        raise ValueError("not a web address") from exc
    if parts.scheme not in ("http", "https") or not host or "@" in parts.netloc:
        raise ValueError("not a web address")
    if any(c.isspace() for c in value):
        raise ValueError("not a web address")
    return value


class _Exact(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Salon(_Exact):
    name: OneLine = Field(min_length=1, max_length=120)
    colour: str = Field(default="#2d6a4f", pattern=f"^{COLOUR.pattern}$")
    phone: OneLine = Field(default="", max_length=40)
    privacy_url: Annotated[OneLine | None, AfterValidator(_web_page)] = Field(
        default=None, max_length=500
    )
    time_zone: Annotated[OneLine, AfterValidator(_zone)] = Field(
        default="Europe/Berlin", max_length=64
    )


class Rules(_Exact):
    step_minutes: int = Field(default=15, ge=5, le=60)
    lead_minutes: int = Field(default=120, ge=0, le=2880)
    horizon_days: int = Field(default=42, ge=1, le=183)
    cancel_deadline_hours: int = Field(default=24, ge=0, le=168)


class Statement(_Exact):
    version: OneLine = Field(min_length=1, max_length=32)
    text: Body = Field(min_length=1, max_length=5000)


class ChannelStatements(_Exact):
    """The statement shown next to each channel's box; None: no box for that channel."""

    email: Statement | None = None
    sms: Statement | None = None


class Consent(_Exact):
    de: ChannelStatements = ChannelStatements()
    en: ChannelStatements | None = None  # None: the German statements on the English page

    def for_language(self, language: str) -> ChannelStatements:
        return self.en if language == "en" and self.en is not None else self.de


class Treatment(_Exact):
    id: Id
    name: OneLine = Field(min_length=1, max_length=120)
    minutes: int = Field(ge=5, le=720)
    price_cents: int | None = Field(default=None, ge=0, le=100_000_000)
    description: Body = Field(default="", max_length=2000)
    staff_ids: list[Id] = Field(default_factory=list, max_length=MAX_STAFF)


class Staff(_Exact):
    id: Id
    name: OneLine = Field(min_length=1, max_length=80)


class StaffFree(_Exact):
    staff_id: Id
    intervals: list[tuple[Moment, Moment]] = Field(default_factory=list, max_length=MAX_INTERVALS)

    @model_validator(mode="after")
    def _ordered(self) -> StaffFree:
        for start, end in self.intervals:
            if not start < end:
                raise ValueError("an interval must end after it starts")
        return self


class Snapshot(_Exact):
    public_name: str = Field(pattern=f"^{PUBLIC_NAME.pattern}$", min_length=3, max_length=40)
    enabled: bool = True
    computed_at: Moment
    salon: Salon
    rules: Rules = Rules()
    consent: Consent = Consent()
    treatments: list[Treatment] = Field(default_factory=list, max_length=MAX_TREATMENTS)
    staff: list[Staff] = Field(default_factory=list, max_length=MAX_STAFF)
    free: list[StaffFree] = Field(default_factory=list, max_length=MAX_STAFF)

    @model_validator(mode="after")
    def _consistent(self) -> Snapshot:
        staff_ids = [s.id for s in self.staff]
        if len(set(staff_ids)) != len(staff_ids):
            raise ValueError("staff ids must be unique")
        if len({t.id for t in self.treatments}) != len(self.treatments):
            raise ValueError("treatment ids must be unique")
        known = set(staff_ids)
        for treatment in self.treatments:
            if not set(treatment.staff_ids) <= known:
                raise ValueError(f"treatment {treatment.id} names unknown staff")
            if len(set(treatment.staff_ids)) != len(treatment.staff_ids):
                raise ValueError(f"treatment {treatment.id} names a staff member twice")
        free_ids = [f.staff_id for f in self.free]
        if len(set(free_ids)) != len(free_ids) or not set(free_ids) <= known:
            raise ValueError("free times must name each known staff member at most once")
        return self

    def treatment(self, treatment_id: int) -> Treatment | None:
        return next((t for t in self.treatments if t.id == treatment_id), None)

    def staff_name(self, staff_id: int) -> str:
        return next((s.name for s in self.staff if s.id == staff_id), "")


class Outcome(_Exact):
    result: Literal["booked", "refused", "waiting"]
    reason: Literal["slot_taken", "not_bookable", "staff_decision"] | None = None
    booking_ref: OneLine | None = Field(default=None, min_length=1, max_length=36)


class Release(_Exact):
    """The body of a waitlist offer's release. Desktops before ``waiting`` send ``{}``:
    they released only acceptances they could not book, whose customer still waits."""

    waiting: bool = True
