"""What the campaign composer sends in and gets back: plain frozen values, no ORM.

The audience filters are stored with each campaign as JSON (``to_json``/``from_json``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import NamedTuple

from desk_app.domain.campaign_content import SmsCampaignSize, TemplateProblem
from desk_app.domain.campaigns import CampaignType, ChannelChoice
from desk_app.domain.enums import Channel, Reason


@dataclass(frozen=True)
class AudienceFilters:
    """Who the owner means; every filter left at None is not applied."""

    last_visit_before: date | None = None  # last completed visit before this day
    last_visit_after: date | None = None  # ... on or after this day
    service_category: str | None = None  # visited a service of this category at least once
    staff_id: int | None = None  # was served by this staff member at least once
    birthday_from: date | None = None  # birthday (day and month) in this range, inclusive;
    birthday_to: date | None = None  # the year is ignored, the range may wrap at New Year
    min_visits: int | None = None  # completed visits, inclusive
    max_visits: int | None = None
    new_since: date | None = None  # customer record created on or after this day

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is not None:
                out[f.name] = value.isoformat() if isinstance(value, date) else value
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> AudienceFilters:
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = data.get(f.name)
            if raw is None:
                continue
            if f.name in ("service_category",):
                values[f.name] = str(raw)
            elif f.name in ("staff_id", "min_visits", "max_visits"):
                values[f.name] = int(str(raw))
            else:
                values[f.name] = date.fromisoformat(str(raw))
        return cls(**values)  # type: ignore[arg-type]


class AudienceMember(NamedTuple):
    """One customer of the selection: a recipient (``channel`` set) or excluded (``reason``).

    A named tuple rather than a frozen dataclass: a preview builds up to 200,000 of them
    and a tuple is several times cheaper to create; it is just as immutable.
    """

    customer_id: int
    name: str
    channel: Channel | None = None
    reason: Reason | None = None
    deferred: bool = False  # SMS that waits for the end of the quiet hours


@dataclass(frozen=True)
class AudiencePreview:
    recipients: tuple[AudienceMember, ...]
    excluded: tuple[AudienceMember, ...]
    # "recipients", "excluded", "email", "sms", "deferred" and one entry per reason code
    counts: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class CampaignDraft:
    """Everything the owner composed; ``send_at`` None means now."""

    name: str
    type: CampaignType
    channel: ChannelChoice
    filters: AudienceFilters = AudienceFilters()
    subject: str = ""  # email subject template
    body: str = ""  # email body template
    sms_body: str = ""  # SMS text template
    send_at: datetime | None = None
    created_by: str = ""


@dataclass(frozen=True)
class EmptyPlaceholder:
    """A placeholder the templates print (without an ``{% if %}`` on it) that would be
    empty for ``recipients`` of the campaign's recipients."""

    name: str
    recipients: int


@dataclass(frozen=True)
class ContentCheck:
    """Problems that block sending, and warnings the owner should read."""

    problems: tuple[TemplateProblem, ...] = ()  # unknown placeholders, syntax errors
    missing: tuple[str, ...] = ()  # "subject", "body", "sms_body" needed but empty
    advertising_words: tuple[str, ...] = ()  # in service information (not advertising)
    empty: tuple[EmptyPlaceholder, ...] = ()  # block sending: a gap in the message
    # Blocks sending: advertising emails need the salon's imprint (its postal address).
    imprint_missing: bool = False

    @property
    def sendable(self) -> bool:
        return (
            not self.problems and not self.missing and not self.empty and not self.imprint_missing
        )


@dataclass(frozen=True)
class RenderedPreview:
    """The message one recipient would get, after placeholders are filled."""

    customer_id: int
    channel: Channel
    subject: str
    body: str
    sms_units: int = 0  # SMS only: characters counted in the encoding's units
    sms_segments: int = 0
    sms_encoding: str = ""  # "GSM-7" or "UCS-2"


@dataclass(frozen=True)
class SmsEstimate:
    """The SMS part of a campaign over every SMS recipient."""

    size: SmsCampaignSize
    price_per_segment_cents: int


@dataclass(frozen=True)
class CampaignRow:
    id: int
    name: str
    type: CampaignType
    channel: ChannelChoice
    send_at: datetime
    created_at: datetime
    queued: int
    excluded: Mapping[str, int]


@dataclass(frozen=True)
class CampaignResult:
    """How a campaign went: its messages by outbox status, and who unsubscribed after it."""

    campaign: CampaignRow
    by_status: Mapping[str, int]  # queued, accepted, sent, delivered, bounced, failed, ...
    unsubscribed_after: int  # recipients who objected or revoked after the campaign went out
