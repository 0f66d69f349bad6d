"""What the composer's questions do on the database worker: the audience's counts, its
pages, the recipient whose message is previewed, and the content check.

Nothing here touches a widget: the worker sees services and plain values, never the
composer.

May import: desk_app.services, desk_app.domain.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from desk_app.domain.campaign_content import TemplateError, TemplateProblem
from desk_app.domain.campaigns import CampaignType, ChannelChoice
from desk_app.domain.enums import Channel
from desk_app.services.audience_view import AudienceSide, AudienceView
from desk_app.services.campaign_rows import (
    AudienceFilters,
    AudienceMember,
    CampaignDraft,
    ContentCheck,
    RenderedPreview,
    SmsEstimate,
)
from desk_app.services.campaigns import CampaignService

# The next ``limit`` members after customer id ``after`` (None: from the start).
PageSource = Callable[[int | None, int], list[AudienceMember]]
_REACHED = AudienceSide(excluded=False)
_BY_SMS = AudienceSide(excluded=False, channel=Channel.SMS.value)


@dataclass(frozen=True)
class AudienceQuestion:
    """Who the composer means, as plain values for the worker."""

    type: CampaignType
    channel: ChannelChoice
    filters: AudienceFilters
    send_at: datetime | None


@dataclass(frozen=True)
class Samples:
    """The recipients whose messages the content step shows."""

    preview: AudienceMember | None  # the one the owner chose, while reached, else the first
    first_by_sms: AudienceMember | None  # the SMS counter's sample when ``preview`` is no SMS

    def sms(self, preview: AudienceMember | None) -> AudienceMember | None:
        """Whose SMS the counter counts: the previewed recipient's, or the first one's."""
        if preview is not None and preview.channel is Channel.SMS:
            return preview
        return self.first_by_sms


class AudienceWork:
    """The audience questions, run on the worker: counts first, pages as the lists ask."""

    def __init__(
        self, campaigns: CampaignService, audience: AudienceView, question: AudienceQuestion
    ) -> None:
        self._campaigns = campaigns
        self._audience = audience
        self.question = question

    def counts(self) -> dict[str, int]:
        """Recipients, left out, per channel, per reason and "deferred" (SMS that wait for
        the end of the quiet hours) – without a row per customer leaving the database."""
        q = self.question
        counts = self._audience.counts(q.type, q.channel, q.filters)
        deferred = self._campaigns.sms_deferred(q.type, q.send_at)
        counts["deferred"] = counts.get(Channel.SMS.value, 0) if deferred else 0
        return counts

    def pages(self, side: AudienceSide) -> PageSource:
        """A page source for one list (the composer hands it to the list's model)."""

        def fetch(after: int | None, limit: int) -> list[AudienceMember]:
            return self._page(side, after, limit)

        return fetch

    def samples(self, keep: int | None) -> Samples:
        """Whose messages step 3 shows, asked once per audience (not per keystroke in
        the texts: at chain scale the first SMS recipient may be far down the list)."""
        q = self.question
        by_sms = None
        if q.channel is not ChannelChoice.EMAIL:
            first_sms = self._page(_BY_SMS, None, 1)
            by_sms = first_sms[0] if first_sms else None
        if keep is not None:
            kept = self._audience.recipient(q.type, q.channel, q.filters, keep)
            if kept is not None:
                return Samples(self._deferred([kept])[0], by_sms)
        first = self._page(_REACHED, None, 1)
        return Samples(first[0] if first else None, by_sms)

    def _page(self, side: AudienceSide, after: int | None, limit: int) -> list[AudienceMember]:
        q = self.question
        page = self._audience.page(q.type, q.channel, q.filters, after, limit, side=side)
        return page if side.excluded else self._deferred(page)

    def _deferred(self, members: Sequence[AudienceMember]) -> list[AudienceMember]:
        q = self.question
        if not any(m.channel is Channel.SMS for m in members):
            return list(members)
        if not self._campaigns.sms_deferred(q.type, q.send_at):
            return list(members)
        return [m._replace(deferred=True) if m.channel is Channel.SMS else m for m in members]


@dataclass(frozen=True)
class ContentAnswer:
    """What one content check brings back from the database worker."""

    check: ContentCheck
    estimate: SmsEstimate | None
    preview: RenderedPreview | None
    sms_sample: RenderedPreview | None
    render_problems: tuple[TemplateProblem, ...] = ()  # the sandbox refused what checks let by
    sms_member: AudienceMember | None = None  # whose SMS ``sms_sample`` is


def content_answer(
    campaigns: CampaignService,
    draft: CampaignDraft,
    member: AudienceMember | None,
    sms_member: AudienceMember | None,
    wants_sms: bool,
) -> ContentAnswer:
    """Runs on the database worker: check, SMS estimate and the previews in one go."""
    check = campaigns.check_content(draft)
    if check.problems:
        return ContentAnswer(check, None, None, None)
    try:
        estimate = campaigns.sms_estimate(draft) if wants_sms else None
        # An advertising email without the salon's imprint is not composed at all (the
        # check says why): no preview of it either.
        preview = (
            campaigns.render_for(draft, member.customer_id, member.channel)
            if member is not None
            and member.channel is not None
            and not (check.imprint_missing and member.channel is Channel.EMAIL)
            else None
        )
        sample = None
        sms_member = sms_member if wants_sms else None
        if sms_member is not None:
            sample = (
                preview
                if sms_member == member
                else campaigns.render_for(draft, sms_member.customer_id, Channel.SMS)
            )
    except TemplateError as exc:
        return ContentAnswer(check, None, None, None, render_problems=exc.problems)
    return ContentAnswer(check, estimate, preview, sample, sms_member=sms_member)
