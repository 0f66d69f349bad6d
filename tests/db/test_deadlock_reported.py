"""Two counter PCs whose transactions wait for each other: PostgreSQL rolls one back with
"deadlock detected". That one is told the database was busy and to try again (a known
condition, nothing was half-written), not "something went wrong" with a traceback as for
a bug: two CSV imports at once ended so before the import locked its addresses first."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from desk_app.db.engine import Database, create_database_engine
from desk_sql.errors import StorageError

pytestmark = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)


@pytest.fixture
def databases(database_url: str) -> Iterator[tuple[Database, Database]]:
    pair = (
        Database(create_database_engine(database_url)),
        Database(create_database_engine(database_url)),
    )
    yield pair
    for db in pair:
        db.dispose()


def test_the_transaction_rolled_back_for_a_deadlock_is_reported_as_busy(
    databases: tuple[Database, Database],
) -> None:
    both_hold_one = threading.Barrier(2, timeout=30)
    outcomes: list[BaseException | None] = [None, None]

    def lock_crosswise(side: int) -> None:
        first, second = (1, 2) if side == 0 else (2, 1)
        lock = text("SELECT 1 FROM audience_address_locks WHERE bucket = :b FOR UPDATE")
        try:
            with databases[side].write() as s:
                s.execute(lock, {"b": first})
                both_hold_one.wait()
                s.execute(lock, {"b": second})
        except BaseException as exc:  # noqa: BLE001 (asserted below)
            outcomes[side] = exc

    threads = [threading.Thread(target=lock_crosswise, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    failed = [o for o in outcomes if o is not None]
    assert len(failed) == 1, outcomes  # one went through
    [error] = failed
    assert isinstance(error, StorageError), repr(error)
    assert error.kind == "locked"
