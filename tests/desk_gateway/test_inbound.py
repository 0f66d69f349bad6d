"""Provider webhooks (POST /hooks/capture, the generic JSON event format): STOP keywords become
opt-outs, other texts become sms.inbound events, delivery reports update the message."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from .conftest import Salon
from .support import MOBILE, OTHER_MOBILE, Harness, new_id

STOP_REPLY_DE = (
    "Sie sind bei Salon Schnittpunkt abgemeldet: Sie bekommen keine Werbung mehr, weder per "
    "SMS noch per E-Mail. Terminbestätigungen und Erinnerungen kommen nur noch, wenn Sie bei "
    "einer Buchung ausdrücklich darum bitten."
)


def hook(harness: Harness, *events: dict[str, Any]) -> httpx.Response:
    body = events[0] if len(events) == 1 else list(events)
    return harness.client.post(
        "/hooks/capture",
        content=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )


def inbound(harness: Harness, text: str, sender: str = MOBILE) -> httpx.Response:
    return hook(harness, {"type": "inbound", "id": f"in-{new_id()}", "from": sender, "text": text})


def texted(harness: Harness, to: str = MOBILE, **overrides: Any) -> dict[str, Any]:
    """We sent this number an SMS (so replies from it can be attributed)."""
    result = harness.submit(channel="sms", to=to, **overrides)
    harness.deliver()
    item: dict[str, Any] = result["item"]
    return item


def provider_id_of(harness: Harness, client_id: str) -> str:
    (provider_id,) = [pid for pid, sms in harness.sms.sent_with_ids if sms.reference == client_id]
    return provider_id


# ---- STOP ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["STOP", "stopp bitte", "Abmelden", "  Stop!", "ende"])
def test_a_stop_sms_opts_the_customer_out(harness: Harness, text: str) -> None:
    item = texted(harness)

    response = inbound(harness, text)

    assert response.status_code == 200
    (optout,) = [e for e in harness.events() if e["type"] == "optout.received"]
    assert optout["data"] == {"via": "sms_stop", "client_id": None}
    assert optout["customer_ref"] == item["customer_ref"]
    assert optout["channel"] == "sms"
    assert "sms.inbound" not in harness.event_types()
    refused = harness.submit(
        channel="sms", to=MOBILE, customer_ref=item["customer_ref"], category="service_info"
    )
    assert refused.get("code") == "suppressed"


def test_a_stop_sms_is_answered(harness: Harness) -> None:
    """The customer gets a short confirmation; the capture provider takes no inline reply,
    so the gateway has to send it as an ordinary SMS (see desk_gateway.sms.webhook)."""
    texted(harness)
    before = len(harness.texts(to=MOBILE))

    response = inbound(harness, "STOP")
    harness.deliver()

    replies = harness.texts(to=MOBILE)[before:]
    inline = response.content.decode("utf-8")
    assert STOP_REPLY_DE in inline or any(STOP_REPLY_DE in r for r in replies), (
        "no reply to the STOP: neither in the webhook answer nor as an SMS"
    )


def test_a_second_stop_adds_no_event(harness: Harness) -> None:
    texted(harness)
    inbound(harness, "STOP")
    seq = harness.last_seq()

    assert inbound(harness, "stop").status_code == 200

    assert harness.last_seq() == seq


def test_stop_opts_out_every_customer_we_texted_at_that_number(harness: Harness) -> None:
    """A STOP is the number's: the same person entered twice, or a family phone."""
    first = texted(harness, customer_ref=new_id())
    second = texted(harness, customer_ref=new_id())

    inbound(harness, "STOP")

    refs = [e["customer_ref"] for e in harness.events() if e["type"] == "optout.received"]
    assert sorted(refs) == sorted([first["customer_ref"], second["customer_ref"]])
    assert first["customer_ref"] != second["customer_ref"]


# ---- other texts -----------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["Danke, bis morgen!", "Stopover in Berlin?", "nicht stop"])
def test_other_texts_become_inbound_events(harness: Harness, text: str) -> None:
    item = texted(harness)

    response = inbound(harness, text)

    assert response.status_code == 200
    (event,) = [e for e in harness.events() if e["type"] == "sms.inbound"]
    assert event["data"] == {"from": MOBILE, "text": text}
    assert event["customer_ref"] == item["customer_ref"]
    assert "optout.received" not in harness.event_types()
    still = harness.submit(
        channel="sms", to=MOBILE, customer_ref=item["customer_ref"], category="service_info"
    )
    assert still["result"] == "accepted"


def test_texts_from_numbers_we_never_texted_are_ignored(harness: Harness) -> None:
    texted(harness)
    seq = harness.last_seq()

    assert inbound(harness, "STOP", sender=OTHER_MOBILE).status_code == 200
    assert inbound(harness, "Hallo?", sender=OTHER_MOBILE).status_code == 200

    assert harness.last_seq() == seq


def test_inbound_texts_stay_with_their_installation(
    harness: Harness, make_installation: Callable[[str], Salon]
) -> None:
    other = make_installation("Kamm & Schere")
    texted(harness)

    inbound(harness, "Hallo")

    assert harness.event_types().count("sms.inbound") == 1
    assert harness.events(token=other.token) == []


# ---- delivery reports ------------------------------------------------------------------------
def test_a_delivery_report_marks_the_message_delivered(harness: Harness) -> None:
    item = texted(harness)
    provider_id = provider_id_of(harness, item["client_id"])

    response = hook(harness, {"type": "status", "id": provider_id, "status": "delivered"})
    again = hook(harness, {"type": "status", "id": provider_id, "status": "delivered"})

    assert response.status_code == again.status_code == 200
    assert harness.event_types(client_id=item["client_id"]) == [
        "message.accepted",
        "message.sent",
        "message.delivered",
    ]
    (delivered,) = [e for e in harness.events() if e["type"] == "message.delivered"]
    assert delivered["data"] == {}
    assert delivered["channel"] == "sms"
    assert harness.message(item["client_id"]).status == "delivered"


def test_a_batch_of_reports(harness: Harness) -> None:
    ok = texted(harness, to=MOBILE)
    dead = texted(harness, to=OTHER_MOBILE)

    response = hook(
        harness,
        {"type": "status", "id": provider_id_of(harness, ok["client_id"]), "status": "sent"},
        {
            "type": "status",
            "id": provider_id_of(harness, dead["client_id"]),
            "status": "bounced",
            "error": "30005",
        },
        {"type": "something-new", "id": "x"},
    )

    assert response.status_code == 200
    assert harness.event_types(client_id=ok["client_id"]) == ["message.accepted", "message.sent"]
    assert harness.event_types(client_id=dead["client_id"]) == [
        "message.accepted",
        "message.sent",
        "message.bounced",
    ]
    (bounce,) = [e for e in harness.events() if e["type"] == "message.bounced"]
    assert bounce["data"] == {"error": "30005", "permanent": True}
    assert harness.submit(channel="sms", to=OTHER_MOBILE).get("code") == "suppressed"


def test_a_failure_report(harness: Harness) -> None:
    item = texted(harness)

    hook(
        harness,
        {"type": "status", "id": provider_id_of(harness, item["client_id"]), "status": "failed"},
    )

    (failed,) = [e for e in harness.events() if e["type"] == "message.failed"]
    assert failed["data"] == {"error": None, "permanent": False}
    assert harness.submit(channel="sms", to=MOBILE)["result"] == "accepted"


def test_reports_for_unknown_messages_change_nothing(harness: Harness) -> None:
    texted(harness)
    seq = harness.last_seq()

    response = hook(harness, {"type": "status", "id": "capture-999", "status": "delivered"})

    assert response.status_code == 200
    assert harness.last_seq() == seq


@pytest.mark.parametrize(
    "body",
    [b"not json", b'{"type": "status", "status": "delivered"}', b"[1, 2]", b'{"type": "inbound"}'],
)
def test_malformed_webhooks_are_refused(harness: Harness, body: bytes) -> None:
    response = harness.client.post(
        "/hooks/capture", content=body, headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")


def test_hooks_of_other_providers_are_not_found(harness: Harness) -> None:
    response = harness.client.post("/hooks/twilio", content=b"{}")

    assert response.status_code == 404


def test_a_stop_delivered_twice_at_once_records_one_opt_out(harness: Harness) -> None:
    """Providers resend a webhook they think timed out; both copies may arrive together.
    (Five rounds with five customers, so that a race shows reliably.)"""
    copies, rounds = 6, 5
    numbers = [f"+49151123456{70 + n}" for n in range(rounds)]
    statuses: list[int] = []
    errors: list[BaseException] = []
    for number in numbers:
        texted(harness, to=number, customer_ref=new_id())
        start = threading.Barrier(copies)
        event = {"type": "inbound", "id": f"in-{number}", "from": number, "text": "STOP"}

        def deliver(event: dict[str, Any] = event, start: threading.Barrier = start) -> None:
            try:
                start.wait(timeout=10)
                statuses.append(hook(harness, event).status_code)
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        threads = [threading.Thread(target=deliver) for _ in range(copies)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    assert errors == []
    assert statuses == [200] * copies * rounds
    assert harness.event_types().count("optout.received") == rounds
