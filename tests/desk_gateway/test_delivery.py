"""The delivery worker with the capture transports: timing (not_before, not_after), rules
again at send time, SMS retries and bounces, and the worker thread itself."""

from __future__ import annotations

import time
from datetime import timedelta

from desk_gateway.delivery import BATCH, DeliveryWorker
from desk_gateway.email_transport import CaptureTransport
from desk_gateway.sms.capture import CaptureProvider

from .conftest import serve
from .support import MOBILE, Harness, message_item, new_id, old_row


def test_accepted_messages_are_sent_with_an_event(harness: Harness) -> None:
    email = harness.submit()
    sms = harness.submit(channel="sms", to=MOBILE, text="Bis morgen!")

    assert harness.deliver() == 2
    assert harness.deliver() == 0

    assert [e.to_address for e in harness.emails()] == [email["item"]["to"]]
    assert len(harness.texts(to=MOBILE)) == 1
    assert harness.texts()[0].startswith("Bis morgen!")
    assert harness.sms.sent[0].reference == sms["item"]["client_id"]
    email_sent = [e for e in harness.events() if e["type"] == "message.sent"]
    assert {e["client_id"] for e in email_sent} == {
        email["item"]["client_id"],
        sms["item"]["client_id"],
    }
    by_client = {e["client_id"]: e for e in email_sent}
    assert by_client[sms["item"]["client_id"]]["data"]["message_id"] == "capture-1"
    assert by_client[email["item"]["client_id"]]["data"]["message_id"].startswith("<")


def test_not_before_holds_a_message_back(harness: Harness) -> None:
    later = harness.clock.now + timedelta(hours=3)
    result = harness.submit(not_before=later.isoformat())

    assert harness.deliver() == 0
    harness.clock.advance(hours=2, minutes=59)
    assert harness.deliver() == 0
    harness.clock.advance(minutes=1)
    assert harness.deliver() == 1

    assert len(harness.emails()) == 1
    assert "message.sent" in harness.event_types(client_id=result["item"]["client_id"])


def test_a_message_that_expires_before_sending_is_not_sent(harness: Harness) -> None:
    result = harness.submit(
        not_before=(harness.clock.now + timedelta(hours=2)).isoformat(),
        not_after=(harness.clock.now + timedelta(hours=1)).isoformat(),
    )
    assert result["result"] == "accepted"
    harness.clock.advance(hours=2)

    harness.deliver()

    assert harness.emails() == []
    client_id = result["item"]["client_id"]
    assert harness.event_types(client_id=client_id) == ["message.accepted", "message.expired"]
    harness.clock.advance(days=1)
    harness.deliver()
    assert harness.emails() == []


def test_consent_checked_again_at_send_time(harness: Harness) -> None:
    """A consent confirmed at intake still counts at sending: marketing goes out."""
    consent = harness.confirmed_consent()
    result = harness.submit(
        category="marketing",
        customer_ref=consent["customer_ref"],
        to=consent["address"],
        basis_ref=consent["request_id"],
    )

    harness.deliver()

    assert "message.sent" in harness.event_types(client_id=result["item"]["client_id"])


def test_marketing_goes_only_to_the_address_the_consent_was_confirmed_for(
    harness: Harness,
) -> None:
    """A confirmation proves the address it was sent to (DESIGN.md 2), and sending checks
    that once more. Intake refuses another address now; these rows are written straight
    into the database, as an older gateway took them: only the confirmed address (case
    and blanks aside) gets the advertising."""
    consent = harness.confirmed_consent()
    basis = {
        "category": "marketing",
        "customer_ref": consent["customer_ref"],
        "basis_ref": consent["request_id"],
    }
    elsewhere = old_row(harness, harness.installation_id, to_address="neu@example.de", **basis)
    confirmed = old_row(
        harness, harness.installation_id, to_address=consent["address"].upper(), **basis
    )

    harness.deliver()

    assert harness.message(elsewhere).reject_code == "no_basis"
    assert harness.emails(to="neu@example.de") == []
    assert "message.sent" in harness.event_types(client_id=confirmed)


def test_a_temporary_sms_failure_is_retried_later(harness: Harness) -> None:
    result = harness.submit(channel="sms", to=MOBILE)
    client_id = result["item"]["client_id"]
    harness.sms.fail_next(permanent=False)

    harness.deliver()

    assert harness.texts() == []
    assert harness.event_types(client_id=client_id) == ["message.accepted"]
    message = harness.message(client_id)
    assert message.status == "accepted"
    assert message.next_attempt_at is not None and message.next_attempt_at > harness.clock.now
    assert harness.deliver() == 0  # not before its time
    harness.clock.now = message.next_attempt_at
    assert harness.deliver() == 1
    assert len(harness.texts()) == 1
    assert harness.event_types(client_id=client_id) == ["message.accepted", "message.sent"]


def test_a_permanent_sms_failure_bounces_and_suppresses_the_number(harness: Harness) -> None:
    result = harness.submit(channel="sms", to=MOBILE)
    harness.sms.fail_next(permanent=True)

    harness.deliver()
    harness.clock.advance(days=1)
    harness.deliver()

    client_id = result["item"]["client_id"]
    assert harness.texts() == []
    assert harness.event_types(client_id=client_id) == ["message.accepted", "message.bounced"]
    (bounce,) = [e for e in harness.events() if e["type"] == "message.bounced"]
    assert bounce["data"]["permanent"] is True
    later = harness.submit(channel="sms", to=MOBILE, customer_ref=new_id())
    assert (later["result"], later.get("code")) == ("rejected", "suppressed")
    consent = harness.request_consent(channel="sms", address=MOBILE)
    assert (consent["result"], consent["code"]) == ("rejected", "suppressed")


def test_large_queues_go_out_in_batches(harness: Harness) -> None:
    items = [message_item(to=f"k{n}@example.de") for n in range(BATCH + 5)]
    for start in range(0, len(items), 100):  # at most 100 per request
        harness.post_messages(items[start : start + 100])

    assert harness.deliver() == BATCH
    assert harness.deliver() == 5
    assert harness.deliver() == 0

    assert len(harness.emails()) == BATCH + 5
    assert len({e.to_address for e in harness.emails()}) == BATCH + 5


def test_the_worker_thread_sends_without_being_driven(harness: Harness) -> None:
    """The real arrangement: create_app starts the worker, a new message wakes it."""
    sms = CaptureProvider()
    worker = DeliveryWorker(harness.gw, CaptureTransport(harness.gw.db), sms)
    with serve(harness.gw, sms, worker) as client:
        response = client.post(
            "/v1/messages",
            json={"items": [message_item(channel="sms", to=MOBILE)]},
            headers=harness.auth(),
        )
        assert response.json()["results"][0]["result"] == "accepted"
        deadline = time.monotonic() + 5
        while not sms.sent and time.monotonic() < deadline:
            time.sleep(0.02)

    assert len(sms.sent) == 1
    assert "message.sent" in harness.event_types()
