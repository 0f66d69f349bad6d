"""An erasure takes the customer's bookings and waitlist offers before the event log's
counter (PostgreSQL; SQLite lets one writer in at a time and has no such order).

The customer's pages lock their row first and append an event after (the manage page's
"cancel", an offer's "take it"); the erasure appended events first (its withdrawn
messages, locking the log's counter) and reached the bookings after. Racing each other
the two deadlocked: found with threads against the app (cancel vs erase: 1 round in 40
and in 150; take-it vs erase: 14 in 40, see booking/test_offer_attacks.py), the customer
or the desktop got a 500. Shown here without a race: while a page holds the booking, a
waiting erasure must not hold the counter that every other event needs."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from desk_gateway.events import append_event
from tests import databases

from .booking_support import booking, booking_item
from .support import Harness

WAIT_FOR_BLOCK = 30.0  # seconds: how long the erasure may take to reach the held row


@pytest.fixture
def gateway_db_url(
    tmp_path: Path, gateway_sqlite_template: Path, gateway_postgres_template: str | None
) -> Iterator[str]:
    with databases.fresh_database(
        "postgresql", "gateway", tmp_path, gateway_sqlite_template, gateway_postgres_template
    ) as url:
        yield url


def _erasure_waits_for_a_lock(harness: Harness) -> bool:
    with harness.gw.db.engine.connect() as c:
        waiting = c.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND wait_event_type = 'Lock'"
            )
        ).scalar_one()
    return bool(waiting)


def test_a_waiting_erasure_holds_no_lock_on_the_event_log(harness: Harness) -> None:
    value = booking(harness.clock)
    item = booking_item(harness.clock, booking=value)  # accepted, not yet sent
    [result] = harness.post_messages([item])
    assert result["result"] == "accepted"
    answers: list[int] = []
    engine = harness.gw.db.engine
    with engine.connect() as page:  # the manage page, in the middle of its cancellation
        page.execute(
            text("SELECT id FROM bookings WHERE customer_ref = :ref FOR UPDATE"),
            {"ref": item["customer_ref"]},
        )
        erase = threading.Thread(
            target=lambda: answers.append(
                harness.client.post(
                    f"/v1/customers/{item['customer_ref']}/erase", headers=harness.auth()
                ).status_code
            )
        )
        erase.start()
        deadline = time.monotonic() + WAIT_FOR_BLOCK
        while not _erasure_waits_for_a_lock(harness):
            assert time.monotonic() < deadline, "the erasure never reached the held booking"
            time.sleep(0.02)
        # Any other event now (here the page's own): the counter must be free.
        with harness.gw.db.write() as s:
            s.execute(text("SET LOCAL lock_timeout = '5s'"))
            append_event(s, harness.installation_id, "booking.cancelled", harness.clock.now)
        page.commit()
    erase.join(timeout=60)
    assert answers == [200]
