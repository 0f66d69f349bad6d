"""The campaign composer's audience while the owner edits the filters: the counts first,
then the customers left out (or reached) page by page, as the list is scrolled.

The same decisions as ``CampaignService.preview`` (``desk_app.services.audience``), in
``audience_counts`` (the counts without a row per customer) and ``audience_pages`` (a
page by customer id after the last one shown). A page can hold one side only (those reached
or those left out, see ``AudienceSide``), narrowed by a search, so the composer's lists
never need the whole selection in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, false, or_
from sqlalchemy.orm import Session

from desk_app.db.engine import Database
from desk_app.domain.campaigns import CampaignType, ChannelChoice
from desk_app.domain.enums import Channel, Reason
from desk_app.domain.text_safety import is_clean
from desk_app.services.audience import AudienceQuery
from desk_app.services.audience_counts import count_audience
from desk_app.services.audience_pages import audience_page
from desk_app.services.campaign_rows import AudienceFilters, AudienceMember
from desk_app.services.settings_store import read_settings


@dataclass(frozen=True)
class AudienceSide:
    """Which customers of the selection a page holds: those reached (``excluded`` False)
    or those left out, optionally only one channel or one reason, and only those whose
    name contains ``text`` or whose channel / reason is one of ``codes`` (the caller
    knows which codes' words contain the text: the words are the window's, translated).
    """

    excluded: bool
    channel: str | None = None
    reason: str | None = None
    text: str = ""
    codes: frozenset[str] = frozenset()

    def conditions(self, line: Any) -> list[ColumnElement[bool]]:
        """Conditions on the decided lines' columns (``audience_page``'s ``where``)."""
        decided = line.reason if self.excluded else line.channel
        where = [line.channel.is_(None) if self.excluded else line.channel.is_not(None)]
        if self.channel is not None:
            where.append(line.channel == self.channel)
        if self.reason is not None:
            where.append(line.reason == self.reason)
        if self.text:
            name = line.first_name + " " + line.last_name
            # A stored name holds no control or invisible character (text_safety), and
            # PostgreSQL refuses a NUL even as a parameter: such a text finds no name.
            found: ColumnElement[bool] = (
                name.icontains(self.text, autoescape=True) if is_clean(self.text) else false()
            )
            if self.codes:
                found = or_(found, decided.in_(sorted(self.codes)))
            where.append(found)
        return where


class AudienceView:
    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self._db = db
        self._clock = clock

    def counts(
        self, type: CampaignType, channel: ChannelChoice, filters: AudienceFilters
    ) -> dict[str, int]:
        """ "recipients", "excluded", "email", "sms" and one entry per reason code."""
        with self._db.read() as s:
            return count_audience(s, self._query(s, type, channel, filters))

    def page(
        self,
        type: CampaignType,
        channel: ChannelChoice,
        filters: AudienceFilters,
        after: int | None,
        limit: int,
        side: AudienceSide | None = None,
    ) -> list[AudienceMember]:
        """The next ``limit`` customers after customer id ``after`` (None: from the start),
        in id order, those left out with their reason; ``side``: only the customers it
        describes."""
        where = side.conditions if side is not None else None
        with self._db.read() as s:
            query = self._query(s, type, channel, filters)
            lines = audience_page(s, query, after, limit, where=where)
        return _members(lines)

    def recipient(
        self, type: CampaignType, channel: ChannelChoice, filters: AudienceFilters, customer_id: int
    ) -> AudienceMember | None:
        """``customer_id`` when the selection reaches that customer, else None."""
        page = self.page(type, channel, filters, customer_id - 1, 1, side=_REACHED)
        return page[0] if page and page[0].customer_id == customer_id else None

    def _query(
        self, s: Session, type: CampaignType, channel: ChannelChoice, filters: AudienceFilters
    ) -> AudienceQuery:
        settings = read_settings(s)
        return AudienceQuery(
            type, channel, filters, self._clock(), settings.time_zone, settings.frequency_cap
        )


_REACHED = AudienceSide(excluded=False)


def _members(lines: Sequence[Any]) -> list[AudienceMember]:
    return [
        AudienceMember(
            int(line.customer_id),
            f"{line.first_name} {line.last_name}".strip(),
            Channel(line.channel) if line.channel else None,
            Reason(line.reason) if line.reason else None,
        )
        for line in lines
    ]
