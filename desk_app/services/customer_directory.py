"""The customer list of the customers screen: keyset pages, counts and visit history.

The list is ordered by (last_name_key, first_name_key, id) and paged by *keyset*
("rows after this position"), never by OFFSET over the results: page 500 costs what
page 1 costs, and a customer added meanwhile neither repeats nor hides a row. Matching
is ``customer_search``'s rule, the one ``CustomerService.search`` uses.

A search page is one statement whose cost does not grow with the number of matches, so no
prefix is slow at 200,000 customers (numbers: bench/customer_search.py): along
``customer_search_keys`` (``desk_app.domain.search_keys``) the customers whose name part,
phone number or email starts with a short prefix come in list order, so the page is the
first ``limit`` index entries of the prefix's bucket ("m", "0176") – for a longer prefix
("schmi") those whose whole term starts with it. With several words the one with the
fewest customers (a capped count per word first) drives the walk and the others are
checked on each index entry it passes.

Plain Python, no Qt.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, literal, select, tuple_, union
from sqlalchemy.orm import Session, aliased

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.contact import DEFAULT_REGION, name_key
from desk_app.domain.search_keys import Lookup, email_lookup, name_lookup, phone_lookup
from desk_app.services.customer_search import (
    SearchTerms,
    parse_query,
    prefix_range,
    search_condition,
)
from desk_app.services.mapping import CUSTOMER_ROW_COLUMNS, appointment_row, customer_row_of
from desk_app.services.rows import AppointmentRow, CustomerRow

# (last_name_key, first_name_key, id) of a row of the list; see ``position``.
Position = tuple[str, str, int]

# Counting the customers of a name token (to find the rarest) stops here.
WINDOW = 2000

_ORDER = (m.Customer.last_name_key, m.Customer.first_name_key, m.Customer.id)


def _after(position: Position) -> ColumnElement[bool]:
    # The single-column bound lets both planners use the last-name index for the range.
    return and_(m.Customer.last_name_key >= position[0], tuple_(*_ORDER) > tuple_(*position))


class CustomerDirectory:
    def __init__(self, db: Database, region: str = DEFAULT_REGION) -> None:
        self._db = db
        self._region = region

    @staticmethod
    def position(row: CustomerRow) -> Position:
        """Where ``row`` sits in the list; pass it as ``after`` to get the next page.

        The stored sort keys are ``name_key`` of the names (``CustomerService.normalise``
        writes them), so they are recomputed here instead of travelling in every row.
        """
        return (name_key(row.last_name), name_key(row.first_name), row.id)

    # ---- queries ------------------------------------------------------------------------
    def page(self, query: str, after: Position | None, limit: int) -> list[CustomerRow]:
        """Up to ``limit`` customers matching ``query`` (everyone when blank) that come
        after ``after`` in the list order, in that order."""
        if limit <= 0:
            return []
        terms = parse_query(query, self._region)
        with self._db.read() as s:
            if terms is None:
                statement = select(*CUSTOMER_ROW_COLUMNS)
                if after is not None:
                    statement = statement.where(_after(after))
                statement = statement.order_by(*_ORDER).limit(limit)
            elif terms.matches_nothing:
                return []
            else:
                statement = self._search_page(s, terms, after, limit)
            return [customer_row_of(values) for values in s.execute(statement)]

    def count(self, query: str) -> int:
        """How many customers match (everyone for a blank query). Cheap when blank; for a
        search it costs about one page of step 2."""
        statement = select(func.count()).select_from(m.Customer)
        if query.strip():
            condition = search_condition(query, self._region)
            if condition is None:
                return 0
            statement = statement.where(condition)
        with self._db.read() as s:
            return int(s.scalar(statement) or 0)

    def visits(self, customer_id: int) -> list[AppointmentRow]:
        """Every appointment of the customer, future and past, newest first."""
        statement = (
            select(
                m.Appointment,
                m.Customer,
                m.Staff,
                m.Treatment,
                m.AppointmentSeries.occurrences,
            )
            .join(m.Customer, m.Customer.id == m.Appointment.customer_id)
            .join(m.Staff, m.Staff.id == m.Appointment.staff_id)
            .join(m.Treatment, m.Treatment.id == m.Appointment.service_id)
            .outerjoin(m.AppointmentSeries, m.AppointmentSeries.id == m.Appointment.series_id)
            .where(m.Appointment.customer_id == customer_id)
            .order_by(m.Appointment.starts_at.desc(), m.Appointment.id.desc())
        )
        with self._db.read() as s:
            return [
                appointment_row(a, c, st, sv, series_total=total)
                for a, c, st, sv, total in s.execute(statement)
            ]

    # ---- a search page ------------------------------------------------------------------
    def _search_page(
        self, s: Session, terms: SearchTerms, after: Position | None, limit: int
    ) -> Select[Any]:
        """The statement of a page: each way of matching (all name tokens, phone, email) is an
        ordered walk along ``customer_search_keys`` that stops after ``limit`` hits; their
        union is at most a few pages, sorted and joined to the customers."""
        arms: list[Select[Any]] = []
        if terms.name_tokens:
            driver, *others = _rarest_first(s, terms.name_tokens)
            arms.append(_arm(name_lookup(driver), after, limit, others))
        if terms.phone_digits is not None:
            arms.append(_arm(phone_lookup(terms.phone_digits), after, limit, []))
        if terms.email_prefix is not None:
            arms.append(_arm(email_lookup(terms.email_prefix), after, limit, []))
        hits = (arms[0] if len(arms) == 1 else union(*arms)).subquery("hits")
        return (
            select(*CUSTOMER_ROW_COLUMNS)
            .join(hits, hits.c.customer_id == m.Customer.id)
            .order_by(hits.c.last_name_key, hits.c.first_name_key, hits.c.customer_id)
            .limit(limit)
        )


def _arm(lookup: Lookup, after: Position | None, limit: int, others: list[str]) -> Select[Any]:
    """The first ``limit`` customers (as list positions) after ``after`` that ``lookup``
    finds and that have a name part starting with each of ``others``."""
    key = aliased(m.CustomerSearchKey)
    where: list[ColumnElement[bool]] = []
    if lookup.bucket is None:
        # Shorter than the buckets of its kind (an email "k."): the buckets starting with
        # it, sorted; only as many as there are addresses starting so.
        where.append(prefix_range(key.bucket, lookup.prefix))
        where.append(prefix_range(key.term, lookup.prefix))
    else:
        where.append(key.bucket == lookup.bucket)
        if lookup.needs_term_check:
            where.append(prefix_range(key.term, lookup.prefix))
    if after is not None:
        # The single-column bound lets both planners start the walk at the position.
        where.append(key.last_name_key >= after[0])
        where.append(
            tuple_(key.last_name_key, key.first_name_key, key.customer_id) > tuple_(*after)
        )
    if others:
        # The other words are checked on the index entry itself: the name parts are the
        # words of the two keys ("anna mueller"), so " anna mueller" LIKE "% s%" says
        # whether one starts with "s" – no look-up per hit. Tokens are [a-z0-9] only,
        # never a LIKE wildcard.
        words = literal(" ") + key.first_name_key + literal(" ") + key.last_name_key
        where.extend(words.like(f"% {token}%") for token in others)
    order = (key.last_name_key, key.first_name_key, key.customer_id)
    # DISTINCT: two name parts may share a bucket ("Anna-Annabell").
    inner = select(*order).where(*where).distinct().order_by(*order).limit(limit)
    # Wrapped, so that the arms of a UNION may each keep their ORDER BY and LIMIT.
    return select(inner.subquery())


def _capped_count(s: Session, statement: Select[Any]) -> int:
    """Rows of ``statement``, counted up to WINDOW only (an index range walk, no table)."""
    return int(s.scalar(select(func.count()).select_from(statement.limit(WINDOW).subquery())) or 0)


def _rarest_first(s: Session, tokens: tuple[str, ...]) -> list[str]:
    """The name tokens, the one with the fewest customers first: it drives the walk,
    the others are checked per hit ("jörg sch": the Jörgs, each checked for a "sch")."""
    if len(tokens) == 1:
        return list(tokens)
    key = m.CustomerSearchKey
    counts = {}
    for token in set(tokens):
        lookup = name_lookup(token)
        statement = select(key.customer_id).where(key.bucket == lookup.bucket)
        if lookup.needs_term_check:
            statement = statement.where(prefix_range(key.term, lookup.prefix))
        counts[token] = _capped_count(s, statement)
    # Counts stop at WINDOW, so ties are common: then the longer prefix is the rarer.
    return sorted(tokens, key=lambda t: (counts[t], -len(t)))
