"""The audience's counts while the owner edits the filters: one pass over ``audience_facts``.

``count_by(select_audience(…))`` gives the counts, but sends a row per customer out of the
database. Here the database counts, in one statement that reads each fact once:

* every customer of the selection is decided (the reason per channel, then the channel,
  as ``select_audience`` decides them) – once each: the steps are subqueries the planner
  may not fold into the next (``OFFSET 0``), else SQLite and PostgreSQL write every
  reason into every expression that uses it and evaluate it again there (measured: half
  the time of the old count on SQLite went to such repeats);
* grouped by the outcome (a channel, or the reason when left out), with how many distinct
  addresses each channel got.

The one rule that looks beyond a customer, "the same address twice gets the message
once" (``Reason.DUPLICATE_ADDRESS``), is a window in ``select_audience``: of all the
customers given a channel with the same address, the first is reached and the others are
left out. So per channel the reached are exactly the distinct addresses, and the others
are the duplicates – no window, no sort by address, and no list of the customers with a
shared address beforehand (that list alone cost more than the 250 ms the composer has).
A channel is only given to an address that exists (``no_address`` otherwise), so no
reached customer has a NULL address that ``COUNT(DISTINCT …)`` would not count.

tests/services/test_audience_read_model.py holds these counts equal to the whole preview's
on random salons, both backends.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, null, select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.enums import Channel, Reason
from desk_app.services.audience import (
    AudienceQuery,
    choose_channel,
    decision_inputs,
    filters_of,
    reasons,
)

_CHANNELS = tuple(channel.value for channel in Channel)


def count_audience(session: Session, query: AudienceQuery) -> dict[str, int]:
    """What ``count_by(select_audience(…))`` gives: recipients, excluded, per channel and
    per reason – without a row per customer leaving the database."""
    counts: dict[str, int] = {"recipients": 0, "excluded": 0, "email": 0, "sms": 0}

    def exclude(reason: str, n: int) -> None:
        counts["excluded"] += n
        counts[reason] = counts.get(reason, 0) + n

    for outcome, n, addresses in session.execute(outcome_counts(query)):
        if outcome in _CHANNELS:
            counts["recipients"] += addresses
            counts[outcome] += addresses
            if n > addresses:
                exclude(Reason.DUPLICATE_ADDRESS.value, n - addresses)
        else:
            exclude(outcome or "", n)
    return counts


def outcome_counts(query: AudienceQuery) -> Any:
    """(outcome, customers, distinct addresses) per outcome: a channel or a reason."""
    f = m.AudienceFacts
    email_reason, sms_reason = reasons(query, decision_inputs(query))
    # Only the columns the decision reads: every column a step passes on is copied per row.
    facts = (
        select(
            f.prefers_sms,
            f.email_state,
            f.sms_state,
            email_reason.label("email_reason"),
            sms_reason.label("sms_reason"),
            f.email_address,
            f.phone,
        )
        .where(*filters_of(query))
        .offset(0)  # not folded into the next step: each reason computed once per customer
        .subquery("facts")
    )
    channel, reason = choose_channel(query, facts.c)
    chosen = (
        select(
            channel.label("channel"),
            reason.label("reason"),
            facts.c.email_address,
            facts.c.phone,
        )
        .offset(0)  # the channel once per customer, though the outcome and address use it
        .subquery("chosen")
    )
    c = chosen.c
    address = case(
        (c.channel == Channel.EMAIL.value, c.email_address),
        (c.channel == Channel.SMS.value, c.phone),
        else_=null(),
    )
    decided = (
        select(func.coalesce(c.channel, c.reason).label("outcome"), address.label("address"))
        .offset(0)
        .subquery("decided")
    )
    d = decided.c
    return select(d.outcome, func.count(), func.count(d.address.distinct())).group_by(d.outcome)
