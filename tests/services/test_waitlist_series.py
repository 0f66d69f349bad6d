"""A series moved "this and all following" gives up its old times to the waitlist as a
single move does, and its undo gives up the new ones; each is offered only while it is
still free. Both backends."""

from __future__ import annotations

from datetime import time

from desk_app.domain.recurrence import Frequency, SeriesRule
from desk_app.services.container import Services
from desk_app.services.series import SeriesRequest
from desk_app.services.series_changes import OccurrenceChange
from tests.conftest import Clock
from tests.services.support import Salon, add_customer, friday
from tests.services.test_waitlist import FRIDAY, _wait


def _open(services: Services) -> list[tuple[object, str, list[str]]]:
    return [
        (o.starts_at, o.reason, [w.customer_name for w in o.waiting])
        for o in services.waitlist.open_matches()
    ]


def test_moving_the_rest_of_a_series_frees_its_old_times_for_the_waitlist(
    services: Services, salon: Salon, clock: Clock
) -> None:
    anna = add_customer(services, "Anna", "Erste", email="anna@example.org", phone=None)
    _wait(services, salon, anna, clock)  # a cut, any time on Friday the 27th
    mona = add_customer(services, "Mona", "Serie", email="mona@example.org", phone=None)
    rows = services.series.book(
        SeriesRequest(
            mona.id, salon.stylist.id, salon.cut.id, FRIDAY, time(14),
            SeriesRule(Frequency.WEEKLY, 1, count=3),
        ),
        {},
    )  # fmt: skip
    assert _open(services) == []

    result = services.series_changes.apply(rows[0].id, OccurrenceChange(starts_at=friday(16)), {})
    # Friday's 14:00 is free for Anna; the later weeks' times are outside her range.
    assert _open(services) == [(friday(14), "moved", ["Anna Erste"])]

    # Undone: 14:00 is taken again, 16:00 is what was given up.
    services.series_changes.restore(rows[0].id, result.moved, back=True)
    assert _open(services) == [(friday(16), "moved", ["Anna Erste"])]
