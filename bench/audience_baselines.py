"""The audience benchmark's selections and, for each, the same selection written by hand as
one SQL query: the baseline the campaign preview is measured against."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, text

from bench.audience_data import ANCHOR, FREQUENCY_CAP, TIME_ZONE
from desk_app.domain.campaigns import CampaignType, ChannelChoice
from desk_app.services.campaign_rows import AudienceFilters
from desk_sql.types import UTCDateTime

# Written by hand from DESIGN.md section 2 and ``candidate_channels``, not generated. Every
# query returns id, first name, last name, channel (NULL when excluded) and reason, in id
# order. :now, :since (now - 30 days) and :cap are bound; datetimes as UTCDateTime.
# Tuned as one would by hand: on SQLite, CTEs whose CASE results are used several times are
# MATERIALIZED (else SQLite inlines and evaluates them again per use; PostgreSQL does better
# without the hint, so it is dropped there), and on SQLite the
# aggregates over appointments scan the table (NOT INDEXED): walking ix_appointments_customer
# costs a table lookup per row for status and starts_at, about 3x slower there.

RECENT = """
    recent AS (
        SELECT customer_id, COUNT(*) AS sent
        FROM outbox
        WHERE category IN ('marketing', 'similar_offer')
          AND status NOT IN ('rejected', 'expired')
          AND created_at > :since
        GROUP BY customer_id
    )"""

# Marketing needs confirmed consent on the channel (pending past its window = expired).
MARKETING_REASON = """
        CASE
            WHEN cc.objected THEN 'objected'
            WHEN c.{address} IS NULL OR c.{address} = '' THEN 'no_address'
            WHEN NOT c.{usable} THEN 'invalid_address'
            WHEN c.{address}_bounced_at IS NOT NULL THEN 'bounced'
            WHEN cc.{channel}_state = 'revoked' THEN 'consent_revoked'
            WHEN cc.{channel}_state = 'expired'
                 OR (cc.{channel}_state = 'pending' AND cc.{channel}_pending_until < :now)
                THEN 'consent_expired'
            WHEN cc.{channel}_state = 'pending' THEN 'consent_pending'
            WHEN cc.{channel}_state IS NULL OR cc.{channel}_state <> 'confirmed' THEN 'no_consent'
            WHEN r.sent >= :cap THEN 'frequency_cap'
        END"""
MARKETING_EMAIL_REASON = MARKETING_REASON.format(
    address="email", usable="email_valid", channel="email"
)
MARKETING_SMS_REASON = MARKETING_REASON.format(
    address="phone", usable="phone_takes_sms", channel="sms"
)

# "Best available" for marketing: the one confirmed channel first; with both or neither
# confirmed the preferred channel first (email unless SMS is preferred). The first
# candidate that is allowed wins; with none, the first candidate's reason is reported.
# A second customer on the same address (channel, lower-cased email) gets it once.
MARKETING_BEST = """
WITH {recent},
    facts AS MATERIALIZED (
        SELECT c.id, c.first_name, c.last_name, lower(c.email) AS email, c.phone,
               CASE
                   WHEN cc.email_state = 'confirmed' AND cc.sms_state <> 'confirmed' THEN 0
                   WHEN cc.sms_state = 'confirmed' AND cc.email_state <> 'confirmed' THEN 1
                   WHEN c.preferred_channel = 'sms' THEN 1
                   ELSE 0
               END AS sms_first,
               {email_reason} AS email_reason,
               {sms_reason} AS sms_reason
        FROM customers c
        LEFT JOIN customer_consent cc ON cc.customer_id = c.id
        LEFT JOIN recent r ON r.customer_id = c.id
        {where}
    ),
    decided AS MATERIALIZED (
        SELECT id, first_name, last_name, email, phone,
               CASE
                   WHEN sms_first = 1 AND sms_reason IS NULL THEN 'sms'
                   WHEN email_reason IS NULL THEN 'email'
                   WHEN sms_reason IS NULL THEN 'sms'
               END AS channel,
               CASE WHEN sms_first = 1 THEN sms_reason ELSE email_reason END AS first_reason
        FROM facts
    ),
    numbered AS (
        SELECT id, first_name, last_name, channel, first_reason,
               ROW_NUMBER() OVER (
                   PARTITION BY channel, CASE channel WHEN 'email' THEN email ELSE phone END
                   ORDER BY id
               ) AS nth
        FROM decided
    )
SELECT id, first_name, last_name,
       CASE WHEN nth > 1 THEN NULL ELSE channel END AS channel,
       CASE
           WHEN channel IS NULL THEN first_reason
           WHEN nth > 1 THEN 'duplicate_address'
       END AS reason
FROM numbered
ORDER BY id"""

# A recipient once per address: the first (lowest id) of those the rules let through.
FIRST_PER_ADDRESS = """
    numbered AS (
        SELECT id, first_name, last_name, reason,
               ROW_NUMBER() OVER (PARTITION BY reason IS NULL, {address} ORDER BY id) AS nth
        FROM decided
    )
SELECT id, first_name, last_name,
       CASE WHEN reason IS NULL AND nth = 1 THEN '{channel}' END AS channel,
       CASE WHEN reason IS NULL AND nth > 1 THEN 'duplicate_address' ELSE reason END AS reason
FROM numbered
ORDER BY id"""

# Win-back by email: the last completed visit before a day (customers without one are
# not part of the selection), then the email rules.
WIN_BACK_EMAIL = """
WITH {recent},
    lapsed AS (
        SELECT customer_id
        FROM {appointments}
        WHERE status = 'done'
        GROUP BY customer_id
        HAVING MAX(starts_at) < :before
    ),
    decided AS MATERIALIZED (
        SELECT c.id, c.first_name, c.last_name, lower(c.email) AS email,
               {email_reason} AS reason
        FROM lapsed l
        JOIN customers c ON c.id = l.customer_id
        LEFT JOIN customer_consent cc ON cc.customer_id = c.id
        LEFT JOIN recent r ON r.customer_id = c.id
    ),{first_per_address}"""

# Similar offer (UWG §7(3)): email only, a completed visit, the objection notice given,
# email consent not withdrawn; advertising, so the frequency cap counts.
SIMILAR_OFFER_EMAIL = """
WITH {recent},
    visited AS (
        SELECT DISTINCT customer_id FROM {appointments} WHERE status = 'done'
    ),
    decided AS MATERIALIZED (
        SELECT c.id, c.first_name, c.last_name, lower(c.email) AS email,
               CASE
                   WHEN cc.objected THEN 'objected'
                   WHEN c.email IS NULL OR c.email = '' THEN 'no_address'
                   WHEN NOT c.email_valid THEN 'invalid_address'
                   WHEN c.email_bounced_at IS NOT NULL THEN 'bounced'
                   WHEN v.customer_id IS NULL THEN 'not_existing_customer'
                   WHEN NOT c.objection_notice_given THEN 'no_objection_notice'
                   WHEN cc.email_state = 'revoked' THEN 'consent_revoked'
                   WHEN r.sent >= :cap THEN 'frequency_cap'
               END AS reason
        FROM customers c
        LEFT JOIN customer_consent cc ON cc.customer_id = c.id
        LEFT JOIN visited v ON v.customer_id = c.id
        LEFT JOIN recent r ON r.customer_id = c.id
    ),{first_per_address}"""

# Service information by SMS to customers who had a service of one category: no consent
# needed, no objection; not advertising (no frequency cap). "Has a booking" holds for
# everyone the filter lets through, so it needs no check of its own.
SERVICE_INFO_SMS = """
WITH decided AS MATERIALIZED (
        SELECT c.id, c.first_name, c.last_name, c.phone,
               CASE
                   WHEN cc.objected THEN 'objected'
                   WHEN c.phone IS NULL OR c.phone = '' THEN 'no_address'
                   WHEN NOT c.phone_takes_sms THEN 'invalid_address'
                   WHEN c.phone_bounced_at IS NOT NULL THEN 'bounced'
               END AS reason
        FROM customers c
        LEFT JOIN customer_consent cc ON cc.customer_id = c.id
        WHERE c.id IN (
            SELECT a.customer_id
            FROM appointments a
            JOIN salon_services s ON s.id = a.service_id
            WHERE a.status = 'done' AND s.category = :category
        )
    ),{first_per_address}"""

EMAIL_ONCE = FIRST_PER_ADDRESS.format(address="email", channel="email")
SMS_ONCE = FIRST_PER_ADDRESS.format(address="phone", channel="sms")


def _marketing_best(where: str = "") -> Callable[[str], str]:
    def sql(_dialect: str) -> str:
        return MARKETING_BEST.format(
            recent=RECENT,
            email_reason=MARKETING_EMAIL_REASON,
            sms_reason=MARKETING_SMS_REASON,
            where=where,
        )

    return sql


def _birthday_best(dialect: str) -> str:
    month_day = (
        "strftime('%m-%d', c.birthday)" if dialect == "sqlite" else "to_char(c.birthday, 'MM-DD')"
    )
    return _marketing_best(f"WHERE {month_day} BETWEEN :low AND :high")(dialect)


def _scan(dialect: str) -> str:
    return "appointments NOT INDEXED" if dialect == "sqlite" else "appointments"


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, clock_time(0), ZoneInfo(TIME_ZONE)).astimezone(UTC)


@dataclass(frozen=True)
class Selection:
    name: str
    type: CampaignType
    channel: ChannelChoice
    filters: AudienceFilters
    baseline: Callable[[str], str] | None = None
    params: dict[str, Any] = field(default_factory=dict)


WIN_BACK_BEFORE = (ANCHOR - timedelta(days=180)).date()
BIRTHDAY_FROM, BIRTHDAY_TO = date(2026, 12, 1), date(2026, 12, 14)
SELECTIONS = [
    Selection(
        "promotion/best",
        CampaignType.PROMOTION,
        ChannelChoice.BEST,
        AudienceFilters(),
        _marketing_best(),
    ),
    Selection(
        "win_back/email <180d",
        CampaignType.WIN_BACK,
        ChannelChoice.EMAIL,
        AudienceFilters(last_visit_before=WIN_BACK_BEFORE),
        lambda d: WIN_BACK_EMAIL.format(
            recent=RECENT,
            email_reason=MARKETING_EMAIL_REASON,
            appointments=_scan(d),
            first_per_address=EMAIL_ONCE,
        ),
        {"before": _local_midnight(WIN_BACK_BEFORE)},
    ),
    Selection(
        "birthday/best 1–14 Dec",
        CampaignType.BIRTHDAY,
        ChannelChoice.BEST,
        AudienceFilters(birthday_from=BIRTHDAY_FROM, birthday_to=BIRTHDAY_TO),
        _birthday_best,
        {"low": BIRTHDAY_FROM.strftime("%m-%d"), "high": BIRTHDAY_TO.strftime("%m-%d")},
    ),
    Selection(
        "similar_offer/email",
        CampaignType.SIMILAR_OFFER,
        ChannelChoice.EMAIL,
        AudienceFilters(),
        lambda d: SIMILAR_OFFER_EMAIL.format(
            recent=RECENT, appointments=_scan(d), first_per_address=EMAIL_ONCE
        ),
    ),
    Selection(
        "service_info/sms Farbe",
        CampaignType.SERVICE_INFO,
        ChannelChoice.SMS,
        AudienceFilters(service_category="Farbe"),
        lambda _d: SERVICE_INFO_SMS.format(first_per_address=SMS_ONCE),
        {"category": "Farbe"},
    ),
]


def baseline_statement(selection: Selection, dialect: str) -> Any:
    assert selection.baseline is not None
    sql = selection.baseline(dialect)
    if dialect != "sqlite":  # PostgreSQL plans these better inlined (measured)
        sql = sql.replace(" AS MATERIALIZED (", " AS (")
    statement = text(sql)
    typed = [bindparam("now", type_=UTCDateTime()), bindparam("since", type_=UTCDateTime())]
    if "before" in selection.params:
        typed.append(bindparam("before", type_=UTCDateTime()))
    return statement.bindparams(*[p for p in typed if f":{p.key}" in statement.text])


def baseline_params(selection: Selection, statement: Any) -> dict[str, Any]:
    params = {
        "now": ANCHOR,
        "since": ANCHOR - timedelta(days=30),
        "cap": FREQUENCY_CAP,
        **selection.params,
    }
    return {k: v for k, v in params.items() if f":{k}" in statement.text}
