"""Offline for days while customers opt out at the gateway.

The salon's October promotion went out normally. Then the counter PC loses the gateway
(the proxy in front of it goes away: connection refused) and the owner queues the
November promotion, which cannot leave. Meanwhile customers unsubscribe at the gateway
with the links of the October mails: some press the button on the unsubscribe page (a
form POST), the others' mail programs send the RFC 8058 one-click POST. Mail providers
send one-click POSTs from shared addresses, so all of them come from one address here,
more than the customer pages' rate limit allows in a minute: an opt-out must never be
refused.

When the gateway is reachable again, the desktop first applies the opt-outs (events),
then sends: not one November mail may reach a customer who opted out, none of their
November messages may even be handed to the gateway, and every other customer gets
exactly one.
"""

from __future__ import annotations

import random
import time
from collections import Counter

import pytest
import requests

from tests.reliability.conftest import MakeStack, Record
from tests.reliability.support.accounting import Delivery
from tests.reliability.support.stack import send_campaign
from tests.reliability.support.waiting import seed, until

pytestmark = pytest.mark.slow

CUSTOMERS = 150
OPTING_OUT = 75  # above the customer pages' limit of 60 per minute and address


def test_opt_outs_while_offline_are_honoured_after_reconnecting(
    make_stack: MakeStack, reliability: Record
) -> None:
    began = time.monotonic()
    run_seed = seed()
    rng = random.Random(run_seed)
    stack = make_stack(CUSTOMERS)
    mailbox = stack.smtp.mailbox
    link = stack.proxy(rate=0.0)  # the salon's internet connection, without faults

    october = send_campaign(stack.desk, "Oktober")
    stack.desk.sync_until_done()
    assert mailbox.wait_for_count(CUSTOMERS, timeout=120), f"{mailbox.count()} October mails"
    unsubscribe = {
        m.to: str(m.parsed()["List-Unsubscribe"]).strip().strip("<>")
        for m in mailbox.mails
        if m.client_id in october
    }
    assert len(unsubscribe) == CUSTOMERS

    link.stop()  # offline
    november = send_campaign(stack.desk, "November")
    offline = stack.desk("sync", "--once", check=False)
    assert offline.code == 5, f"sync while offline → {offline.code}: {offline.stderr[-500:]}"

    leaving = rng.sample(sorted(unsubscribe), OPTING_OUT)
    answers: Counter[int] = Counter()
    with requests.Session() as browser:
        for n, address in enumerate(leaving):
            body = {"unsubscribe": "1"} if n % 2 == 0 else {"List-Unsubscribe": "One-Click"}
            answers[browser.post(unsubscribe[address], data=body, timeout=30).status_code] += 1
    recorded = int(stack.gateway.query("SELECT count(*) FROM opt_outs")[0][0])

    link.start()  # back online
    runs = stack.desk.sync_until_done()
    staying = CUSTOMERS - OPTING_OUT
    arrived = mailbox.wait_until(
        lambda mails: sum(m.subject.startswith("November") for m in mails) >= staying, 120
    )
    settled = until(lambda: not stack.gateway.has_work(), 60)
    stack.desk("sync", "--once")

    left = set(leaving)
    customer_of = {c.email: c.id for c in stack.salon.customers}
    november_mails = [m for m in mailbox.mails if m.client_id in november]
    to_leavers = [m for m in november_mails if m.to in left]
    outbox_rows = stack.desk.query(
        "SELECT o.client_id, o.customer_id, o.status, o.reason FROM outbox o "
        "JOIN campaigns c ON c.id = o.campaign_id WHERE c.name = 'November'"
    )
    leaver_ids = {customer_of[a] for a in left}
    leaver_clients = {cid for cid, customer, _, _ in outbox_rows if customer in leaver_ids}
    handed_over = {
        cid for (cid,) in stack.gateway.query("SELECT client_id FROM messages") if cid in november
    }
    delivery = Delivery.of(
        set(november) - leaver_clients,
        [m for m in november_mails if m.client_id not in leaver_clients],
    )
    leaver_outbox = Counter(
        (status, reason) for _, c, status, reason in outbox_rows if c in leaver_ids
    )
    reliability(
        "offline for days while customers opt out at the gateway",
        f"{CUSTOMERS} customers, {OPTING_OUT} opt-outs from one address, seed {run_seed}",
        marketing_to_opted_out=len(to_leavers),
        opt_outs_refused=OPTING_OUT - answers[200],
        opt_outs_recorded=recorded,
        handed_to_gateway_for_opted_out=len(handed_over & leaver_clients),
        others_lost=len(delivery.lost),
        others_duplicates=delivery.duplicates,
        seconds=round(time.monotonic() - began),
    )
    facts = (
        f"seed {run_seed}; opt-out answers {dict(answers)}, {recorded} recorded at the "
        f"gateway; {len(to_leavers)} November mails to customers who opted out; "
        f"{len(handed_over & leaver_clients)} of their November messages handed to the "
        f"gateway; their outbox rows {dict(leaver_outbox)}; others: {delivery.describe()}; "
        f"{runs} sync runs after reconnecting; arrived in time {arrived}; settled {settled}"
    )
    assert answers == Counter({200: OPTING_OUT}) and recorded == OPTING_OUT, facts
    assert to_leavers == [], facts
    assert handed_over & leaver_clients == set(), facts
    assert leaver_outbox == Counter({("rejected", "objected"): OPTING_OUT}), facts
    assert delivery.lost == [] and delivery.duplicates == 0 and delivery.strays == [], facts
