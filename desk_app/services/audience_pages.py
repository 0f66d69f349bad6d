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

import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Integer, String, any_, bindparam, false, func, select
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.services.audience import (
    AudienceLine,
    AudienceQuery,
    audience_statement,
    choose_channel,
    count_by,
    facts_statement,
    select_audience,
)

_SUMMARY = ("recipients", "excluded", "email", "sms")
_CHUNK = 500  # values per IN (...) of the address lookups
# More customers with a shared address than this (SQLite takes at most 32,766 values in
# one statement, psycopg 65,535): everyone is decided with the duplicate window, as
# select_audience does.
MAX_SHARED = 20_000
# What ``choose_channel`` looks at.
_CHOICE_INPUTS = ("email_reason", "sms_reason", "prefers_sms", "email_state", "sms_state")


def shared_address_ids(session: Session) -> list[int]:
    """Customers whose email (any case) or phone number another customer has too.

    Along indexes only, so it costs milliseconds for 200,000 customers: exact duplicates
    from the email and phone indexes (grouped in index order), plus every address with a
    capital letter (only such an address can equal another one in a different case); of
    those candidates, the ones really shared are counted by the lower(email) index."""
    c = m.Customer
    doubled = (
        select(c.email)
        .where(c.email.is_not(None), c.email != "")
        .group_by(c.email)
        .having(func.count() > 1)
    )
    capitals = select(func.lower(c.email)).where(c.email != func.lower(c.email))
    candidates = {str(e).lower() for e in session.scalars(doubled)}
    candidates.update(str(e) for e in session.scalars(capitals))
    emails: set[str] = set()
    for chunk in _chunks(sorted(candidates)):
        emails.update(
            session.scalars(
                select(func.lower(c.email))
                .where(func.lower(c.email).in_(chunk))
                .group_by(func.lower(c.email))
                .having(func.count() > 1)
            )
        )
    phones = list(
        session.scalars(
            select(c.phone)
            .where(c.phone.is_not(None), c.phone != "")
            .group_by(c.phone)
            .having(func.count() > 1)
        )
    )
    ids: set[int] = set()
    for chunk in _chunks(sorted(emails)):
        ids.update(session.scalars(select(c.id).where(func.lower(c.email).in_(chunk))))
    for chunk in _chunks(phones):
        ids.update(session.scalars(select(c.id).where(c.phone.in_(chunk))))
    return sorted(ids)


def _chunks(values: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


class _Shared:
    """Who has a shared address, as a condition on ``customers``: the ids collected once
    beforehand, one parameter. As a subquery, SQLite ran it once per use and PostgreSQL
    was slower too (measured: 5.7 s against 3.1 s for 200,000 customers).

    One parameter, not one per id: an expanding ``IN`` of 8,652 ids (chain scale) was
    rendered in Python on every statement – 24,000 bind names, ~240 ms with the GIL held
    per page of the composer's lists, which the GUI thread felt as stalls. A JSON array
    (SQLite's ``json_each``) or an ``int[]`` (PostgreSQL's ``= ANY``) is one value."""

    def __init__(self, session: Session) -> None:
        self._ids = shared_address_ids(session)
        self._dialect = session.get_bind().dialect.name

    @property
    def too_many(self) -> bool:
        return len(self._ids) > MAX_SHARED

    def among(self) -> ColumnElement[bool]:
        if self._dialect == "sqlite":
            ids = bindparam("shared_ids", json.dumps(self._ids), type_=String)
            each = func.json_each(ids).table_valued("value")
            return m.Customer.id.in_(select(each.c.value))
        if self._dialect == "postgresql":
            array = bindparam("shared_ids", self._ids, type_=postgresql.ARRAY(Integer))
            return m.Customer.id == any_(array)
        return m.Customer.id.in_(bindparam("shared_ids", self._ids, expanding=True))


def count_audience(session: Session, query: AudienceQuery) -> dict[str, int]:
    """What ``count_by(select_audience(…))`` gives: recipients, excluded, per channel and
    per reason – without a row per customer leaving the database.

    The channel a customer gets depends only on the two channels' reasons, the consent
    states and the preferred channel, so the customers are grouped by those first (one
    pass, a few dozen groups) and the choice is made per group. Customers with a shared
    address are grouped apart and counted again with the duplicate window."""
    dialect = session.get_bind().dialect.name
    shared = _Shared(session)
    if shared.too_many:
        return count_by(select_audience(session, query))
    facts = (
        facts_statement(query, dialect)
        .add_columns(shared.among().label("shared"))
        .subquery("facts")
    )
    keys = [facts.c[name] for name in _CHOICE_INPUTS] + [facts.c.shared]
    groups = select(*keys, func.count().label("n")).group_by(*keys).subquery("groups")
    channel, reason = choose_channel(query, groups.c)
    counts = dict.fromkeys(_SUMMARY, 0)
    alone = select(channel, reason, groups.c.n).where(groups.c.shared == false())
    together = audience_statement(query, dialect, [shared.among()]).subquery()
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
    after_id: list[ColumnElement[bool]] = [] if after is None else [m.Customer.id > after]
    alone = audience_statement(query, dialect, [*after_id, ~shared.among()], False)
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
