"""kill -9 of the desktop's sync at random points of a 2,000-message campaign, 20 times.

One campaign, one gateway, one SMTP server; twenty ``desk-app sync`` processes (every
other one the continuous ``sync``, the rest ``sync --once``) are killed with SIGKILL:
right after the gateway committed a batch the desktop has not recorded yet, in the
middle of applying the event log, or at a random moment. Then the desktop syncs
normally. Every message must reach the SMTP server exactly once (counted by Message-ID,
which carries the outbox ``client_id``), the gateway must hold exactly one row per
outbox row, and every outbox row must end ``sent``.
"""

from __future__ import annotations

import random
import signal
import time
from collections import Counter
from dataclasses import dataclass

import pytest

from tests.reliability.conftest import MakeStack, Record
from tests.reliability.support.accounting import Delivery
from tests.reliability.support.stack import Stack, send_campaign
from tests.reliability.support.waiting import seed, until

pytestmark = pytest.mark.slow

CUSTOMERS = 2000
KILLS = 20
KINDS = ("handover", "events", "moment")


@dataclass(frozen=True)
class Trial:
    command: str
    kind: str  # where the kill was aimed
    outcome: str  # reached | timeout | exited (the process ended before the kill)
    seconds: float
    unrecorded: int  # rows the gateway had taken that the desktop still held as queued


def _gateway_rows(stack: Stack) -> int:
    return int(stack.gateway.query("SELECT count(*) FROM messages")[0][0])


def _desk_seq(stack: Stack) -> int:
    rows = stack.desk.query("SELECT last_seq FROM sync_state")
    return int(rows[0][0]) if rows else 0


def _gateway_seq(stack: Stack) -> int:
    return int(stack.gateway.query("SELECT max(last_seq) FROM installations")[0][0] or 0)


def _queued(stack: Stack) -> int:
    return int(stack.desk.query("SELECT count(*) FROM outbox WHERE status='queued'")[0][0])


def _one_trial(stack: Stack, rng: random.Random, continuous: bool) -> Trial:
    command = "sync" if continuous else "sync --once"
    kind = rng.choice(KINDS)
    if kind == "handover" and _queued(stack) == 0:
        kind = "events"
    if kind == "events" and _gateway_seq(stack) - _desk_seq(stack) < 2:
        kind = "moment"
    started = time.monotonic()
    process = stack.spawn_desk(*command.split())
    if kind == "handover":
        # The gateway commits a batch of 100; the kill lands before the desktop has
        # stored the answer (or while it hands over the next batch).
        target = _gateway_rows(stack) + rng.randint(1, 150)
        outcome = until(lambda: _gateway_rows(stack) >= target, 60, process)
    elif kind == "events":
        target = _desk_seq(stack) + rng.randint(1, _gateway_seq(stack) - _desk_seq(stack) - 1)
        outcome = until(lambda: _desk_seq(stack) >= target, 60, process)
    else:
        outcome = until(lambda: False, rng.uniform(0.3, 4.0), process)
        outcome = "reached" if outcome == "timeout" else outcome
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    else:
        outcome = "exited"
    unrecorded = _gateway_rows(stack) - (CUSTOMERS - _queued(stack))
    return Trial(command, kind, outcome, round(time.monotonic() - started, 2), unrecorded)


def test_kill_desktop_sync_at_random_points(make_stack: MakeStack, reliability: Record) -> None:
    began = time.monotonic()
    run_seed = seed()
    rng = random.Random(run_seed)
    stack = make_stack(CUSTOMERS)
    campaign = send_campaign(stack.desk, "Herbst")
    assert len(campaign) == CUSTOMERS

    trials: list[Trial] = []
    while sum(t.outcome != "exited" for t in trials) < KILLS:
        assert len(trials) < 2 * KILLS, f"too few kills hit a running sync: {trials}"
        trials.append(_one_trial(stack, rng, continuous=len(trials) % 2 == 1))

    runs = stack.desk.sync_until_done()
    arrived = stack.smtp.mailbox.wait_for_count(CUSTOMERS, timeout=240)
    settled = until(lambda: not stack.gateway.has_work(), 60)
    stack.desk("sync", "--once")  # the events of the last deliveries

    delivery = Delivery.of(campaign, stack.smtp.mailbox.mails)
    rows = Counter(cid for (cid,) in stack.gateway.query("SELECT client_id FROM messages"))
    gateway_statuses = stack.gateway.statuses()
    outbox = Counter(stack.desk.outbox(campaign="Herbst").values())
    attempts = int(stack.desk.query("SELECT max(attempts) FROM outbox")[0][0])
    kills = [t for t in trials if t.outcome != "exited"]
    reliability(
        "kill -9 of the desktop sync at random points",
        f"{len(kills)} trials, {CUSTOMERS:,}-message campaign, seed {run_seed}",
        lost=len(delivery.lost),
        duplicates=delivery.duplicates,
        kills=len(kills),
        kills_after_gateway_commit=sum(t.kind == "handover" for t in kills),
        kills_before_the_desktop_recorded_a_handover=sum(t.unrecorded > 0 for t in kills),
        kills_while_applying_events=sum(t.kind == "events" for t in kills),
        outbox_rows_not_sent=CUSTOMERS - outbox["sent"],
        most_handovers_of_one_message=attempts,
        seconds=round(time.monotonic() - began),
    )
    facts = (
        f"seed {run_seed}; {delivery.describe()}; gateway rows {sum(rows.values())} "
        f"for {len(rows)} client_ids, statuses {gateway_statuses}; outbox {dict(outbox)}; "
        f"{runs} clean sync runs after the kills; all arrived in time: {arrived}, gateway "
        f"settled: {settled}; trials: {trials}"
    )
    assert delivery.lost == [] and delivery.duplicates == 0 and delivery.strays == [], facts
    assert set(rows) == set(campaign) and max(rows.values()) == 1, facts
    assert gateway_statuses == {"sent": CUSTOMERS}, facts
    assert outbox == Counter({"sent": CUSTOMERS}), facts
