"""Contract tests for our own published JSON webhook format (desk_gateway.sms.webhook).

A local HTTP server plays the partner's ``send_url``; it checks the signature the way the
module docstring tells partners to, written here independently of the adapter.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import threading
import time

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from desk_gateway.sms.base import (
    InboundSms,
    OutgoingSms,
    SignatureError,
    SmsFault,
    SmsSendError,
    SmsStatus,
    StatusUpdate,
    WebhookRequest,
)
from desk_gateway.sms.webhook import WebhookProvider

SECRET = "shared-secret-for-tests"
TO = "+4915112345678"
NOW = 1_764_057_600
HOOK_URL = "https://gateway.example.org/hooks/webhook"


def partner_signature(secret: str, timestamp: str, body: bytes) -> str:
    """What a partner computes: hex HMAC-SHA256 over f"{timestamp}." + raw body."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


def sms(**overrides: object) -> OutgoingSms:
    values: dict[str, object] = {
        "to": TO,
        "text": "Termin morgen 10:00 – bis dann! ✂",
        "sender": "SalonMaria",
        "reference": "0b9f4f5e-7c1e-4a57-9d43-3f1c2b9d7a10",
    }
    values.update(overrides)
    return OutgoingSms(**values)  # type: ignore[arg-type]


@pytest.fixture
def provider(httpserver: HTTPServer) -> WebhookProvider:
    return WebhookProvider(
        httpserver.url_for("/sms/send"), SECRET, "SalonMaria", timeout=(1.0, 2.0), clock=lambda: NOW
    )


def drain(httpserver: HTTPServer, release: threading.Event) -> None:
    """Let the held-back handler finish and wait until the (single-threaded) test server has
    logged it, so its late entry cannot show up in the next test's log."""
    release.set()
    deadline = time.monotonic() + 5
    while not httpserver.log and time.monotonic() < deadline:
        time.sleep(0.01)


# ---- sending --------------------------------------------------------------------------------
def test_send_posts_signed_json_and_reads_the_id(
    httpserver: HTTPServer, provider: WebhookProvider
) -> None:
    def partner(request: Request) -> Response:
        body = request.get_data()
        timestamp = request.headers["X-Desk-Timestamp"]
        expected = partner_signature(SECRET, timestamp, body)
        if not hmac.compare_digest(expected, request.headers["X-Desk-Signature"]):
            return Response("bad signature", status=401)
        return Response(json.dumps({"id": "p-991", "segments": 2}), content_type="application/json")

    httpserver.expect_request("/sms/send", method="POST").respond_with_handler(partner)

    sent = provider.send(sms())

    assert sent.provider_id == "p-991"
    assert sent.segments == 2
    (request, response), *_ = httpserver.log
    assert response.status_code == 200
    assert request.mimetype == "application/json"
    assert request.headers["X-Desk-Timestamp"] == str(NOW)
    assert json.loads(request.get_data()) == {
        "to": TO,
        "text": "Termin morgen 10:00 – bis dann! ✂",
        "from": "SalonMaria",
        "reference": "0b9f4f5e-7c1e-4a57-9d43-3f1c2b9d7a10",
    }


@pytest.mark.parametrize(
    ("status", "answer", "kind"),
    [
        (400, {"error": "invalid_number"}, SmsFault.MESSAGE),  # given up, number kept
        (400, {"error": "unknown_number", "recipient": True}, SmsFault.RECIPIENT),
        (422, None, SmsFault.MESSAGE),
        (422, {"error": "number_ported", "permanent": False}, SmsFault.TEMPORARY),  # override
        (401, {"error": "bad_signature"}, SmsFault.TRANSPORT),  # credentials
        (403, None, SmsFault.TRANSPORT),
        (408, None, SmsFault.TRANSPORT),
        (429, {"error": "slow_down"}, SmsFault.TRANSPORT),
        (500, None, SmsFault.TRANSPORT),
        (503, {"error": "maintenance", "permanent": True}, SmsFault.MESSAGE),  # partner override
    ],
)
def test_send_error_answers(
    httpserver: HTTPServer,
    provider: WebhookProvider,
    status: int,
    answer: dict[str, object] | None,
    kind: SmsFault,
) -> None:
    handler = httpserver.expect_request("/sms/send", method="POST")
    if answer is None:
        handler.respond_with_data("", status=status)
    else:
        handler.respond_with_json(answer, status=status)

    with pytest.raises(SmsSendError) as raised:
        provider.send(sms())

    assert raised.value.kind is kind
    assert raised.value.permanent is (kind in (SmsFault.RECIPIENT, SmsFault.MESSAGE))
    assert raised.value.status_code == status


def test_success_without_id_is_a_temporary_error(
    httpserver: HTTPServer, provider: WebhookProvider
) -> None:
    httpserver.expect_request("/sms/send", method="POST").respond_with_json({"ok": True})

    with pytest.raises(SmsSendError) as raised:
        provider.send(sms())

    assert raised.value.permanent is False
    assert (raised.value.kind, raised.value.error) == (SmsFault.TRANSPORT, "provider_error")


def test_send_timeout_is_temporary(httpserver: HTTPServer) -> None:
    release = threading.Event()

    def slow(request: Request) -> Response:
        release.wait(5)
        return Response('{"id": "late"}', content_type="application/json")

    httpserver.expect_request("/sms/send", method="POST").respond_with_handler(slow)
    provider = WebhookProvider(
        httpserver.url_for("/sms/send"), SECRET, "SalonMaria", timeout=(1.0, 0.2)
    )

    with pytest.raises(SmsSendError) as raised:
        provider.send(sms())
    drain(httpserver, release)

    assert raised.value.permanent is False
    assert (raised.value.kind, raised.value.error) == (SmsFault.TRANSPORT, "timeout")


def test_send_connection_refused_is_temporary() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    provider = WebhookProvider(
        f"http://127.0.0.1:{port}/sms", SECRET, "SalonMaria", timeout=(0.5, 0.5)
    )

    with pytest.raises(SmsSendError) as raised:
        provider.send(sms())

    assert raised.value.permanent is False
    assert (raised.value.kind, raised.value.error) == (SmsFault.TRANSPORT, "connection_failed")


# ---- incoming webhooks ----------------------------------------------------------------------
def incoming(payload: object, timestamp: int = NOW, secret: str = SECRET) -> WebhookRequest:
    body = json.dumps(payload).encode()
    return WebhookRequest(
        url=HOOK_URL,
        method="POST",
        headers={
            "content-type": "application/json",
            "x-desk-timestamp": str(timestamp),
            "x-desk-signature": partner_signature(secret, str(timestamp), body),
        },
        body=body,
        form={},
    )


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("sent", SmsStatus.SENT),
        ("delivered", SmsStatus.DELIVERED),
        ("failed", SmsStatus.FAILED),
        ("bounced", SmsStatus.BOUNCED),
    ],
)
def test_status_events(provider: WebhookProvider, status: str, expected: SmsStatus) -> None:
    result = provider.parse_webhook(
        incoming({"type": "status", "id": "p-991", "status": status, "error": "E42"})
    )

    assert result.statuses == (StatusUpdate("p-991", expected, "E42"),)
    assert result.inbound == ()


def test_inbound_and_batches(provider: WebhookProvider) -> None:
    result = provider.parse_webhook(
        incoming(
            [
                {"type": "inbound", "id": "in-1", "from": TO, "text": "STOP"},
                {"type": "status", "id": "p-991", "status": "delivered"},
                {"type": "future_kind", "id": "x"},
            ]
        )
    )

    assert result.inbound == (InboundSms(sender=TO, text="STOP", provider_id="in-1"),)
    assert result.statuses == (StatusUpdate("p-991", SmsStatus.DELIVERED, None),)


@pytest.mark.parametrize(
    "payload",
    [
        {"type": "status", "id": "p-1", "status": "lost"},
        {"type": "status", "status": "delivered"},
        {"type": "inbound", "id": "in-1", "text": "hi"},
        ["not an object"],
    ],
)
def test_malformed_events_are_value_errors(provider: WebhookProvider, payload: object) -> None:
    with pytest.raises(ValueError):
        provider.parse_webhook(incoming(payload))


@pytest.mark.parametrize(
    "tamper", ["body", "secret", "old", "future", "no_signature", "no_timestamp", "timestamp"]
)
def test_tampered_webhooks_are_rejected(provider: WebhookProvider, tamper: str) -> None:
    good = incoming({"type": "status", "id": "p-991", "status": "delivered"})
    body, headers = good.body, dict(good.headers)
    if tamper == "body":
        body = body.replace(b"delivered", b"bounced")
    elif tamper == "secret":
        headers = dict(incoming({"type": "status"}, secret="other").headers)
    elif tamper == "old":
        old = incoming({"type": "status", "id": "p-991", "status": "delivered"}, NOW - 301)
        body, headers = old.body, dict(old.headers)
    elif tamper == "future":
        ahead = incoming({"type": "status", "id": "p-991", "status": "delivered"}, NOW + 301)
        body, headers = ahead.body, dict(ahead.headers)
    elif tamper == "no_signature":
        del headers["x-desk-signature"]
    elif tamper == "no_timestamp":
        del headers["x-desk-timestamp"]
    elif tamper == "timestamp":
        # The timestamp is part of the MAC: moving it (within the window) breaks it.
        headers["x-desk-timestamp"] = str(NOW - 10)

    with pytest.raises(SignatureError):
        provider.parse_webhook(WebhookRequest(HOOK_URL, "POST", headers, body, {}))


def test_webhook_just_inside_the_window_is_accepted(provider: WebhookProvider) -> None:
    result = provider.parse_webhook(
        incoming({"type": "status", "id": "p-991", "status": "sent"}, NOW - 300)
    )

    assert result.statuses[0].status is SmsStatus.SENT


def test_repr_hides_the_secret() -> None:
    assert SECRET not in repr(WebhookProvider("https://sms.example.org/send", SECRET, "Salon"))


def test_free_text_errors_are_not_passed_on(
    httpserver: HTTPServer, provider: WebhookProvider
) -> None:
    httpserver.expect_request("/sms/send", method="POST").respond_with_json(
        {"error": f"number {TO} unknown"}, status=400
    )

    with pytest.raises(SmsSendError) as raised:
        provider.send(sms())

    assert TO not in str(raised.value)
    assert raised.value.permanent is True
