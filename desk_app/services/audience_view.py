"""The campaign composer's audience while the owner edits the filters: the counts first,
then the customers left out (or reached) page by page, as the list is scrolled.

The same decisions as ``CampaignService.preview`` (``desk_app.services.audience``), in
the parts ``audience_pages`` computes: the counts without a row per customer, a page
by customer id after the last one shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session

from desk_app.db.engine import Database
from desk_app.domain.campaigns import CampaignType, ChannelChoice
from desk_app.domain.enums import Channel, Reason
from desk_app.services.audience import AudienceQuery
from desk_app.services.audience_pages import audience_page, count_audience
from desk_app.services.campaign_rows import AudienceFilters, AudienceMember
from desk_app.services.settings_store import read_settings


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
        excluded_only: bool = False,
    ) -> list[AudienceMember]:
        """The next ``limit`` customers after customer id ``after`` (None: from the start),
        in id order; ``excluded_only``: only those left out, each with the reason."""
        with self._db.read() as s:
            lines = audience_page(
                s, self._query(s, type, channel, filters), after, limit, excluded_only
            )
        return [
            AudienceMember(
                int(line.customer_id),
                f"{line.first_name} {line.last_name}".strip(),
                Channel(line.channel) if line.channel else None,
                Reason(line.reason) if line.reason else None,
            )
            for line in lines
        ]

    def _query(
        self, s: Session, type: CampaignType, channel: ChannelChoice, filters: AudienceFilters
    ) -> AudienceQuery:
        settings = read_settings(s)
        return AudienceQuery(
            type, channel, filters, self._clock(), settings.time_zone, settings.frequency_cap
        )
