"""A CSV import while another transaction writes customers (a second counter PC's import,
a customer saved at the counter) on PostgreSQL.

The audience triggers lock each address's bucket (``audience_address_locks``, revision
0028) as each row is written, so an import of thousands of customers collected buckets in
the order of its file. Two imports of 10,000 different customers, started together from
two PCs, ended with "deadlock detected" every time (each held some of the 65,536 buckets
the other waited for), shown as an unexplained error. The import now locks all its
addresses' buckets first, in bucket order; whoever comes later waits."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, func, insert, select, text

from desk_app.db import models as m
from desk_app.db.engine import create_database_engine
from desk_app.services.container import Services
from desk_app.services.customer_csv import CsvImporter, ImportReport

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


def test_an_import_and_another_writer_wait_for_each_other_instead_of_deadlocking(
    services: Services, engine: Engine, tmp_path: Path
) -> None:
    with engine.connect() as conn:
        (low_import, low_other), (high_import, high_other) = _bucket_pairs(conn)
    # The file's first customer has the higher bucket: row by row, the import locked it
    # before it came to the lower one.
    path = tmp_path / "kunden.csv"
    path.write_text(
        f"Vorname;Nachname;E-Mail\nHoch;Import;{high_import}\nTief;Import;{low_import}\n",
        encoding="utf-8",
    )
    outcome: list[ImportReport | BaseException] = []

    def run_import() -> None:
        try:
            outcome.append(CsvImporter(services.customers, services.db).import_file(path))
        except BaseException as exc:  # noqa: BLE001 (asserted below)
            outcome.append(exc)

    with engine.begin() as other:
        _add(other, low_other)  # holds the lower bucket
        importer = threading.Thread(target=run_import)
        importer.start()
        _wait_for_a_lock_wait(engine)  # the import waits for the lower bucket
        # The other writer goes on to the higher bucket: the import must not hold it.
        _add(other, high_other)
    importer.join(timeout=WAIT_SECONDS)

    assert not importer.is_alive()
    [report] = outcome
    assert isinstance(report, ImportReport), report
    assert report.imported == 2
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(m.Customer.__table__)) == 4
        assert conn.scalar(select(func.count()).select_from(m.AudienceFacts.__table__)) == 4
