"""A statement or transaction that writes thousands of customers at once (a CSV import
from the salon's old software, a bulk UPDATE, the benchmarks' loaders) passes through
``audience_facts``' triggers, which serialise two writers of one address. On PostgreSQL
that serialisation must not take a lock-table entry per address: the shared lock table
holds ``max_locks_per_transaction`` × ``max_connections`` entries (6,400 on a default
server), and one advisory lock per address made every import of more than ~3,200
customers with email and phone fail with "out of shared memory"."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Connection, Engine, insert

from desk_app.db import audience_facts
from desk_app.db import models as m
from desk_app.db.engine import create_database_engine

# Twice as many addresses as the test server's whole lock table holds (64 × ~220
# backends) if every address took an entry.
BULK = 9_000


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_database_engine(database_url)
    yield engine
    engine.dispose()


def _insert_customers(conn: Connection, first: int, count: int, address_of: int = 0) -> None:
    """Customers ``first`` … with the addresses of the customers ``address_of`` … (their
    own by default), as an import writes them: multi-row INSERTs, the triggers per row."""
    shift = first - address_of if address_of else 0
    rows = [
        {
            "first_name": f"K{n}",
            "last_name": "Bulk",
            "first_name_key": f"k{n}",
            "last_name_key": "bulk",
            "email": f"k{n - shift}@example.org",
            "phone": f"+49151{n - shift:07d}",
        }
        for n in range(first, first + count)
    ]
    conn.execute(insert(m.Customer.__table__), rows)


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_locks_held_do_not_grow_with_the_customers_written(engine: Engine) -> None:
    held = []
    with engine.begin() as conn:
        for batch in range(3):
            _insert_customers(conn, batch * 500 + 1, 500)
            held.append(
                conn.exec_driver_sql(
                    "SELECT count(*) FROM pg_locks WHERE pid = pg_backend_pid()"
                ).scalar_one()
            )
    # 500, 1,000, 1,500 customers with two addresses each: the same few locks (tables,
    # indexes, the transaction's own id), not 1,000, 2,000, 3,000 more.
    assert held[2] == held[0], held
    assert held[2] < 100, held


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_thousands_of_customers_in_one_transaction(engine: Engine) -> None:
    with engine.begin() as conn:
        _insert_customers(conn, 1, BULK)
        _insert_customers(conn, BULK + 1, 10, address_of=1)  # addresses now shared
        conn.exec_driver_sql(
            "UPDATE customers SET email = 'k1@example.org' WHERE id BETWEEN 2 AND 5"
        )
    with engine.connect() as conn:
        kept = conn.exec_driver_sql(
            f"SELECT {audience_facts.COLUMNS} FROM audience_facts ORDER BY customer_id"
        ).all()
        again = conn.exec_driver_sql(
            f"{audience_facts.facts_select('postgresql')} ORDER BY c.id"
        ).all()
    assert len(kept) == BULK + 10
    # Phones: customers 1–10 and their ten twins. Emails: k1's of customers 1–5 and
    # the first twin, and customers 6–10 with their twins (2–5's own went to their twins).
    assert sum(r.phone_shared for r in kept) == 20
    assert sum(r.email_shared for r in kept) == 6 + 2 * 5
    assert [tuple(r) for r in kept] == [tuple(r) for r in again]
