"""What the composer's questions do on the database worker, and how the answers and a
send's progress come back to the GUI thread.

Nothing here touches a widget: the worker sees services, plain values and a
``Generation`` (a plain object), never the composer.

May import: PySide6 (QtCore), desk_app.services, desk_app.domain.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

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


class Generation:
    """The number of the latest question; shared with the worker, which skips a question
    that was outdated while it waited (a plain object: the worker never sees a widget)."""

    __slots__ = ("value",)

    def __init__(self) -> None:
        self.value = 0


class SendRun(QObject):
    """Carries one send's progress from the database worker to the composer.

    It belongs to the task runner (a GUI-thread object that outlives the composer), so
    the worker never emits on a deleted widget; it deletes itself when the run is over.

    Signals:
        progressed(int, int): (done, total) messages queued so far, emitted on the worker.
        finished(object): the CampaignRow.
        failed(object): the exception.
    """

    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.finished.connect(self.deleteLater)
        self.failed.connect(self.deleteLater)

    def report_progress(self, done: int, total: int) -> None:
        # Called on the worker thread: only emit, never touch a widget.
        self.progressed.emit(done, total)


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
