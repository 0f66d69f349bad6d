"""The owner's campaigns: preview the audience, check and render the content, queue it.

Queuing decides the audience once more inside the write transaction (the rules apply when
a message is queued) and the outbox checks every message again before it goes to the
gateway (``OutboxService.release``), which also holds back marketing SMS in quiet hours.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from typing import TypeVar, cast

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.campaign_content import (
    PLACEHOLDERS,
    ComposedMessage,
    TemplateProblem,
    advertising_wording,
    check_field,
    compose,
    required_placeholders,
    sms_as_sent,
    sms_campaign_size,
    used_placeholders,
)
from desk_app.domain.campaigns import CATEGORY, CampaignType, ChannelChoice
from desk_app.domain.enums import (
    Category,
    Channel,
    ConsentEvent,
    OutboxStatus,
    Reason,
)
from desk_app.domain.errors import InvalidField, NotFound
from desk_app.domain.fields import CAMPAIGN_NAME_MAX, checked_line
from desk_app.domain.policy import ADVERTISING
from desk_app.domain.sms import sms_size
from desk_app.gateway.port import OutgoingMessage
from desk_app.services.audience import (
    AudienceQuery,
    count_by,
    in_quiet_hours,
    select_audience,
)
from desk_app.services.campaign_placeholders import (
    empty_value_counts,
    example_values,
    placeholder_values,
    salon_details,
    unsubscribe_link_chars,
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
from desk_app.services.recipients import address_of, load_customers
from desk_app.services.sender_names import load_sender_names
from desk_app.services.settings_store import read_settings

CHUNK = 500
OWNER_TEST_REF = "salon-owner-test"  # test sends belong to no customer
Progress = Callable[[int, int], None]
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
        empty: tuple[EmptyPlaceholder, ...] = ()
        if not problems:
            empty = self._empty_placeholders(draft)
        return ContentCheck(tuple(problems), tuple(missing), tuple(words), empty)

    def _empty_placeholders(self, draft: CampaignDraft) -> tuple[EmptyPlaceholder, ...]:
        """Printed placeholders (no ``{% if %}`` on them) that would be empty for some
        recipients: one query over the audience, counting per channel."""
        required = {
            Channel.EMAIL: required_placeholders(draft.subject) | required_placeholders(draft.body),
            Channel.SMS: required_placeholders(draft.sms_body),
        }
        needed = {ChannelChoice.EMAIL: (Channel.EMAIL,), ChannelChoice.SMS: (Channel.SMS,)}
        channels = needed.get(draft.channel, (Channel.EMAIL, Channel.SMS))
        if CATEGORY[draft.type] is Category.SIMILAR_OFFER:
            channels = (Channel.EMAIL,)
        if not any(required[channel] for channel in channels):
            return ()
        now = self._clock()
        with self._db.read() as s:
            salon = salon_details(s)
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
        wording_confirmed: bool = False,
    ) -> CampaignRow:
        """Create the campaign and queue one message per recipient (``send_at``: not before).

        Service information with advertising words is refused unless the owner read the
        warning and confirmed (``wording_confirmed``: the window's send dialog says so;
        the command line has no such dialog and always refuses).
        """
        name = checked_line("name", draft.name, CAMPAIGN_NAME_MAX)
        check = self.check_content(draft)
        if check.missing:
            raise InvalidField(check.missing[0], "required")
        if check.problems:
            first = check.problems[0]
            field = self._field_of(draft, first)
            raise InvalidField(field, first.code.value, first.detail)
        if check.empty:
            raise InvalidField("template", "empty_placeholder", check.empty[0].name)
        if check.advertising_words and not wording_confirmed:
            words = ", ".join(f"“{word}”" for word in check.advertising_words)
            raise InvalidField("template", "advertising_in_service_info", words)
        if not name:
            raise InvalidField("name", "required")
        now = self._clock()
        send_at = draft.send_at or now
        if send_at.tzinfo is None:
            raise InvalidField("send_at", "no_time_zone", send_at.isoformat())
        category = CATEGORY[draft.type]
        with self._db.write() as s:
            lines = select_audience(s, self._query(s, draft.type, draft.channel, draft.filters))
            recipients = [ln for ln in lines if ln.channel is not None]
            counts = count_by(lines)
            campaign = m.Campaign(
                name=name,
                type=draft.type.value,
                channel=draft.channel.value,
                filters=draft.filters.to_json(),
                subject=draft.subject,
                body=draft.body,
                sms_body=draft.sms_body,
                send_at=send_at,
                queued=len(recipients),
                excluded={k: v for k, v in counts.items() if k not in _NOT_REASONS},
                created_by=draft.created_by,
                created_at=now,
            )
            s.add(campaign)
            s.flush()
            row = _campaign_row(campaign)
        # The messages go in chunks, each in its own short write transaction: a campaign
        # to 100,000 customers must not keep the counter PCs from booking meanwhile.
        done = 0
        used = frozenset().union(*(used_placeholders(t) for _f, t in self._templates_needed(draft)))
        for chunk in _in_chunks(recipients):
            with self._db.read() as s:
                salon = salon_details(s)
                customers = load_customers(s, [ln.customer_id for ln in chunk])
                values = placeholder_values(s, list(customers.values()), salon, now, used)
            rows = []
            for line in chunk:
                customer = customers[line.customer_id]
                channel = _CHANNELS[str(line.channel)]
                message = _compose(draft, channel, values[customer.id], customer.language)
                rows.append(
                    {
                        "client_id": str(uuid.uuid4()),
                        "customer_id": customer.id,
                        "campaign_id": row.id,
                        "channel": channel.value,
                        "category": category.value,
                        "kind": f"campaign_{draft.type.value}",
                        "to_address": address_of(customer, channel),
                        "subject": message.subject,
                        "body": message.body,
                        "payload": {"basis_ref": line.basis_ref}
                        if category is Category.MARKETING
                        else {},
                        "status": OutboxStatus.QUEUED.value,
                        "not_before": send_at if send_at > now else None,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
            with self._db.write() as s:
                s.execute(insert(m.OutboxMessage), rows)
            done += len(chunk)
            if progress is not None:
                progress(done, len(recipients))
        return row

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


def _compose(
    draft: CampaignDraft, channel: Channel, values: dict[str, str], language: str
) -> ComposedMessage:
    body = draft.body if channel is Channel.EMAIL else draft.sms_body
    subject = draft.subject if channel is Channel.EMAIL else ""
    return compose(CATEGORY[draft.type], channel, subject, body, values, language)


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
