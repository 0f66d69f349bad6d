"""The search keys of a customer: short prefixes that put every search on an ordered index.

The customer list is sorted by (last_name_key, first_name_key, id), and a search asks for
the first page of the matches *in that order*. A plain index on the name parts finds the
matches of "m" (a third of all customers) but not in list order, so they would all have
to be sorted. Here every searchable text gets a row per short prefix – the *bucket* – and
the row carries the list position and the whole text (the *term*):

    ("m",  "mueller", "anna", 17, "mueller")      ("mu", …)  ("mue", …)  ("muel", …)

An index on (bucket, last_name_key, first_name_key, id) then hands out the matches of a
short prefix in list order: the first page is the first 100 index entries, whatever the
number of matches. A longer prefix reads its leading bucket in list order and keeps the
rows whose term starts with it (a range check on the index entry, no table row).

Three kinds, told apart by their first character so one index serves all:

* name parts (``name_terms``: "mueller", "luedenscheidt"), buckets of 1…4 characters;
* phone numbers, "#" + national significant digits, buckets of 3 and 4 digits (a phone
  search needs 3 digits; "0176 88" walks the "1768" bucket, a tenth of the "176" one);
* email addresses, "@" + the address, one bucket of 4 characters.

Pure functions, no SQL.
"""

from __future__ import annotations

from dataclasses import dataclass

from desk_app.domain.contact import name_terms

NAME_DEPTH = 4
PHONE_MARK = "#"
PHONE_DEPTHS = (3, 4)  # digits
EMAIL_MARK = "@"
EMAIL_DEPTH = 4  # characters of the address


@dataclass(frozen=True)
class Lookup:
    """How one typed prefix is looked up: the rows of ``bucket`` (exact) whose term starts
    with ``prefix``; when the prefix is shorter than the buckets of its kind, ``bucket``
    is None and the buckets starting with ``prefix`` are read instead (and sorted)."""

    bucket: str | None
    prefix: str

    @property
    def needs_term_check(self) -> bool:
        return self.bucket is not None and self.bucket != self.prefix


def name_lookup(token: str) -> Lookup:
    """A name token ("mue", "luedenscheidt") as a lookup."""
    return Lookup(token[:NAME_DEPTH], token)


def phone_lookup(digits: str) -> Lookup:
    """A phone prefix (national significant digits, at least the shortest of PHONE_DEPTHS)."""
    term = PHONE_MARK + digits
    if len(digits) < PHONE_DEPTHS[0]:
        return Lookup(None, term)
    depth = max(d for d in PHONE_DEPTHS if d <= len(digits))
    return Lookup(term[: 1 + depth], term)


def email_lookup(prefix: str) -> Lookup:
    """An email prefix (already lower-case)."""
    term = EMAIL_MARK + prefix
    if len(prefix) < EMAIL_DEPTH:
        return Lookup(None, term)
    return Lookup(term[: 1 + EMAIL_DEPTH], term)


def search_keys(
    first_name: str, last_name: str, email: str | None, phone_digits: str | None
) -> set[tuple[str, str]]:
    """(bucket, term) pairs of a customer."""
    keys: set[tuple[str, str]] = set()
    for term in name_terms(first_name, last_name):
        for depth in range(1, min(len(term), NAME_DEPTH) + 1):
            keys.add((term[:depth], term))
    if phone_digits:
        term = PHONE_MARK + phone_digits
        keys.update((term[: 1 + depth], term) for depth in PHONE_DEPTHS)
    if email:
        term = EMAIL_MARK + email.lower()
        keys.add((term[: 1 + EMAIL_DEPTH], term))
    return keys
