"""The gateway's own way out fails, then is repaired: nobody may be suppressed for it, and
every message must still be delivered once.

- ``smtp_down``: the SMTP server is unreachable (connection refused) when the campaign
  arrives, stays down a while, then comes back by itself;
- ``wrong_password``: the server asks for a login and the gateway's password is wrong
  (535); the operator fixes it and restarts the gateway;
- ``no_credentials``: the server asks for a login and none is configured, so the server
  answers ``530 Authentication required`` to MAIL FROM; the operator adds it and restarts.

These are transport failures, not the recipients' (plan, "Failure classes"): the
messages' attempts are not consumed and the transport backs off, at most
``DESK_GATEWAY_TRANSPORT_BACKOFF_MAX`` seconds (1 s here). So once the transport works
again, everything must arrive within ``RECOVERY_SECONDS``.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import UTC, datetime

import pytest

from tests.reliability.conftest import MakeStack, Record
from tests.reliability.support.accounting import Delivery
from tests.reliability.support.smtp import Credentials
from tests.reliability.support.stack import Stack, send_campaign
from tests.reliability.support.waiting import until

pytestmark = [
    pytest.mark.slow,
    # A login without TLS: fine for a loopback test server, and aiosmtpd says so per session.
    pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning"),
]

CUSTOMERS = 100
BACKOFF_MAX = 1
DOWN_SECONDS = 3  # how long the SMTP server stays down after the first failed try
RECOVERY_SECONDS = 30
USER, PASSWORD = "gateway", "richtig-4711"


def _failing(stack: Stack) -> bool:
    """The gateway has noticed: a message carries an error, or the transport is failing."""
    seen = stack.gateway.query(
        "SELECT 1 FROM messages WHERE last_error IS NOT NULL "
        "OR status IN ('bounced', 'failed') LIMIT 1"
    )
    return bool(seen) or bool(
        stack.gateway.query("SELECT 1 FROM transport_health WHERE state = 'failing' LIMIT 1")
    )


@pytest.mark.parametrize("trouble", ["smtp_down", "wrong_password", "no_credentials"])
def test_transport_trouble_suppresses_nobody_and_delivers_once(
    trouble: str, make_stack: MakeStack, reliability: Record
) -> None:
    began = time.monotonic()
    settings = {"TRANSPORT_BACKOFF_MAX": str(BACKOFF_MAX)}
    if trouble == "wrong_password":
        settings |= {"SMTP_USER": USER, "SMTP_PASSWORD": "falsch"}
    stack = make_stack(
        CUSTOMERS,
        gateway_settings=settings,
        credentials=None if trouble == "smtp_down" else Credentials(USER, PASSWORD),
        smtp_running=trouble != "smtp_down",
    )
    mailbox = stack.smtp.mailbox
    campaign = send_campaign(stack.desk, "Adventszeit")
    stack.desk("sync", "--once")
    noticed = until(lambda: _failing(stack), 60)
    assert noticed == "reached", f"the gateway never failed ({trouble}):\n{stack.gateway.tail()}"
    before_fix = stack.gateway.statuses()

    if trouble == "smtp_down":
        time.sleep(DOWN_SECONDS)  # the outage itself: part of the scenario, not a wait
        stack.smtp.start()
    else:  # the operator corrects the configuration and restarts the gateway
        stack.gateway.settings |= {"SMTP_USER": USER, "SMTP_PASSWORD": PASSWORD}
        stack.gateway.restart()
    fixed = time.monotonic()
    recovered = mailbox.wait_for_count(CUSTOMERS, timeout=RECOVERY_SECONDS)
    recovery = time.monotonic() - fixed
    stack.desk("sync", "--once")  # the outcome events reach the desktop

    delivery = Delivery.of(campaign, mailbox.mails)
    suppressed = int(stack.gateway.query("SELECT count(*) FROM suppressions")[0][0])
    bounced_marks = int(
        stack.desk.query("SELECT count(*) FROM customers WHERE email_bounced_at IS NOT NULL")[0][0]
    )
    outbox = Counter(stack.desk.outbox(campaign="Adventszeit").values())
    attempts, error, next_try = stack.gateway.query(
        "SELECT max(attempts), max(last_error), min(next_attempt_at) FROM messages "
        "WHERE status != 'sent'"
    )[0]
    reliability(
        f"SMTP trouble then repaired: {trouble.replace('_', ' ')}",
        f"{CUSTOMERS} mails, backoff cap {BACKOFF_MAX} s",
        wrongly_suppressed=suppressed,
        bounced_marks_on_the_desktop=bounced_marks,
        delivered_once=sum(n == 1 for n in delivery.arrived.values()),
        not_delivered_within_30_s_of_the_fix=len(delivery.lost),
        duplicates=delivery.duplicates,
        seconds_to_deliver_after_the_fix=round(recovery, 1) if recovered else "over 30",
        seconds=round(time.monotonic() - began),
    )
    facts = (
        f"{trouble}: {delivery.describe()} within {RECOVERY_SECONDS} s of the fix; "
        f"gateway before the fix {before_fix}, after {stack.gateway.statuses()}; of the "
        f"unsent: most attempts {attempts}, an error {error!r}, next try at {next_try} "
        f"(now {datetime.now(UTC):%H:%M:%S} UTC); {suppressed} addresses suppressed; "
        f"{bounced_marks} customers marked bounced on the desktop; outbox {dict(outbox)}"
    )
    assert suppressed == 0 and bounced_marks == 0, facts
    assert delivery.lost == [] and delivery.duplicates == 0 and delivery.strays == [], facts
    assert outbox == Counter({"sent": CUSTOMERS}), facts
