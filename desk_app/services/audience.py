"""Who a campaign reaches and why the others are left out: one SQL statement.

The per-customer decision of ``desk_app.domain.policy.decide`` is written here a second
time as SQL ``CASE`` expressions, so 200,000 customers are sorted in the database instead
of one by one in Python. Tests hold the two together: for every customer, campaign type
and channel the SQL answer must equal the Python one (tests/services/test_audience_rules.py).

Facts come from ``audience_facts``, the read model kept by database triggers on every
write (``desk_app.db.audience_facts``): one narrow row per customer with the consent per
channel, the address's own problem, the visits, the birthday and the newest advertising,
so a selection is one pass over one table. The row also keeps each customer's outcome
per campaign category and channel choice as of no particular time (written by the same
triggers from a third copy of the rules, in ``audience_facts``; the tests hold all three
together): the decision here runs only for customers the clock may have changed. The
outbox is asked only for customers advertised to inside the frequency window, the
appointments only by the staff filter (an ``IN`` over one person's completed visits);
the service-category filter reads ``customer_categories`` (kept on write as well).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    String,
    and_,
    case,
    false,
    func,
    literal,
    null,
    or_,
    select,
    true,
)
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement as Expr

from desk_app.db import models as m
from desk_app.domain.audience_outcomes import (
    EMAIL_CODE,
    OUTCOMES,
    SMS_CODE,
    outcome_code,
    outcome_column,
)
from desk_app.domain.campaigns import CATEGORY, CampaignType, ChannelChoice
from desk_app.domain.enums import (
    AppointmentStatus,
    Category,
    Channel,
    ConsentState,
    Reason,
)
from desk_app.domain.policy import ADVERTISING, COUNTED_FOR_CAP, NEEDS_NO_OBJECTION, NOT_SENT
from desk_app.services.campaign_rows import AudienceFilters
from desk_app.services.recipients import FREQUENCY_WINDOW

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


# One selected customer, as the statement returns it (a SQLAlchemy row: attribute access
# by label; building an object per row would cost more than the query for 200,000).
# Labels: customer_id, first_name, last_name, channel (None: excluded), reason (None:
# recipient), address, basis_ref.
AudienceLine = Row[int, str, str, str | None, str | None, str | None, str | None]


def select_audience(session: Session, query: AudienceQuery) -> Sequence[AudienceLine]:
    """Every customer matching the filters, decided, in customer id order."""
    connection = session.connection()
    return connection.execute(audience_statement(query, connection.dialect.name)).all()


def audience_statement(
    query: AudienceQuery,
    dialect: str,
    where: Sequence[Any] = (),
    duplicates: bool = True,
    few: bool = False,
) -> Any:
    """Three steps: each customer's outcome (one pass over ``audience_facts``: the kept
    outcome, decided anew only where the clock may have changed it; materialised on
    SQLite so nothing is computed twice), the channel or reason it stands for, then
    duplicate addresses.

    ``where``: extra conditions on ``audience_facts`` (the pages of ``audience_pages``).
    ``duplicates=False`` leaves out the last step – right only for customers whose
    addresses nobody else has. ``few``: only a few customers will be read (a page), so
    the appointment filters look per customer instead of collecting every customer with
    such an appointment first."""
    f = m.AudienceFacts
    facts = (
        select(
            f.customer_id,
            f.first_name,
            f.last_name,
            decided_outcome(query).label("outcome"),
            f.email_address,
            f.phone,
            f.email_basis,
            f.sms_basis,
        )
        .where(*filters_of(query, few), *where)
        .cte("facts")
    )
    # Materialised so each customer's outcome is decided once, though four expressions
    # read it: on SQLite always; PostgreSQL otherwise inlines the step, which is better
    # where the outcome is only the kept column (service information).
    if duplicates and (dialect == "sqlite" or query.category in ADVERTISING):
        facts = facts.prefix_with("MATERIALIZED")
    c = facts.c
    by_email, by_sms = c.outcome == EMAIL_CODE, c.outcome == SMS_CODE
    chosen = select(
        c.customer_id,
        c.first_name,
        c.last_name,
        case((by_email, Channel.EMAIL.value), (by_sms, Channel.SMS.value)).label("channel"),
        case(_REASON_OF_CODE, value=c.outcome).label("reason"),
        case((by_email, c.email_address), (by_sms, c.phone)).label("address"),
        case((by_email, c.email_basis), (by_sms, c.sms_basis)).label("basis_ref"),
    )
    if not duplicates:
        return chosen.order_by(c.customer_id)
    d = chosen.subquery("chosen").c
    # The same address twice (a family sharing one email) gets the message once.
    first_use = func.row_number().over(partition_by=(d.channel, d.address), order_by=d.customer_id)
    duplicate = and_(d.channel.is_not(None), first_use > 1)
    return select(
        d.customer_id,
        d.first_name,
        d.last_name,
        case((duplicate, null()), else_=d.channel).label("channel"),
        case((duplicate, Reason.DUPLICATE_ADDRESS.value), else_=d.reason).label("reason"),
        d.address,
        d.basis_ref,
    ).order_by(d.customer_id)


# An outcome code's reason (NULL for the channels).
_REASON_OF_CODE = {code: o for code, o in enumerate(OUTCOMES) if code not in (EMAIL_CODE, SMS_CODE)}
_PENDING = outcome_code(Reason.CONSENT_PENDING.value)


def decided_outcome(query: AudienceQuery) -> Any:
    """Each customer's outcome code at ``query.now``: the one ``audience_facts`` keeps
    (revision 0019, as of no particular time), or decided anew where the clock may have
    changed it – a customer reached may be at the frequency cap by now (advertising, only
    those advertised to inside its window), a pending declaration may have expired
    (marketing). ``CASE`` asks the few such customers only."""
    f = m.AudienceFacts
    kept = getattr(f, outcome_column(query.category, query.channel))
    moved: list[Any] = []
    if query.category in ADVERTISING:
        since = query.now - FREQUENCY_WINDOW
        moved.append(and_(kept.in_((EMAIL_CODE, SMS_CODE)), f.last_ad_at > since))
    if query.category is Category.MARKETING:
        moved.append(kept == _PENDING)
    if not moved:
        return kept
    return case((or_(*moved), _outcome_now(query)), else_=kept)


def _outcome_now(query: AudienceQuery) -> Any:
    """The decision at ``query.now`` from the facts, as an outcome code."""
    f = m.AudienceFacts
    email_reason, sms_reason = reasons(query, decision_inputs(query))
    facts = SimpleNamespace(
        email_reason=email_reason,
        sms_reason=sms_reason,
        prefers_sms=f.prefers_sms,
        email_state=f.email_state,
        sms_state=f.sms_state,
    )
    channel, reason = choose_channel(query, facts)
    return case({o: code for code, o in enumerate(OUTCOMES)}, value=func.coalesce(channel, reason))


@dataclass(frozen=True)
class DecisionInputs:
    """What the reasons of one customer depend on, as columns of ``audience_facts``."""

    objected: Any
    email_problem: Any  # no address, invalid, bounced: decided on write, in this order
    sms_problem: Any
    email_state: Any  # as stored: a pending one past ``*_pending_until`` is expired
    sms_state: Any
    email_pending_until: Any
    sms_pending_until: Any
    no_appointment: Any
    no_visit: Any
    notice_given: Any
    capped: Any


def decision_inputs(query: AudienceQuery) -> DecisionInputs:
    f = m.AudienceFacts
    return DecisionInputs(
        objected=f.objected,
        email_problem=f.email_problem,
        sms_problem=f.sms_problem,
        email_state=f.email_state,
        sms_state=f.sms_state,
        email_pending_until=f.email_pending_until,
        sms_pending_until=f.sms_pending_until,
        no_appointment=f.appointments == 0,
        no_visit=f.visits == 0,
        notice_given=f.objection_notice_given,
        capped=_capped(query),
    )


def reasons(query: AudienceQuery, i: DecisionInputs) -> tuple[Any, Any]:
    """Each channel's reason (NULL: may be sent) – ``policy.applicable_reasons`` in SQL,
    the first reason in the order of ``Reason``."""
    category = query.category

    def reason(channel: Channel) -> ColumnElement[Any]:
        if channel is Channel.EMAIL:
            problem, consent, until = i.email_problem, i.email_state, i.email_pending_until
        else:
            problem, consent, until = i.sms_problem, i.sms_state, i.sms_pending_until
        # The stored state compared directly (no expression for the state as of now,
        # evaluated again in every comparison): only "pending" turns into "expired".
        expired = or_(
            consent == ConsentState.EXPIRED.value,
            and_(consent == ConsentState.PENDING.value, until < query.now),
        )
        whens: list[tuple[Expr[bool], Any]] = []
        if category in NEEDS_NO_OBJECTION:
            whens.append((i.objected == true(), Reason.OBJECTED.value))
        if category is Category.SIMILAR_OFFER and channel is not Channel.EMAIL:
            whens.append((true(), Reason.CHANNEL_NOT_ALLOWED.value))
        whens.append((problem.is_not(None), problem))
        if category is Category.SERVICE_INFO:
            whens.append((i.no_appointment == true(), Reason.NOT_EXISTING_CUSTOMER.value))
        if category is Category.SIMILAR_OFFER:
            whens += [
                (i.no_visit == true(), Reason.NOT_EXISTING_CUSTOMER.value),
                (i.notice_given == false(), Reason.NO_OBJECTION_NOTICE.value),
                (consent == ConsentState.REVOKED.value, Reason.CONSENT_REVOKED.value),
            ]
        if category is Category.MARKETING:
            whens += [
                (consent == ConsentState.REVOKED.value, Reason.CONSENT_REVOKED.value),
                (expired, Reason.CONSENT_EXPIRED.value),
                (consent == ConsentState.PENDING.value, Reason.CONSENT_PENDING.value),
                (consent == ConsentState.NONE.value, Reason.NO_CONSENT.value),
            ]
        if category in ADVERTISING:
            whens.append((i.capped == true(), Reason.FREQUENCY_CAP.value))
        return case(*whens, else_=null())

    return reason(Channel.EMAIL), reason(Channel.SMS)


def filters_of(query: AudienceQuery, few: bool = False) -> list[Any]:
    return _filters(query.filters, ZoneInfo(query.time_zone), few)


def _capped(query: AudienceQuery) -> ColumnElement[bool]:
    """At the frequency cap: as many counted messages in the window as the cap (≥ 1).

    The outbox is only asked for customers whose newest advertising (``last_ad_at``,
    kept on write) lies inside the window – everyone else has none in it."""
    o, f = m.OutboxMessage, m.AudienceFacts
    since = query.now - FREQUENCY_WINDOW
    recent = (
        select(func.count())
        .where(
            o.customer_id == f.customer_id,
            o.category.in_(COUNTED_FOR_CAP),
            o.status.not_in(NOT_SENT),
            o.created_at > since,
        )
        .scalar_subquery()
    )
    # CASE: the subquery runs only where the first condition holds (both backends).
    return case((f.last_ad_at > since, recent >= query.frequency_cap), else_=false())


def choose_channel(query: AudienceQuery, f: Any) -> tuple[ColumnElement[Any], ColumnElement[Any]]:
    """The channel each customer gets (NULL: none) and the reason when none.

    Mirrors ``desk_app.domain.campaigns.candidate_channels``: a fixed channel, or "best
    available" = a channel with confirmed consent (for marketing), preferred one first;
    when neither channel works, the first candidate's reason is reported.
    """
    category = query.category
    email, sms = literal(Channel.EMAIL.value, String), literal(Channel.SMS.value, String)
    if query.channel is ChannelChoice.SMS:
        return case((f.sms_reason.is_(None), sms), else_=null()), f.sms_reason
    if category is Category.SIMILAR_OFFER or query.channel is ChannelChoice.EMAIL:
        return case((f.email_reason.is_(None), email), else_=null()), f.email_reason
    sms_first: ColumnElement[Any] = f.prefers_sms
    if category is Category.MARKETING:
        confirmed = ConsentState.CONFIRMED.value
        sms_first = case(
            (and_(f.email_state == confirmed, f.sms_state != confirmed), 0),
            (and_(f.sms_state == confirmed, f.email_state != confirmed), 1),
            else_=f.prefers_sms,
        )
    channel = case(
        (and_(sms_first == 1, f.sms_reason.is_(None)), sms),
        (f.email_reason.is_(None), email),
        (f.sms_reason.is_(None), sms),
        else_=null(),
    )
    reason = case(
        (or_(f.email_reason.is_(None), f.sms_reason.is_(None)), null()),
        (sms_first == 1, f.sms_reason),
        else_=f.email_reason,
    )
    return channel, reason


def _filters(filters: AudienceFilters, zone: ZoneInfo, few: bool) -> list[Any]:
    """Filters on the facts; a service category as an ``IN`` over ``customer_categories``,
    a staff member as an ``IN`` over the completed appointments (the only filter that
    still asks ``appointments``), or for ``few`` customers each as an ``EXISTS`` per
    customer (a page of 200 asks a few hundred customers, not 1,000,000 appointments)."""
    f, a = m.AudienceFacts, m.Appointment

    def having(visit: Any) -> Any:
        if few:
            # OFFSET 0: PostgreSQL keeps the EXISTS a probe per customer; without it, it
            # made a join or a hash of all 187,000 visits of a category first.
            return visit.where(a.customer_id == f.customer_id).offset(0).exists()
        return f.customer_id.in_(visit)

    where: list[Any] = []
    # The last completed visit before the day <=> one before it and none since.
    if filters.last_visit_before is not None:
        where.append(f.last_visit_at < _start_of(filters.last_visit_before, zone))
    if filters.last_visit_after is not None:
        where.append(f.last_visit_at >= _start_of(filters.last_visit_after, zone))
    if filters.min_visits is not None:
        where.append(f.visits >= filters.min_visits)
    if filters.max_visits is not None:
        where.append(f.visits <= filters.max_visits)
    if filters.new_since is not None:
        where.append(f.created_at >= _start_of(filters.new_since, zone))
    if filters.service_category is not None:
        # One range of customer_categories' key (revision 0027: who had a completed
        # appointment of the category, kept on write), distinct and in customer order;
        # for a few customers one key lookup each.
        cc = m.CustomerCategory
        of_category = cc.category == filters.service_category
        if few:
            where.append(
                select(cc.customer_id).where(of_category, cc.customer_id == f.customer_id).exists()
            )
        else:
            where.append(f.customer_id.in_(select(cc.customer_id).where(of_category)))
    if filters.staff_id is not None:
        where.append(
            having(select(a.customer_id).where(a.status == _DONE, a.staff_id == filters.staff_id))
        )
    if filters.birthday_from is not None and filters.birthday_to is not None:
        where.append(_birthday_between(filters.birthday_from, filters.birthday_to))
    return where


def shares_an_address() -> ColumnElement[bool]:
    """Another customer has this one's email or phone (kept on write, revision 0021): the
    only customers the duplicate rule can touch. Written as ix_audience_facts_shared's
    condition, so SQLite reads them along that partial index."""
    f = m.AudienceFacts
    return or_(f.email_shared == true(), f.phone_shared == true())


def _birthday_between(first: date, last: date) -> ColumnElement[bool]:
    """Day and month in [first, last]; a range like 20 Dec – 10 Jan wraps at New Year."""
    month_day = m.AudienceFacts.birthday_md
    low, high = first.month * 100 + first.day, last.month * 100 + last.day
    if low <= high:
        return and_(month_day.is_not(None), month_day >= low, month_day <= high)
    return and_(month_day.is_not(None), or_(month_day >= low, month_day <= high))


def _start_of(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), zone).astimezone(UTC)


def in_quiet_hours(moment: datetime, zone: str, window: tuple[time, time]) -> bool:
    """True when marketing SMS must wait: outside the allowed [start, end) window."""
    local = moment.astimezone(ZoneInfo(zone)).time()
    start, end = window
    return not start <= local < end


def count_by(lines: Sequence[AudienceLine]) -> dict[str, int]:
    counts: dict[str, int] = {"recipients": 0, "excluded": 0, "email": 0, "sms": 0}
    # Tuple unpacking, no attribute access by name: 200,000 lines at chain scale.
    for _id, _first, _last, channel, reason, *_rest in lines:
        if channel is not None:
            counts[channel] += 1
        else:
            key = reason or ""
            counts[key] = counts.get(key, 0) + 1
    counts["recipients"] = counts["email"] + counts["sms"]
    counts["excluded"] = len(lines) - counts["recipients"]
    return counts
