"""GET /v1/events: gap-free per-installation seqs (also under concurrent writers), paging,
and the long-poll."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime

from desk_gateway import intake
from desk_gateway.schemas import MessageItem

from .conftest import Salon
from .support import Harness, message_item

WRITERS = 8
PER_WRITER = 5


def test_seqs_start_at_1_and_have_no_gaps(harness: Harness) -> None:
    assert harness.events_page() == {"events": [], "last_seq": 0}

    harness.post_messages([message_item(), message_item(to="kaputt@"), message_item()])
    harness.deliver()

    events = harness.events()
    assert [e["seq"] for e in events] == list(range(1, 6))
    assert [e["type"] for e in events] == [
        "message.accepted",
        "message.rejected",
        "message.accepted",
        "message.sent",
        "message.sent",
    ]
    assert harness.last_seq() == 5
    for event in events:
        assert set(event) == {"seq", "type", "at", "customer_ref", "client_id", "channel", "data"}
        assert datetime.fromisoformat(event["at"]).utcoffset() is not None


def test_after_and_limit_page_through_the_log(harness: Harness) -> None:
    harness.post_messages([message_item() for _ in range(7)])

    first = harness.events_page(after=0, limit=3)
    second = harness.events_page(after=3, limit=3)
    rest = harness.events_page(after=6, limit=3)
    beyond = harness.events_page(after=7)

    assert [e["seq"] for e in first["events"]] == [1, 2, 3]
    assert [e["seq"] for e in second["events"]] == [4, 5, 6]
    assert [e["seq"] for e in rest["events"]] == [7]
    assert beyond["events"] == []
    assert first["last_seq"] == second["last_seq"] == rest["last_seq"] == beyond["last_seq"] == 7


def test_each_installation_has_its_own_log(
    harness: Harness, make_installation: Callable[[str], Salon]
) -> None:
    other = make_installation("Kamm & Schere")
    mine = [message_item() for _ in range(3)]
    theirs = [message_item() for _ in range(2)]

    harness.post_messages(mine[:2])
    harness.post_messages(theirs, token=other.token)
    harness.post_messages(mine[2:])

    my_events = harness.events()
    their_events = harness.events(token=other.token)
    assert [e["seq"] for e in my_events] == [1, 2, 3]
    assert [e["seq"] for e in their_events] == [1, 2]
    assert [e["client_id"] for e in my_events] == [i["client_id"] for i in mine]
    assert [e["client_id"] for e in their_events] == [i["client_id"] for i in theirs]
    page = harness.client.get(
        "/v1/events", params={"after": 2}, headers=harness.auth(other.token)
    ).json()
    assert page == {"events": [], "last_seq": 2}


def test_concurrent_writers_leave_no_gaps(harness: Harness) -> None:
    """Eight desktops submit at the same moment through the API, against one database."""
    start = threading.Barrier(WRITERS)
    errors: list[BaseException] = []
    batches = [[message_item() for _ in range(PER_WRITER)] for _ in range(WRITERS)]

    def write(items: list[dict[str, object]]) -> None:
        try:
            start.wait(timeout=10)
            for item in items:  # one request per message: many small transactions
                response = harness.client.post(
                    "/v1/messages", json={"items": [item]}, headers=harness.auth()
                )
                assert response.status_code == 200, response.text
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(batch,)) for batch in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    events = harness.events()
    total = WRITERS * PER_WRITER
    assert [e["seq"] for e in events] == list(range(1, total + 1))
    assert sorted(e["client_id"] for e in events) == sorted(
        str(i["client_id"]) for batch in batches for i in batch
    )
    assert harness.last_seq() == total


def test_concurrent_writers_in_the_same_process_leave_no_gaps(harness: Harness) -> None:
    """The same without HTTP in between: eight threads in intake at once."""
    start = threading.Barrier(WRITERS)
    errors: list[BaseException] = []

    def write() -> None:
        try:
            start.wait(timeout=10)
            for _ in range(PER_WRITER):
                item = MessageItem.model_validate(message_item())
                intake.submit_messages(harness.gw, harness.installation_id, [item])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert [e["seq"] for e in harness.events()] == list(range(1, WRITERS * PER_WRITER + 1))


def test_racing_duplicates_are_sent_once(harness: Harness) -> None:
    """Two desktops (or a retry) send the same client_id at the same moment."""
    item = message_item()
    start = threading.Barrier(WRITERS)
    results: list[dict[str, object]] = []
    errors: list[BaseException] = []

    def write() -> None:
        try:
            start.wait(timeout=10)
            results.extend(harness.post_messages([item]))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    harness.deliver()

    assert errors == []
    assert sorted(str(r["result"]) for r in results) == ["accepted"] + ["duplicate"] * (WRITERS - 1)
    assert len(harness.emails()) == 1
    assert [e["seq"] for e in harness.events()] == [1, 2]


# ---- long-poll -------------------------------------------------------------------------------
def test_long_poll_returns_as_soon_as_an_event_arrives(harness: Harness) -> None:
    harness.post_messages([message_item()])
    item = message_item()

    def later() -> None:
        time.sleep(0.3)
        intake.submit_messages(
            harness.gw, harness.installation_id, [MessageItem.model_validate(item)]
        )

    writer = threading.Thread(target=later)
    started = time.monotonic()
    writer.start()
    page = harness.events_page(after=1, wait=5)
    elapsed = time.monotonic() - started
    writer.join()

    assert [e["seq"] for e in page["events"]] == [2]
    assert page["events"][0]["client_id"] == item["client_id"]
    assert page["last_seq"] == 2
    assert 0.25 <= elapsed < 2.0, elapsed


def test_long_poll_returns_empty_after_the_wait(harness: Harness) -> None:
    harness.post_messages([message_item()])

    started = time.monotonic()
    page = harness.events_page(after=1, wait=1)
    elapsed = time.monotonic() - started

    assert page == {"events": [], "last_seq": 1}
    assert 0.9 <= elapsed < 3.0, elapsed


def test_without_wait_the_answer_is_immediate(harness: Harness) -> None:
    started = time.monotonic()
    page = harness.events_page(after=0)

    assert page == {"events": [], "last_seq": 0}
    assert time.monotonic() - started < 1.0


def test_long_poll_ignores_other_installations_events(
    harness: Harness, make_installation: Callable[[str], Salon]
) -> None:
    other = make_installation("Kamm & Schere")

    def later() -> None:
        time.sleep(0.2)
        intake.submit_messages(harness.gw, other.id, [MessageItem.model_validate(message_item())])

    writer = threading.Thread(target=later)
    started = time.monotonic()
    writer.start()
    page = harness.events_page(after=0, wait=1)
    elapsed = time.monotonic() - started
    writer.join()

    assert page == {"events": [], "last_seq": 0}
    assert elapsed >= 0.9
