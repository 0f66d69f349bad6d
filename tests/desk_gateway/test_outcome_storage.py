"""A delivered message's outcome is stored exactly as everything else is: on SQLite the
outcome "sent" takes a faster way to the driver, and its times and JSON must be written
in the very format the ORM writes (times are compared as text there)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from .support import MOBILE, Harness, message_item


def raw(harness: Harness, sql: str) -> list[tuple[object, ...]]:
    with harness.gw.db.read() as s:
        return [tuple(row) for row in s.execute(text(sql))]


@pytest.mark.parametrize("offset", [0, 1.5], ids=["whole-second", "microseconds"])
def test_sent_outcomes_are_stored_like_everything_else(harness: Harness, offset: float) -> None:
    harness.clock.advance(seconds=offset)
    email = harness.submit()
    sms = harness.submit(channel="sms", to=MOBILE)
    consent = harness.request_consent()

    assert harness.deliver() == 3

    when = harness.clock.now
    for client_id in (email["client_id"], sms["client_id"], consent["request_id"]):
        message = harness.message(client_id)
        assert (message.status, message.sent_at, message.attempts) == ("sent", when, 1)
        assert (message.lease_owner, message.lease_until) == (None, None)
    assert harness.message(sms["client_id"]).provider_id == "capture-1"
    assert harness.message(email["client_id"]).message_id is not None
    events = harness.events()
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    for event in events:
        assert event["at"] == when.isoformat()
    sent = {e["client_id"]: e["data"] for e in events if e["type"] == "message.sent"}
    assert sent[sms["client_id"]] == {"message_id": "capture-1"}
    if harness.gw.db.backend == "sqlite":
        # Written by the ORM (accepted) and by the fast way (sent): the same text.
        formats = raw(harness, "SELECT DISTINCT length(at), typeof(data) FROM events")
        assert formats == [(26, "text")]
        assert raw(harness, "SELECT DISTINCT length(sent_at) FROM messages") == [(26,)]


def test_the_same_time_is_the_same_in_the_database(harness: Harness) -> None:
    """(On SQLite times are compared as text: "08:00:00" is not "08:00:00.000000".)"""
    first = harness.submit()
    harness.deliver()
    harness.post_messages([message_item(not_before=harness.clock.now.isoformat())])

    same = raw(
        harness,
        "SELECT count(*) FROM messages m, messages n"
        " WHERE m.sent_at = n.next_attempt_at AND m.id <> n.id",
    )

    assert first["result"] == "accepted" and same == [(1,)]
