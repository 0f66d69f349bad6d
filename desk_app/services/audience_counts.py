"""The audience's counts while the owner edits the filters: one pass over small numbers.

``count_by(select_audience(…))`` gives the counts, but decides every customer anew and
sends a row per customer out of the database. Here the database counts, in one statement
over ``audience_facts``, which keeps each customer's outcome for every campaign category
and channel choice (the channel or the reason, as a code of
``domain.audience_outcomes.OUTCOMES``; revision 0019):

* the kept outcome is the answer, but where the clock can have changed it since it was
  written – a pending declaration may have expired (marketing), a customer reached may be
  at the frequency cap (advertising, only those advertised to inside its window) – there
  the customer is decided as ``select_audience`` decides, at this moment; ``CASE`` asks
  the few such customers only;
* grouped by the outcome, with how many distinct addresses each channel got.

The one rule that looks beyond a customer, "the same address twice gets the message
once" (``Reason.DUPLICATE_ADDRESS``), is a window in ``select_audience``: of all the
customers given a channel with the same address, the first is reached and the others are
left out. So per channel the reached are exactly the distinct addresses, and the others
are the duplicates – no window, no sort by address, and no list of the customers with a
shared address beforehand (that list alone cost more than the 250 ms the composer has).
A channel is only given to an address that exists (``no_address`` otherwise), so no
reached customer has a NULL address that ``COUNT(DISTINCT …)`` would not count.

tests/services/test_audience_read_model.py holds these counts equal to the whole preview's
and to the outbox's Python policy on random salons, both backends.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.audience_outcomes import EMAIL_CODE, OUTCOMES, SMS_CODE
from desk_app.domain.enums import Reason
from desk_app.services.audience import AudienceQuery, decided_outcome, filters_of


def count_audience(session: Session, query: AudienceQuery) -> dict[str, int]:
    """What ``count_by(select_audience(…))`` gives: recipients, excluded, per channel and
    per reason – without a row per customer leaving the database."""
    counts: dict[str, int] = {"recipients": 0, "excluded": 0, "email": 0, "sms": 0}

    def exclude(reason: str, n: int) -> None:
        counts["excluded"] += n
        counts[reason] = counts.get(reason, 0) + n

    for code, n, addresses in session.execute(outcome_counts(query)):
        outcome = OUTCOMES[code]
        if code in (EMAIL_CODE, SMS_CODE):
            counts["recipients"] += addresses
            counts[outcome] += addresses
            if n > addresses:
                exclude(Reason.DUPLICATE_ADDRESS.value, n - addresses)
        else:
            exclude(outcome, n)
    return counts


def outcome_counts(query: AudienceQuery) -> Any:
    """(outcome code, customers, distinct addresses) per outcome: a channel or a reason."""
    f = m.AudienceFacts
    outcome = decided_outcome(query)
    decided = (
        select(outcome.label("outcome"), f.email_address, f.phone)
        .where(*filters_of(query))
        .offset(0)  # not folded into the next step: the outcome once per customer
        .subquery("decided")
    )
    d = decided.c
    address = case(
        (d.outcome == EMAIL_CODE, d.email_address),
        (d.outcome == SMS_CODE, d.phone),
    )
    return select(d.outcome, func.count(), func.count(address.distinct())).group_by(d.outcome)
