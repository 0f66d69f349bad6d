"""Contract tests for the Twilio adapter.

Sending runs against a local HTTP server that answers like Twilio's Messages API
(https://www.twilio.com/docs/messaging/api/message-resource). Webhook signatures are
computed here independently, from Twilio's documented algorithm
(https://www.twilio.com/docs/usage/webhooks/webhooks-security), and checked against the
published test vectors of Twilio's own helper library (twilio/twilio-python,
tests/unit/test_request_validator.py).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import socket
import threading
import time
from urllib.parse import urlencode

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
from desk_gateway.sms.twilio import TwilioProvider, compute_signature

SID = "AC0123456789abcdef0123456789abcdef"
TOKEN = "test-auth-token"
PATH = f"/2010-04-01/Accounts/{SID}/Messages.json"
TO = "+4915112345678"
HOOK_URL = "https://gateway.example.org/hooks/twilio"


def message_resource(**overrides: object) -> dict[str, object]:
    """A Message resource as Twilio documents it (201 answer to a create)."""
    resource: dict[str, object] = {
        "account_sid": SID,
        "api_version": "2010-04-01",
        "body": "Ihr Termin morgen um 10:00",
        "date_created": "Wed, 25 Nov 2026 08:00:00 +0000",
        "date_sent": None,
        "date_updated": "Wed, 25 Nov 2026 08:00:00 +0000",
        "direction": "outbound-api",
        "error_code": None,
        "error_message": None,
        "from": "SalonMaria",
        "messaging_service_sid": None,
        "num_media": "0",
        "num_segments": "2",
        "price": None,
        "price_unit": "EUR",
        "sid": "SM1f0e8ae6ade23cb3c0ce4524424e406f",
        "status": "queued",
        "subresource_uris": {"media": f"/2010-04-01/Accounts/{SID}/Messages/SM1/Media.json"},
        "to": TO,
        "uri": f"/2010-04-01/Accounts/{SID}/Messages/SM1f0e8ae6ade23cb3c0ce4524424e406f.json",
    }
    resource.update(overrides)
    return resource


def twilio_error(code: int, status: int, message: str) -> dict[str, object]:
    return {
        "code": code,
        "message": message,
        "more_info": f"https://www.twilio.com/docs/errors/{code}",
        "status": status,
    }


def sms(**overrides: object) -> OutgoingSms:
    values: dict[str, object] = {
        "to": TO,
        "text": "Ihr Termin morgen um 10:00",
        "sender": "SalonMaria",
        "reference": "0b9f4f5e-7c1e-4a57-9d43-3f1c2b9d7a10",
        "status_callback_url": HOOK_URL,
    }
    values.update(overrides)
    return OutgoingSms(**values)  # type: ignore[arg-type]


@pytest.fixture
def provider(httpserver: HTTPServer) -> TwilioProvider:
    return TwilioProvider(
        SID, TOKEN, "SalonMaria", base_url=httpserver.url_for("/"), timeout=(1.0, 2.0)
    )


def drain(httpserver: HTTPServer, release: threading.Event) -> None:
    """Let the held-back handler finish and wait until the (single-threaded) test server has
    logged it, so its late entry cannot show up in the next test's log."""
    release.set()
    deadline = time.monotonic() + 5
    while not httpserver.log and time.monotonic() < deadline:
        time.sleep(0.01)


# ---- sending --------------------------------------------------------------------------------
def test_send_posts_the_documented_form_with_basic_auth(
    httpserver: HTTPServer, provider: TwilioProvider
) -> None:
    httpserver.expect_request(PATH, method="POST").respond_with_json(message_resource(), status=201)

    sent = provider.send(sms())

    assert sent.provider_id == "SM1f0e8ae6ade23cb3c0ce4524424e406f"
    assert sent.segments == 2
    # Number and text of the answer stay behind: raw is safe to store and log.
    assert "to" not in sent.raw and "body" not in sent.raw and "from" not in sent.raw
    assert sent.raw["status"] == "queued"

    (request, _), *_ = httpserver.log
    assert request.mimetype == "application/x-www-form-urlencoded"
    assert request.form.to_dict() == {
        "To": TO,
        "From": "SalonMaria",
        "Body": "Ihr Termin morgen um 10:00",
        "StatusCallback": HOOK_URL,
    }
    credentials = base64.b64encode(f"{SID}:{TOKEN}".encode()).decode()
    assert request.headers["Authorization"] == f"Basic {credentials}"


def test_send_without_callback_and_with_messaging_service(
    httpserver: HTTPServer, provider: TwilioProvider
) -> None:
    service = "MG" + "0123456789abcdef" * 2
    httpserver.expect_request(PATH, method="POST").respond_with_json(
        message_resource(messaging_service_sid=service), status=201
    )

    provider.send(sms(sender=service, status_callback_url=None))

    (request, _), *_ = httpserver.log
    assert request.form.to_dict() == {
        "To": TO,
        "MessagingServiceSid": service,
        "Body": "Ihr Termin morgen um 10:00",
    }


@pytest.mark.parametrize(
    ("status", "code", "kind", "error"),
    [
        (400, 21211, SmsFault.RECIPIENT, "invalid_number"),  # invalid 'To' number
        (400, 21610, SmsFault.RECIPIENT, "invalid_number"),  # recipient replied STOP
        (400, 21614, SmsFault.RECIPIENT, "invalid_number"),  # not a mobile number
        (400, 21617, SmsFault.MESSAGE, "refused"),  # body too long: this message only
        (400, 21602, SmsFault.MESSAGE, "refused"),  # no text
        # Our sender, credentials or account: every message (to that region) fails alike
        # until an administrator acts, so no message loses a try over it.
        (400, 21408, SmsFault.TRANSPORT, "provider_error"),  # region not enabled
        (400, 21608, SmsFault.TRANSPORT, "provider_error"),  # trial account
        (400, 21609, SmsFault.TRANSPORT, "provider_error"),  # our StatusCallback URL
        (400, 21611, SmsFault.TRANSPORT, "provider_error"),  # the sender's queue is full
        (400, 21606, SmsFault.TRANSPORT, "sender_refused"),
        (400, 21212, SmsFault.TRANSPORT, "sender_refused"),
        (401, 20003, SmsFault.TRANSPORT, "auth_failed"),
        (403, 20003, SmsFault.TRANSPORT, "auth_failed"),
        (429, 20429, SmsFault.TRANSPORT, "provider_error"),  # too many requests
        (500, 20500, SmsFault.TRANSPORT, "server_error"),  # Twilio internal error
        (503, 20503, SmsFault.TRANSPORT, "server_error"),  # service unavailable
    ],
)
def test_send_maps_twilio_errors(
    httpserver: HTTPServer,
    provider: TwilioProvider,
    status: int,
    code: int,
    kind: SmsFault,
    error: str,
) -> None:
    httpserver.expect_request(PATH, method="POST").respond_with_json(
        twilio_error(code, status, f"The 'To' number {TO} is not a valid phone number."),
        status=status,
    )

    with pytest.raises(SmsSendError) as raised:
        provider.send(sms())

    assert (raised.value.kind, raised.value.error) == (kind, error)
    assert raised.value.permanent is (kind in (SmsFault.RECIPIENT, SmsFault.MESSAGE))
    assert raised.value.status_code == status
    assert str(code) in str(raised.value)
    # Twilio's message quotes the number; it must not travel on in the exception.
    assert TO not in str(raised.value)


def test_send_gateway_error_page_is_temporary(
    httpserver: HTTPServer, provider: TwilioProvider
) -> None:
    httpserver.expect_request(PATH, method="POST").respond_with_data(
        "<html>Bad Gateway</html>", status=502, content_type="text/html"
    )

    with pytest.raises(SmsSendError) as raised:
        provider.send(sms())

    assert raised.value.permanent is False
    assert (raised.value.kind, raised.value.error) == (SmsFault.TRANSPORT, "server_error")
    assert raised.value.status_code == 502


def test_send_timeout_is_temporary(httpserver: HTTPServer) -> None:
    release = threading.Event()

    def slow(request: Request) -> Response:
        release.wait(5)
        return Response("{}", status=201, content_type="application/json")

    httpserver.expect_request(PATH, method="POST").respond_with_handler(slow)
    provider = TwilioProvider(
        SID, TOKEN, "SalonMaria", base_url=httpserver.url_for("/"), timeout=(1.0, 0.2)
    )

    started = time.monotonic()
    with pytest.raises(SmsSendError) as raised:
        provider.send(sms())
    elapsed = time.monotonic() - started
    drain(httpserver, release)

    assert elapsed < 1.0  # the read timeout (0.2 s) ended the wait, not the server
    assert raised.value.permanent is False
    assert (raised.value.kind, raised.value.error) == (SmsFault.TRANSPORT, "timeout")
    assert "timed out" in str(raised.value)


def test_send_connection_refused_is_temporary() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    provider = TwilioProvider(
        SID, TOKEN, "SalonMaria", base_url=f"http://127.0.0.1:{port}", timeout=(0.5, 0.5)
    )

    with pytest.raises(SmsSendError) as raised:
        provider.send(sms())

    assert raised.value.permanent is False
    assert (raised.value.kind, raised.value.error) == (SmsFault.TRANSPORT, "connection_failed")


def test_repr_hides_the_token() -> None:
    assert TOKEN not in repr(TwilioProvider(SID, TOKEN, "SalonMaria"))


# ---- signature --------------------------------------------------------------------------------
def reference_signature(token: str, url: str, params: list[tuple[str, str]]) -> str:
    """Written from Twilio's documentation, independently of the adapter: the full URL, then
    every parameter sorted by name (repeated names by value), name and value concatenated;
    HMAC-SHA1 keyed with the auth token; base64."""
    data = url
    for name, value in sorted(params):
        data += name + value
    return base64.b64encode(hmac.new(token.encode(), data.encode(), hashlib.sha1).digest()).decode()


# Twilio's published test vector (twilio-python's request validator tests).
VECTOR_URL = "https://mycompany.com/myapp.php?foo=1&bar=2"
VECTOR_PARAMS = [
    ("CallSid", "CA1234567890ABCDE"),
    ("Digits", "1234"),
    ("From", "+14158675309"),
    ("To", "+18005551212"),
    ("Caller", "+14158675309"),
]


def test_signature_matches_twilio_published_vectors() -> None:
    assert compute_signature("12345", VECTOR_URL, VECTOR_PARAMS) == "RSOYDt4T1cUTdK1PDd93/VVr8B8="
    assert reference_signature("12345", VECTOR_URL, VECTOR_PARAMS) == (
        "RSOYDt4T1cUTdK1PDd93/VVr8B8="
    )
    duplicates = [("Sid", "CA123"), ("SidAccount", "AC123"), ("Digits", "5678"), ("Digits", "1234")]
    assert compute_signature("12345", VECTOR_URL, duplicates) == "IK+Dwps556ElfBT0I3Rgjkr1wJU="


def form_request(
    params: list[tuple[str, str]],
    url: str = HOOK_URL,
    token: str = TOKEN,
    signed_url: str | None = None,
    signed_params: list[tuple[str, str]] | None = None,
) -> WebhookRequest:
    signature = reference_signature(
        token, signed_url or url, params if signed_params is None else signed_params
    )
    return WebhookRequest(
        url=url,
        method="POST",
        headers={
            "content-type": "application/x-www-form-urlencoded",
            "x-twilio-signature": signature,
        },
        body=urlencode(params).encode(),
        form=dict(params),
    )


def status_params(status: str, error_code: str | None = None) -> list[tuple[str, str]]:
    params = [
        ("AccountSid", SID),
        ("ApiVersion", "2010-04-01"),
        ("From", "SalonMaria"),
        ("MessageSid", "SM1f0e8ae6ade23cb3c0ce4524424e406f"),
        ("MessageStatus", status),
        ("SmsSid", "SM1f0e8ae6ade23cb3c0ce4524424e406f"),
        ("SmsStatus", status),
        ("To", TO),
    ]
    if error_code is not None:
        params.append(("ErrorCode", error_code))
    return params


def inbound_params(body: str = "STOP") -> list[tuple[str, str]]:
    return [
        ("AccountSid", SID),
        ("ApiVersion", "2010-04-01"),
        ("Body", body),
        ("From", TO),
        ("MessageSid", "SM9d3f4c2b1a0e9d8c7b6a5f4e3d2c1b0a"),
        ("NumMedia", "0"),
        ("NumSegments", "1"),
        ("SmsMessageSid", "SM9d3f4c2b1a0e9d8c7b6a5f4e3d2c1b0a"),
        ("SmsSid", "SM9d3f4c2b1a0e9d8c7b6a5f4e3d2c1b0a"),
        ("SmsStatus", "received"),
        ("To", "+4930123456"),
    ]


@pytest.mark.parametrize(
    ("url", "signature"),
    [
        (VECTOR_URL, "RSOYDt4T1cUTdK1PDd93/VVr8B8="),
        # Twilio sometimes signs with the default port; its libraries accept both forms.
        (VECTOR_URL, "kvajT1Ptam85bY51eRf/AJRuM3w="),  # signed as https://mycompany.com:443/…
        (VECTOR_URL.replace(".com", ".com:1234"), "RSOYDt4T1cUTdK1PDd93/VVr8B8="),
    ],
)
def test_published_vector_passes_the_signature_check(url: str, signature: str) -> None:
    provider = TwilioProvider(SID, "12345", "SalonMaria")
    request = WebhookRequest(
        url=url,
        method="POST",
        headers={
            "content-type": "application/x-www-form-urlencoded",
            "x-twilio-signature": signature,
        },
        body=urlencode(VECTOR_PARAMS).encode(),
        form=dict(VECTOR_PARAMS),
    )

    # The vector is a voice call: signed correctly, but no message in it. ValueError (not
    # SignatureError) shows the signature was accepted.
    with pytest.raises(ValueError):
        provider.parse_webhook(request)


def test_published_vector_with_other_token_fails() -> None:
    provider = TwilioProvider(SID, "54321", "SalonMaria")
    request = WebhookRequest(
        url=VECTOR_URL,
        method="POST",
        headers={"x-twilio-signature": "RSOYDt4T1cUTdK1PDd93/VVr8B8="},
        body=urlencode(VECTOR_PARAMS).encode(),
        form=dict(VECTOR_PARAMS),
    )

    with pytest.raises(SignatureError):
        provider.parse_webhook(request)


@pytest.mark.parametrize(
    ("status", "error_code", "expected"),
    [
        ("sent", None, SmsStatus.SENT),
        ("delivered", None, SmsStatus.DELIVERED),
        ("undelivered", "30005", SmsStatus.BOUNCED),  # unknown destination handset
        ("failed", "30006", SmsStatus.BOUNCED),  # landline or unreachable carrier
        ("failed", "21211", SmsStatus.BOUNCED),  # invalid 'To' number
        ("undelivered", "30003", SmsStatus.FAILED),  # handset off: temporary, per Twilio
        ("undelivered", "30007", SmsStatus.FAILED),  # carrier filtering
        ("failed", "30008", SmsStatus.FAILED),  # unknown error
    ],
)
def test_status_callbacks_map_to_gateway_states(
    status: str, error_code: str | None, expected: SmsStatus
) -> None:
    provider = TwilioProvider(SID, TOKEN, "SalonMaria")

    result = provider.parse_webhook(form_request(status_params(status, error_code)))

    assert result.inbound == ()
    assert result.statuses == (
        StatusUpdate("SM1f0e8ae6ade23cb3c0ce4524424e406f", expected, error_code),
    )


@pytest.mark.parametrize("status", ["queued", "accepted", "sending", "scheduled"])
def test_in_flight_states_give_no_event(status: str) -> None:
    provider = TwilioProvider(SID, TOKEN, "SalonMaria")

    result = provider.parse_webhook(form_request(status_params(status)))

    assert result.statuses == () and result.inbound == ()


def test_inbound_message_is_read_and_told_apart_from_status() -> None:
    provider = TwilioProvider(SID, TOKEN, "SalonMaria")

    result = provider.parse_webhook(form_request(inbound_params("Stopp bitte")))

    assert result.statuses == ()
    assert result.inbound == (
        InboundSms(sender=TO, text="Stopp bitte", provider_id="SM9d3f4c2b1a0e9d8c7b6a5f4e3d2c1b0a"),
    )


def test_empty_and_repeated_parameters_are_signed_as_sent() -> None:
    """Frameworks may drop empty values from a parsed form; the raw body keeps them."""
    provider = TwilioProvider(SID, TOKEN, "SalonMaria")
    params = status_params("delivered") + [("ErrorCode", ""), ("Tag", "b"), ("Tag", "a")]
    request = form_request(params)
    lossy = WebhookRequest(
        url=request.url,
        method="POST",
        headers=request.headers,
        body=request.body,
        form={k: v for k, v in params if v},
    )

    result = provider.parse_webhook(lossy)

    assert result.statuses[0].status is SmsStatus.DELIVERED
    assert result.statuses[0].error_code is None


@pytest.mark.parametrize(
    "tamper",
    [
        "url_path",
        "url_query",
        "url_scheme",
        "param_value",
        "param_added",
        "param_removed",
        "wrong_token",
        "no_header",
        "garbage_header",
    ],
)
def test_tampered_webhooks_are_rejected(tamper: str) -> None:
    provider = TwilioProvider(SID, TOKEN, "SalonMaria")
    params = status_params("delivered")
    good = form_request(params)
    url, body, headers = good.url, good.body, dict(good.headers)
    if tamper == "url_path":
        url = HOOK_URL.replace("/hooks/twilio", "/hooks/twilio2")
    elif tamper == "url_query":
        url = HOOK_URL + "?salon=2"
    elif tamper == "url_scheme":
        url = HOOK_URL.replace("https://", "http://")
    elif tamper == "param_value":
        body = urlencode([(k, "failed" if k == "MessageStatus" else v) for k, v in params]).encode()
    elif tamper == "param_added":
        body = urlencode(params + [("ErrorCode", "30005")]).encode()
    elif tamper == "param_removed":
        body = urlencode(params[:-1]).encode()
    elif tamper == "wrong_token":
        headers["x-twilio-signature"] = reference_signature("other-token", url, params)
    elif tamper == "no_header":
        del headers["x-twilio-signature"]
    elif tamper == "garbage_header":
        headers["x-twilio-signature"] = "not base64 at all ✓"

    with pytest.raises(SignatureError):
        provider.parse_webhook(
            WebhookRequest(url=url, method="POST", headers=headers, body=body, form=good.form)
        )


def test_json_webhook_with_body_hash_vector() -> None:
    """Twilio's JSON variant: URL with bodySHA256 is signed, the body is hashed."""
    provider = TwilioProvider(SID, "12345", "SalonMaria")
    body = b'{"property": "value", "boolean": true}'
    body_hash = hashlib.sha256(body).hexdigest()
    assert body_hash == "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620"
    url = f"{VECTOR_URL}&bodySHA256={body_hash}"
    headers = {
        "content-type": "application/json",
        "x-twilio-signature": "a9nBmqA0ju/hNViExpshrM61xv4=",
    }

    # Signature and hash check out; the body carries no message fields, which is an error
    # of content, not of signature.
    with pytest.raises(ValueError):
        provider.parse_webhook(WebhookRequest(url, "POST", headers, body, {}))

    with pytest.raises(SignatureError):
        provider.parse_webhook(
            WebhookRequest(url, "POST", headers, body.replace(b"true", b"false"), {})
        )


# ---- TwiML --------------------------------------------------------------------------------
def test_reply_body_is_escaped_twiml() -> None:
    provider = TwilioProvider(SID, TOKEN, "SalonMaria")

    content_type, body = provider.reply_body('Abgemeldet <Salon "Maria" & Co>')

    assert content_type == "text/xml"
    assert body.decode() == (
        '<?xml version="1.0" encoding="UTF-8"?><Response><Message>'
        'Abgemeldet &lt;Salon "Maria" &amp; Co&gt;</Message></Response>'
    )


def test_reply_body_without_text_is_empty_response() -> None:
    content_type, body = TwilioProvider(SID, TOKEN, "SalonMaria").reply_body(None)

    assert content_type == "text/xml"
    assert body == b'<?xml version="1.0" encoding="UTF-8"?><Response/>'
