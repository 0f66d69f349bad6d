"""Keeps ``customer_search_keys`` (the customer list's search index) in step with the
customers: every path that writes a customer's name, phone or email rewrites its rows
here in the same transaction (``CustomerService``, the CSV import and the online
intake through ``services.customers.write_name_terms``; the demo data and the
benchmarks through ``key_rows``); an erasure drops them, so an erased customer is found
by nothing.

The rows are derived data (``desk_app.domain.search_keys``); revision 0011 made them for
the customers already there.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from sqlalchemy import Table, delete, insert
from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.search_keys import search_keys

# Inserted through Core: the ORM's bulk insert spends more on each row's bookkeeping
# than SQLite spends on storing it (profiled: 20,000 customers' keys took 37 s through
# the ORM, 14 s through Core, on the loaded 2-core machine).
TABLE = cast(Table, m.CustomerSearchKey.__table__)


def key_rows(
    customer_id: int,
    first_name: str,
    last_name: str,
    first_name_key: str,
    last_name_key: str,
    email: str | None,
    phone_digits: str | None,
) -> list[dict[str, Any]]:
    """The rows of one customer, for a bulk insert."""
    return [
        {
            "bucket": bucket,
            "last_name_key": last_name_key,
            "first_name_key": first_name_key,
            "customer_id": customer_id,
            "term": term,
        }
        for bucket, term in sorted(search_keys(first_name, last_name, email, phone_digits))
    ]


def rows_of(customer: m.Customer) -> list[dict[str, Any]]:
    return key_rows(
        customer.id,
        customer.first_name,
        customer.last_name,
        customer.first_name_key,
        customer.last_name_key,
        customer.email,
        customer.phone_digits,
    )


def write_search_keys(s: Session, customers: Iterable[m.Customer]) -> None:
    """(Re)write the rows of flushed customers (names, phone or email may have changed)."""
    customers = list(customers)
    drop_search_keys(s, [c.id for c in customers])
    rows = [row for c in customers for row in rows_of(c)]
    if rows:
        s.execute(insert(TABLE), rows)


def drop_search_keys(s: Session, customer_ids: list[int]) -> None:
    if customer_ids:
        key = m.CustomerSearchKey
        s.execute(delete(key).where(key.customer_id.in_(customer_ids)))
