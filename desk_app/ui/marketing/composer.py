"""The owner's campaign composer: 1 type → 2 recipients → 3 content → 4 send.

Everything the database knows (who is reached, why others are not, what a message looks
like for one customer, how many SMS parts it costs) is asked on the database worker,
~300 ms after the owner stops typing; each kind of question is one ``Operation``, so an
answer older than the latest question is dropped (and a question outdated while it
waited is not even asked). The audience comes in parts, so a chain of 200,000 customers
never stalls the window: the counts first (no row per customer leaves the database),
then the recipient whose message is previewed, then the lists page by page as they are
scrolled (``AudienceModel``). Sending runs on the same worker; its progress reaches the
progress bar through the operation's progress reports. A test send (the
owner's own address, see CampaignTestSend) goes straight to the gateway on the gateway
worker and never enters the outbox.

This module is the wizard (its state and steps 2 and 3); step 1 is ``type_step``, step 4
``send_step``, the test send ``composer_test_send``.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.ui.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.campaigns import CampaignType, ChannelChoice
from desk_app.domain.enums import Channel
from desk_app.services.campaign_rows import (
    AudienceMember,
    CampaignDraft,
    CampaignRow,
    ContentCheck,
    SmsEstimate,
)
from desk_app.services.campaigns import CampaignService
from desk_app.services.rows import StaffRow
from desk_app.texts import error_text
from desk_app.texts.campaign_words import empty_placeholder_text, field_name
from desk_app.ui.context import UiContext
from desk_app.ui.marketing.audience_lists import AudienceLists
from desk_app.ui.marketing.audience_panel import AudiencePanel
from desk_app.ui.marketing.audience_step import AudienceStep
from desk_app.ui.marketing.composer_test_send import SyncFactory, TestRequest, TestSendControl
from desk_app.ui.marketing.composer_work import (
    AudienceQuestion,
    AudienceWork,
    ContentAnswer,
    Samples,
    content_answer,
)
from desk_app.ui.marketing.content_panel import ContentPanel
from desk_app.ui.marketing.send_step import SendConfirmation, SendStep
from desk_app.ui.marketing.type_step import TypeStep
from desk_app.ui.tasks import weakly
from desk_app.ui.widgets.operation import Operation
from desk_app.ui.widgets.reflow import vertical_scroll

DEBOUNCE_MS = 300  # how long typing may pause before the database is asked
SCHEDULE_HOUR = 10  # a scheduled campaign starts tomorrow at 10:00 unless changed

__all__ = ["DEBOUNCE_MS", "CampaignComposer", "SyncFactory"]


class CampaignComposer(QWidget):
    """Compose, check and send (or schedule) one campaign.

    Signals:
        audience_loaded(): the counts show the answer to the latest filters (the lists
            load their first pages next).
        content_checked(): problems, SMS counter and preview show the latest templates.
        confirmation_opened(object): the QMessageBox asking "send to N customers?".
        campaign_sent(object): the CampaignRow of a campaign that was just queued.
        test_sent(str): the gateway accepted the test send; the text says where it went.
        test_failed(str): the test send did not (fully) go out; the text says why.

    ``sync_factory`` builds a fresh SyncService for one test send; ``None``: no gateway
    is set up, and "Send a test to me" stays disabled.
    """

    audience_loaded = Signal()
    content_checked = Signal()
    confirmation_opened = Signal(object)
    campaign_sent = Signal(object)
    test_sent = Signal(str)
    test_failed = Signal(str)

    def __init__(
        self,
        ctx: UiContext,
        sync_factory: SyncFactory | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._zone = ZoneInfo(ctx.time_zone)
        self._counts: Mapping[str, int] | None = None  # the audience's, None: not yet
        self._check: ContentCheck | None = None
        self._estimate: SmsEstimate | None = None
        self._preview_member: AudienceMember | None = None
        self._samples = Samples(None, None)  # of the latest audience
        # Questions (the latest wins, outdated ones are not even asked) and the send.
        self._audience_loads = Operation(
            self, ctx.db_tasks, error=self._on_audience_failed, skip_outdated=True
        )
        self._member_loads = Operation(
            self, ctx.db_tasks, error=self._on_audience_failed, skip_outdated=True
        )
        self._content_checks = Operation(
            self, ctx.db_tasks, error=self._on_content_failed, skip_outdated=True
        )
        self._sends = Operation(self, ctx.db_tasks, error=self._on_send_failed, exclusive=True)
        self._audience_current = False
        self._member_current = False
        self._kept: int | None = None  # the chosen recipient, to select again in the list
        self._content_current = False
        self._send_error = ""

        self._audience_timer = self._debounce(self._load_audience)
        self._content_timer = self._debounce(self._check_content)

        today = datetime.now(self._zone).date()
        self._type_step = TypeStep()
        self._audience_step = AudienceStep(today, ctx.db_tasks)
        self._audience = self._audience_step.filters_panel
        self._lists = self._audience_step.lists
        self._content = ContentPanel()
        self._tests = TestSendControl(ctx, sync_factory, self._test_request, self)
        self._send_step = SendStep(ctx.time_zone, self._tests)
        self._send_step.preset_schedule(today + timedelta(days=1), SCHEDULE_HOUR)

        self._build_layout()
        self._on_type_step_channel_changed()

        self._type_step.type_chosen.connect(self._on_type_step_type_chosen)
        self._type_step.channel_changed.connect(self._on_type_step_channel_changed)
        self._type_step.name_edited.connect(self._on_type_step_name_edited)
        self._audience.filters_changed.connect(self._on_audience_filters_changed)
        self._lists.recipient_chosen.connect(self._on_lists_recipient_chosen)
        self._lists.page_failed.connect(self._on_lists_page_failed)
        self._lists.recipients_model().page_loaded.connect(self._on_recipients_page_loaded)
        self._content.content_changed.connect(self._on_content_content_changed)
        self._send_step.schedule_changed.connect(self._schedule_audience)
        self._send_step.send_clicked.connect(self._on_send_clicked)
        self._tests.sent.connect(self.test_sent)
        self._tests.failed.connect(self.test_failed)
        self.refresh()
        self._schedule_audience()

    def _debounce(self, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(DEBOUNCE_MS)
        timer.timeout.connect(slot)
        return timer

    def _build_layout(self) -> None:
        content = QGroupBox(self.tr("3 · Content"))
        content.setObjectName("stepContent")
        content_layout = QVBoxLayout(content)
        content_layout.addWidget(self._content)

        left = QVBoxLayout()
        left.addWidget(self._type_step)
        left.addWidget(self._audience_step, 1)
        right = QVBoxLayout()
        right.addWidget(content, 1)
        right.addWidget(self._send_step)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        # Each column scrolls on its own when the window is too low for all of it (the
        # filters stack in one column in a narrow window) rather than squeezing the texts.
        layout.addWidget(vertical_scroll(left), 1)
        layout.addWidget(vertical_scroll(right), 1)

    # ---- public -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload staff and service categories (the counts follow the owner's changes and
        are made again when the composer is shown, not while the owner reads the lists)."""
        catalogue = self._ctx.services.catalogue

        def load() -> tuple[list[StaffRow], list[str]]:
            categories = sorted({s.category for s in catalogue.list_treatments() if s.category})
            return catalogue.list_staff(), categories

        self._ctx.db_tasks.submit(self, load, weakly(self._on_choices_loaded))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            self._schedule_audience()

    def campaign_type(self) -> CampaignType:
        return self._type_step.campaign_type()

    def set_campaign_type(self, kind: CampaignType) -> None:
        self._type_step.set_campaign_type(kind)

    def channel(self) -> ChannelChoice:
        return self._type_step.channel()

    def send_at(self) -> datetime | None:
        """The scheduled moment as an aware UTC datetime; None for "now"."""
        return self._send_step.send_at()

    def set_schedule(self, moment: datetime) -> None:
        """Choose "schedule" at ``moment`` (aware), shown in the salon's time zone."""
        self._send_step.set_schedule(moment)

    def draft(self) -> CampaignDraft:
        return CampaignDraft(
            name=self._type_step.name(),
            type=self.campaign_type(),
            channel=self.channel(),
            filters=self._audience.filters(),
            subject=self._content.subject(),
            body=self._content.body(),
            sms_body=self._content.sms_body(),
            send_at=self.send_at(),
        )

    def is_busy(self) -> bool:
        """True while a question to the database is pending or a send is running."""
        return (
            self._sends.busy()
            or not self._audience_current
            or not self._member_current
            or not self._content_current
            or self._lists.is_busy()
            or self._audience_timer.isActive()
            or self._content_timer.isActive()
        )

    def audience_panel(self) -> AudiencePanel:
        return self._audience

    def audience_lists(self) -> AudienceLists:
        return self._lists

    def content_panel(self) -> ContentPanel:
        return self._content

    def counts_text(self) -> str:
        return self._audience_step.counts_text()

    def blocked_text(self) -> str:
        return self._send_step.blocked_text()

    def send_button(self) -> QPushButton:
        return self._send_step.send_button()

    def progress_bar(self) -> QProgressBar:
        return self._send_step.progress_bar()

    def test_button(self) -> QPushButton:
        return self._tests.button

    def test_result_text(self) -> str:
        return self._tests.result.text()

    # ---- step 1: type and channel -------------------------------------------------------
    def _on_type_step_type_chosen(self) -> None:
        self._audience.suggest_for(self.campaign_type())

    def _on_type_step_channel_changed(self) -> None:
        email, sms = self._needs()
        self._content.set_channels(email, sms)
        self._schedule_audience()
        self._schedule_content()

    def _needs(self) -> tuple[bool, bool]:
        """Which templates the campaign needs: (email, sms)."""
        return self._type_step.needs()

    def _on_type_step_name_edited(self) -> None:
        self._send_error = ""
        self._update_send_state()

    # ---- step 2: audience ---------------------------------------------------------------
    def _on_choices_loaded(self, choices: tuple[list[StaffRow], list[str]]) -> None:
        self._audience.set_choices(*choices)

    def _on_audience_filters_changed(self) -> None:
        self._schedule_audience()

    def _schedule_audience(self) -> None:
        # Dropped now, not when the timer fires: an answer already on its way was asked
        # with the old filters.
        self._audience_loads.drop()
        self._member_loads.drop()
        self._lists.hold()
        self._audience_current = False
        self._member_current = False
        self._send_error = ""
        self._audience_step.show_counting()
        self._update_send_state()
        self._audience_timer.start()

    def _audience_work(self) -> AudienceWork:
        question = AudienceQuestion(
            self.campaign_type(), self.channel(), self._audience.filters(), self.send_at()
        )
        return AudienceWork(self._campaigns(), self._ctx.services.audience, question)

    def _load_audience(self) -> None:
        # Asked in this order on the one worker: the counts come first.
        work = self._audience_work()
        keep = self._preview_member.customer_id if self._preview_member else None
        self._audience_loads.run(work.counts, self._on_audience_answered)
        self._member_loads.run(lambda: work.samples(keep), self._on_member_answered)
        self._lists.set_pages(work.pages)

    def _on_audience_answered(self, counts: dict[str, int]) -> None:
        self._counts = counts
        self._audience_current = True
        self._audience_step.show_counts(counts)
        self._update_send_state()
        self.audience_loaded.emit()

    def _on_member_answered(self, samples: Samples) -> None:
        member = samples.preview
        self._samples = samples
        kept = self._preview_member is not None and member == self._preview_member
        self._preview_member = member
        self._member_current = True
        self._kept = member.customer_id if kept and member is not None else None
        self._select_kept()
        # The SMS estimate and the preview depend on who is reached.
        self._schedule_content()

    def _on_recipients_page_loaded(self) -> None:
        self._select_kept()

    def _select_kept(self) -> None:
        """The recipient the owner chose stays selected in the new list, once loaded."""
        if self._kept is not None and self._lists.recipients_model().row_of(self._kept) >= 0:
            self._lists.select_recipient(self._kept)
            self._kept = None

    def _on_lists_page_failed(self, text: str) -> None:
        self._audience_step.show_failure(text)

    def _on_audience_failed(self, error: BaseException) -> None:
        self._member_current = True  # nothing more is coming for these filters
        self._audience_step.show_failure(error_text.describe(error, self._ctx.time_zone))

    def _on_lists_recipient_chosen(self, member: AudienceMember) -> None:
        if self._preview_member == member:
            return
        self._preview_member = member
        self._content.show_tab("preview")
        self._schedule_content()

    # ---- step 3: content ----------------------------------------------------------------
    def _on_content_content_changed(self) -> None:
        self._schedule_content()

    def _schedule_content(self) -> None:
        self._content_checks.drop()  # as for the audience: the answer on its way is outdated
        self._content_current = False
        self._send_error = ""
        self._update_send_state()
        self._content_timer.start()

    def _check_content(self) -> None:
        campaigns = self._campaigns()
        draft = self.draft()
        member = self._preview_member
        sms_member = self._samples.sms(member)
        wants_sms = self._needs()[1]
        fields = self._checked_fields()
        self._content_checks.run(
            lambda: (fields, content_answer(campaigns, draft, member, sms_member, wants_sms)),
            self._on_content_answered,
        )

    def _checked_fields(self) -> dict[str, str]:
        email, sms = self._needs()
        fields: dict[str, str] = {}
        if email:
            fields["subject"] = self._content.subject()
            fields["body"] = self._content.body()
        if sms:
            fields["sms_body"] = self._content.sms_body()
        return fields

    def _on_content_answered(self, checked: tuple[dict[str, str], ContentAnswer]) -> None:
        fields, answer = checked
        self._check = answer.check
        self._estimate = answer.estimate
        self._content_current = True
        self._content.show_answer(answer, fields, self._preview_member, answer.sms_member)
        self._update_send_state()
        self.content_checked.emit()

    def _on_content_failed(self, error: BaseException) -> None:
        self._content_current = True
        self._check = None
        self._send_error = error_text.describe(error, self._ctx.time_zone)
        self._update_send_state()
        self.content_checked.emit()

    # ---- step 4: send -------------------------------------------------------------------
    def _blocking_reason(self) -> str:
        """Why Send is disabled, in words; "" when it may be pressed."""
        if self._waiting():
            return self.tr("Sending…") if self._sends.busy() else self.tr("Checking…")
        if self._send_error:
            return self._send_error
        if self._counts is not None and not self._counts.get("recipients"):
            return self.tr("Nobody can be reached with these filters and this channel.")
        check = self._check
        if check is not None and check.problems:
            return self.tr("Fix the problems in the content (step 3) first.")
        if check is not None and check.empty:
            # Named here too, next to the test send: the fix is often in the settings.
            return " ".join(empty_placeholder_text(e.name, e.recipients) for e in check.empty)
        if check is not None and check.imprint_missing:
            return error_text.imprint_missing_text()
        if check is not None and check.missing:
            return self.tr("Still missing: {fields}.").format(
                fields=", ".join(field_name(f) for f in check.missing)
            )
        if not self._type_step.name():
            return self.tr("Give the campaign a name (step 1).")
        moment = self.send_at()
        if moment is not None and moment <= datetime.now(UTC):
            return self.tr("The scheduled time has passed: choose a later one.")
        return ""

    def _waiting(self) -> bool:
        return self._sends.busy() or not (
            self._audience_current and self._member_current and self._content_current
        )

    def _update_send_state(self) -> None:
        self._send_step.show_state(
            self._blocking_reason(), self._waiting(), self._counts, self._estimate
        )
        self._tests.update_state(
            self._sends.busy() or not self._content_current, self._check, self._send_error
        )

    def _on_send_clicked(self) -> None:
        if self._blocking_reason() or self._counts is None:
            return
        draft = self.draft()
        box = SendConfirmation(
            draft, self._counts, self._estimate, self._check, self._ctx.time_zone, self
        )
        box.finished.connect(lambda _result: self._on_confirmation_finished(box, draft))
        box.open()
        self.confirmation_opened.emit(box)

    def _on_confirmation_finished(self, box: SendConfirmation, draft: CampaignDraft) -> None:
        confirmed = box.confirmed()
        box.deleteLater()
        if confirmed:
            self._start_send(draft)

    def _start_send(self, draft: CampaignDraft) -> None:
        campaigns, actor = self._campaigns(), self._ctx.signed_in.actor
        started = self._sends.run_with_progress(
            # The owner read the advertising warning (step 3 and this box) and confirmed.
            lambda report: campaigns.send(draft, report, actor=actor, wording_confirmed=True),
            self._on_sent,
            self._on_send_progressed,
        )
        if not started:
            return  # a send is still running
        self._send_step.start_progress()
        self._update_send_state()

    def _on_send_progressed(self, done: int, total: int) -> None:
        self._send_step.show_progress(done, total)

    def _on_sent(self, row: CampaignRow) -> None:
        self._send_step.end_progress()
        # A fresh start: pressing Send again must not queue the same campaign twice.
        self._type_step.clear_name()
        self._content.clear()
        self._send_step.choose_now()
        self._tests.hide_result()  # it was about the campaign just sent
        self._update_send_state()
        self.campaign_sent.emit(row)

    def _on_send_failed(self, error: BaseException) -> None:
        self._send_step.end_progress()
        self._send_error = error_text.describe(error, self._ctx.time_zone)
        self._update_send_state()

    # ---- test send ----------------------------------------------------------------------
    def _test_request(self) -> TestRequest:
        """Where the test goes: the campaign's channel; for "best available" email, and
        SMS too once an SMS text is written (it is the fallback, often left for later)."""
        email, sms = self._needs()
        if email and sms:
            written = bool(self._content.sms_body().strip())
            channels = [Channel.EMAIL, Channel.SMS] if written else [Channel.EMAIL]
        else:
            channels = [Channel.SMS] if sms else [Channel.EMAIL]
        return TestRequest(self.draft(), channels)

    def _campaigns(self) -> CampaignService:
        return self._ctx.services.campaigns
