"""The audience's counts while the owner edits the filters: two passes over small numbers.

``count_by(select_audience(…))`` gives the counts, but decides every customer anew and
sends a row per customer out of the database. Here the database counts, over
``audience_facts``, which keeps each customer's outcome for every campaign category
and channel choice (the channel or the reason, as a code of
``domain.audience_outcomes.OUTCOMES``; revision 0019):

* the kept outcome is the answer, but where the clock can have changed it since it was
  written – a pending declaration may have expired (marketing), a customer reached may be
  at the frequency cap (advertising, only those advertised to inside its window) – there
  the customer is decided as ``select_audience`` decides, at this moment; ``CASE`` asks
  the few such customers only;
* grouped by the outcome alone (``outcome_counts``): every customer given a channel
  counted as reached, nothing else computed per customer.

The one rule that looks beyond a customer, "the same address twice gets the message
once" (``Reason.DUPLICATE_ADDRESS``), is a window in ``select_audience``: of all the
customers given a channel with the same address, the first is reached and the others are
left out. So per channel the duplicates are the customers reached beyond the distinct
addresses. Only a customer whose address another customer has too
(``email_shared``/``phone_shared``, kept on write since revision 0021) can be one, so a
second statement (``duplicate_counts``) reads only those – a few percent, along their
partial index, the filters that look into other tables asked per customer – and counts
per channel the reached minus their distinct addresses; the counts move them from
reached to left out. (Before, one statement grouped every customer by outcome and
shared address: a per-row address expression and a second grouping over all of them,
a third of the count's time.) A channel is only given to an address that exists
(``no_address`` otherwise), so no reached customer has a NULL address.

tests/services/test_audience_read_model.py holds these counts equal to the whole preview's
and to the outbox's Python policy on random salons, both backends.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, case, distinct, func, select, true
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.audience_outcomes import EMAIL_CODE, OUTCOMES, SMS_CODE
from desk_app.domain.enums import Reason
from desk_app.services.audience import (
    AudienceQuery,
    decided_outcome,
    filters_of,
    shares_an_address,
)


def count_audience(
    session: Session, query: AudienceQuery, where: Sequence[Any] = ()
) -> dict[str, int]:
    """What ``count_by(select_audience(…))`` gives: recipients, excluded, per channel and
    per reason – without a row per customer leaving the database. ``where``: extra
    conditions on ``audience_facts`` (as ``audience_statement`` takes them)."""
    counts: dict[str, int] = {"recipients": 0, "excluded": 0, "email": 0, "sms": 0}

    def exclude(reason: str, n: int) -> None:
        counts["excluded"] += n
        counts[reason] = counts.get(reason, 0) + n

    for code, n in session.execute(outcome_counts(query, where)):
        outcome, n = OUTCOMES[code], int(n)
        if code in (EMAIL_CODE, SMS_CODE):
            counts["recipients"] += n
            counts[outcome] += n
        else:
            exclude(outcome, n)
    for code, duplicates in session.execute(duplicate_counts(query, where)):
        duplicates = int(duplicates)
        if duplicates:
            counts["recipients"] -= duplicates
            counts[OUTCOMES[code]] -= duplicates
            exclude(Reason.DUPLICATE_ADDRESS.value, duplicates)
    return counts


def outcome_counts(query: AudienceQuery, where: Sequence[Any] = ()) -> Any:
    """(outcome code, customers) per outcome: a channel or a reason, every customer
    reached on a channel counted (the duplicates among them: ``duplicate_counts``)."""
    decided = (
        select(decided_outcome(query).label("outcome"))
        .where(*filters_of(query), *where)
        .offset(0)  # not folded into the next step: the outcome once per customer
        .subquery("decided")
    )
    return select(decided.c.outcome, func.count()).group_by(decided.c.outcome)


def duplicate_counts(query: AudienceQuery, where: Sequence[Any] = ()) -> Any:
    """(channel's outcome code, customers reached on an address another reached customer
    has too, after the first): only customers flagged as sharing an address are read
    (a few percent, along ix_audience_facts_shared), and the filters that look into
    other tables look per customer (``few``)."""
    f = m.AudienceFacts
    decided = (
        select(
            decided_outcome(query).label("outcome"),
            f.email_address,
            f.phone,
            f.email_shared,
            f.phone_shared,
        )
        .where(shares_an_address(), *filters_of(query, few=True), *where)
        .offset(0)  # not folded into the next step: the outcome once per customer
        .subquery("decided")
    )
    d = decided.c
    # The address of a customer reached on an address someone else has too; else NULL.
    shared = case(
        (and_(d.outcome == EMAIL_CODE, d.email_shared == true()), d.email_address),
        (and_(d.outcome == SMS_CODE, d.phone_shared == true()), d.phone),
    ).label("shared")
    reached = select(d.outcome, shared).subquery("reached")
    r = reached.c
    return (
        select(r.outcome, func.count() - func.count(distinct(r.shared)))
        .where(r.shared.is_not(None))
        .group_by(r.outcome)
    )
