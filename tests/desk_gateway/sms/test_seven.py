"""Contract tests for the seven.io adapter.

Sending runs against a local HTTP server answering like seven's SMS endpoint
(https://docs.seven.io/en/rest-api/endpoints/sms; response schema ``SmsResponse`` of
github.com/seven-io/api-schemes; return codes of seven's client libraries). Webhook bodies
are the examples of https://docs.seven.io/en/rest-api/webhooks; signatures are computed
here from https://docs.seven.io/en/rest-api/signing, independently of the adapter.
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
from desk_gateway.sms.seven import SevenProvider

API_KEY = "test-api-key"
SECRET = "test-signing-key"
TO = "+4915112345678"
HOOK_URL = "https://gateway.example.org/hooks/seven"
NOW = 1_764_057_600


def sms(**overrides: object) -> OutgoingSms:
    values: dict[str, object] = {
        "to": TO,
        "text": "Ihr Termin morgen um 10:00",
        "sender": "SalonMaria",
        "reference": "0b9f4f5e-7c1e-4a57-9d43-3f1c2b9d7a10",
    }
    values.update(overrides)
    return OutgoingSms(**values)  # type: ignore[arg-type]


def sms_response(**message_overrides: object) -> dict[str, object]:
    """The documented success answer (SmsResponse) for one recipient."""
    message: dict[str, object] = {
        "id": "77229135982",
        "sender": "SalonMaria",
        "recipient": "4915112345678",
        "text": "Ihr Termin morgen um 10:00",
        "encoding": "gsm",
        "label": None,
        "parts": 1,
        "udh": None,
        "is_binary": False,
        "price": 0.075,
        "success": True,
        "error": None,
        "error_text": None,
    }
    message.update(message_overrides)
    return {
        "success": "100",
        "total_price": 0.075,
        "balance": 42.5,
        "debug": "false",
        "sms_type": "direct",
        "messages": [message],
    }


@pytest.fixture
def provider(httpserver: HTTPServer) -> SevenProvider:
    return SevenProvider(
        API_KEY,
        "SalonMaria",
        base_url=httpserver.url_for("/").rstrip("/"),
        signing_secret=SECRET,
        timeout=(1.0, 2.0),
        clock=lambda: NOW,
    )


def drain(httpserver: HTTPServer, release: threading.Event) -> None:
    """Let the held-back handler finish and wait until the (single-threaded) test server has
    logged it, so its late entry cannot show up in the next test's log."""
    release.set()
    deadline = time.monotonic() + 5
    while not httpserver.log and time.monotonic() < deadline:
        time.sleep(0.01)


# ---- sending --------------------------------------------------------------------------------
def test_send_posts_json_with_api_key(httpserver: HTTPServer, provider: SevenProvider) -> None:
    httpserver.expect_request(
        "/api/sms", method="POST", headers={"X-Api-Key": API_KEY}
    ).respond_with_json(sms_response(parts=2))

    sent = provider.send(sms())

    assert sent.provider_id == "77229135982"
    assert sent.segments == 2
    assert "recipient" not in json.dumps(sent.raw) and TO[1:] not in json.dumps(sent.raw)
    (request, _), *_ = httpserver.log
    assert request.mimetype == "application/json"
    assert request.get_json() == {
        "to": TO,
        "text": "Ihr Termin morgen um 10:00",
        "from": "SalonMaria",
        "foreign_id": "0b9f4f5e-7c1e-4a57-9d43-3f1c2b9d7a10",
    }


def test_reference_outside_documented_foreign_id_alphabet_is_left_out(
    httpserver: HTTPServer, provider: SevenProvider
) -> None:
    httpserver.expect_request("/api/sms", method="POST").respond_with_json(sms_response())

    provider.send(sms(reference="msg 17/2026"))

    (request, _), *_ = httpserver.log
    assert "foreign_id" not in request.get_json()


@pytest.mark.parametrize(
    ("answer", "kind", "error"),
    [
        # Per-recipient failure inside a JSON answer.
        (
            {
                **sms_response(success=False, id=None, error="202", error_text="Invalid number"),
                "success": "101",
            },
            SmsFault.RECIPIENT,
            "invalid_number",
        ),
        ({"success": "202", "messages": []}, SmsFault.RECIPIENT, "invalid_number"),
        ({"success": "201", "messages": []}, SmsFault.RECIPIENT, "invalid_number"),
        # Sender invalid: our configuration, every message would fail alike.
        ({"success": "306", "messages": []}, SmsFault.TRANSPORT, "sender_refused"),
        # Reload lock: a duplicate of what went out, stop retrying (the number is fine).
        ({"success": "402", "messages": []}, SmsFault.MESSAGE, "refused"),
        ({"success": "401", "messages": []}, SmsFault.MESSAGE, "refused"),  # text too long
        ({"success": "500", "messages": []}, SmsFault.TRANSPORT, "provider_error"),  # credits
        ({"success": "600", "messages": []}, SmsFault.TEMPORARY, "temporary"),  # carrier
        ("900", SmsFault.TRANSPORT, "auth_failed"),  # wrong API key: bare code
        ("902", SmsFault.TRANSPORT, "auth_failed"),  # key without access rights
        ("903", SmsFault.TRANSPORT, "auth_failed"),  # server IP not allowed
        ("403", SmsFault.TEMPORARY, "temporary"),  # daily limit for this number
        (202, SmsFault.RECIPIENT, "invalid_number"),  # bare code as a JSON number
    ],
)
def test_send_maps_return_codes(
    httpserver: HTTPServer, provider: SevenProvider, answer: object, kind: SmsFault, error: str
) -> None:
    if isinstance(answer, str):
        httpserver.expect_request("/api/sms", method="POST").respond_with_data(
            answer, content_type="text/plain"
        )
    else:
        httpserver.expect_request("/api/sms", method="POST").respond_with_json(answer)

    with pytest.raises(SmsSendError) as raised:
        provider.send(sms())

    assert (raised.value.kind, raised.value.error) == (kind, error)
    assert raised.value.permanent is (kind in (SmsFault.RECIPIENT, SmsFault.MESSAGE))
    assert TO not in str(raised.value) and TO[1:] not in str(raised.value)


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (401, "auth_failed"),
        (403, "auth_failed"),
        (429, "provider_error"),
        (500, "server_error"),
        (502, "server_error"),
        (503, "server_error"),
    ],
)
def test_credentials_rate_limit_and_server_errors_are_the_providers_trouble(
    httpserver: HTTPServer, provider: SevenProvider, status: int, error: str
) -> None:
    httpserver.expect_request("/api/sms", method="POST").respond_with_data(
        "Too Many Requests" if status == 429 else "oops", status=status
    )

    with pytest.raises(SmsSendError) as raised:
        provider.send(sms())

    assert (raised.value.kind, raised.value.error) == (SmsFault.TRANSPORT, error)
    assert raised.value.permanent is False
    assert raised.value.status_code == status


def test_unreadable_answer_is_the_providers_trouble(
    httpserver: HTTPServer, provider: SevenProvider
) -> None:
    httpserver.expect_request("/api/sms", method="POST").respond_with_data("<html>maintenance")

    with pytest.raises(SmsSendError) as raised:
        provider.send(sms())

    assert raised.value.permanent is False
    assert (raised.value.kind, raised.value.error) == (SmsFault.TRANSPORT, "provider_error")


def test_send_timeout_is_temporary(httpserver: HTTPServer) -> None:
    release = threading.Event()

    def slow(request: Request) -> Response:
        release.wait(5)
        return Response(json.dumps(sms_response()), content_type="application/json")

    httpserver.expect_request("/api/sms", method="POST").respond_with_handler(slow)
    provider = SevenProvider(
        API_KEY, "SalonMaria", base_url=httpserver.url_for("/"), timeout=(1.0, 0.2)
    )

    with pytest.raises(SmsSendError) as raised:
        provider.send(sms())
    drain(httpserver, release)

    assert raised.value.permanent is False
    assert (raised.value.kind, raised.value.error) == (SmsFault.TRANSPORT, "timeout")
    assert "timed out" in str(raised.value)


def test_send_connection_refused_is_temporary() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    provider = SevenProvider(
        API_KEY, "SalonMaria", base_url=f"http://127.0.0.1:{port}", timeout=(0.5, 0.5)
    )

    with pytest.raises(SmsSendError) as raised:
        provider.send(sms())

    assert raised.value.permanent is False
    assert (raised.value.kind, raised.value.error) == (SmsFault.TRANSPORT, "connection_failed")


def test_repr_hides_the_key_and_secret() -> None:
    text = repr(SevenProvider(API_KEY, "SalonMaria", signing_secret=SECRET))
    assert API_KEY not in text and SECRET not in text


# ---- webhooks -------------------------------------------------------------------------------
# Bodies as in seven's documentation (https://docs.seven.io/en/rest-api/webhooks).
DLR = {
    "data": {
        "msg_id": "77149843739",
        "status": "TRANSMITTED",
        "timestamp": "2021-08-24 08:08:00.000000",
    },
    "webhook_event": "dlr",
    "webhook_timestamp": "2021-08-24T08:08:00+02:00",
}
SMS_MO = {
    "data": {
        "id": "681590",
        "sender": "4915112345678",
        "system": "491771783130",
        "text": "STOP",
        "time": "1605878104",
        "message_type": "SMS",
    },
    "webhook_event": "sms_mo",
    "webhook_timestamp": "2020-12-02 11:55:44",
}


def reference_signature(
    secret: str, timestamp: str, nonce: str, method: str, url: str, body: bytes
) -> str:
    """From seven's signing page: timestamp, nonce, HTTP method, target URL and the MD5 of
    the content, joined by newlines; HMAC-SHA256 with the signing key; hex."""
    string_to_sign = f"{timestamp}\n{nonce}\n{method}\n{url}\n{hashlib.md5(body).hexdigest()}"
    return hmac.new(secret.encode(), string_to_sign.encode(), hashlib.sha256).hexdigest()


def test_md5_component_matches_seven_documentation_example() -> None:
    # seven's signing page shows the MD5 of its example request body starting "62dd06ffb3101d".
    documented_body = b'{ "to": "49170123456789", "text": "Hello World! :-)", "from": "sms77.io" }'
    assert hashlib.md5(documented_body).hexdigest().startswith("62dd06ffb3101d")


def signed(
    payload: object,
    *,
    secret: str = SECRET,
    timestamp: int = NOW,
    nonce: str = "fpPRhAd1s8GXacfR39mWqKPynmmXfJnc",
    url: str = HOOK_URL,
) -> WebhookRequest:
    body = json.dumps(payload).encode()
    signature = reference_signature(secret, str(timestamp), nonce, "POST", url, body)
    return WebhookRequest(
        url=url,
        method="POST",
        headers={
            "content-type": "application/json",
            "x-signature": signature,
            "x-timestamp": str(timestamp),
            "x-nonce": nonce,
        },
        body=body,
        form={},
    )


def dlr(status: str) -> dict[str, object]:
    return {**DLR, "data": {**DLR["data"], "status": status}}  # type: ignore[dict-item]


@pytest.mark.parametrize(
    ("status", "expected", "error"),
    [
        ("DELIVERED", SmsStatus.DELIVERED, None),
        ("TRANSMITTED", SmsStatus.SENT, None),
        ("ACCEPTED", SmsStatus.SENT, None),
        ("BUFFERED", SmsStatus.SENT, None),
        ("NOTDELIVERED", SmsStatus.BOUNCED, "NOTDELIVERED"),
        ("REJECTED", SmsStatus.FAILED, "REJECTED"),
        ("EXPIRED", SmsStatus.FAILED, "EXPIRED"),
        ("FAILED", SmsStatus.FAILED, "FAILED"),
    ],
)
def test_status_reports_map_to_gateway_states(
    provider: SevenProvider, status: str, expected: SmsStatus, error: str | None
) -> None:
    result = provider.parse_webhook(signed(dlr(status)))

    assert result.statuses == (StatusUpdate("77149843739", expected, error),)
    assert result.inbound == ()


def test_unknown_status_gives_no_event(provider: SevenProvider) -> None:
    assert provider.parse_webhook(signed(dlr("UNKNOWN"))).statuses == ()


def test_inbound_sms_is_read_with_e164_sender(provider: SevenProvider) -> None:
    result = provider.parse_webhook(signed(SMS_MO))

    assert result.inbound == (InboundSms(sender=TO, text="STOP", provider_id="681590"),)
    assert result.statuses == ()


def test_other_events_are_ignored(provider: SevenProvider) -> None:
    tracking = {
        "webhook_event": "tracking",
        "webhook_timestamp": "2022-07-27T07:38:00+02:00",
        "data": {"sms_id": "77149843739", "type": "click", "total_clicks": 1},
    }

    result = provider.parse_webhook(signed(tracking))

    assert result.statuses == () and result.inbound == ()


@pytest.mark.parametrize(
    "tamper",
    ["body", "url", "method", "nonce", "secret", "old", "future", "missing", "not_a_number"],
)
def test_tampered_webhooks_are_rejected(provider: SevenProvider, tamper: str) -> None:
    good = signed(dlr("DELIVERED"))
    url, method, body, headers = good.url, good.method, good.body, dict(good.headers)
    if tamper == "body":
        body = json.dumps(dlr("NOTDELIVERED")).encode()
    elif tamper == "url":
        url = HOOK_URL + "?salon=2"
    elif tamper == "method":
        method = "PUT"
    elif tamper == "nonce":
        headers["x-nonce"] = "a" * 32
    elif tamper == "secret":
        headers = dict(signed(dlr("DELIVERED"), secret="other").headers)
    elif tamper == "old":
        headers = dict(signed(dlr("DELIVERED"), timestamp=NOW - 301).headers)
    elif tamper == "future":
        headers = dict(signed(dlr("DELIVERED"), timestamp=NOW + 301).headers)
    elif tamper == "missing":
        del headers["x-signature"]
    elif tamper == "not_a_number":
        headers["x-timestamp"] = "yesterday"

    with pytest.raises(SignatureError):
        provider.parse_webhook(WebhookRequest(url, method, headers, body, {}))


def test_timestamp_within_window_is_accepted(provider: SevenProvider) -> None:
    result = provider.parse_webhook(signed(dlr("DELIVERED"), timestamp=NOW - 299))

    assert result.statuses[0].status is SmsStatus.DELIVERED


def test_without_signing_secret_webhooks_are_read_unverified() -> None:
    provider = SevenProvider(API_KEY, "SalonMaria")
    request = WebhookRequest(
        HOOK_URL, "POST", {"content-type": "application/json"}, json.dumps(DLR).encode(), {}
    )

    assert provider.parse_webhook(request).statuses[0].status is SmsStatus.SENT


def test_form_encoded_webhook_is_refused_as_malformed(provider: SevenProvider) -> None:
    body = b"webhook_event=dlr&data%5Bmsg_id%5D=1&data%5Bstatus%5D=DELIVERED"
    request = signed(DLR)
    request = WebhookRequest(
        request.url,
        "POST",
        {
            **request.headers,
            "x-signature": reference_signature(
                SECRET, str(NOW), request.headers["x-nonce"], "POST", HOOK_URL, body
            ),
        },
        body,
        {},
    )

    with pytest.raises(ValueError):
        provider.parse_webhook(request)


def test_reply_body_is_empty(provider: SevenProvider) -> None:
    assert provider.reply_body("Abgemeldet")[1] == b""
