"""Who a campaign reaches and why the others are left out: one SQL statement.

The per-customer decision of ``desk_app.domain.policy.decide`` is written here a second
time as SQL ``CASE`` expressions, so 200,000 customers are sorted in the database instead
of one by one in Python. Tests hold the two together: for every customer, campaign type
and channel the SQL answer must equal the Python one (tests/services/test_audience_rules.py).

Facts come from ``customer_consent`` (the replayed ledger), the address flags on
``customers``, one aggregate over ``appointments`` and one over recent advertising in
the ``outbox``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    Integer,
    String,
    and_,
    case,
    exists,
    false,
    func,
    literal,
    null,
    or_,
    select,
    true,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement as Expr

from desk_app.db import models as m
from desk_app.domain.campaigns import CATEGORY, CampaignType, ChannelChoice
from desk_app.domain.enums import AppointmentStatus, Category, Channel, ConsentState, Reason
from desk_app.domain.policy import ADVERTISING
from desk_app.services.campaign_rows import AudienceFilters
from desk_app.services.recipients import FREQUENCY_WINDOW

_NEEDS_NO_OBJECTION = (Category.MARKETING, Category.SERVICE_INFO, Category.SIMILAR_OFFER)
_COUNTED_FOR_CAP = (Category.MARKETING.value, Category.SIMILAR_OFFER.value)
_NOT_SENT = ("rejected", "expired")
_DONE = AppointmentStatus.DONE.value


@dataclass(frozen=True)
class AudienceQuery:
    """What to select and the circumstances of sending."""

    type: CampaignType
    channel: ChannelChoice
    filters: AudienceFilters
    now: datetime
    time_zone: str
    frequency_cap: int

    @property
    def category(self) -> Category:
        return CATEGORY[self.type]


@dataclass(frozen=True, slots=True)
class AudienceLine:
    """One selected customer: ``channel`` set for a recipient, else ``reason``."""

    customer_id: int
    first_name: str
    last_name: str
    channel: str | None
    reason: str | None
    address: str | None
    basis_ref: str | None


def select_audience(session: Session, query: AudienceQuery) -> list[AudienceLine]:
    """Every customer matching the filters, decided, in customer id order."""
    statement = audience_statement(query, session.get_bind().dialect.name)
    return [AudienceLine(*row) for row in session.execute(statement)]


def audience_statement(query: AudienceQuery, dialect: str) -> Any:
    category = query.category
    zone = ZoneInfo(query.time_zone)
    visits = (
        select(
            m.Appointment.customer_id.label("customer_id"),
            func.count().label("bookings"),
            func.sum(case((m.Appointment.status == _DONE, 1), else_=0)).label("visits"),
            func.max(
                case((m.Appointment.status == _DONE, m.Appointment.starts_at), else_=null())
            ).label("last_visit"),
        )
        .group_by(m.Appointment.customer_id)
        .subquery("visits")
    )
    recent = (
        select(
            m.OutboxMessage.customer_id.label("customer_id"),
            func.count().label("sent"),
        )
        .where(
            m.OutboxMessage.category.in_(_COUNTED_FOR_CAP),
            m.OutboxMessage.status.not_in(_NOT_SENT),
            m.OutboxMessage.created_at > query.now - FREQUENCY_WINDOW,
        )
        .group_by(m.OutboxMessage.customer_id)
        .subquery("recent")
    )
    c, cc = m.Customer, m.CustomerConsent
    bookings = func.coalesce(visits.c.bookings, 0)
    done = func.coalesce(visits.c.visits, 0)
    objected = func.coalesce(cc.objected, false())
    sent = func.coalesce(recent.c.sent, 0) if category in ADVERTISING else literal(0)

    def state(column: Any, pending_until: Any) -> ColumnElement[Any]:
        return case(
            (column.is_(None), ConsentState.NONE.value),
            (
                and_(column == ConsentState.PENDING.value, pending_until < query.now),
                ConsentState.EXPIRED.value,
            ),
            else_=column,
        )

    email_state = state(cc.email_state, cc.email_pending_until)
    sms_state = state(cc.sms_state, cc.sms_pending_until)

    def reason(channel: Channel) -> ColumnElement[Any]:
        if channel is Channel.EMAIL:
            address, valid, bounced, consent = (
                c.email,
                c.email_valid,
                c.email_bounced_at,
                email_state,
            )
        else:
            address, valid, bounced, consent = (
                c.phone,
                c.phone_takes_sms,
                c.phone_bounced_at,
                sms_state,
            )
        whens: list[tuple[Expr[bool], str]] = []
        if category in _NEEDS_NO_OBJECTION:
            whens.append((objected == true(), Reason.OBJECTED.value))
        if category is Category.SIMILAR_OFFER and channel is not Channel.EMAIL:
            whens.append((true(), Reason.CHANNEL_NOT_ALLOWED.value))
        whens += [
            (or_(address.is_(None), address == ""), Reason.NO_ADDRESS.value),
            (valid == false(), Reason.INVALID_ADDRESS.value),
            (bounced.is_not(None), Reason.BOUNCED.value),
        ]
        if category is Category.SERVICE_INFO:
            whens.append((bookings == 0, Reason.NOT_EXISTING_CUSTOMER.value))
        if category is Category.SIMILAR_OFFER:
            whens += [
                (done == 0, Reason.NOT_EXISTING_CUSTOMER.value),
                (c.objection_notice_given == false(), Reason.NO_OBJECTION_NOTICE.value),
                (consent == ConsentState.REVOKED.value, Reason.CONSENT_REVOKED.value),
            ]
        if category is Category.MARKETING:
            whens += [
                (consent == ConsentState.REVOKED.value, Reason.CONSENT_REVOKED.value),
                (consent == ConsentState.EXPIRED.value, Reason.CONSENT_EXPIRED.value),
                (consent == ConsentState.PENDING.value, Reason.CONSENT_PENDING.value),
                (consent == ConsentState.NONE.value, Reason.NO_CONSENT.value),
            ]
        if category in ADVERTISING:
            whens.append((sent >= query.frequency_cap, Reason.FREQUENCY_CAP.value))
        return case(*whens, else_=null())

    email_reason, sms_reason = reason(Channel.EMAIL), reason(Channel.SMS)
    channel_expr, reason_expr = _choose(
        query, category, email_state, sms_state, email_reason, sms_reason
    )
    address_expr = case(
        (channel_expr == Channel.EMAIL.value, func.lower(c.email)),
        (channel_expr == Channel.SMS.value, c.phone),
        else_=null(),
    )
    basis_expr = case(
        (channel_expr == Channel.EMAIL.value, cc.email_basis),
        (channel_expr == Channel.SMS.value, cc.sms_basis),
        else_=null(),
    )
    decided = (
        select(
            c.id.label("customer_id"),
            c.first_name,
            c.last_name,
            channel_expr.label("channel"),
            reason_expr.label("reason"),
            address_expr.label("address"),
            basis_expr.label("basis_ref"),
        )
        .select_from(c)
        .outerjoin(visits, visits.c.customer_id == c.id)
        .outerjoin(cc, cc.customer_id == c.id)
        .where(*_filters(query.filters, zone, visits, dialect))
    )
    if category in ADVERTISING:
        decided = decided.outerjoin(recent, recent.c.customer_id == c.id)
    d = decided.subquery("decided")
    # The same address twice (a family sharing one email) gets the message once.
    first_use = func.row_number().over(
        partition_by=(d.c.channel, d.c.address), order_by=d.c.customer_id
    )
    duplicate = and_(d.c.channel.is_not(None), first_use > 1)
    return select(
        d.c.customer_id,
        d.c.first_name,
        d.c.last_name,
        case((duplicate, null()), else_=d.c.channel).label("channel"),
        case((duplicate, Reason.DUPLICATE_ADDRESS.value), else_=d.c.reason).label("reason"),
        d.c.address,
        d.c.basis_ref,
    ).order_by(d.c.customer_id)


def _choose(
    query: AudienceQuery,
    category: Category,
    email_state: ColumnElement[Any],
    sms_state: ColumnElement[Any],
    email_reason: ColumnElement[Any],
    sms_reason: ColumnElement[Any],
) -> tuple[ColumnElement[Any], ColumnElement[Any]]:
    """The channel each customer gets (NULL: none) and the reason when none.

    Mirrors ``desk_app.domain.campaigns.candidate_channels``: a fixed channel, or "best
    available" = a channel with confirmed consent (for marketing), preferred one first;
    when neither channel works, the first candidate's reason is reported.
    """
    email, sms = literal(Channel.EMAIL.value, String), literal(Channel.SMS.value, String)
    if query.channel is ChannelChoice.SMS:
        return case((sms_reason.is_(None), sms), else_=null()), sms_reason
    if category is Category.SIMILAR_OFFER or query.channel is ChannelChoice.EMAIL:
        return case((email_reason.is_(None), email), else_=null()), email_reason
    prefers_sms = m.Customer.preferred_channel == Channel.SMS.value
    sms_first: ColumnElement[Any] = case((prefers_sms, 1), else_=0)
    if category is Category.MARKETING:
        confirmed = ConsentState.CONFIRMED.value
        sms_first = case(
            (and_(email_state == confirmed, sms_state != confirmed), 0),
            (and_(sms_state == confirmed, email_state != confirmed), 1),
            else_=sms_first,
        )
    channel = case(
        (and_(sms_first == 1, sms_reason.is_(None)), sms),
        (email_reason.is_(None), email),
        (sms_reason.is_(None), sms),
        else_=null(),
    )
    reason = case(
        (channel.is_not(None), null()),
        (sms_first == 1, sms_reason),
        else_=email_reason,
    )
    return channel, reason


def _filters(filters: AudienceFilters, zone: ZoneInfo, visits: Any, dialect: str) -> list[Any]:
    c = m.Customer
    done = func.coalesce(visits.c.visits, 0)
    where: list[Any] = []
    if filters.last_visit_before is not None:
        where.append(visits.c.last_visit < _start_of(filters.last_visit_before, zone))
    if filters.last_visit_after is not None:
        where.append(visits.c.last_visit >= _start_of(filters.last_visit_after, zone))
    if filters.min_visits is not None:
        where.append(done >= filters.min_visits)
    if filters.max_visits is not None:
        where.append(done <= filters.max_visits)
    if filters.new_since is not None:
        where.append(c.created_at >= _start_of(filters.new_since, zone))
    if filters.service_category is not None:
        where.append(
            exists().where(
                m.Appointment.customer_id == c.id,
                m.Appointment.status == _DONE,
                m.SalonService.id == m.Appointment.service_id,
                m.SalonService.category == filters.service_category,
            )
        )
    if filters.staff_id is not None:
        where.append(
            exists().where(
                m.Appointment.customer_id == c.id,
                m.Appointment.status == _DONE,
                m.Appointment.staff_id == filters.staff_id,
            )
        )
    if filters.birthday_from is not None and filters.birthday_to is not None:
        where.append(_birthday_between(filters.birthday_from, filters.birthday_to, dialect))
    return where


def _birthday_between(first: date, last: date, dialect: str) -> ColumnElement[bool]:
    """Day and month in [first, last]; a range like 20 Dec – 10 Jan wraps at New Year."""
    birthday = m.Customer.birthday
    if dialect == "sqlite":
        month_day: Any = func.cast(func.strftime("%m%d", birthday), Integer)
    else:
        month_day = func.extract("month", birthday) * 100 + func.extract("day", birthday)
    low, high = first.month * 100 + first.day, last.month * 100 + last.day
    if low <= high:
        return and_(birthday.is_not(None), month_day >= low, month_day <= high)
    return and_(birthday.is_not(None), or_(month_day >= low, month_day <= high))


def _start_of(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), zone).astimezone(UTC)


def in_quiet_hours(moment: datetime, zone: str, window: tuple[time, time]) -> bool:
    """True when marketing SMS must wait: outside the allowed [start, end) window."""
    local = moment.astimezone(ZoneInfo(zone)).time()
    start, end = window
    return not start <= local < end


def next_allowed(moment: datetime, zone: str, window: tuple[time, time]) -> datetime:
    """The first moment at or after ``moment`` inside the allowed window."""
    tz = ZoneInfo(zone)
    local = moment.astimezone(tz)
    start, _end = window
    candidate = datetime.combine(local.date(), start, tz)
    if candidate < local:
        candidate = datetime.combine(local.date() + timedelta(days=1), start, tz)
    return candidate.astimezone(UTC)


def count_by(lines: Sequence[AudienceLine]) -> dict[str, int]:
    counts: dict[str, int] = {"recipients": 0, "excluded": 0, "email": 0, "sms": 0}
    for line in lines:
        if line.channel is not None:
            counts["recipients"] += 1
            counts[line.channel] += 1
        else:
            counts["excluded"] += 1
            key = line.reason or ""
            counts[key] = counts.get(key, 0) + 1
    return counts
