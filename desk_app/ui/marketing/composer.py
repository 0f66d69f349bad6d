"""The owner's campaign composer: 1 type → 2 recipients → 3 content → 4 send.

Everything the database knows (who is reached, why others are not, what a message looks
like for one customer, how many SMS parts it costs) is asked on the database worker,
~300 ms after the owner stops typing; every answer carries the generation it was asked
for, and an answer older than the latest question is dropped. Sending runs on the same
worker; its progress reaches the progress bar through a queued signal. A test send (the
owner's own address, see CampaignService.test_message) goes straight to the gateway on
the gateway worker and never enters the outbox.

May import: PySide6, desk_app.services, desk_app.domain, desk_app.ui.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimer, QTimeZone, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.campaigns import CATEGORY, CampaignType, ChannelChoice
from desk_app.domain.enums import Category, Channel
from desk_app.domain.errors import InvalidField
from desk_app.services.campaign_rows import (
    AudienceMember,
    AudiencePreview,
    CampaignDraft,
    CampaignRow,
    ContentCheck,
    SmsEstimate,
)
from desk_app.services.campaigns import CampaignService
from desk_app.services.errors import GatewayError
from desk_app.services.rows import StaffRow
from desk_app.services.sync import SyncService
from desk_app.texts import error_text
from desk_app.texts.campaign_words import (
    CHANNEL_ORDER,
    TYPE_ORDER,
    channel_choice_hint,
    channel_choice_name,
    field_name,
    legal_basis,
    price_text,
    problem_text,
    type_name,
)
from desk_app.ui.context import UiContext
from desk_app.ui.marketing.audience_lists import AudienceLists
from desk_app.ui.marketing.audience_panel import AudiencePanel
from desk_app.ui.marketing.composer_work import (
    ContentAnswer,
    Generation,
    SendRun,
    content_answer,
)
from desk_app.ui.marketing.content_panel import ERROR_STYLE, HINT_STYLE, ContentPanel
from desk_app.ui.tasks import weakly

DEBOUNCE_MS = 300  # how long typing may pause before the database is asked
SCHEDULE_HOUR = 10  # a scheduled campaign starts tomorrow at 10:00 unless changed
# The templates a test on one channel needs.
TEST_FIELDS = {Channel.EMAIL: ("subject", "body"), Channel.SMS: ("sms_body",)}
SyncFactory = Callable[[], SyncService]


@dataclass(frozen=True)
class ChannelTestOutcome:
    """What became of the test on one channel (plain values: the ui never sees the
    gateway's own types). ``refused``: the gateway's rejection code; ``error``: it
    failed on the way, and the channels after it were not tried."""

    channel: Channel
    to: str
    refused: str | None = None
    error: BaseException | None = None


def send_tests(
    campaigns: CampaignService,
    factory: SyncFactory,
    draft: CampaignDraft,
    channels: list[Channel],
) -> list[ChannelTestOutcome]:
    """Runs on the gateway worker: one test message per channel to the owner.

    Every message is made before the first is sent, so a missing owner address (an
    InvalidField, raised to the caller) never leaves half the test sent.
    """
    messages = [campaigns.test_message(draft, channel) for channel in channels]
    outcomes: list[ChannelTestOutcome] = []
    sync = factory()
    try:
        for channel, message in zip(channels, messages, strict=True):
            try:
                result = sync.send_test(message)
            except GatewayError as exc:
                if not outcomes:
                    raise
                outcomes.append(ChannelTestOutcome(channel, message.to, error=exc))
                break  # the next one would fail the same way
            refused = (result.code or "rejected") if result.effective == "rejected" else None
            outcomes.append(ChannelTestOutcome(channel, message.to, refused))
    finally:
        sync.close()
    return outcomes


class CampaignComposer(QWidget):
    """Compose, check and send (or schedule) one campaign.

    Signals:
        audience_loaded(): the counts and lists show the answer to the latest filters.
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
        self._sync_factory = sync_factory
        self._testing = False
        self._zone = ZoneInfo(ctx.time_zone)
        self._preview: AudiencePreview | None = None
        self._check: ContentCheck | None = None
        self._estimate: SmsEstimate | None = None
        self._preview_member: AudienceMember | None = None
        self._audience_generation = Generation()
        self._content_generation = Generation()
        self._audience_current = False
        self._content_current = False
        self._sending = False
        self._send_error = ""

        self._audience_timer = self._debounce(self._load_audience)
        self._content_timer = self._debounce(self._check_content)

        today = datetime.now(self._zone).date()
        self._type = QComboBox()
        self._type.setObjectName("campaignType")
        for kind in TYPE_ORDER:
            self._type.addItem(type_name(kind), kind.value)
        self._basis = QLabel()
        self._basis.setObjectName("legalBasis")
        self._basis.setWordWrap(True)
        self._channels = QButtonGroup(self)
        self._channel_buttons: dict[ChannelChoice, QRadioButton] = {}
        for choice in CHANNEL_ORDER:
            button = QRadioButton(channel_choice_name(choice))
            button.setObjectName(f"channel_{choice.value}")
            button.setToolTip(channel_choice_hint(choice))
            self._channels.addButton(button)
            self._channel_buttons[choice] = button
        self._channel_buttons[ChannelChoice.EMAIL].setChecked(True)
        self._channel_hint = QLabel()
        self._channel_hint.setObjectName("channelHint")
        self._channel_hint.setWordWrap(True)
        self._channel_hint.setStyleSheet(HINT_STYLE)
        self._name = QLineEdit()
        self._name.setObjectName("campaignName")
        self._name.setPlaceholderText(self.tr("Only for you, e.g. “Autumn offer 2026”"))

        self._audience = AudiencePanel(today)
        self._counts = QLabel()
        self._counts.setObjectName("audienceCounts")
        self._counts.setWordWrap(True)
        self._lists = AudienceLists()

        self._content = ContentPanel()

        self._now = QRadioButton(self.tr("Send &now"))
        self._now.setObjectName("sendNow")
        self._later = QRadioButton(self.tr("Sc&hedule for"))
        self._later.setObjectName("sendLater")
        self._now.setChecked(True)
        self._when = QDateTimeEdit()
        self._when.setObjectName("sendAt")
        self._when.setCalendarPopup(True)
        self._when.setTimeZone(QTimeZone(ctx.time_zone.encode()))
        self._when.setEnabled(False)
        self._set_schedule(datetime.now(self._zone).date() + timedelta(days=1), SCHEDULE_HOUR)
        self._summary = QLabel()
        self._summary.setObjectName("sendSummary")
        self._summary.setWordWrap(True)
        self._blocked = QLabel()
        self._blocked.setObjectName("sendBlocked")
        self._blocked.setWordWrap(True)
        self._send = QPushButton(self.tr("&Send…"))
        self._send.setObjectName("sendButton")
        self._send.setDefault(True)
        self._test = QPushButton(self.tr("Send a &test to me"))
        self._test.setObjectName("testButton")
        self._test_result = QLabel()
        self._test_result.setObjectName("testResult")
        self._test_result.setWordWrap(True)
        self._test_result.hide()
        self._progress = QProgressBar()
        self._progress.setObjectName("sendProgress")
        self._progress.hide()

        self._build_layout()
        self._on_type_changed()

        self._type.currentIndexChanged.connect(self._on_type_current_index_changed)
        self._channels.buttonToggled.connect(self._on_channels_button_toggled)
        self._name.textChanged.connect(self._on_name_text_changed)
        self._audience.filters_changed.connect(self._on_audience_filters_changed)
        self._lists.recipient_chosen.connect(self._on_lists_recipient_chosen)
        self._content.content_changed.connect(self._on_content_content_changed)
        self._now.toggled.connect(self._on_now_toggled)
        self._when.dateTimeChanged.connect(self._on_when_date_time_changed)
        self._send.clicked.connect(self._on_send_clicked)
        self._test.clicked.connect(self._on_test_clicked)
        self.refresh()
        self._schedule_audience()

    def _debounce(self, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(DEBOUNCE_MS)
        timer.timeout.connect(slot)
        return timer

    def _build_layout(self) -> None:
        kind = QGroupBox(self.tr("1 · Type"))
        kind.setObjectName("stepType")
        kind_form = QFormLayout(kind)
        type_label = QLabel(self.tr("&Type:"))
        type_label.setBuddy(self._type)
        kind_form.addRow(type_label, self._type)
        kind_form.addRow("", self._basis)
        channel_row = QHBoxLayout()
        for button in self._channel_buttons.values():
            channel_row.addWidget(button)
        channel_row.addStretch(1)
        kind_form.addRow(self.tr("Channel:"), channel_row)
        kind_form.addRow("", self._channel_hint)
        name_label = QLabel(self.tr("Na&me:"))
        name_label.setBuddy(self._name)
        kind_form.addRow(name_label, self._name)

        audience = QGroupBox(self.tr("2 · Recipients"))
        audience.setObjectName("stepAudience")
        audience_layout = QVBoxLayout(audience)
        audience_layout.addWidget(self._audience)
        audience_layout.addWidget(self._counts)
        audience_layout.addWidget(self._lists, 1)

        content = QGroupBox(self.tr("3 · Content"))
        content.setObjectName("stepContent")
        content_layout = QVBoxLayout(content)
        content_layout.addWidget(self._content)

        send = QGroupBox(self.tr("4 · Send"))
        send.setObjectName("stepSend")
        send_layout = QVBoxLayout(send)
        when_row = QHBoxLayout()
        when_row.addWidget(self._now)
        when_row.addSpacing(12)
        when_row.addWidget(self._later)
        when_row.addWidget(self._when)
        when_row.addStretch(1)
        send_layout.addLayout(when_row)
        send_layout.addWidget(self._summary)
        send_layout.addWidget(self._blocked)
        button_row = QHBoxLayout()
        button_row.addWidget(self._progress, 1)
        button_row.addStretch(0)
        button_row.addWidget(self._test)
        button_row.addWidget(self._send)
        send_layout.addLayout(button_row)
        send_layout.addWidget(self._test_result)

        left = QVBoxLayout()
        left.addWidget(kind)
        left.addWidget(audience, 1)
        right = QVBoxLayout()
        right.addWidget(content, 1)
        right.addWidget(send)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)

    # ---- public -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload staff and service categories (the counts follow the owner's changes and
        are made again when the composer is shown, not while the owner reads the lists)."""
        catalogue = self._ctx.services.catalogue

        def load() -> tuple[list[StaffRow], list[str]]:
            categories = sorted({s.category for s in catalogue.list_services() if s.category})
            return catalogue.list_staff(), categories

        self._ctx.db.submit(self, load, weakly(self._on_choices_loaded))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            self._schedule_audience()

    def campaign_type(self) -> CampaignType:
        return CampaignType(self._type.currentData())

    def set_campaign_type(self, kind: CampaignType) -> None:
        self._type.setCurrentIndex(self._type.findData(kind.value))

    def channel(self) -> ChannelChoice:
        for choice, button in self._channel_buttons.items():
            if button.isChecked():
                return choice
        return ChannelChoice.EMAIL

    def send_at(self) -> datetime | None:
        """The scheduled moment as an aware UTC datetime; None for "now"."""
        if self._now.isChecked():
            return None
        return datetime.fromtimestamp(self._when.dateTime().toSecsSinceEpoch(), UTC)

    def draft(self) -> CampaignDraft:
        return CampaignDraft(
            name=self._name.text().strip(),
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
            self._sending
            or not self._audience_current
            or not self._content_current
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
        return self._counts.text()

    def blocked_text(self) -> str:
        return self._blocked.text()

    def send_button(self) -> QPushButton:
        return self._send

    def progress_bar(self) -> QProgressBar:
        return self._progress

    def test_button(self) -> QPushButton:
        return self._test

    def test_result_text(self) -> str:
        return self._test_result.text()

    # ---- step 1: type and channel -------------------------------------------------------
    def _on_type_current_index_changed(self, _index: int) -> None:
        self._on_type_changed()
        self._audience.suggest_for(self.campaign_type())

    def _on_type_changed(self) -> None:
        kind = self.campaign_type()
        self._basis.setText(legal_basis(kind))
        email_only = CATEGORY[kind] is Category.SIMILAR_OFFER
        for choice, button in self._channel_buttons.items():
            button.setEnabled(not email_only or choice is ChannelChoice.EMAIL)
        if email_only:
            self._channel_buttons[ChannelChoice.EMAIL].setChecked(True)
        self._on_channel_changed()

    def _on_channels_button_toggled(self, _button: QAbstractButton, checked: bool) -> None:
        if checked:
            self._on_channel_changed()

    def _on_channel_changed(self) -> None:
        choice = self.channel()
        if CATEGORY[self.campaign_type()] is Category.SIMILAR_OFFER:
            self._channel_hint.setText(self.tr("Similar offers may only be sent by email."))
        else:
            self._channel_hint.setText(channel_choice_hint(choice))
        email, sms = self._needs()
        self._content.set_channels(email, sms)
        self._schedule_audience()
        self._schedule_content()

    def _needs(self) -> tuple[bool, bool]:
        """Which templates the campaign needs: (email, sms)."""
        if CATEGORY[self.campaign_type()] is Category.SIMILAR_OFFER:
            return True, False
        choice = self.channel()
        return choice is not ChannelChoice.SMS, choice is not ChannelChoice.EMAIL

    def _on_name_text_changed(self, _text: str) -> None:
        self._send_error = ""
        self._update_send_state()

    # ---- step 2: audience ---------------------------------------------------------------
    def _on_choices_loaded(self, choices: tuple[list[StaffRow], list[str]]) -> None:
        self._audience.set_choices(*choices)

    def _on_audience_filters_changed(self) -> None:
        self._schedule_audience()

    def _schedule_audience(self) -> None:
        # A new generation now, not when the timer fires: an answer already on its way
        # was asked with the old filters and must be dropped.
        self._audience_generation.value += 1
        self._audience_current = False
        self._send_error = ""
        self._counts.setText(self.tr("Counting…"))
        self._update_send_state()
        self._audience_timer.start()

    def _load_audience(self) -> None:
        latest = self._audience_generation
        generation = latest.value
        campaigns = self._campaigns()
        kind, channel, filters = self.campaign_type(), self.channel(), self._audience.filters()
        send_at = self.send_at()
        self._ctx.db.submit(
            self,
            lambda: (
                None
                if latest.value != generation  # outdated while it waited for the worker
                else campaigns.preview(kind, channel, filters, send_at)
            ),
            weakly(self._on_audience_answered, generation),
            weakly(self._on_audience_failed, generation),
        )

    def _on_audience_answered(self, generation: int, preview: AudiencePreview | None) -> None:
        if generation != self._audience_generation.value or preview is None:
            return  # the filters changed since this was asked
        self._preview = preview
        self._audience_current = True
        self._counts.setText(self._counts_words(preview))
        self._counts.setStyleSheet("")
        self._lists.set_preview(preview)
        chosen = self._preview_member.customer_id if self._preview_member else None
        same = [m for m in preview.recipients if m.customer_id == chosen]
        if same:
            self._preview_member = same[0]
            self._lists.select_recipient(same[0].customer_id)
        else:
            self._preview_member = preview.recipients[0] if preview.recipients else None
        # The SMS estimate and the preview depend on who is reached.
        self._schedule_content()
        self.audience_loaded.emit()

    def _on_audience_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._audience_generation.value:
            return
        self._counts.setText(error_text.describe(error, self._ctx.time_zone))
        self._counts.setStyleSheet(ERROR_STYLE)

    def _counts_words(self, preview: AudiencePreview) -> str:
        counts = preview.counts
        recipients = counts.get("recipients", len(preview.recipients))
        text = self.tr("%n recipient(s)", "", recipients)
        if recipients:
            text += " " + self.tr("({email} by email, {sms} by SMS)").format(
                email=counts.get("email", 0), sms=counts.get("sms", 0)
            )
        excluded = counts.get("excluded", len(preview.excluded))
        text += " · " + self.tr("%n left out", "", excluded)
        deferred = counts.get("deferred", 0)
        if deferred:
            text += " · " + self.tr("%n SMS wait for the end of the quiet hours", "", deferred)
        return text

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
        self._content_generation.value += 1  # as for the audience: outdates answers on their way
        self._content_current = False
        self._send_error = ""
        self._update_send_state()
        self._content_timer.start()

    def _check_content(self) -> None:
        latest = self._content_generation
        generation = latest.value
        campaigns = self._campaigns()
        draft = self.draft()
        member = self._preview_member
        sms_member = self._sms_sample_member()
        wants_sms = self._needs()[1]
        fields = self._checked_fields()
        self._ctx.db.submit(
            self,
            lambda: (
                None
                if latest.value != generation  # typed on while it waited for the worker
                else content_answer(campaigns, draft, member, sms_member, wants_sms)
            ),
            weakly(self._on_content_answered, generation, fields),
            weakly(self._on_content_failed, generation),
        )

    def _sms_sample_member(self) -> AudienceMember | None:
        if self._preview_member is not None and self._preview_member.channel is Channel.SMS:
            return self._preview_member
        recipients = self._preview.recipients if self._preview else ()
        return next((m for m in recipients if m.channel is Channel.SMS), None)

    def _checked_fields(self) -> dict[str, str]:
        email, sms = self._needs()
        fields: dict[str, str] = {}
        if email:
            fields["subject"] = self._content.subject()
            fields["body"] = self._content.body()
        if sms:
            fields["sms_body"] = self._content.sms_body()
        return fields

    def _on_content_answered(
        self, generation: int, fields: dict[str, str], answer: ContentAnswer | None
    ) -> None:
        if generation != self._content_generation.value or answer is None:
            return  # typed on since
        self._check = answer.check
        self._estimate = answer.estimate
        self._content_current = True
        self._content.show_check(answer.check, fields)
        sms_member = self._sms_sample_member()
        sample = (
            (sms_member, answer.sms_sample)
            if sms_member is not None and answer.sms_sample is not None
            else None
        )
        self._content.show_sms_numbers(sample, answer.estimate, bool(answer.check.problems))
        member = self._preview_member
        if answer.render_problems:
            self._content.show_preview_message(
                self.tr("No preview: {problem}").format(
                    problem=problem_text(answer.render_problems[0])
                ),
                error=True,
            )
        elif member is not None and answer.preview is not None:
            self._content.show_preview(member, answer.preview)
        elif answer.check.problems:
            self._content.show_preview_message(
                self.tr("The preview appears once the problems below are fixed."), error=True
            )
        else:
            self._content.show_preview_message(
                self.tr("The preview appears once the campaign has recipients.")
            )
        self._update_send_state()
        self.content_checked.emit()

    def _on_content_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._content_generation.value:
            return
        self._content_current = True
        self._check = None
        self._send_error = error_text.describe(error, self._ctx.time_zone)
        self._update_send_state()
        self.content_checked.emit()

    # ---- step 4: send -------------------------------------------------------------------
    def _set_schedule(self, day: date, hour: int) -> None:
        zone = QTimeZone(self._ctx.time_zone.encode())
        self._when.setDateTime(QDateTime(QDate(day), QTime(hour, 0), zone))

    def set_schedule(self, moment: datetime) -> None:
        """Choose "schedule" at ``moment`` (aware), shown in the salon's time zone."""
        local = moment.astimezone(self._zone)
        zone = QTimeZone(self._ctx.time_zone.encode())
        self._when.setDateTime(
            QDateTime(QDate(local.date()), QTime(local.hour, local.minute), zone)
        )
        self._later.setChecked(True)

    def _on_now_toggled(self, now: bool) -> None:
        self._when.setEnabled(not now)
        self._send.setText(self.tr("&Send…") if now else self.tr("Sc&hedule…"))
        # Quiet hours depend on when the SMS go out.
        self._schedule_audience()

    def _on_when_date_time_changed(self, _moment: QDateTime) -> None:
        if self._later.isChecked():
            self._schedule_audience()

    def _blocking_reason(self) -> str:
        """Why Send is disabled, in words; "" when it may be pressed."""
        if self._waiting():
            return self.tr("Sending…") if self._sending else self.tr("Checking…")
        if self._send_error:
            return self._send_error
        if self._preview is not None and not self._preview.recipients:
            return self.tr("Nobody can be reached with these filters and this channel.")
        check = self._check
        if check is not None and (check.problems or check.empty):
            return self.tr("Fix the problems in the content (step 3) first.")
        if check is not None and check.missing:
            return self.tr("Still missing: {fields}.").format(
                fields=", ".join(field_name(f) for f in check.missing)
            )
        if not self._name.text().strip():
            return self.tr("Give the campaign a name (step 1).")
        moment = self.send_at()
        if moment is not None and moment <= datetime.now(UTC):
            return self.tr("The scheduled time has passed: choose a later one.")
        return ""

    def _waiting(self) -> bool:
        return self._sending or not (self._audience_current and self._content_current)

    def _update_send_state(self) -> None:
        reason = self._blocking_reason()
        self._send.setEnabled(not reason)
        self._blocked.setText(reason)
        # "Checking…" is no fault of the owner's: grey, not red.
        self._blocked.setStyleSheet(HINT_STYLE if self._waiting() else ERROR_STYLE)
        self._blocked.setVisible(bool(reason))
        self._summary.setText(self._summary_words())
        self._update_test_state()

    def _summary_words(self) -> str:
        if self._preview is None:
            return ""
        recipients = len(self._preview.recipients)
        moment = self.send_at()
        if moment is None:
            text = self.tr("Goes out with the next sync to %n customer(s).", "", recipients)
        else:
            text = self.tr("Goes out on {time} to %n customer(s).", "", recipients).format(
                time=error_text.format_moment(moment, self._ctx.time_zone)
            )
        if self._estimate is not None and self._estimate.size.recipients:
            text += " " + self.tr("SMS cost about {price}.").format(
                price=price_text(self._estimate.size.cost_cents)
            )
        return text

    def _on_send_clicked(self) -> None:
        if self._blocking_reason() or self._preview is None:
            return
        recipients = len(self._preview.recipients)
        draft = self.draft()
        box = QMessageBox(self)
        box.setObjectName("sendConfirmation")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Send campaign"))
        if draft.send_at is None:
            box.setText(
                self.tr("Send “{name}” to %n customer(s) now?", "", recipients).format(
                    name=draft.name
                )
            )
        else:
            box.setText(
                self.tr("Send “{name}” to %n customer(s) on {time}?", "", recipients).format(
                    name=draft.name,
                    time=error_text.format_moment(draft.send_at, self._ctx.time_zone),
                )
            )
        excluded = len(self._preview.excluded)
        details = [self.tr("%n customer(s) are left out (see the list in step 2).", "", excluded)]
        if self._estimate is not None and self._estimate.size.recipients:
            details.append(
                self.tr("The SMS cost about {price}.").format(
                    price=price_text(self._estimate.size.cost_cents)
                )
            )
        details.append(self.tr("Every message carries its unsubscribe link."))
        if self._check is not None and self._check.advertising_words:
            details.append(
                self.tr(
                    "The text contains words that look like advertising ({words}), which "
                    "service information must not contain. Send it only if it advertises "
                    "nothing."
                ).format(words=", ".join(f"“{w}”" for w in self._check.advertising_words))
            )
        box.setInformativeText(" ".join(details))
        confirm = box.addButton(
            self.tr("Send") if draft.send_at is None else self.tr("Schedule"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        confirm.setObjectName("confirmSend")
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _result: self._on_confirmation_finished(box, draft))
        box.open()
        self.confirmation_opened.emit(box)

    def _on_confirmation_finished(self, box: QMessageBox, draft: CampaignDraft) -> None:
        clicked = box.clickedButton()
        confirmed = clicked is not None and (
            box.buttonRole(clicked) == QMessageBox.ButtonRole.AcceptRole
        )
        box.deleteLater()
        if confirmed:
            self._start_send(draft)

    def _start_send(self, draft: CampaignDraft) -> None:
        self._sending = True
        self._progress.setRange(0, 0)  # busy until the first chunk is queued
        self._progress.show()
        self._update_send_state()
        run = SendRun(self._ctx.db)
        run.progressed.connect(self._on_send_progressed, Qt.ConnectionType.QueuedConnection)
        run.finished.connect(self._on_sent)
        run.failed.connect(self._on_send_failed)
        campaigns = self._campaigns()
        self._ctx.db.submit(
            run,
            # The owner read the advertising warning (step 3 and this box) and confirmed.
            lambda: campaigns.send(draft, run.report_progress, wording_confirmed=True),
            run.finished.emit,
            run.failed.emit,
        )

    def _on_send_progressed(self, done: int, total: int) -> None:
        self._progress.setRange(0, max(total, 1))
        self._progress.setValue(done)
        self._progress.setFormat(self.tr("%v of %m queued"))

    def _on_sent(self, row: CampaignRow) -> None:
        self._sending = False
        self._progress.hide()
        # A fresh start: pressing Send again must not queue the same campaign twice.
        self._name.clear()
        self._content.clear()
        self._now.setChecked(True)
        self._test_result.hide()  # it was about the campaign just sent
        self._update_send_state()
        self.campaign_sent.emit(row)

    def _on_send_failed(self, error: BaseException) -> None:
        self._sending = False
        self._progress.hide()
        self._send_error = error_text.describe(error, self._ctx.time_zone)
        self._update_send_state()

    # ---- test send ----------------------------------------------------------------------
    def _test_channels(self) -> list[Channel]:
        """Where the test goes: the campaign's channel; for "best available" email, and
        SMS too once an SMS text is written (it is the fallback, often left for later)."""
        email, sms = self._needs()
        if email and sms:
            written = bool(self._content.sms_body().strip())
            return [Channel.EMAIL, Channel.SMS] if written else [Channel.EMAIL]
        return [Channel.SMS] if sms else [Channel.EMAIL]

    def _test_blocking_reason(self) -> str:
        """Why the test button is disabled, in words; "" when it may be pressed. Unlike
        Send it needs neither a name nor recipients: only content that can be filled in."""
        if self._sync_factory is None:
            return self.tr("Set up a gateway first (Settings)")
        if self._testing:
            return self.tr("Sending the test…")
        if self._sending or not self._content_current:
            return self.tr("Checking…")
        check = self._check
        if check is None:  # the check itself failed
            return self._send_error or self.tr("Checking…")
        if check.problems:
            return self.tr("Fix the problems in the content (step 3) first.")
        needed = {f for channel in self._test_channels() for f in TEST_FIELDS[channel]}
        missing = [f for f in check.missing if f in needed]
        if missing:
            return self.tr("Still missing: {fields}.").format(
                fields=", ".join(field_name(f) for f in missing)
            )
        return ""

    def _update_test_state(self) -> None:
        reason = self._test_blocking_reason()
        self._test.setEnabled(not reason)
        self._test.setToolTip(
            reason
            or self.tr(
                "Sends this campaign once to your own email address or mobile number "
                "(“Automations” tab), filled in as for the first recipient. "
                "No customer gets it."
            )
        )

    def _on_test_clicked(self) -> None:
        factory = self._sync_factory
        if factory is None or self._test_blocking_reason():
            return
        self._testing = True
        self._show_test_result(self.tr("Sending the test…"), HINT_STYLE)
        self._update_test_state()
        campaigns, draft, channels = self._campaigns(), self.draft(), self._test_channels()
        self._ctx.gateway.submit(
            self,
            lambda: send_tests(campaigns, factory, draft, channels),
            weakly(self._on_test_done),
            weakly(self._on_test_error),
        )

    def _on_test_done(self, outcomes: list[ChannelTestOutcome]) -> None:
        self._testing = False
        lines: list[str] = []
        for outcome in outcomes:
            if outcome.error is not None:
                lines.append(self._test_error_text(outcome.error))
            elif outcome.refused is not None:
                lines.append(
                    self.tr("The gateway refused the test to {address} ({reason}).").format(
                        address=outcome.to, reason=error_text.reason_text(outcome.refused)
                    )
                )
            else:
                lines.append(self.tr("Test sent to {address}.").format(address=outcome.to))
        text = " ".join(lines)
        self._update_test_state()
        if all(o.error is None and o.refused is None for o in outcomes):
            self._show_test_result(text, "")
            self.test_sent.emit(text)
        else:
            self._show_test_result(text, ERROR_STYLE)
            self.test_failed.emit(text)

    def _on_test_error(self, error: BaseException) -> None:
        self._testing = False
        text = self._test_error_text(error)
        self._update_test_state()
        self._show_test_result(text, ERROR_STYLE)
        self.test_failed.emit(text)

    def _test_error_text(self, error: BaseException) -> str:
        if isinstance(error, GatewayError) and error.kind == "unreachable":
            # describe() promises the outbox keeps the message; a test never enters it.
            return self.tr("The gateway cannot be reached: the test was not sent. Try again later.")
        if isinstance(error, GatewayError) and error.kind == "server_error":
            return self.tr("The gateway has a problem: the test was not sent. Try again later.")
        text = error_text.describe(error, self._ctx.time_zone)
        if isinstance(error, InvalidField) and error.field in ("owner_email", "owner_mobile"):
            text += " " + self.tr("Enter it on the “Automations” tab.")
        return text

    def _show_test_result(self, text: str, style: str) -> None:
        self._test_result.setText(text)
        self._test_result.setStyleSheet(style)
        self._test_result.show()

    def _campaigns(self) -> CampaignService:
        return self._ctx.services.campaigns
