"""The customer list of the customers screen: keyset pages, counts and visit history.

The list is ordered by (last_name_key, first_name_key, id) and paged by *keyset*
("rows after this position"), never by OFFSET over the results: page 500 costs what
page 1 costs, and a customer added meanwhile neither repeats nor hides a row. Matching
is ``customer_search``'s rule, the one ``CustomerService.search`` uses.

A search page is found so that no kind of query is slow at 200,000 customers (numbers:
bench/customer_search.py), because the planners cannot tell them apart:

0. count the matches of each lookup, stopping at ``WINDOW`` (an index walk, no table
   rows): when fewer match, collect them all and sort them (step 2) – "öztü", "0151 234";
1. otherwise look at the next ``WINDOW`` customers of the list and keep those that match:
   enough when matches are everywhere ("m", "an": first names spread evenly); if the
   page is not full but the matches seen so far say it will be within ``WINDOW_BUDGET``
   rows, look that much further;
2. if the page is still not full, collect the remaining matches from the indexes and
   sort only those: right when they are bunched in one stretch of the alphabet ("sch"),
   where walking the list would read most of it first.

Plain Python, no Qt.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, select, tuple_
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.db.engine import Database
from desk_app.domain.contact import DEFAULT_REGION, name_key
from desk_app.services.customer_search import (
    SearchTerms,
    matching_ids,
    parse_query,
    prefix_range,
    probe_condition,
    search_condition,
)
from desk_app.services.mapping import appointment_row, customer_row
from desk_app.services.rows import AppointmentRow, CustomerRow

# (last_name_key, first_name_key, id) of a row of the list; see ``position``.
Position = tuple[str, str, int]

# Customers looked at one by one first, and at most in all, before collecting the
# matches from the indexes instead.
WINDOW = 2000
WINDOW_BUDGET = 4 * WINDOW

_ORDER = (m.Customer.last_name_key, m.Customer.first_name_key, m.Customer.id)


def _after(position: Position) -> ColumnElement[bool]:
    # The single-column bound lets both planners use the last-name index for the range.
    return and_(m.Customer.last_name_key >= position[0], tuple_(*_ORDER) > tuple_(*position))


def _up_to(position: Position) -> ColumnElement[bool]:
    return and_(m.Customer.last_name_key <= position[0], tuple_(*_ORDER) <= tuple_(*position))


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
                statement = select(m.Customer)
                if after is not None:
                    statement = statement.where(_after(after))
                found = list(s.scalars(statement.order_by(*_ORDER).limit(limit)))
            elif terms.matches_nothing:
                return []
            else:
                found = self._search_page(s, terms, after, limit)
            return [customer_row(c) for c in found]

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
            select(m.Appointment, m.Customer, m.Staff, m.Treatment)
            .join(m.Customer, m.Customer.id == m.Appointment.customer_id)
            .join(m.Staff, m.Staff.id == m.Appointment.staff_id)
            .join(m.Treatment, m.Treatment.id == m.Appointment.service_id)
            .where(m.Appointment.customer_id == customer_id)
            .order_by(m.Appointment.starts_at.desc(), m.Appointment.id.desc())
        )
        with self._db.read() as s:
            return [appointment_row(a, c, st, sv) for a, c, st, sv in s.execute(statement)]

    # ---- the steps of a search page ----------------------------------------------------
    def _search_page(
        self, s: Session, terms: SearchTerms, after: Position | None, limit: int
    ) -> list[m.Customer]:
        terms, expected = _rarest_first(s, terms)
        if expected < WINDOW:
            return list(s.scalars(self._collected(terms, after, limit)))
        probe = probe_condition(terms)
        assert probe is not None  # parse_query gave lookups
        found: list[m.Customer] = []
        start, size, looked_at = after, WINDOW, 0
        while True:
            end = _window_end(s, start, size)
            statement = select(m.Customer).where(probe)
            if start is not None:
                statement = statement.where(_after(start))
            if end is not None:
                statement = statement.where(_up_to(end))
            wanted = limit - len(found)
            found += s.scalars(statement.order_by(*_ORDER).limit(wanted))
            looked_at += size
            if len(found) == limit or end is None:
                return found
            # Matches spread evenly ("w": Wolfgang, Werner …) fill the page a little
            # further on; matches bunched elsewhere ("sch") are collected instead.
            needed = (limit - len(found)) * looked_at * 3 // (2 * len(found)) if found else 0
            if not found or looked_at + needed > WINDOW_BUDGET:
                break
            # Never smaller than a window: at most WINDOW_BUDGET / WINDOW round trips.
            start, size = end, max(needed, WINDOW)
        return found + list(s.scalars(self._collected(terms, end, limit - len(found))))

    def _collected(self, terms: SearchTerms, after: Position | None, limit: int) -> Select[Any]:
        """Matches after ``after`` collected from the indexes, then sorted."""
        ids = matching_ids(terms)
        assert ids is not None  # parse_query gave lookups
        where: list[ColumnElement[bool]] = [m.Customer.id.in_(ids)]
        if after is not None:
            where.append(_after(after))
        if self._db.backend != "postgresql":
            # SQLite always collects the ids of an IN (…) first, which is what we want.
            return select(m.Customer).where(*where).order_by(*_ORDER).limit(limit)
        # PostgreSQL estimates how many match but not *where* in the alphabet they are,
        # and may walk the name index from "a" to reach the Schmidts: a materialised set
        # keeps the cost at the number of matches.
        hits = (
            select(m.Customer.id, m.Customer.last_name_key, m.Customer.first_name_key)
            .where(*where)
            .cte("hits")
            .prefix_with("MATERIALIZED")
        )
        top = select(hits).order_by(hits.c.last_name_key, hits.c.first_name_key, hits.c.id)
        page = top.limit(limit).subquery("page")
        return (
            select(m.Customer)
            .join(page, page.c.id == m.Customer.id)
            .order_by(page.c.last_name_key, page.c.first_name_key, page.c.id)
        )


def _capped_count(s: Session, statement: Select[Any]) -> int:
    """Rows of ``statement``, counted up to WINDOW only (an index range walk, no table)."""
    return int(s.scalar(select(func.count()).select_from(statement.limit(WINDOW).subquery())) or 0)


def _rarest_first(s: Session, terms: SearchTerms) -> tuple[SearchTerms, int]:
    """The terms with the rarest name token first, and an upper bound of the matches
    (capped at WINDOW)."""
    expected = 0
    if terms.name_tokens:
        counts = {
            token: _capped_count(
                s,
                select(m.CustomerNameTerm.customer_id).where(
                    prefix_range(m.CustomerNameTerm.term, token)
                ),
            )
            for token in set(terms.name_tokens)
        }
        # Counts stop at WINDOW, so ties are common: then the longer prefix is the rarer.
        tokens = tuple(sorted(terms.name_tokens, key=lambda t: (counts[t], -len(t))))
        terms = replace(terms, name_tokens=tokens)
        expected += counts[tokens[0]]
    if terms.phone_digits is not None:
        expected += _capped_count(
            s,
            select(m.Customer.id).where(prefix_range(m.Customer.phone_digits, terms.phone_digits)),
        )
    if terms.email_prefix is not None:
        expected += _capped_count(
            s, select(m.Customer.id).where(prefix_range(m.Customer.email, terms.email_prefix))
        )
    return terms, expected


def _window_end(s: Session, after: Position | None, size: int) -> Position | None:
    """Position of the ``size``-th customer after ``after``; None if fewer are left."""
    statement = select(*_ORDER)
    if after is not None:
        statement = statement.where(_after(after))
    row = s.execute(statement.order_by(*_ORDER).offset(size - 1).limit(1)).first()
    return None if row is None else (str(row[0]), str(row[1]), int(row[2]))
