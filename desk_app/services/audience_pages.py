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

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session, aliased

from desk_app.db import models as m
from desk_app.services.audience import AudienceLine, AudienceQuery, audience_statement

_SUMMARY = ("recipients", "excluded", "email", "sms")


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
    return select(m.Customer.id).where(
        or_(func.lower(m.Customer.email).in_(emails), m.Customer.phone.in_(phones))
    )


def count_audience(session: Session, query: AudienceQuery) -> dict[str, int]:
    """What ``count_by(select_audience(…))`` gives: recipients, excluded, per channel and
    per reason – by two grouped queries instead of every customer's row."""
    dialect = session.get_bind().dialect.name
    shared = shared_address_ids().scalar_subquery()
    alone = audience_statement(query, dialect, [m.Customer.id.not_in(shared)], False)
    together = audience_statement(query, dialect, [m.Customer.id.in_(shared)])
    counts = dict.fromkeys(_SUMMARY, 0)
    for statement in (alone, together):
        part = statement.order_by(None).subquery()
        grouped = select(part.c.channel, part.c.reason, func.count()).group_by(
            part.c.channel, part.c.reason
        )
        for channel, reason, n in session.execute(grouped):
            if channel is not None:
                counts["recipients"] += n
                counts[channel] += n
            else:
                counts["excluded"] += n
                counts[reason] = counts.get(reason, 0) + n
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
