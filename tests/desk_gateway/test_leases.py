"""Claims with leases, outcomes written message by message: a crash repeats at most the
message in flight, a live worker's claims are never taken, a dead worker's come back after
its lease, and a worker that lost its claim never writes a second outcome.

Workers here share one database (both backends) in one process; ``test_processes`` does
the same with real gateway processes and kill -9.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from desk_gateway.db.models import Message
from desk_gateway.delivery import DeliveryWorker
from desk_gateway.email_transport import (
    CaptureTransport,
    EmailOutcome,
    EmailSession,
    EmailTransport,
    OutgoingEmail,
)
from desk_gateway.sms.base import OutgoingSms, SentSms
from desk_gateway.sms.capture import CaptureProvider

from .support import Harness, message_item

Hook = Callable[[int, OutgoingEmail], None]


class Killed(BaseException):
    """The process died (nothing after it runs in this worker)."""


class HookedTransport:
    """The capture transport, with a hook before and after every hand-over."""

    def __init__(self, harness: Harness, before: Hook | None = None, after: Hook | None = None):
        self._inner = CaptureTransport(harness.gw.db)
        self._before, self._after = before, after
        self.count = 0

    def open(self) -> EmailSession:
        return _HookedSession(self, self._inner.open())

    def send_batch(self, emails: list[OutgoingEmail]) -> list[EmailOutcome]:
        raise AssertionError("the worker hands over one email at a time")

    def hand_over(self, session: EmailSession, email: OutgoingEmail) -> EmailOutcome:
        self.count += 1
        if self._before:
            self._before(self.count, email)
        outcome = session.send(email)
        if self._after:
            self._after(self.count, email)
        return outcome


class _HookedSession:
    def __init__(self, transport: HookedTransport, inner: EmailSession) -> None:
        self._transport, self._inner = transport, inner

    def send(self, email: OutgoingEmail) -> EmailOutcome:
        return self._transport.hand_over(self._inner, email)

    def close(self) -> None:
        self._inner.close()


def worker(
    harness: Harness, email: EmailTransport | None = None, sms: CaptureProvider | None = None
) -> DeliveryWorker:
    return DeliveryWorker(
        harness.gw, email or CaptureTransport(harness.gw.db), sms or CaptureProvider()
    )


def submit(harness: Harness, count: int) -> list[str]:
    items = [message_item(to=f"kundin{n}@example.de") for n in range(count)]
    harness.post_messages(items)
    return [i["client_id"] for i in items]


def mails(harness: Harness) -> Counter[str]:
    return Counter(str(m.headers["Message-ID"]) for m in harness.emails())


def rows(harness: Harness) -> list[Message]:
    with harness.gw.db.read() as s:
        return list(s.scalars(select(Message).order_by(Message.id)))


def sent_events(harness: Harness) -> Counter[str]:
    return Counter(e["client_id"] for e in harness.events() if e["type"] == "message.sent")


def lease(harness: Harness) -> timedelta:
    return timedelta(seconds=harness.gw.config.lease_seconds)


# ---- one message at a time ------------------------------------------------------------------
def test_each_outcome_is_written_right_after_its_hand_over(harness: Harness) -> None:
    client_ids = submit(harness, 5)
    seen: list[tuple[str, int]] = []

    def look(n: int, email: OutgoingEmail) -> None:
        # While the n-th mail goes out, the n-1 before it are recorded with their events.
        statuses = [m.status for m in rows(harness)]
        seen.append((f"{n}", statuses.count("sent")))
        assert len(sent_events(harness)) == n - 1

    hooked = HookedTransport(harness, before=look)

    assert worker(harness, hooked).run_once() == 5

    assert seen == [("1", 0), ("2", 1), ("3", 2), ("4", 3), ("5", 4)]
    assert sent_events(harness) == Counter(client_ids)


def test_a_crash_repeats_only_the_message_in_flight(harness: Harness) -> None:
    """The worker dies right after the 3rd mail left, before it could write that down."""
    client_ids = submit(harness, 6)

    def die(n: int, email: OutgoingEmail) -> None:
        if n == 3:
            raise Killed

    dying = worker(harness, HookedTransport(harness, after=die))
    with pytest.raises(Killed):
        dying.run_once()
    in_flight = [m for m in rows(harness) if m.status == "sending"]
    assert [m.client_id for m in in_flight] == [client_ids[2]]
    assert in_flight[0].lease_owner == dying.worker_id

    # A new worker (the restarted process) takes everything but the claim still leased.
    restarted = worker(harness)
    assert restarted.release_expired() == 0  # what start() does first: the lease still runs
    assert restarted.run_once() == 3
    assert harness.message(client_ids[2]).status == "sending"

    harness.clock.advance(seconds=harness.gw.config.lease_seconds + 1)
    assert restarted.run_once() == 1

    assert mails(harness) == Counter(
        {f"<{c}@127.0.0.1>": 2 if c == client_ids[2] else 1 for c in client_ids}
    )
    assert sent_events(harness) == Counter(client_ids)  # each reported sent once
    assert {m.status for m in rows(harness)} == {"sent"}


# ---- leases -----------------------------------------------------------------------------------
def test_a_starting_worker_leaves_the_claims_of_a_live_one_alone(harness: Harness) -> None:
    client_ids = submit(harness, 4)
    late: list[int] = []

    def start_another(n: int, email: OutgoingEmail) -> None:
        if n == 2:  # another gateway process starts while this one is busy
            other = worker(harness)
            other.release_expired()
            late.append(other.run_once())

    assert worker(harness, HookedTransport(harness, before=start_another)).run_once() == 4

    assert late == [0]
    assert mails(harness) == Counter({f"<{c}@127.0.0.1>": 1 for c in client_ids})


def test_claims_whose_lease_ran_out_come_back(harness: Harness) -> None:
    client_ids = submit(harness, 3)
    now = harness.clock.now
    with harness.gw.db.write() as s:
        for client_id, owner, until in (
            (client_ids[0], "dead", now - timedelta(seconds=1)),
            (client_ids[1], None, None),  # claimed by a gateway before leases existed
            (client_ids[2], "alive", now + timedelta(seconds=30)),
        ):
            s.execute(
                update(Message)
                .where(Message.client_id == client_id)
                .values(status="sending", lease_owner=owner, lease_until=until)
            )

    assert worker(harness).release_expired() == 2

    by_id = {m.client_id: m for m in rows(harness)}
    assert [by_id[c].status for c in client_ids] == ["accepted", "accepted", "sending"]
    assert by_id[client_ids[0]].lease_owner is None
    assert by_id[client_ids[2]].lease_owner == "alive"


def test_a_worker_that_lost_its_claim_writes_no_second_outcome(harness: Harness) -> None:
    """This worker stood still longer than its lease (a stopped VM): another worker took
    the messages meanwhile. Its own hand-over in flight cannot be undone, but it records
    nothing, and it sends none of the others."""
    client_ids = submit(harness, 4)
    others: list[int] = []

    def stand_still(n: int, email: OutgoingEmail) -> None:
        if n == 1:
            harness.clock.advance(seconds=harness.gw.config.lease_seconds * 2)
            others.append(worker(harness).run_once())

    slow = worker(harness, HookedTransport(harness, before=stand_still))

    assert slow.run_once() == 4

    assert others == [4]
    first = f"<{client_ids[0]}@127.0.0.1>"
    assert mails(harness) == Counter({f"<{c}@127.0.0.1>": 1 for c in client_ids}) + Counter(
        {first: 1}
    )
    assert sent_events(harness) == Counter(client_ids)


class SlowProvider(CaptureProvider):
    """An SMS provider that takes a third of the lease per message."""

    def __init__(self, harness: Harness, on_send: Callable[[int], None]) -> None:
        super().__init__()
        self._harness, self._on_send, self._count = harness, on_send, 0

    def send(self, sms: OutgoingSms) -> SentSms:
        self._count += 1
        self._harness.clock.advance(seconds=self._harness.gw.config.lease_seconds / 3)
        self._on_send(self._count)
        return super().send(sms)


def test_the_lease_is_renewed_while_the_worker_works(harness: Harness) -> None:
    """Six slow SMS take twice the lease; nobody else gets to take them meanwhile."""
    items = [message_item(channel="sms", to=f"+4915112345{n:03d}") for n in range(6)]
    harness.post_messages(items)
    stolen: list[int] = []
    sms = SlowProvider(harness, lambda n: stolen.append(worker(harness).run_once()))

    assert worker(harness, sms=sms).run_once() == 6

    assert stolen == [0] * 6
    assert Counter(s.reference for s in sms.sent) == Counter(i["client_id"] for i in items)
    assert {m.status for m in rows(harness)} == {"sent"}


def test_the_claims_waiting_for_their_turn_are_renewed_too(harness: Harness) -> None:
    """Slow emails first, the round's SMS after them: the SMS claims are kept alive as
    well, so no other worker takes them in the meantime."""
    emails = submit(harness, 4)
    texts = [message_item(channel="sms", to=f"+4915112345{n:03d}") for n in range(2)]
    harness.post_messages(texts)
    stolen: list[int] = []

    def slow(n: int, email: OutgoingEmail) -> None:
        harness.clock.advance(seconds=harness.gw.config.lease_seconds / 2)
        stolen.append(worker(harness).run_once())

    sms = CaptureProvider()
    assert worker(harness, HookedTransport(harness, before=slow), sms).run_once() == 6

    assert stolen == [0, 0, 0, 0]
    assert mails(harness) == Counter({f"<{c}@127.0.0.1>": 1 for c in emails})
    assert sorted(s.reference for s in sms.sent) == sorted(t["client_id"] for t in texts)
    assert sent_events(harness) == Counter(emails + [t["client_id"] for t in texts])
