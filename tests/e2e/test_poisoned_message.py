"""One poisoned message among innocent ones, against the real gateway process: the
innocent ones are delivered, the poisoned one ends ``rejected`` with a reason in words,
and the next sync has nothing left to retry (issue 8, section 3).

The poison is what the desktop can no longer produce itself (entry checks refuse it):
a message text over the gateway's 20,000-character limit, as an outbox row written by
an older version. A gateway that validates each item alone answers ``invalid_item`` for
it; an older one refuses the whole batch with 422, and the desktop splits the batch.
Either way nothing blocks.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from tests.e2e.conftest import Desk, GatewayProcess, Mailbox

pytestmark = pytest.mark.slow

CUSTOMERS = 5
POISONED = 2  # the third confirmation


def test_one_poisoned_message_does_not_block_the_innocent_ones(
    desk: Desk, gateway: GatewayProcess, mailbox: Mailbox
) -> None:
    desk("staff", "add", "Jörg Weiß", "--role", "stylist")
    desk("services", "add", "Herrenhaarschnitt", "--minutes", "30", "--price", "29")
    desk("settings", "set", "gateway_url", gateway.url)
    client_ids = []
    for n in range(CUSTOMERS):
        added = desk(
            "customers", "add", "--first-name", f"Kunde{n}", "--last-name", "Schäfer",
            "--email", f"kunde{n}@example.org", "--json",
        ).json()  # fmt: skip
        booked = desk(
            "book", "--customer", str(added["id"]), "--staff", "Jörg Weiß",
            "--service", "Herrenhaarschnitt", "--start", f"2030-03-05T{9 + n:02d}:00", "--json",
        ).json()  # fmt: skip
        client_ids.append(booked["confirmation_client_id"])
    poisoned = client_ids[POISONED]
    with closing(sqlite3.connect(desk.directory / "desk.sqlite3")) as conn, conn:
        conn.execute("UPDATE outbox SET body = ? WHERE client_id = ?", ("Gift " * 5000, poisoned))

    first = desk("sync", "--once", "--json").json()

    assert first["accepted"] == CUSTOMERS - 1
    assert first["rejected"] == 1
    assert set(first["rejected_codes"]) <= {"invalid_item", "gateway_refused"}
    mails = mailbox.wait_for(CUSTOMERS - 1)
    assert sorted(str(mail["To"]) for mail in mails) == sorted(
        f"kunde{n}@example.org" for n in range(CUSTOMERS) if n != POISONED
    )
    rows = {row["client_id"]: row for row in desk("outbox", "list", "--json").json()}
    assert rows[poisoned]["status"] == "rejected"
    assert rows[poisoned]["reason"] in {"invalid_item", "gateway_refused"}
    listed = desk("outbox", "list").stdout
    assert "the gateway refused" in listed  # the reason in words

    second = desk("sync", "--once", "--json").json()
    assert (second["accepted"], second["rejected"], second["queued"]) == (0, 0, 0)
    assert len(mailbox.messages) == CUSTOMERS - 1
    assert "Gift" not in "".join(str(mail) for mail in mailbox.messages)
