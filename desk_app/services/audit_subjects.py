"""What an audit entry's subject (``customer:12``, ``staff:3``, ``campaign:7``) is called
now, and which subjects a typed text means, for the owner's audit view.

Names are looked up when the log is read, never copied into it: an erased customer's
entries then name no one (DESIGN 2.5), and a renamed member shows their current name.
A typed text finds a customer by the counter's own search rule (``customer_search``),
a member or a campaign when every typed word starts a word of its name, and any
subject by its number.

Plain SQLAlchemy, no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, String, cast, false, literal, or_, select
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.contact import name_key
from desk_app.services.customer_search import matching_ids, parse_query

CUSTOMER, STAFF, CAMPAIGN = "customer", "staff", "campaign"


@dataclass(frozen=True)
class SubjectName:
    name: str  # "" when the subject has none (any more)
    erased: bool = False  # a customer erased under Art. 17


def split_subject(subject: str) -> tuple[str, int | None]:
    """``"customer:12"`` → ``("customer", 12)``; ``"settings"`` → ``("settings", None)``."""
    kind, _, number = subject.partition(":")
    return (kind, int(number)) if number.isdigit() else (subject, None)


def subject_names(s: Session, subjects: Iterable[str]) -> dict[str, SubjectName]:
    """The current names of ``subjects`` (one page's): one query per kind of subject."""
    ids: dict[str, set[int]] = {CUSTOMER: set(), STAFF: set(), CAMPAIGN: set()}
    for subject in subjects:
        kind, number = split_subject(subject)
        if number is not None and kind in ids:
            ids[kind].add(number)
    names: dict[str, SubjectName] = {}
    if ids[CUSTOMER]:
        erased = set(
            s.scalars(select(m.Erasure.customer_id).where(m.Erasure.customer_id.in_(ids[CUSTOMER])))
        )
        rows = s.execute(
            select(m.Customer.id, m.Customer.first_name, m.Customer.last_name).where(
                m.Customer.id.in_(ids[CUSTOMER])
            )
        )
        for cid, first, last in rows:
            gone = cid in erased
            full = "" if gone else " ".join(part for part in (first, last) if part)
            names[f"{CUSTOMER}:{cid}"] = SubjectName(full, gone)
    for kind, model in ((STAFF, m.Staff), (CAMPAIGN, m.Campaign)):
        if ids[kind]:
            found = s.execute(select(model.id, model.name).where(model.id.in_(ids[kind])))
            names.update({f"{kind}:{number}": SubjectName(name) for number, name in found})
    return names


def subject_condition(s: Session, text: str, region: str) -> ColumnElement[bool]:
    """Entries whose subject ``text`` means (see the module docstring)."""
    words = name_key(text).split()
    if not words:
        return false()
    entry = m.AuditEntry
    alternatives: list[ColumnElement[bool]] = []
    terms = parse_query(text, region)
    customer_ids = None if terms is None else matching_ids(terms)
    if customer_ids is not None:
        alternatives.append(entry.subject.in_(_subjects_of(CUSTOMER, customer_ids)))
    for kind, model in ((STAFF, m.Staff), (CAMPAIGN, m.Campaign)):
        # Few rows (the team, the salon's campaigns): folded in Python like the names
        # the counter searches, so "groß" finds "Tanja Groß" on SQLite too.
        named = [
            number
            for number, name in s.execute(select(model.id, model.name))
            if _words_start_name(words, name)
        ]
        if named:
            alternatives.append(entry.subject.in_([f"{kind}:{n}" for n in named]))
    if text.strip().isdigit():
        number = int(text.strip())
        alternatives.append(
            entry.subject.in_([f"{k}:{number}" for k in (CUSTOMER, STAFF, CAMPAIGN)])
        )
    alternatives.append(entry.subject == text.strip())  # "settings", or what others add
    return or_(*alternatives)


def _subjects_of(kind: str, ids: Any) -> Select[Any]:
    found = ids.subquery()
    number = next(iter(found.c))
    return select(literal(f"{kind}:") + cast(number, String))


def _words_start_name(words: list[str], name: str) -> bool:
    parts = name_key(name).split()
    return all(any(part.startswith(word) for part in parts) for word in words)
