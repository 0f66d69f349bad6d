"""What the composer's content question does on the database worker.

Nothing here touches a widget: the worker sees services and plain values, never the
composer.

May import: desk_app.services, desk_app.domain.
"""

from __future__ import annotations

from dataclasses import dataclass

from desk_app.domain.campaign_content import TemplateError, TemplateProblem
from desk_app.domain.enums import Channel
from desk_app.services.campaign_rows import (
    AudienceMember,
    CampaignDraft,
    ContentCheck,
    RenderedPreview,
    SmsEstimate,
)
from desk_app.services.campaigns import CampaignService


@dataclass(frozen=True)
class ContentAnswer:
    """What one content check brings back from the database worker."""

    check: ContentCheck
    estimate: SmsEstimate | None
    preview: RenderedPreview | None
    sms_sample: RenderedPreview | None
    render_problems: tuple[TemplateProblem, ...] = ()  # the sandbox refused what checks let by


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
        preview = (
            campaigns.render_for(draft, member.customer_id, member.channel)
            if member is not None and member.channel is not None
            else None
        )
        sample = None
        if sms_member is not None and wants_sms:
            sample = (
                preview
                if sms_member == member
                else campaigns.render_for(draft, sms_member.customer_id, Channel.SMS)
            )
    except TemplateError as exc:
        return ContentAnswer(check, None, None, None, render_problems=exc.problems)
    return ContentAnswer(check, estimate, preview, sample)
