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

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Select,
    Table,
    and_,
    bindparam,
    func,
    literal,
    select,
    tuple_,
    union,
)
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.db.customer_search_keys import TABLE as KEYS
from desk_app.db.engine import Database
from desk_app.domain.contact import DEFAULT_REGION, name_key
from desk_app.domain.search_keys import Lookup, email_lookup, name_lookup, phone_lookup
from desk_app.services.customer_search import (
    SearchTerms,
    parse_query,
    prefix_end,
    prefix_range,
    search_condition,
)
from desk_app.services.mapping import CUSTOMER_ROW_COLUMNS, appointment_row, customer_row_of
from desk_app.services.rows import AppointmentRow, CustomerRow

# (last_name_key, first_name_key, id) of a row of the list; see ``position``.
Position = tuple[str, str, int]

# Counting the customers of a name token (to find the rarest) stops here.
WINDOW = 2000

# The list's statements are built from the tables (Core), not the mapped classes: the ORM
# adapts every column of an ``aliased`` class and runs its loading machinery over plain
# column rows, which cost more per keystroke than the SQL itself (bench/customer_search.py).
# Same SQL, same rows.
_CUSTOMERS = cast(Table, m.Customer.__table__)
_ROW_COLUMNS = tuple(_CUSTOMERS.c[attribute.key] for attribute in CUSTOMER_ROW_COLUMNS)
_ORDER = (_CUSTOMERS.c.last_name_key, _CUSTOMERS.c.first_name_key, _CUSTOMERS.c.id)


def _after(position: Position) -> ColumnElement[bool]:
    # The single-column bound lets both planners use the last-name index for the range.
    return and_(_ORDER[0] >= position[0], tuple_(*_ORDER) > tuple_(*position))


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
        params: dict[str, Any] = {}
        with self._db.read() as s:
            if terms is None:
                statement = select(*_ROW_COLUMNS)
                if after is not None:
                    statement = statement.where(_after(after))
                statement = statement.order_by(*_ORDER).limit(limit)
            elif terms.matches_nothing:
                return []
            else:
                statement, params = self._search_page(s, terms, after, limit)
            # One fetch for the page: iterating the result reads the cursor row by row.
            return [customer_row_of(values) for values in s.execute(statement, params).all()]

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
    ) -> tuple[Select[Any], dict[str, Any]]:
        """The statement of a page and its parameters: each way of matching (all name
        tokens, phone, email) is an ordered walk along ``customer_search_keys`` that stops
        after ``limit`` hits; their union is at most a few pages, sorted and joined to the
        customers."""
        lookups: list[tuple[Lookup, list[str]]] = []
        if terms.name_tokens:
            driver, *others = _rarest_first(s, terms.name_tokens)
            lookups.append((name_lookup(driver), others))
        if terms.phone_digits is not None:
            lookups.append((phone_lookup(terms.phone_digits), []))
        if terms.email_prefix is not None:
            lookups.append((email_lookup(terms.email_prefix), []))
        shapes = tuple(_ArmShape.of(lookup, after, others) for lookup, others in lookups)
        params: dict[str, Any] = {}
        for number, (lookup, others) in enumerate(lookups):
            params |= _arm_params(number, lookup, after, others)
        return _search_statement(shapes, limit), params


@dataclass(frozen=True)
class _ArmShape:
    """What the SQL of one arm depends on, apart from the values it is given: statements
    are built once per shape (``_search_statement``), since building one costs more than
    SQLite takes to run it."""

    ranged: bool  # bucket None: the buckets starting with the prefix
    term_check: bool
    after: bool
    others: int  # name tokens checked on each index entry

    @staticmethod
    def of(lookup: Lookup, after: Position | None, others: list[str]) -> _ArmShape:
        return _ArmShape(
            lookup.bucket is None, lookup.needs_term_check, after is not None, len(others)
        )


def _arm_params(
    number: int, lookup: Lookup, after: Position | None, others: list[str]
) -> dict[str, Any]:
    """The values of arm ``number`` for the parameters ``_arm`` names."""
    p = f"a{number}_"
    params: dict[str, Any] = {}
    if lookup.bucket is not None:
        params[p + "bucket"] = lookup.bucket
    if lookup.bucket is None or lookup.needs_term_check:
        params |= {p + "low": lookup.prefix, p + "high": prefix_end(lookup.prefix)}
    if after is not None:
        params |= {p + "last": after[0], p + "first": after[1], p + "id": after[2]}
    # Tokens are [a-z0-9] only, never a LIKE wildcard.
    params |= {f"{p}other{i}": f"% {token}%" for i, token in enumerate(others)}
    return params


@lru_cache(maxsize=64)
def _search_statement(shapes: tuple[_ArmShape, ...], limit: int) -> Select[Any]:
    arms = [_arm(number, shape, limit) for number, shape in enumerate(shapes)]
    hits = (arms[0] if len(arms) == 1 else union(*arms)).subquery("hits")
    return (
        select(*_ROW_COLUMNS)
        .join(hits, hits.c.customer_id == _CUSTOMERS.c.id)
        .order_by(hits.c.last_name_key, hits.c.first_name_key, hits.c.customer_id)
        .limit(limit)
    )


def _arm(number: int, shape: _ArmShape, limit: int) -> Select[Any]:
    """The first ``limit`` customers (as list positions) after the position that the
    lookup finds and that have a name part starting with each of the other tokens."""
    key = KEYS.c
    p = f"a{number}_"

    def value(name: str, column: Any) -> Any:
        return bindparam(p + name, type_=column.type)

    def starts_with(column: Any) -> ColumnElement[bool]:
        # prefix_range's index range, its bounds given as parameters.
        return and_(column >= value("low", column), column < value("high", column))

    where: list[ColumnElement[bool]] = []
    if shape.ranged:
        # Shorter than the buckets of its kind (an email "k."): the buckets starting with
        # it, sorted; only as many as there are addresses starting so.
        where.append(starts_with(key.bucket))
        where.append(starts_with(key.term))
    else:
        where.append(key.bucket == value("bucket", key.bucket))
        if shape.term_check:
            where.append(starts_with(key.term))
    if shape.after:
        # The single-column bound lets both planners start the walk at the position.
        last = value("last", key.last_name_key)
        where.append(key.last_name_key >= last)
        where.append(
            tuple_(key.last_name_key, key.first_name_key, key.customer_id)
            > tuple_(last, value("first", key.first_name_key), value("id", key.customer_id))
        )
    if shape.others:
        # The other words are checked on the index entry itself: the name parts are the
        # words of the two keys ("anna mueller"), so " anna mueller" LIKE "% s%" says
        # whether one starts with "s" – no look-up per hit.
        words = literal(" ") + key.first_name_key + literal(" ") + key.last_name_key
        where.extend(
            words.like(bindparam(f"{p}other{i}", type_=key.term.type)) for i in range(shape.others)
        )
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
    key = KEYS.c
    counts = {}
    for token in set(tokens):
        lookup = name_lookup(token)
        statement = select(key.customer_id).where(key.bucket == lookup.bucket)
        if lookup.needs_term_check:
            statement = statement.where(prefix_range(key.term, lookup.prefix))
        counts[token] = _capped_count(s, statement)
    # Counts stop at WINDOW, so ties are common: then the longer prefix is the rarer.
    return sorted(tokens, key=lambda t: (counts[t], -len(t)))
