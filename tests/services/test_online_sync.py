"""The online step of a sync run: answers first, then the availability, published only
when the page would change (or is due again), a refused snapshot never stopping the
messages, every answer marked as reported right after the gateway took it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import time

import pytest

from desk_app.domain.access import SHARED_COUNTER
from desk_app.domain.scheduling import OpeningInterval
from desk_app.gateway.port import BookingOutcome, GatewayError
from desk_app.services.booking import BookingRequest
from desk_app.services.container import Services
from desk_app.services.online_sync import REPUBLISH_AFTER, OnlineSync
from desk_app.services.rows import OutcomeToReport
from tests.conftest import Clock
from tests.services.fake_gateway import FakeGateway
from tests.services.support import Salon, add_customer, friday


@dataclass
class Decided:
    """The decided requests of ``DecidedRequests``, in memory (the real one is tested in
    test_online_booking*.py; here only the order of the calls matters)."""

    waiting: list[OutcomeToReport] = field(default_factory=list)
    reported: list[str] = field(default_factory=list)

    def unreported_outcomes(self) -> Sequence[OutcomeToReport]:
        return [o for o in self.waiting if o.request_id not in self.reported]

    def mark_reported(self, request_ids: Sequence[str]) -> None:
        self.reported.extend(request_ids)


@pytest.fixture
def online(services: Services, salon: Salon) -> Services:
    services.catalogue.set_opening_hours([OpeningInterval(d, time(9), time(18)) for d in range(6)])
    services.catalogue.set_settings(
        {"online_booking": "on", "public_name": "haarwerk"}, actor=SHARED_COUNTER
    )
    return services


def _step(services: Services, fake: FakeGateway, clock: Clock, decided: Decided) -> OnlineSync:
    return OnlineSync(fake, decided, services.online_availability, clock)


def test_publishes_once_until_something_changes(
    online: Services, salon: Salon, clock: Clock
) -> None:
    fake, decided = FakeGateway(), Decided()
    step = _step(online, fake, clock, decided)
    assert step.publish() is not None
    clock.advance(minutes=1)
    assert step.publish() is None  # nothing changed
    online.booking.book(
        BookingRequest(add_customer(online).id, salon.stylist.id, salon.cut.id, friday(10))
    )
    assert step.publish() is not None  # the booking took a slot
    clock.advance(seconds=REPUBLISH_AFTER.total_seconds())
    assert step.publish() is not None  # due again
    assert len(fake.snapshots) == 3


def test_no_public_name_publishes_nothing(services: Services, clock: Clock) -> None:
    fake = FakeGateway()
    assert _step(services, fake, clock, Decided()).publish() is None
    assert fake.snapshots == []


def test_outcomes_are_reported_before_the_snapshot_and_marked_one_by_one(
    online: Services, clock: Clock
) -> None:
    fake = FakeGateway()
    decided = Decided(
        [
            OutcomeToReport("r-1", "booked", None, "b-1"),
            OutcomeToReport("r-2", "refused", "slot_taken", None),
        ]
    )
    step = _step(online, fake, clock, decided)
    fake.fail_next(method="report_booking_outcome", times=1, after_processing=False)
    fake.calls.clear()
    with pytest.raises(GatewayError):
        step.report_outcomes()
    assert decided.reported == []  # nothing taken, nothing marked
    assert step.report_outcomes() == 2
    assert decided.reported == ["r-1", "r-2"]
    assert fake.outcomes == [
        BookingOutcome("r-1", "booked", None, "b-1"),
        BookingOutcome("r-2", "refused", "slot_taken", None),
    ]
    assert step.report_outcomes() == 0


def test_refused_snapshot_is_remembered_not_raised(online: Services, clock: Clock) -> None:
    fake = FakeGateway()
    step = _step(online, fake, clock, Decided())
    fake.fail_next(method="publish_availability", kind="rejected", status=409)
    assert step.publish() is None
    assert step.refusal == "rejected"
    assert step.publish() is not None and step.refusal is None


def test_unreachable_gateway_ends_the_step(online: Services, clock: Clock) -> None:
    fake = FakeGateway()
    step = _step(online, fake, clock, Decided())
    fake.fail_next(method="publish_availability", kind="unreachable")
    with pytest.raises(GatewayError):
        step.publish()
    assert step.publish() is not None  # next run publishes (nothing was remembered)
