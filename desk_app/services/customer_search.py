"""The one definition of "which customers match what was typed" (search and paged list).

Shared by ``CustomerService.search`` and ``CustomerDirectory.page`` so the counter's
quick search and the customer list can never disagree: a customer matches when every
typed word starts one of the name parts, or the digits start the phone number (any
formatting), or the text starts the email address. Every lookup is an index range
(a ``LIKE 'x%'`` cannot use a plain index on SQLite). Plain SQLAlchemy, no Qt.

The rule comes in two shapes, because the best plan depends on how many customers
match and the planners cannot know that in advance:

* ``matching_ids`` / ``search_condition`` collect the ids from the indexes first (cost
  grows with the number of matches: right for "öztü" or "0151 234");
* ``probe_condition`` checks one customer row at a time (cost grows with the number of
  rows looked at: right for a short stretch of the alphabetical list).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, CompoundSelect, Select, and_, exists, or_, select, union
from sqlalchemy.orm import aliased

from desk_app.db import models as m
from desk_app.domain.contact import name_key, phone_query_digits

MIN_PHONE_QUERY_DIGITS = 3


def prefix_range(column: Any, prefix: str) -> ColumnElement[bool]:
    """Prefix match as an index range: ``prefix <= column < prefix_end(prefix)``."""
    return and_(column >= prefix, column < prefix_end(prefix))


def prefix_end(prefix: str) -> str:
    """The (exclusive) upper bound of ``prefix_range``."""
    return prefix + "\U0010ffff"


@dataclass(frozen=True)
class SearchTerms:
    """What a typed text is looked up by."""

    name_tokens: tuple[str, ...]  # every one must start some name part
    phone_digits: str | None  # national significant digits, or None
    email_prefix: str | None

    @property
    def matches_nothing(self) -> bool:
        return not self.name_tokens and self.phone_digits is None and self.email_prefix is None


def parse_query(text: str, region: str) -> SearchTerms | None:
    """The lookups for ``text``; None for a blank query (callers decide what that means)."""
    text = text.strip()
    if not text:
        return None
    digits = phone_query_digits(text, region)
    phone = (
        digits
        if len(digits) >= MIN_PHONE_QUERY_DIGITS and not any(ch.isalpha() for ch in text)
        else None
    )
    # No address holds a control character (they are refused on entry), and PostgreSQL
    # refuses a NUL in a parameter: such a text is no email prefix.
    email = text.lower() if ("@" in text or "." in text) and text.isprintable() else None
    return SearchTerms(tuple(name_key(text).split()), phone, email)


def matching_ids(terms: SearchTerms) -> Select[Any] | CompoundSelect[Any] | None:
    """Ids of the matching customers (duplicates possible), one index range per lookup;
    the first name token drives the name lookup, so put the rarest first. None if
    nothing can match."""
    parts: list[Select[Any]] = []
    if terms.name_tokens:
        first, *others = terms.name_tokens
        term = m.CustomerNameTerm
        names = select(term.customer_id).where(prefix_range(term.term, first))
        for token in others:
            # Checked per candidate of the first token, never the other way round.
            other = aliased(m.CustomerNameTerm)
            names = names.where(
                exists().where(
                    other.customer_id == term.customer_id, prefix_range(other.term, token)
                )
            )
        parts.append(names)
    if terms.phone_digits is not None:
        parts.append(
            select(m.Customer.id).where(prefix_range(m.Customer.phone_digits, terms.phone_digits))
        )
    if terms.email_prefix is not None:
        parts.append(
            select(m.Customer.id).where(prefix_range(m.Customer.email, terms.email_prefix))
        )
    if not parts:
        return None
    # A flat UNION of index ranges: each part uses its own index on both backends (an OR
    # with a sub-select makes PostgreSQL read the whole table).
    return parts[0] if len(parts) == 1 else union(*parts)


def search_condition(text: str, region: str) -> ColumnElement[bool] | None:
    """Matching customers as a WHERE condition (ids collected from the indexes); None for
    a blank query or one that can match no one."""
    terms = parse_query(text, region)
    ids = None if terms is None else matching_ids(terms)
    return None if ids is None else m.Customer.id.in_(ids)


def probe_condition(terms: SearchTerms) -> ColumnElement[bool] | None:
    """The same rule checked against one customer row (correlated ``EXISTS``)."""
    alternatives: list[ColumnElement[bool]] = []
    if terms.name_tokens:
        alternatives.append(
            and_(
                *(
                    exists().where(
                        m.CustomerNameTerm.customer_id == m.Customer.id,
                        prefix_range(m.CustomerNameTerm.term, token),
                    )
                    for token in terms.name_tokens
                )
            )
        )
    if terms.phone_digits is not None:
        alternatives.append(prefix_range(m.Customer.phone_digits, terms.phone_digits))
    if terms.email_prefix is not None:
        alternatives.append(prefix_range(m.Customer.email, terms.email_prefix))
    return or_(*alternatives) if alternatives else None
