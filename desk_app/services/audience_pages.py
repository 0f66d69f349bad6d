"""The audience in parts: counts while the owner edits the filters, reasons page by page.

``select_audience`` decides every customer of a selection and returns them all, sorted
by id, with duplicate addresses found by a window over the whole selection: right for
queuing a campaign, too much for showing numbers on every change of a filter.

The only rule that looks beyond one customer is "the same address twice gets the message
once" (``Reason.DUPLICATE_ADDRESS``). It can only touch customers whose email
(case-insensitive) or phone number some other customer has too – a few percent, flagged
in ``audience_facts`` (``email_shared``/``phone_shared``, kept on write, revision 0021).
So:

* everyone else is decided alone and read page by page in id order (``id > after LIMIT n``);
* the customers with a shared address are decided with the window as before – it sees
  every customer who could share an address with them, so their answer is the same as
  in the whole selection.

The two parts together are exactly ``select_audience``'s answer (tests/services/
test_audience_read_model.py compares them on random data). The counts need neither part:
``audience_counts`` counts the reached per channel as distinct addresses.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, func, not_, select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.services.audience import (
    AudienceLine,
    AudienceQuery,
    audience_statement,
    shares_an_address,
)

# The first range of ids a page reads of those alone on their addresses (then twice as
# many each time, until the page is full).
FIRST_SPAN = 2_000


def audience_page(
    session: Session,
    query: AudienceQuery,
    after: int | None,
    limit: int,
    excluded_only: bool = False,
    where: Callable[[Any], Sequence[ColumnElement[bool]]] | None = None,
) -> list[AudienceLine]:
    """The next ``limit`` customers of the selection after customer id ``after``, in id
    order, decided as ``select_audience`` decides them (``excluded_only``: only those
    left out, with their reason). ``where`` gives more conditions on the decided lines
    (its argument: their columns, as labelled in ``AudienceLine``), e.g. a name search."""
    if limit <= 0:
        return []
    dialect = session.get_bind().dialect.name

    def read(statement: Any, n: int, after_id: int | None = None) -> list[Any]:
        part = statement.order_by(None).subquery()
        chosen = select(part)
        if excluded_only:
            chosen = chosen.where(part.c.channel.is_(None))
        if where is not None:
            chosen = chosen.where(*where(part.c))
        if after_id is not None:
            chosen = chosen.where(part.c.customer_id > after_id)
        return list(session.execute(chosen.order_by(part.c.customer_id).limit(n)).all())

    f = m.AudienceFacts
    lines: list[AudienceLine] = []
    # Those alone on their addresses, in ranges of ids that double: the planners cannot
    # estimate how many customers a page's conditions leave (PostgreSQL guessed 1,000 of
    # 94,000, decided all of them and sorted), but a range is read along the primary key.
    low = -1 if after is None else after
    top = session.scalar(select(func.max(f.customer_id))) or 0
    span = FIRST_SPAN
    while len(lines) < limit and low < top:
        high = low + span
        alone = audience_statement(
            query,
            dialect,
            [f.customer_id > low, f.customer_id <= high, not_(shares_an_address())],
            False,
            few=True,
        )
        lines += read(alone, limit - len(lines))
        low, span = high, span * 2
    # Few customers share an address: decided together, with the duplicate window.
    together = audience_statement(query, dialect, [shares_an_address()], few=True)
    lines += read(together, limit, after)
    lines.sort(key=lambda line: int(line.customer_id))
    return lines[:limit]


def select_recipients(session: Session, query: AudienceQuery) -> list[AudienceLine]:
    """``select_audience``'s recipients (the lines with a channel), in customer id order,
    in the same two parts as the pages: those alone on their addresses decided without
    the duplicate window (a sort of every customer of the selection by address: half of
    the queuing's read at chain scale), those with a shared address with it."""
    dialect = session.get_bind().dialect.name

    def reached(statement: Any) -> list[AudienceLine]:
        part = statement.order_by(None).subquery()
        chosen = select(part).where(part.c.channel.is_not(None)).order_by(part.c.customer_id)
        return list(session.execute(chosen).all())

    alone = reached(audience_statement(query, dialect, [not_(shares_an_address())], False))
    together = reached(audience_statement(query, dialect, [shares_an_address()]))
    return list(heapq.merge(alone, together, key=lambda line: int(line.customer_id)))
