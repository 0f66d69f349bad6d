"""The audience in parts: counts while the owner edits the filters, reasons page by page.

``select_audience`` decides every customer of a selection and returns them all, sorted
by id, with duplicate addresses found by a window over the whole selection: right for
queuing a campaign, too much for showing numbers on every change of a filter.

The only rule that looks beyond one customer is "the same address twice gets the
message once" (``Reason.DUPLICATE_ADDRESS``). It can only touch customers whose email
(case-insensitive) or phone number some other customer has too – a few percent. So:

* everyone else is decided alone and read page by page in id order (``id > after LIMIT n``);
* the customers with a shared address are decided with the window as before – it sees
  every customer who could share an address with them, so their answer is the same as
  in the whole selection.

The two parts together are exactly ``select_audience``'s answer (tests/services/
test_audience_read_model.py compares them on random data). The counts need neither part:
``audience_counts`` counts the reached per channel as distinct addresses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    func,
    select,
)
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.services.audience import (
    AudienceLine,
    AudienceQuery,
    audience_statement,
)
from desk_sql.id_lists import among_ids, not_among_ids

# More customers with a shared address than this (SQLite takes at most 32,766 values in
# one statement, psycopg 65,535): everyone is decided with the duplicate window, as
# select_audience does.
MAX_SHARED = 20_000


def shared_address_ids(session: Session) -> list[int]:
    """Customers whose email (any case) or phone number another customer has too.

    Along the indexes of ``audience_facts`` (its email address is lower case already):
    the addresses grouped in index order, then their customers – milliseconds for
    200,000 customers, nothing sorted."""
    f = m.AudienceFacts
    ids: set[int] = set()
    for column in (f.email_address, f.phone):
        doubled = (
            select(column)
            .where(column.is_not(None), column != "")
            .group_by(column)
            .having(func.count() > 1)
        )
        ids.update(session.scalars(select(f.customer_id).where(column.in_(doubled))))
    return sorted(ids)


class _Shared:
    """Who has a shared address, as a condition on ``audience_facts``: the ids collected
    once beforehand. As a subquery, SQLite ran it once per use and PostgreSQL was slower
    too (measured: 5.7 s against 3.1 s for 200,000 customers). The ids travel as one
    parameter (a PostgreSQL array, a JSON list on SQLite): thousands of separate
    parameters cost more to bind than the statement took to run."""

    def __init__(self, session: Session) -> None:
        self._ids = shared_address_ids(session)
        self._dialect = session.get_bind().dialect.name

    @property
    def too_many(self) -> bool:
        return len(self._ids) > MAX_SHARED

    def among(self) -> ColumnElement[bool]:
        return among_ids(m.AudienceFacts.customer_id, self._ids, self._dialect)

    def not_among(self) -> ColumnElement[bool]:
        return not_among_ids(m.AudienceFacts.customer_id, self._ids, self._dialect)


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
    shared = _Shared(session)
    after_id: list[ColumnElement[bool]] = (
        [] if after is None else [m.AudienceFacts.customer_id > after]
    )
    alone = audience_statement(query, dialect, [*after_id, shared.not_among()], False, few=True)
    together = audience_statement(query, dialect, [shared.among()])
    parts: tuple[Any, ...] = (alone, together)
    if shared.too_many:  # everyone with the window, as select_audience does
        together = audience_statement(query, dialect)
        parts = (together,)
    lines: list[AudienceLine] = []
    for statement in parts:
        part = statement.order_by(None).subquery()
        chosen = select(part)
        if excluded_only:
            chosen = chosen.where(part.c.channel.is_(None))
        if where is not None:
            chosen = chosen.where(*where(part.c))
        if statement is together and after is not None:
            chosen = chosen.where(part.c.customer_id > after)
        lines += session.execute(chosen.order_by(part.c.customer_id).limit(limit)).all()
    lines.sort(key=lambda line: int(line.customer_id))
    return lines[:limit]
