"""The owner's campaigns: preview the audience, check and render the content, queue it.

Queuing decides the audience once more inside the write transaction (the rules apply when
a message is queued) and the outbox checks every message again before it goes to the
gateway (``OutboxService.release``), which also holds back marketing SMS in quiet hours.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta
from typing import TypeVar, cast

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.access import Actor
from desk_app.domain.campaign_content import (
    PLACEHOLDERS,
    ComposedMessage,
    Imprint,
    TemplateProblem,
    advertising_wording,
    check_field,
    needs_imprint,
    required_placeholders,
    sms_as_sent,
    sms_campaign_size,
)
from desk_app.domain.campaigns import CATEGORY, CampaignType, ChannelChoice
from desk_app.domain.enums import (
    AuditAction,
    Category,
    Channel,
    ConsentEvent,
    Permission,
    Reason,
)
from desk_app.domain.errors import InvalidField, NotFound
from desk_app.domain.fields import CAMPAIGN_NAME_MAX, checked_line
from desk_app.domain.policy import ADVERTISING
from desk_app.domain.sms import sms_size
from desk_app.gateway.port import OutgoingMessage
from desk_app.services.access_guard import authorize
from desk_app.services.audience import (
    AudienceLine,
    AudienceQuery,
    in_quiet_hours,
    select_audience,
)
from desk_app.services.audience_counts import count_audience
from desk_app.services.audience_pages import select_recipients
from desk_app.services.audit import record
from desk_app.services.campaign_placeholders import (
    FROM_APPOINTMENTS,
    empty_value_counts,
    example_values,
    placeholder_values,
    salon_details,
    unsubscribe_link_chars,
)
from desk_app.services.campaign_queue import (
    QUEUE_LEASE,
    Progress,
    QueueJob,
    Templates,
    compose_message,
    queue_chunks,
)
from desk_app.services.campaign_rows import (
    AudienceFilters,
    AudienceMember,
    AudiencePreview,
    CampaignDraft,
    CampaignResult,
    CampaignRow,
    ContentCheck,
    EmptyPlaceholder,
    RenderedPreview,
    SmsEstimate,
)
from desk_app.services.recipients import load_customers
from desk_app.services.sender_names import load_sender_names
from desk_app.services.settings_store import read_settings

CHUNK = 500
OWNER_TEST_REF = "salon-owner-test"  # test sends belong to no customer
_T = TypeVar("_T")


class CampaignService:
    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self._db = db
        self._clock = clock

    # ---- audience -----------------------------------------------------------------------
    def preview(
        self,
        type: CampaignType,
        channel: ChannelChoice,
        filters: AudienceFilters,
        send_at: datetime | None = None,
    ) -> AudiencePreview:
        with self._db.read() as s:
            lines = select_audience(s, self._query(s, type, channel, filters))
            deferred = self._sms_deferred(s, type, send_at)
        recipients: list[AudienceMember] = []
        excluded: list[AudienceMember] = []
        counts: dict[str, int] = {"email": 0, "sms": 0}
        sms = Channel.SMS.value
        # Tuple unpacking and dict lookups (no attribute access by name, no enum calls):
        # this loop runs for up to 200,000 customers and used to cost more than the query.
        for customer_id, first, last, channel_value, reason, _address, _basis in cast(
            "Sequence[_Line]", lines
        ):
            name = f"{first} {last}".strip()
            if channel_value is not None:
                recipients.append(
                    AudienceMember(
                        customer_id,
                        name,
                        _CHANNELS[channel_value],
                        None,
                        deferred and channel_value == sms,
                    )
                )
                counts[channel_value] += 1
            else:
                assert reason is not None  # the statement gives every excluded one a reason
                excluded.append(AudienceMember(customer_id, name, None, _REASONS[reason]))
                counts[reason] = counts.get(reason, 0) + 1
        counts["recipients"], counts["excluded"] = len(recipients), len(excluded)
        counts["deferred"] = counts["sms"] if deferred else 0
        return AudiencePreview(tuple(recipients), tuple(excluded), counts)

    # ---- content ------------------------------------------------------------------------
    def check_content(self, draft: CampaignDraft) -> ContentCheck:
        """What blocks sending (template problems, missing texts, placeholders that would
        be empty for recipients) and what the owner should read (advertising words in
        service information)."""
        problems, missing, words = self._template_check(draft)
        empty: tuple[EmptyPlaceholder, ...] = ()
        if not problems:
            empty = self._empty_placeholders(draft)
        imprint_missing = self._imprint_missing(draft)
        return ContentCheck(tuple(problems), tuple(missing), tuple(words), empty, imprint_missing)

    def _imprint_missing(self, draft: CampaignDraft) -> bool:
        """The draft may go by email as advertising, and the salon's imprint is not
        complete (no postal address): such emails are refused (``needs_imprint``)."""
        if not any(needs_imprint(CATEGORY[draft.type], c) for c in _channels_of(draft)):
            return False
        with self._db.read() as s:
            salon = salon_details(s)
        return not Imprint(salon.name, salon.address, salon.phone).complete

    def _template_check(
        self, draft: CampaignDraft
    ) -> tuple[list[TemplateProblem], list[str], list[str]]:
        """Problems, missing texts and advertising words: the templates alone, no query."""
        problems = []
        missing = []
        for field, text in self._templates_needed(draft):
            if not text.strip():
                missing.append(field)
            problems += check_field(field, text)
        words: list[str] = []
        if CATEGORY[draft.type] is Category.SERVICE_INFO:
            for text in (draft.subject, draft.body, draft.sms_body):
                words += [w for w in advertising_wording(text) if w not in words]
        return problems, missing, words

    def _empty_placeholders(
        self, draft: CampaignDraft, lines: Sequence[AudienceLine] | None = None
    ) -> tuple[EmptyPlaceholder, ...]:
        """Printed placeholders (no ``{% if %}`` on them) that would be empty for some
        recipients: counted per channel over the audience (``lines``, when the caller
        selected it already and no placeholder needs the appointments; else one query)."""
        required = {
            Channel.EMAIL: required_placeholders(draft.subject) | required_placeholders(draft.body),
            Channel.SMS: required_placeholders(draft.sms_body),
        }
        channels = _channels_of(draft)
        if not any(required[channel] for channel in channels):
            return ()
        now = self._clock()
        from_lines = lines is not None and not any(
            required[channel] & FROM_APPOINTMENTS for channel in channels
        )
        with self._db.read() as s:
            salon = salon_details(s)
            if from_lines:
                assert lines is not None
                counts = _empty_name_counts(lines)
            else:
                query = self._query(s, draft.type, draft.channel, draft.filters)
                counts = empty_value_counts(s, query, now)
        salon_values = {
            "salon_name": salon.name,
            "salon_phone": salon.phone,
            "salon_address": salon.address,
            "review_url": salon.review_url,
        }
        found: dict[str, int] = {}
        for channel in channels:
            channel_counts = counts.get(channel.value, {})
            for name in required[channel]:
                if name in salon_values:
                    number = channel_counts.get("recipients", 0) if not salon_values[name] else 0
                else:
                    number = channel_counts.get(name, 0)
                if number:
                    found[name] = found.get(name, 0) + number
        order = [p.name for p in PLACEHOLDERS]
        return tuple(EmptyPlaceholder(name, found[name]) for name in sorted(found, key=order.index))

    def render_for(
        self, draft: CampaignDraft, customer_id: int, channel: Channel
    ) -> RenderedPreview:
        now = self._clock()
        with self._db.read() as s:
            salon = salon_details(s)
            customer = s.get(m.Customer, customer_id)
            if customer is None:
                raise NotFound("customer", str(customer_id))
            values = placeholder_values(s, [customer], salon, now)[customer_id]
            link_length = unsubscribe_link_chars(s)
        message = _compose(draft, channel, values, customer.language)
        if channel is Channel.SMS:
            # Counted as sent: the gateway puts the real link where the placeholder is.
            size = sms_size(sms_as_sent(message.body, link_length))
            return RenderedPreview(
                customer_id, channel, "", message.body, size.units, size.segments, size.encoding
            )
        return RenderedPreview(customer_id, channel, message.subject, message.body)

    def sms_estimate(self, draft: CampaignDraft) -> SmsEstimate:
        """Characters, encoding and segments over every SMS recipient after placeholders."""
        now = self._clock()
        with self._db.read() as s:
            price = read_settings(s).sms_price_cents
            link_length = unsubscribe_link_chars(s)
            salon = salon_details(s)
            lines = select_audience(s, self._query(s, draft.type, draft.channel, draft.filters))
            sms_ids = [ln.customer_id for ln in lines if ln.channel == Channel.SMS.value]
            bodies: list[str] = []
            for chunk in _in_chunks(sms_ids):
                customers = list(load_customers(s, chunk).values())
                values = placeholder_values(s, customers, salon, now)
                bodies += [
                    _compose(draft, Channel.SMS, values[c.id], c.language).body for c in customers
                ]
        return SmsEstimate(sms_campaign_size(bodies, price, link_length=link_length), price)

    def test_message(self, draft: CampaignDraft, channel: Channel) -> OutgoingMessage:
        """The campaign as the first recipient would get it, addressed to the owner.

        Hand it to ``SyncService.send_test``. Without recipients it is filled with the
        salon's own details and an example name.
        """
        problems = self.check_content(draft).problems
        if problems:
            raise InvalidField("template", problems[0].code.value, problems[0].detail)
        now = self._clock()
        with self._db.read() as s:
            settings = read_settings(s)
            key = "owner_email" if channel is Channel.EMAIL else "owner_mobile"
            to = settings.owner_email if channel is Channel.EMAIL else settings.owner_mobile
            if not to:
                raise InvalidField(key, "required")
            salon = salon_details(s)
            lines = select_audience(s, self._query(s, draft.type, draft.channel, draft.filters))
            first = next((ln for ln in lines if ln.channel is not None), None)
            customers = list(load_customers(s, [first.customer_id]).values()) if first else []
            if customers:
                values = placeholder_values(s, customers, salon, now)[customers[0].id]
                language = customers[0].language
            else:
                values = example_values(salon)
                language = settings.language
        message = _compose(draft, channel, values, language)
        return OutgoingMessage(
            client_id=str(uuid.uuid4()),
            channel=channel.value,
            category=Category.TRANSACTIONAL.value,  # to the salon itself, not to a customer
            to=to,
            subject=f"[Test] {message.subject}" if message.subject else "",
            text=message.body,
            customer_ref=OWNER_TEST_REF,
            language=language,
            sender_name=load_sender_names(self._db).of(channel.value),
        )

    # ---- sending ------------------------------------------------------------------------
    def send(
        self,
        draft: CampaignDraft,
        progress: Progress | None = None,
        *,
        actor: Actor,
        wording_confirmed: bool = False,
    ) -> CampaignRow:
        """Create the campaign and queue one message per recipient (``send_at``: not before).

        Service information with advertising words is refused unless the owner read the
        warning and confirmed (``wording_confirmed``: the window's send dialog says so;
        the command line has no such dialog and always refuses).

        ``actor``: who sends; checked before the audience is read, and again in the
        transaction that creates the campaign (with its author and one audit entry).
        """
        with self._db.read() as s:
            authorize(s, actor, Permission.SEND_CAMPAIGNS)
        name = checked_line("name", draft.name, CAMPAIGN_NAME_MAX)
        problems, missing, advertising = self._template_check(draft)
        if missing:
            raise InvalidField(missing[0], "required")
        if problems:
            first = problems[0]
            field = self._field_of(draft, first)
            raise InvalidField(field, first.code.value, first.detail)
        now = self._clock()
        # The audience is decided once more, in a read transaction: a consistent snapshot
        # that holds no write lock while 200,000 customers are sorted (the counter books
        # meanwhile). The outbox checks every message again before it goes out.
        # Only the recipients are read (the counts of those left out come from the read
        # model): 60,000 lines instead of 90,000, and no window over all of them.
        with self._db.read() as s:
            query = self._query(s, draft.type, draft.channel, draft.filters)
            recipients = select_recipients(s, query)
            counts = count_audience(s, query)
            salon = salon_details(s)
        empty = self._empty_placeholders(draft, recipients)
        if empty:
            raise InvalidField("template", "empty_placeholder", empty[0].name)
        if advertising and not wording_confirmed:
            words = ", ".join(f"“{word}”" for word in advertising)
            raise InvalidField("template", "advertising_in_service_info", words)
        if not name:
            raise InvalidField("name", "required")
        send_at = draft.send_at or now
        if send_at.tzinfo is None:
            raise InvalidField("send_at", "no_time_zone", send_at.isoformat())
        if self._imprint_missing(draft):
            raise InvalidField("salon_address", "imprint_required")
        templates = _templates_of(draft)
        with self._db.write() as s:
            current = authorize(s, actor, Permission.SEND_CAMPAIGNS)
            campaign = m.Campaign(
                name=name,
                type=draft.type.value,
                channel=draft.channel.value,
                filters=draft.filters.to_json(),
                subject=draft.subject,
                body=draft.body,
                sms_body=draft.sms_body,
                send_at=send_at,
                queued=0,
                excluded={k: v for k, v in counts.items() if k not in _NOT_REASONS},
                created_by=current.name if current.is_member else draft.created_by,
                created_at=now,
                queue_cursor=0,
                queue_touched_at=now,
            )
            s.add(campaign)
            s.flush()
            campaign_id = campaign.id
            details = {
                "name": name,
                "type": draft.type.value,
                "channel": draft.channel.value,
                "recipients": len(recipients),
                "send_at": send_at.isoformat(),
            }
            record(s, current, AuditAction.CAMPAIGN_SENT, now, f"campaign:{campaign_id}", details)
        job = QueueJob(campaign_id, templates, send_at, now, salon, self._clock)
        queue_chunks(self._db, job, 0, recipients, 0, progress)
        return self._row(campaign_id)

    def resume(self, campaign_id: int, progress: Progress | None = None) -> CampaignRow:
        """Queue the rest of a campaign whose queuing stopped (the process was killed,
        the PC shut down): the recipients after its cursor, decided anew now. Safe to
        call while another process queues it too: one of them queues each chunk."""
        now = self._clock()
        with self._db.read() as s:
            campaign = s.get(m.Campaign, campaign_id)
            if campaign is None:
                raise NotFound("campaign", str(campaign_id))
            if campaign.queue_done_at is not None:
                return _campaign_row(campaign)
            type_ = CampaignType(campaign.type)
            cursor, already = campaign.queue_cursor, campaign.queued
            filters = AudienceFilters.from_json(campaign.filters)
            query = self._query(s, type_, ChannelChoice(campaign.channel), filters)
            lines = select_recipients(s, query)
            salon = salon_details(s)
            # Addresses this campaign reached already: a family member's turn to get
            # the message does not come again because the first one objected meanwhile.
            reached = {
                (channel, address)
                for channel, address in s.execute(
                    select(m.OutboxMessage.channel, m.OutboxMessage.to_address).where(
                        m.OutboxMessage.campaign_id == campaign_id
                    )
                )
            }
            templates = Templates(type_, campaign.subject, campaign.body, campaign.sms_body)
            send_at = campaign.send_at
        recipients = [
            ln
            for ln in lines
            if ln.customer_id > cursor and (ln.channel, ln.address) not in reached
        ]
        job = QueueJob(campaign_id, templates, send_at, now, salon, self._clock)
        queue_chunks(self._db, job, cursor, recipients, already, progress)
        return self._row(campaign_id)

    def unfinished(self, idle_for: timedelta = QUEUE_LEASE) -> list[int]:
        """Campaigns still queuing that nobody has moved on for ``idle_for``."""
        since = self._clock() - idle_for
        c = m.Campaign
        with self._db.read() as s:
            return list(
                s.scalars(
                    select(c.id)
                    .where(
                        c.queue_done_at.is_(None),
                        or_(c.queue_touched_at.is_(None), c.queue_touched_at <= since),
                    )
                    .order_by(c.id)
                )
            )

    def resume_unfinished(self) -> list[CampaignRow]:
        """Resume every campaign left half queued (the background automations' round)."""
        return [self.resume(campaign_id) for campaign_id in self.unfinished()]

    def _row(self, campaign_id: int) -> CampaignRow:
        with self._db.read() as s:
            campaign = s.get(m.Campaign, campaign_id)
            assert campaign is not None
            return _campaign_row(campaign)

    # ---- results ------------------------------------------------------------------------
    def campaigns(self) -> list[CampaignRow]:
        with self._db.read() as s:
            rows = s.scalars(
                select(m.Campaign).order_by(m.Campaign.created_at.desc(), m.Campaign.id.desc())
            )
            return [_campaign_row(c) for c in rows]

    def result(self, campaign_id: int) -> CampaignResult:
        with self._db.read() as s:
            campaign = s.get(m.Campaign, campaign_id)
            if campaign is None:
                raise NotFound("campaign", str(campaign_id))
            by_status = {
                str(status): int(n)
                for status, n in s.execute(
                    select(m.OutboxMessage.status, func.count())
                    .where(m.OutboxMessage.campaign_id == campaign_id)
                    .group_by(m.OutboxMessage.status)
                )
            }
            recipients = select(m.OutboxMessage.customer_id).where(
                m.OutboxMessage.campaign_id == campaign_id
            )
            unsubscribed = s.scalar(
                select(func.count(func.distinct(m.ConsentLedgerEntry.customer_id))).where(
                    m.ConsentLedgerEntry.customer_id.in_(recipients),
                    m.ConsentLedgerEntry.event.in_(
                        (ConsentEvent.OBJECTED.value, ConsentEvent.REVOKED.value)
                    ),
                    m.ConsentLedgerEntry.at >= campaign.send_at,
                )
            )
            return CampaignResult(_campaign_row(campaign), by_status, int(unsubscribed or 0))

    # ---- helpers ------------------------------------------------------------------------
    def _query(
        self, s: Session, type: CampaignType, channel: ChannelChoice, filters: AudienceFilters
    ) -> AudienceQuery:
        settings = read_settings(s)
        return AudienceQuery(
            type=type,
            channel=channel,
            filters=filters,
            now=self._clock(),
            time_zone=settings.time_zone,
            frequency_cap=settings.frequency_cap,
        )

    def sms_deferred(self, type: CampaignType, send_at: datetime | None = None) -> bool:
        """True when this campaign's SMS would wait for the end of the quiet hours."""
        with self._db.read() as s:
            return self._sms_deferred(s, type, send_at)

    def _sms_deferred(self, s: Session, type: CampaignType, send_at: datetime | None) -> bool:
        if CATEGORY[type] not in ADVERTISING:
            return False
        settings = read_settings(s)
        return in_quiet_hours(send_at or self._clock(), settings.time_zone, settings.quiet_hours)

    def _field_of(self, draft: CampaignDraft, problem: TemplateProblem) -> str:
        """The template field a problem is in (for the error); "template" if unsure."""
        for field, text in self._templates_needed(draft):
            if problem in check_field(field, text):
                return field
        return "template"

    @staticmethod
    def _templates_needed(draft: CampaignDraft) -> list[tuple[str, str]]:
        email = [("subject", draft.subject), ("body", draft.body)]
        sms = [("sms_body", draft.sms_body)]
        if CATEGORY[draft.type] is Category.SIMILAR_OFFER or draft.channel is ChannelChoice.EMAIL:
            return email
        if draft.channel is ChannelChoice.SMS:
            return sms
        return email + sms


_NOT_REASONS = frozenset({"recipients", "excluded", "email", "sms", "deferred"})


_Line = tuple[int, str, str, str | None, str | None, str | None, str | None]  # AudienceLine
_CHANNELS = {channel.value: channel for channel in Channel}
_REASONS = {reason.value: reason for reason in Reason}


def _templates_of(draft: CampaignDraft) -> Templates:
    return Templates(draft.type, draft.subject, draft.body, draft.sms_body)


def _channels_of(draft: CampaignDraft) -> tuple[Channel, ...]:
    """The channels the draft's messages may go by."""
    if CATEGORY[draft.type] is Category.SIMILAR_OFFER:
        return (Channel.EMAIL,)
    needed = {ChannelChoice.EMAIL: (Channel.EMAIL,), ChannelChoice.SMS: (Channel.SMS,)}
    return needed.get(draft.channel, (Channel.EMAIL, Channel.SMS))


def _compose(
    draft: CampaignDraft, channel: Channel, values: dict[str, str], language: str
) -> ComposedMessage:
    return compose_message(_templates_of(draft), channel, values, language)


def _empty_name_counts(lines: Sequence[AudienceLine]) -> dict[str, dict[str, int]]:
    """``empty_value_counts`` for the name placeholders, from the selected audience."""
    counts: dict[str, dict[str, int]] = {}
    # Tuple unpacking, no attribute access by name: 200,000 lines at chain scale.
    for _id, first_name, last_name, channel, *_rest in cast("Sequence[_Line]", lines):
        if channel is None:
            continue
        of_channel = counts.get(channel)
        if of_channel is None:
            of_channel = counts[channel] = {"recipients": 0, "first_name": 0, "last_name": 0}
        of_channel["recipients"] += 1
        if not first_name:
            of_channel["first_name"] += 1
        if not last_name:
            of_channel["last_name"] += 1
    return counts


def _campaign_row(c: m.Campaign) -> CampaignRow:
    return CampaignRow(
        id=c.id,
        name=c.name,
        type=CampaignType(c.type),
        channel=ChannelChoice(c.channel),
        send_at=c.send_at,
        created_at=c.created_at,
        queued=c.queued,
        excluded=dict(c.excluded),
    )


def _in_chunks(items: Sequence[_T]) -> Iterator[Sequence[_T]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]
