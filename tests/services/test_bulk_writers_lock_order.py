"""A transaction writing many customers – a CSV import, a retention run's erasures, a page
of gateway events – while
another transaction writes customers (a second counter PC's import, a customer saved at
the counter) on PostgreSQL.

The audience triggers lock each address's bucket (``audience_address_locks``, revision
0028) as each row is written, so a bulk writer collected buckets in the order of its rows.
Two imports of 10,000 different customers, started together from two PCs, ended with
"deadlock detected" every time (each held some of the 65,536 buckets the other waited
for), shown as an unexplained error. A bulk writer now locks all its addresses' buckets
first, in bucket order; whoever comes later waits.

Each test: the other transaction holds the lower of two buckets; the bulk writer has a
row of the higher bucket before one of the lower; once it waits, the other goes on to the
higher bucket, which the bulk writer must not hold yet."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, func, insert, select, text

from desk_app.db import models as m
from desk_app.db.engine import create_database_engine
from desk_app.services.container import Services
from desk_app.services.customer_csv import CsvImporter, ImportReport
from desk_app.services.privacy import erase_customers
from tests.conftest import Clock
from tests.services.fake_gateway import FakeGateway, make_sync

pytestmark = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)

WAIT_SECONDS = 30


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_database_engine(database_url)
    yield engine
    engine.dispose()


def _bucket_pairs(conn: Connection) -> tuple[tuple[str, str], tuple[str, str]]:
    """Two pairs of different addresses, each pair in one bucket; the first pair's bucket
    is the lower."""
    rows = conn.execute(
        text(
            "SELECT b, array_agg(e ORDER BY e) FROM (SELECT e, "
            "(hashtextextended('email:' || e, 0) & 65535)::integer AS b "
            "FROM (SELECT 'x' || g || '@example.org' AS e FROM generate_series(1, 2000) g) a"
            ") h GROUP BY b HAVING count(*) >= 2 ORDER BY b LIMIT 2"
        )
    ).all()
    (_, low), (_, high) = rows
    return (low[0], low[1]), (high[0], high[1])


def _add(conn: Connection, email: str) -> None:
    name = email.split("@")[0]
    conn.execute(
        insert(m.Customer.__table__),
        [
            {
                "first_name": name,
                "last_name": "Other",
                "first_name_key": name,
                "last_name_key": "other",
                "email": email,
            }
        ],
    )


def _wait_for_a_lock_wait(engine: Engine) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    with engine.connect() as conn:
        while time.monotonic() < deadline:
            waiting = conn.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    "AND datname = current_database()"
                )
            ).scalar_one()
            conn.rollback()
            if waiting:
                return
            time.sleep(0.02)
    raise AssertionError("the import never waited for the other transaction")


def _beside_the_other_writer(
    engine: Engine, low_other: str, high_other: str, bulk: Callable[[], object]
) -> object:
    """Run ``bulk`` while the other transaction holds ``low_other``'s bucket, then let
    the other take ``high_other``'s; what ``bulk`` returned or raised."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(bulk())
        except BaseException as exc:  # noqa: BLE001 (asserted by the caller)
            outcome.append(exc)

    with engine.begin() as other:
        _add(other, low_other)  # holds the lower bucket
        writer = threading.Thread(target=run)
        writer.start()
        _wait_for_a_lock_wait(engine)  # the bulk writer waits for the lower bucket
        _add(other, high_other)  # deadlocked when the bulk writer held the higher one
    writer.join(timeout=WAIT_SECONDS)
    assert not writer.is_alive()
    [result] = outcome
    return result


def _count(engine: Engine, table: object) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(table)) or 0)


def test_an_import_and_another_writer_wait_for_each_other_instead_of_deadlocking(
    services: Services, engine: Engine, tmp_path: Path
) -> None:
    with engine.connect() as conn:
        (low_import, low_other), (high_import, high_other) = _bucket_pairs(conn)
    path = tmp_path / "kunden.csv"
    path.write_text(
        f"Vorname;Nachname;E-Mail\nHoch;Import;{high_import}\nTief;Import;{low_import}\n",
        encoding="utf-8",
    )
    importer = CsvImporter(services.customers, services.db)

    report = _beside_the_other_writer(
        engine, low_other, high_other, lambda: importer.import_file(path)
    )

    assert isinstance(report, ImportReport), report
    assert report.imported == 2
    assert _count(engine, m.Customer.__table__) == 4
    assert _count(engine, m.AudienceFacts.__table__) == 4


def test_erasing_many_customers_and_another_writer_wait_for_each_other(
    services: Services, engine: Engine
) -> None:
    with engine.begin() as conn:
        (low_erased, low_other), (high_erased, high_other) = _bucket_pairs(conn)
        _add(conn, high_erased)  # erased first (id order)
        _add(conn, low_erased)
    now = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)

    def erase_both() -> int:
        with services.db.write() as s:
            customers = list(s.scalars(select(m.Customer).order_by(m.Customer.id)))
            return len(erase_customers(s, customers, "Anna", now))

    erased = _beside_the_other_writer(engine, low_other, high_other, erase_both)

    assert erased == 2, erased
    with engine.connect() as conn:
        emails = set(conn.scalars(select(m.Customer.email)))
    assert emails == {None, low_other, high_other}


def test_erasing_a_customer_a_counter_pc_is_writing_waits_for_it(
    services: Services, engine: Engine
) -> None:
    """The counter PC holds the customer's row and comes to its buckets next (the
    triggers' order): the erasure must not hold those buckets while it waits for the row."""
    with engine.begin() as conn:
        _add(conn, "anna@example.org")
        [customer_id] = conn.scalars(select(m.Customer.id))
    now = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
    outcome: list[object] = []

    def erase() -> None:
        try:
            with services.db.write() as s:
                customers = list(s.scalars(select(m.Customer)))
                outcome.append(len(erase_customers(s, customers, "Anna", now)))
        except BaseException as exc:  # noqa: BLE001 (asserted below)
            outcome.append(exc)

    with engine.begin() as counter:
        counter.execute(
            text("SELECT 1 FROM customers WHERE id = :id FOR NO KEY UPDATE"), {"id": customer_id}
        )
        eraser = threading.Thread(target=erase)
        eraser.start()
        _wait_for_a_lock_wait(engine)
        counter.execute(
            text("UPDATE customers SET first_name = 'Anne' WHERE id = :id"), {"id": customer_id}
        )
    eraser.join(timeout=WAIT_SECONDS)

    assert not eraser.is_alive()
    assert outcome == [1]
    with engine.connect() as conn:
        assert conn.scalar(select(m.Customer.email)) is None


def test_a_page_of_events_does_not_wait_for_another_writers_buckets(
    services: Services, engine: Engine, clock: Clock
) -> None:
    """The events only recompute their customers' facts, which takes no address bucket
    (revision 0030): a page goes through while another transaction (an import) holds the
    buckets of both customers' addresses. It once locked them first, and waited for the
    import to commit."""
    with engine.begin() as conn:
        (low_named, low_other), (high_named, high_other) = _bucket_pairs(conn)
        _add(conn, high_named)
        _add(conn, low_named)
        refs = list(conn.scalars(select(m.Customer.ref).order_by(m.Customer.id)))
    fake = FakeGateway()
    for ref in refs:  # the higher bucket's customer first
        fake.add_event("optout.received", clock.now, ref, None, "email", {"via": "link"})
    sync = make_sync(services, fake, clock)
    outcome: list[object] = []

    with engine.begin() as other:
        _add(other, low_other)  # holds both buckets until the end of this block
        _add(other, high_other)
        writer = threading.Thread(target=lambda: outcome.append(sync.drain_events()))
        writer.start()
        writer.join(timeout=WAIT_SECONDS)
        done_while_held = not writer.is_alive()
    writer.join(timeout=WAIT_SECONDS)
    assert done_while_held
    [applied] = outcome
    assert applied == 2, applied
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).where(m.AudienceFacts.objected)) == 2
