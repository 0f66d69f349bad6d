"""The audience in parts: counts while the owner edits the filters, reasons page by page.

``select_audience`` decides every customer of a selection and returns them all, sorted
by id, with duplicate addresses found by a window over the whole selection: right for
queuing a campaign, too much for showing numbers on every change of a filter.

The only rule that looks beyond one customer is "the same address twice gets the
message once" (``Reason.DUPLICATE_ADDRESS``). It can only touch customers whose email
(case-insensitive) or phone number some other customer has too – a few percent. So:

* everyone else is decided alone: counted per outcome in one pass over ``audience_facts``
  (no row leaves the database) or read page by page in id order (``id > after LIMIT n``);
* the customers with a shared address are decided with the window as before – it sees
  every customer who could share an address with them, so their answer is the same as
  in the whole selection.

The two parts together are exactly ``select_audience``'s answer (tests/services/
test_audience_read_model.py compares them on random data).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    case,
    func,
    null,
    select,
)
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.enums import Channel
from desk_app.services.audience import (
    AudienceLine,
    AudienceQuery,
    audience_statement,
    choose_channel,
    count_by,
    facts_statement,
    select_audience,
)
from desk_app.services.id_lists import one_of

_SUMMARY = ("recipients", "excluded", "email", "sms")
_CHANNELS = tuple(channel.value for channel in Channel)
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
        return one_of(m.AudienceFacts.customer_id, self._ids, self._dialect, "shared_ids")


def count_audience(session: Session, query: AudienceQuery) -> dict[str, int]:
    """What ``count_by(select_audience(…))`` gives: recipients, excluded, per channel and
    per reason – without a row per customer leaving the database.

    Everyone is decided alone and counted per outcome in one pass over
    ``audience_facts``; the customers with a shared address are counted the same way and
    taken off again (a look-up by id each: no test per customer in the big pass), then
    counted with the duplicate window."""
    dialect = session.get_bind().dialect.name
    shared = _Shared(session)
    if shared.too_many:
        return count_by(select_audience(session, query))
    totals: dict[tuple[str | None, str | None], int] = {}
    parts = (
        (_decided_groups(query, dialect, []), 1),
        (_decided_groups(query, dialect, [shared.among()]), -1),
        (_windowed_groups(query, dialect, shared), 1),
    )
    for statement, sign in parts:
        for channel_value, reason_value, n in session.execute(statement):
            key = (channel_value, reason_value)
            totals[key] = totals.get(key, 0) + sign * n
    counts = dict.fromkeys(_SUMMARY, 0)
    for (channel_value, reason_value), n in totals.items():
        if n == 0:
            continue
        if channel_value is not None:
            counts["recipients"] += n
            counts[channel_value] += n
        else:
            counts["excluded"] += n
            counts[str(reason_value)] = counts.get(str(reason_value), 0) + n
    return counts


def _decided_groups(query: AudienceQuery, dialect: str, where: list[Any]) -> Any:
    """(channel, reason, how many) of the selection's customers, each one decided alone.

    Grouped by the outcome alone (a channel or a reason: one short key, a dozen groups):
    measured on SQLite, sorting 200,000 rows by the decision's inputs cost more than
    deciding every row."""
    facts = facts_statement(query, dialect).where(*where).subquery("facts")
    channel, reason = choose_channel(query, facts.c)
    outcome = func.coalesce(channel, reason).label("outcome")
    return select(
        case((outcome.in_(_CHANNELS), outcome), else_=null()),
        case((outcome.in_(_CHANNELS), null()), else_=outcome),
        func.count(),
    ).group_by(outcome)


def _windowed_groups(query: AudienceQuery, dialect: str, shared: _Shared) -> Any:
    """(channel, reason, how many) of the customers with a shared address, decided
    together (the same address twice gets the message once)."""
    together = audience_statement(query, dialect, [shared.among()]).subquery()
    return select(together.c.channel, together.c.reason, func.count()).group_by(
        together.c.channel, together.c.reason
    )


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
    alone = audience_statement(query, dialect, [*after_id, ~shared.among()], False, few=True)
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
