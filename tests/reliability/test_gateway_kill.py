"""kill -9 of the gateway while it delivers a 2,000-message campaign, 20 times.

The desktop hands the campaign over; while the gateway relays it to the SMTP server,
``desk-gateway serve`` is killed with SIGKILL twenty times at random points (after a
random number of further mails arrived) and started again at once, as a service manager
does. Claims of the dead process come back after their lease
(``DESK_GATEWAY_LEASE_SECONDS``, 3 s here instead of 60 so a restart need not wait a
minute). Nothing may be lost, and a kill may repeat at most the one message that was in
flight (same Message-ID): each extra copy is charged to the first kill after the copy
before it arrived, which is the kill that left that hand-over unrecorded.
"""

from __future__ import annotations

import bisect
import random
import time
from collections import Counter

import pytest

from tests.reliability.conftest import MakeStack, Record
from tests.reliability.support.accounting import Delivery
from tests.reliability.support.stack import send_campaign
from tests.reliability.support.waiting import seed, until

pytestmark = pytest.mark.slow

CUSTOMERS = 2000
KILLS = 20
LEASE_SECONDS = 3


def test_kill_gateway_during_delivery(make_stack: MakeStack, reliability: Record) -> None:
    began = time.monotonic()
    run_seed = seed()
    rng = random.Random(run_seed)
    stack = make_stack(CUSTOMERS, gateway_settings={"LEASE_SECONDS": str(LEASE_SECONDS)})
    mailbox = stack.smtp.mailbox
    campaign = send_campaign(stack.desk, "Winter")
    stack.desk("sync", "--once")

    kill_times: list[float] = []
    for k in range(KILLS):
        unique = len({m.message_id for m in mailbox.mails})
        remaining = CUSTOMERS - unique
        assert remaining > 1, f"the campaign was delivered before kill {k + 1} of {KILLS}"
        # Spread the kills over what is left, so that all twenty land during delivery.
        span = max(1, min(150, 2 * remaining // (KILLS - k + 1)))
        target = mailbox.count() + rng.randint(1, span)
        assert mailbox.wait_for_count(target, timeout=120), (
            f"kill {k + 1}: delivery stalled at {mailbox.count()} mails "
            f"(gateway {stack.gateway.statuses()}):\n{stack.gateway.tail()}"
        )
        stack.gateway.kill()
        kill_times.append(time.monotonic())
        stack.gateway.start()

    arrived = mailbox.wait_until(
        lambda mails: len({m.message_id for m in mails}) >= CUSTOMERS, timeout=240
    )
    settled = until(lambda: not stack.gateway.has_work(), 60)
    stack.desk("sync", "--once")

    mails = mailbox.mails
    delivery = Delivery.of(campaign, mails)
    previous: dict[str, float] = {}
    per_kill: Counter[int] = Counter()
    for mail in sorted(mails, key=lambda m: m.at):
        if mail.client_id in previous:
            per_kill[bisect.bisect_right(kill_times, previous[mail.client_id])] += 1
        previous[mail.client_id] = mail.at
    worst = max(per_kill.values(), default=0)
    gateway_statuses = stack.gateway.statuses()
    outbox = Counter(stack.desk.outbox(campaign="Winter").values())
    reliability(
        "kill -9 of the gateway during delivery",
        f"{KILLS} trials, {CUSTOMERS:,} mails, lease {LEASE_SECONDS} s, seed {run_seed}",
        lost=len(delivery.lost),
        duplicates_max_per_kill=worst,
        duplicates_total=delivery.duplicates,
        kills=len(kill_times),
        seconds=round(time.monotonic() - began),
    )
    facts = (
        f"seed {run_seed}; {delivery.describe()}; duplicates per kill (kill number: count) "
        f"{dict(sorted((k + 1, n) for k, n in per_kill.items()))}; gateway {gateway_statuses}; "
        f"outbox {dict(outbox)}; all arrived in time: {arrived}; gateway settled: {settled}"
    )
    assert delivery.lost == [] and delivery.strays == [], facts
    assert worst <= 1, facts
    assert gateway_statuses == {"sent": CUSTOMERS}, facts
    assert outbox == Counter({"sent": CUSTOMERS}), facts
