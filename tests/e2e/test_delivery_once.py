"""Each message is delivered exactly once: across repeats, desktop restarts and outages."""

from __future__ import annotations

import sqlite3
from collections import Counter
from contextlib import closing

import pytest

from tests.e2e.conftest import Desk, GatewayProcess, Mailbox

pytestmark = pytest.mark.slow


def _salon(desk: Desk, gateway: GatewayProcess, customers: int) -> list[str]:
    desk("staff", "add", "Jörg Weiß", "--role", "stylist")
    desk("services", "add", "Herrenhaarschnitt", "--minutes", "30", "--price", "29")
    desk("settings", "set", "gateway_url", gateway.url)
    ids = []
    for n in range(customers):
        added = desk(
            "customers", "add", "--first-name", f"Kunde{n}", "--last-name", "Schäfer",
            "--email", f"kunde{n}@example.org", "--json",
        ).json()  # fmt: skip
        ids.append(str(added["id"]))
    return ids


def _book(desk: Desk, customer_id: str, hour: int) -> str:
    booked = desk(
        "book", "--customer", customer_id, "--staff", "Jörg Weiß",
        "--service", "Herrenhaarschnitt", "--start", f"2030-03-05T{hour:02d}:00", "--json",
    ).json()  # fmt: skip
    client_id = booked["confirmation_client_id"]
    assert client_id
    return str(client_id)


def _message_ids(mailbox: Mailbox) -> Counter[str]:
    return Counter(str(mail["Message-ID"]) for mail in mailbox.messages)


def test_same_client_id_is_delivered_once_also_after_a_restart(
    desk: Desk, gateway: GatewayProcess, mailbox: Mailbox
) -> None:
    [customer] = _salon(desk, gateway, 1)
    client_id = _book(desk, customer, 10)
    desk("sync", "--once")
    mailbox.wait_for(1)
    desk("sync", "--once")  # reads the events of the hand-over

    # The desktop lost its record of the hand-over (a crash while writing it): after the
    # restart its outbox says "queued" again and no event is left to correct that, so
    # the same client_id goes to the gateway a second time.
    newest = gateway.api("GET", "/v1/events?after=0&limit=500").json()["last_seq"]
    with closing(sqlite3.connect(desk.directory / "desk.sqlite3")) as conn, conn:
        conn.execute("UPDATE outbox SET status = 'queued' WHERE client_id = ?", (client_id,))
        conn.execute("UPDATE sync_state SET last_seq = ?", (newest,))
    resent = desk("sync", "--once", "--json").json()
    assert resent["accepted"] == 1  # the gateway answered "duplicate", first result accepted
    gateway.stop()
    gateway.start()  # and the gateway restarts too
    desk("sync", "--once")

    statuses = {m["client_id"]: m["status"] for m in desk("outbox", "list", "--json").json()}
    assert statuses[client_id] == "sent"
    assert _message_ids(mailbox) == Counter({f"<{client_id}@127.0.0.1>": 1})
    again = gateway.api(
        "POST",
        "/v1/messages",
        {
            "items": [
                {
                    "client_id": client_id,
                    "channel": "email",
                    "category": "transactional",
                    "to": "kunde0@example.org",
                    "text": "sent a third time",
                    "customer_ref": "whatever",
                }
            ]
        },
    ).json()
    assert again["results"][0]["result"] == "duplicate"
    assert again["results"][0]["first"] == {"result": "accepted", "status": "sent"}
    assert len(mailbox.messages) == 1


def test_sync_with_the_gateway_down_keeps_everything_for_later(
    desk: Desk, gateway: GatewayProcess, mailbox: Mailbox
) -> None:
    customers = _salon(desk, gateway, 3)
    client_ids = [_book(desk, c, 9 + n) for n, c in enumerate(customers)]
    gateway.stop()

    failed = desk("sync", "--once", check=False)
    assert failed.code == 5
    assert "cannot be reached" in failed.stderr
    assert "Traceback" not in failed.stderr
    queued = desk("outbox", "list", "--status", "queued", "--json").json()
    assert sorted(m["client_id"] for m in queued) == sorted(client_ids)

    gateway.start()
    desk("sync", "--once")
    mailbox.wait_for(3)
    desk("sync", "--once")  # nothing left to send; must not send anything twice
    assert _message_ids(mailbox) == Counter({f"<{c}@127.0.0.1>": 1 for c in client_ids})
    assert desk("outbox", "list", "--status", "queued", "--json").json() == []
