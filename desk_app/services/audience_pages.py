"""The audience in parts: counts while the owner edits the filters, reasons page by page.

``select_audience`` decides every customer of a selection and returns them all, sorted
by id, with duplicate addresses found by a window over the whole selection: right for
queuing a campaign, too much for showing numbers on every change of a filter.

The only rule that looks beyond one customer is "the same address twice gets the
message once" (``Reason.DUPLICATE_ADDRESS``). It can only touch customers whose email
(case-insensitive) or phone number some other customer has too – a few percent. So:

* everyone else is decided alone: counted with one ``GROUP BY`` (nothing sorted, no row
  leaves the database) or read page by page in id order (``id > after LIMIT n``);
* the customers with a shared address are decided with the window as before – it sees
  every customer who could share an address with them, so their answer is the same as
  in the whole selection.

The two parts together are exactly ``select_audience``'s answer (tests/services/
test_audience_read_model.py compares them on random data).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, false, func, or_, select
from sqlalchemy.orm import Session, aliased

from desk_app.db import models as m
from desk_app.services.audience import (
    AudienceLine,
    AudienceQuery,
    audience_statement,
    choose_channel,
    facts_statement,
)

_SUMMARY = ("recipients", "excluded", "email", "sms")
# What ``choose_channel`` looks at.
_CHOICE_INPUTS = ("email_reason", "sms_reason", "prefers_sms", "email_state", "sms_state")


def shared_address_ids() -> Select[Any]:
    """Customers whose email (any case) or phone number another customer has too."""
    other = aliased(m.Customer)
    emails = (
        select(func.lower(other.email))
        .where(other.email.is_not(None), other.email != "")
        .group_by(func.lower(other.email))
        .having(func.count() > 1)
    )
    phones = (
        select(other.phone)
        .where(other.phone.is_not(None), other.phone != "")
        .group_by(other.phone)
        .having(func.count() > 1)
    )
    # Its own alias and no correlation: computed once, never once per outer customer.
    who = aliased(m.Customer)
    return (
        select(who.id)
        .where(or_(func.lower(who.email).in_(emails), who.phone.in_(phones)))
        .correlate(None)
    )


def count_audience(session: Session, query: AudienceQuery) -> dict[str, int]:
    """What ``count_by(select_audience(…))`` gives: recipients, excluded, per channel and
    per reason – without a row per customer leaving the database.

    The channel a customer gets depends only on the two channels' reasons, the consent
    states and the preferred channel, so the customers are grouped by those first (one
    pass, a few dozen groups) and the choice is made per group. Customers with a shared
    address are grouped apart and counted again with the duplicate window."""
    dialect = session.get_bind().dialect.name
    shared = shared_address_ids().scalar_subquery()
    facts = (
        facts_statement(query, dialect)
        .add_columns(m.Customer.id.in_(shared).label("shared"))
        .subquery("facts")
    )
    keys = [facts.c[name] for name in _CHOICE_INPUTS] + [facts.c.shared]
    groups = select(*keys, func.count().label("n")).group_by(*keys).subquery("groups")
    channel, reason = choose_channel(query, groups.c)
    counts = dict.fromkeys(_SUMMARY, 0)
    alone = select(channel, reason, groups.c.n).where(groups.c.shared == false())
    together = audience_statement(query, dialect, [m.Customer.id.in_(shared)]).subquery()
    with_window = select(together.c.channel, together.c.reason, func.count()).group_by(
        together.c.channel, together.c.reason
    )
    for statement in (alone, with_window):
        for channel_value, reason_value, n in session.execute(statement):
            if channel_value is not None:
                counts["recipients"] += n
                counts[channel_value] += n
            else:
                counts["excluded"] += n
                counts[reason_value] = counts.get(reason_value, 0) + n
    return counts


def audience_page(
    session: Session,
    query: AudienceQuery,
    after: int | None,
    limit: int,
    excluded_only: bool = False,
) -> list[AudienceLine]:
    """The next ``limit`` customers of the selection after customer id ``after``, in id
    order, decided as ``select_audience`` decides them (``excluded_only``: only those
    left out, with their reason)."""
    if limit <= 0:
        return []
    dialect = session.get_bind().dialect.name
    shared = shared_address_ids().scalar_subquery()
    after_id: list[ColumnElement[bool]] = [] if after is None else [m.Customer.id > after]
    alone = audience_statement(query, dialect, [*after_id, m.Customer.id.not_in(shared)], False)
    together = audience_statement(query, dialect, [m.Customer.id.in_(shared)])
    lines: list[AudienceLine] = []
    for statement in (alone, together):
        part = statement.order_by(None).subquery()
        chosen = select(part)
        if excluded_only:
            chosen = chosen.where(part.c.channel.is_(None))
        if statement is together and after is not None:
            chosen = chosen.where(part.c.customer_id > after)
        lines += session.execute(chosen.order_by(part.c.customer_id).limit(limit)).all()
    lines.sort(key=lambda line: int(line.customer_id))
    return lines[:limit]
