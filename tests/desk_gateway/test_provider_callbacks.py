"""Provider callbacks as the providers send them, over HTTP into the gateway's app: Twilio's
form-encoded status callbacks and inbound SMS with ``X-Twilio-Signature``, seven.io's JSON
``dlr`` and ``sms_mo`` with ``X-Signature``/``X-Timestamp``/``X-Nonce``, and the generic
signed webhook. Signed ones apply; unsigned, wrongly signed and replayed ones change
nothing. The SMS went out through the real adapters to a fake provider API on loopback.

Signatures are computed here from the providers' documentation, not with the adapters' code.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import hmac
import json
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
import requests
from pytest_httpserver import HTTPServer
from sqlalchemy import func, select

from desk_gateway.context import Gateway
from desk_gateway.db.models import Message, OptOut, WebhookReceipt
from desk_gateway.delivery import DeliveryWorker
from desk_gateway.email_transport import CaptureTransport
from desk_gateway.sms.base import SmsProvider
from desk_gateway.sms.seven import SevenProvider
from desk_gateway.sms.twilio import TwilioProvider
from desk_gateway.sms.webhook import WebhookProvider
from desk_gateway.web.app import create_app

from .conftest import Salon, TestClient
from .live import live_server
from .support import MOBILE, message_item

SID = "AC0123456789abcdef0123456789abcdef"
AUTH_TOKEN = "twilio-auth-token-for-tests"
SEVEN_SECRET = "seven-signing-key-for-tests"
WEBHOOK_SECRET = "webhook-secret-for-tests"


# ---- signatures as documented ----------------------------------------------------------------
def twilio_signature(url: str, params: list[tuple[str, str]]) -> str:
    """https://www.twilio.com/docs/usage/webhooks/webhooks-security: the full URL, then each
    POST parameter sorted by name, name and value appended without separators; HMAC-SHA1
    with the auth token; base64."""
    data = url + "".join(k + v for k, v in sorted(params))
    return base64.b64encode(
        hmac.new(AUTH_TOKEN.encode(), data.encode(), hashlib.sha1).digest()
    ).decode()


def seven_headers(url: str, body: bytes, timestamp: int | None = None) -> dict[str, str]:
    """https://docs.seven.io/en/rest-api/webhooks: HMAC-SHA256 (hex) over timestamp, nonce,
    method, URL and the MD5 of the body, joined by newlines."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    nonce = uuid.uuid4().hex
    signed = "\n".join((stamp, nonce, "POST", url, hashlib.md5(body).hexdigest()))
    signature = hmac.new(SEVEN_SECRET.encode(), signed.encode(), hashlib.sha256).hexdigest()
    return {
        "Content-Type": "application/json",
        "X-Signature": signature,
        "X-Timestamp": stamp,
        "X-Nonce": nonce,
    }


def webhook_headers(body: bytes, timestamp: int | None = None) -> dict[str, str]:
    """desk_gateway/sms/webhook.py, format v1: ``sha256=`` hex HMAC over "<timestamp>." + body."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    mac = hmac.new(WEBHOOK_SECRET.encode(), f"{stamp}.".encode() + body, hashlib.sha256)
    return {
        "Content-Type": "application/json",
        "X-Desk-Timestamp": stamp,
        "X-Desk-Signature": "sha256=" + mac.hexdigest(),
    }


# ---- a gateway with a real provider adapter --------------------------------------------------
@dataclass
class Hooks:
    gw: Gateway
    client: TestClient
    worker: DeliveryWorker
    provider: SmsProvider
    api: HTTPServer
    salon: Salon

    @property
    def url(self) -> str:
        """The public URL the provider calls (what its signature covers)."""
        return self.gw.config.link(f"/hooks/{self.provider.name}")

    def texted(self, to: str = MOBILE) -> tuple[str, str]:
        """Send one SMS through the provider; (customer_ref, provider message id)."""
        item = message_item(channel="sms", to=to, text="Ihr Termin ist morgen um 10:00.")
        response = self.client.post(
            "/v1/messages",
            json={"items": [item]},
            headers={"Authorization": f"Bearer {self.salon.token}"},
        )
        assert response.json()["results"][0]["result"] == "accepted", response.text
        assert self.worker.run_once() == 1
        with self.gw.db.read() as s:
            provider_id = s.scalar(
                select(Message.provider_id).where(Message.client_id == item["client_id"])
            )
        assert provider_id
        return item["customer_ref"], provider_id

    def events(self) -> list[dict[str, Any]]:
        response = self.client.get(
            "/v1/events",
            params={"limit": 500},
            headers={"Authorization": f"Bearer {self.salon.token}"},
        )
        assert response.status_code == 200, response.text
        events: list[dict[str, Any]] = response.json()["events"]
        return events

    def types(self) -> list[str]:
        return [e["type"] for e in self.events()]

    def post(self, body: bytes, headers: dict[str, str], path: str | None = None) -> httpx.Response:
        return self.client.post(
            path or f"/hooks/{self.provider.name}", content=body, headers=headers
        )

    def provider_sends(self) -> int:
        """How many SMS the fake provider API was asked to send."""
        return sum(1 for request, _ in self.api.log if request.method == "POST")

    def opt_outs(self) -> int:
        with self.gw.db.read() as s:
            return int(s.scalar(select(func.count()).select_from(OptOut)) or 0)


def _twilio(api: HTTPServer) -> TwilioProvider:
    sids = iter(f"SM{n:032x}" for n in range(1, 1000))
    api.expect_request(
        f"/2010-04-01/Accounts/{SID}/Messages.json", method="POST"
    ).respond_with_handler(
        lambda _request: _json_response({"sid": next(sids), "status": "queued"}, 201)
    )
    return TwilioProvider(SID, AUTH_TOKEN, "SalonMaria", base_url=api.url_for("/"), timeout=(1, 3))


def _seven(api: HTTPServer) -> SevenProvider:
    ids = iter(range(77000001, 77999999))

    def answer(_request: Any) -> Any:
        message = {"id": str(next(ids)), "parts": 1, "success": True, "error": None}
        return _json_response({"success": "100", "messages": [message]}, 200)

    api.expect_request("/api/sms", method="POST").respond_with_handler(answer)
    return SevenProvider(
        "seven-api-key", "SalonMaria", base_url=api.url_for("/"), signing_secret=SEVEN_SECRET,
        timeout=(1, 3),
    )  # fmt: skip


def _webhook(api: HTTPServer) -> WebhookProvider:
    ids = iter(f"wh-{n}" for n in range(1, 1000))
    api.expect_request("/send", method="POST").respond_with_handler(
        lambda _request: _json_response({"id": next(ids)}, 200)
    )
    return WebhookProvider(api.url_for("/send"), WEBHOOK_SECRET, "SalonMaria", timeout=(1, 3))


def _json_response(payload: dict[str, Any], status: int) -> Any:
    from werkzeug import Response as WerkzeugResponse

    return WerkzeugResponse(json.dumps(payload), status=status, content_type="application/json")


BUILDERS = {"twilio": _twilio, "seven": _seven, "webhook": _webhook}


def make_hooks(kind: str, gw: Gateway, salon: Salon, api: HTTPServer) -> Iterator[Hooks]:
    provider = BUILDERS[kind](api)
    gw = dataclasses.replace(gw, config=dataclasses.replace(gw.config, sms_provider=kind))
    worker = DeliveryWorker(gw, CaptureTransport(gw.db), provider)
    with TestClient(create_app(gw, provider, None, capture_mailbox=False)) as client:
        yield Hooks(gw, client, worker, provider, api, salon)


@pytest.fixture
def twilio(gw: Gateway, salon: Salon, httpserver: HTTPServer) -> Iterator[Hooks]:
    yield from make_hooks("twilio", gw, salon, httpserver)


@pytest.fixture
def seven(gw: Gateway, salon: Salon, httpserver: HTTPServer) -> Iterator[Hooks]:
    yield from make_hooks("seven", gw, salon, httpserver)


@pytest.fixture
def webhook(gw: Gateway, salon: Salon, httpserver: HTTPServer) -> Iterator[Hooks]:
    yield from make_hooks("webhook", gw, salon, httpserver)


def problem_code(response: httpx.Response) -> str:
    assert response.headers["content-type"].startswith("application/problem+json"), response.text
    return str(response.json()["code"])


# ---- Twilio ----------------------------------------------------------------------------------
def twilio_status(provider_id: str, status: str, **extra: str) -> list[tuple[str, str]]:
    """A status callback as Twilio posts it (Messaging, StatusCallback)."""
    params = [
        ("SmsSid", provider_id),
        ("SmsStatus", status),
        ("MessageStatus", status),
        ("To", MOBILE),
        ("MessageSid", provider_id),
        ("AccountSid", SID),
        ("From", "SalonMaria"),
        ("ApiVersion", "2010-04-01"),
    ]
    return params + list(extra.items())


def twilio_inbound(text: str, sid: str | None = None) -> list[tuple[str, str]]:
    """An incoming message as Twilio posts it to the number's webhook."""
    sid = sid or "SM" + uuid.uuid4().hex
    return [
        ("ToCountry", "DE"),
        ("ToState", ""),
        ("SmsMessageSid", sid),
        ("NumMedia", "0"),
        ("ToCity", ""),
        ("FromZip", ""),
        ("SmsSid", sid),
        ("FromState", ""),
        ("SmsStatus", "received"),
        ("FromCity", ""),
        ("Body", text),
        ("FromCountry", "DE"),
        ("To", "+4915799999999"),
        ("ToZip", ""),
        ("NumSegments", "1"),
        ("MessageSid", sid),
        ("AccountSid", SID),
        ("From", MOBILE),
        ("ApiVersion", "2010-04-01"),
    ]


def twilio_post(
    hooks: Hooks, params: list[tuple[str, str]], signature: str | None = ""
) -> httpx.Response:
    headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
    if signature == "":
        signature = twilio_signature(hooks.url, params)
    if signature is not None:
        headers["X-Twilio-Signature"] = signature
    return hooks.post(urlencode(params).encode(), headers)


def test_twilio_status_callbacks_sent_then_delivered_apply(twilio: Hooks) -> None:
    _, provider_id = twilio.texted()

    sent = twilio_post(twilio, twilio_status(provider_id, "sent"))
    delivered = twilio_post(twilio, twilio_status(provider_id, "delivered"))

    assert sent.status_code == 200, sent.text
    assert delivered.status_code == 200, delivered.text
    assert delivered.headers["content-type"].startswith("text/xml")
    assert twilio.types().count("message.delivered") == 1
    with twilio.gw.db.read() as s:
        assert (
            s.scalar(select(Message.status).where(Message.provider_id == provider_id))
            == "delivered"
        )


def test_twilio_undelivered_with_a_dead_number_is_a_bounce(twilio: Hooks) -> None:
    _, provider_id = twilio.texted()

    response = twilio_post(twilio, twilio_status(provider_id, "undelivered", ErrorCode="30005"))

    assert response.status_code == 200, response.text
    (bounce,) = [e for e in twilio.events() if e["type"] == "message.bounced"]
    assert bounce["data"]["error"] == "30005"


@pytest.mark.parametrize(
    "signature",
    [None, "", "bm90IHRoZSBzaWduYXR1cmU=", "wrong-token"],
    ids=["missing", "empty", "garbage", "other-token"],
)
def test_twilio_callbacks_without_a_valid_signature_change_nothing(
    twilio: Hooks, signature: str | None
) -> None:
    _, provider_id = twilio.texted()
    params = twilio_status(provider_id, "undelivered", ErrorCode="30005")
    if signature == "wrong-token":
        data = twilio.url + "".join(k + v for k, v in sorted(params))
        signature = base64.b64encode(
            hmac.new(b"other", data.encode(), hashlib.sha1).digest()
        ).decode()
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if signature is not None:
        headers["X-Twilio-Signature"] = signature
    before = twilio.types()

    response = twilio.post(urlencode(params).encode(), headers)

    assert response.status_code == 403
    assert problem_code(response) == "forbidden"
    assert twilio.types() == before


def test_a_changed_parameter_breaks_the_twilio_signature(twilio: Hooks) -> None:
    _, provider_id = twilio.texted()
    signed = twilio_status(provider_id, "delivered")
    signature = twilio_signature(twilio.url, signed)
    forged = twilio_status(provider_id, "undelivered", ErrorCode="30005")

    response = twilio_post(twilio, forged, signature)

    assert response.status_code == 403
    assert "message.bounced" not in twilio.types()


def test_a_replayed_twilio_callback_is_refused_and_changes_nothing(twilio: Hooks) -> None:
    _, provider_id = twilio.texted()
    delivered = twilio_status(provider_id, "delivered")
    assert twilio_post(twilio, delivered).status_code == 200
    failed = twilio_status(provider_id, "failed", ErrorCode="30008")
    assert twilio_post(twilio, failed).status_code == 200
    before = twilio.types()

    replay = twilio_post(twilio, delivered)

    assert replay.status_code == 409
    assert problem_code(replay) == "replayed"
    assert twilio.types() == before
    with twilio.gw.db.read() as s:
        assert (
            s.scalar(select(Message.status).where(Message.provider_id == provider_id)) == "failed"
        )


def test_a_twilio_stop_opts_out_once_and_a_replay_gets_no_second_reply(twilio: Hooks) -> None:
    customer_ref, _ = twilio.texted()
    stop = twilio_inbound("STOP")

    first = twilio_post(twilio, stop)
    replay = twilio_post(twilio, stop)

    assert first.status_code == 200, first.text
    assert first.headers["content-type"].startswith("text/xml")
    assert b"<Message>" in first.content  # the STOP reply, inline as TwiML
    assert replay.status_code == 409
    assert b"<Message>" not in replay.content
    optouts = [e for e in twilio.events() if e["type"] == "optout.received"]
    assert [e["customer_ref"] for e in optouts] == [customer_ref]
    assert twilio.provider_sends() == 1  # only the SMS itself; TwiML replies need no API call


def test_twilio_retrying_an_inbound_sms_with_a_new_signature_applies_it_once(
    twilio: Hooks,
) -> None:
    """Same MessageSid, other URL (Twilio appends a retry marker): not a replay of the
    request, but the same SMS; no second reply."""
    twilio.texted()
    stop = twilio_inbound("Stopp")
    first = twilio_post(twilio, stop)
    retry_url = twilio.url + "?retry=1"
    retried = twilio.client.post(
        "/hooks/twilio?retry=1",
        content=urlencode(stop).encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Twilio-Signature": twilio_signature(retry_url, stop),
        },
    )

    assert first.status_code == 200 and b"<Message>" in first.content
    assert retried.status_code == 200, retried.text
    assert b"<Message>" not in retried.content
    assert twilio.types().count("optout.received") == 1


def test_a_twilio_answer_text_that_is_not_stop_becomes_an_inbound_event(twilio: Hooks) -> None:
    customer_ref, _ = twilio.texted()

    response = twilio_post(twilio, twilio_inbound("Kann ich auf 11 Uhr verschieben?"))

    assert response.status_code == 200
    (event,) = [e for e in twilio.events() if e["type"] == "sms.inbound"]
    assert event["customer_ref"] == customer_ref
    assert event["data"]["text"] == "Kann ich auf 11 Uhr verschieben?"


# ---- seven.io --------------------------------------------------------------------------------
def seven_dlr(provider_id: str, status: str) -> bytes:
    body = {
        "webhook_event": "dlr",
        "webhook_timestamp": "2026-11-25 09:00:00",
        "data": {"msg_id": provider_id, "status": status, "timestamp": "2026-11-25 09:00:00"},
    }
    return json.dumps(body).encode()


def seven_mo(text: str, sms_id: str | None = None) -> bytes:
    body = {
        "webhook_event": "sms_mo",
        "webhook_timestamp": "2026-11-25 09:01:00",
        "data": {
            "id": sms_id or str(uuid.uuid4().int % 10**9),
            "sender": MOBILE.removeprefix("+"),
            "system": "4915799999999",
            "text": text,
            "time": "1764061260",
        },
    }
    return json.dumps(body).encode()


def test_seven_delivery_reports_apply(seven: Hooks) -> None:
    _, provider_id = seven.texted()

    transmitted = seven.post(
        seven_dlr(provider_id, "TRANSMITTED"),
        seven_headers(seven.url, seven_dlr(provider_id, "TRANSMITTED")),
    )
    body = seven_dlr(provider_id, "DELIVERED")
    delivered = seven.post(body, seven_headers(seven.url, body))

    assert transmitted.status_code == 200, transmitted.text
    assert delivered.status_code == 200, delivered.text
    assert seven.types().count("message.delivered") == 1


def test_a_replayed_seven_report_is_refused(seven: Hooks) -> None:
    _, provider_id = seven.texted()
    body = seven_dlr(provider_id, "DELIVERED")
    headers = seven_headers(seven.url, body)
    assert seven.post(body, headers).status_code == 200
    before = seven.types()

    replay = seven.post(body, headers)
    # The signature is hex: other letter case, same signature, same replay.
    shouted = seven.post(body, {**headers, "X-Signature": headers["X-Signature"].upper()})

    assert replay.status_code == 409 and problem_code(replay) == "replayed"
    assert shouted.status_code == 409
    assert seven.types() == before


def test_a_seven_stop_sends_one_reply_even_when_replayed_or_redelivered(seven: Hooks) -> None:
    customer_ref, _ = seven.texted()
    body = seven_mo("STOP", sms_id="4711")
    headers = seven_headers(seven.url, body)

    first = seven.post(body, headers)
    replay = seven.post(body, headers)
    redelivered = seven.post(body, seven_headers(seven.url, body))  # new nonce, same SMS

    assert first.status_code == 200, first.text
    assert replay.status_code == 409
    assert redelivered.status_code == 200
    assert [e["customer_ref"] for e in seven.events() if e["type"] == "optout.received"] == [
        customer_ref
    ]
    assert seven.provider_sends() == 2  # the SMS, and one STOP reply


@pytest.mark.parametrize(
    "case", ["unsigned", "wrong-secret", "old", "future", "other-url", "changed-body"]
)
def test_seven_callbacks_that_are_not_signed_right_change_nothing(seven: Hooks, case: str) -> None:
    seven.texted()
    body = seven_mo("STOP")
    headers = seven_headers(seven.url, body)
    if case == "unsigned":
        headers = {"Content-Type": "application/json"}
    elif case == "wrong-secret":
        signed = "\n".join(
            (
                headers["X-Timestamp"],
                headers["X-Nonce"],
                "POST",
                seven.url,
                hashlib.md5(body).hexdigest(),
            )
        )
        headers["X-Signature"] = hmac.new(b"other", signed.encode(), hashlib.sha256).hexdigest()
    elif case == "old":
        headers = seven_headers(seven.url, body, timestamp=int(time.time()) - 3600)
    elif case == "future":
        headers = seven_headers(seven.url, body, timestamp=int(time.time()) + 3600)
    elif case == "other-url":
        headers = seven_headers("https://elsewhere.example/hooks/seven", body)
    elif case == "changed-body":
        body = seven_mo("STOPP")

    response = seven.post(body, headers)

    assert response.status_code == 403
    assert seven.opt_outs() == 0
    assert seven.provider_sends() == 1


# ---- the generic webhook ---------------------------------------------------------------------
def test_generic_webhook_status_and_inbound_apply_and_replays_are_refused(webhook: Hooks) -> None:
    customer_ref, provider_id = webhook.texted()
    body = json.dumps(
        [
            {"type": "status", "id": provider_id, "status": "delivered"},
            {"type": "inbound", "id": "in-1", "from": MOBILE, "text": "Abmelden"},
        ]
    ).encode()
    headers = webhook_headers(body)

    first = webhook.post(body, headers)
    replay = webhook.post(body, headers)

    assert first.status_code == 200, first.text
    assert replay.status_code == 409 and problem_code(replay) == "replayed"
    types = webhook.types()
    assert types.count("message.delivered") == 1
    assert types.count("optout.received") == 1
    assert webhook.provider_sends() == 2  # the SMS and one STOP reply


def test_an_inbound_sms_listed_twice_in_one_callback_is_applied_once(webhook: Hooks) -> None:
    webhook.texted()
    stop = {"type": "inbound", "id": "in-7", "from": MOBILE, "text": "STOP"}
    other = {"type": "inbound", "id": "in-8", "from": MOBILE, "text": "Danke!"}
    body = json.dumps([stop, stop, other]).encode()

    response = webhook.post(body, webhook_headers(body))

    assert response.status_code == 200, response.text
    types = webhook.types()
    assert types.count("optout.received") == 1
    assert types.count("sms.inbound") == 1
    assert webhook.provider_sends() == 2  # the SMS and one STOP reply


@pytest.mark.parametrize("case", ["unsigned", "wrong-secret", "old", "changed-body"])
def test_generic_webhooks_that_are_not_signed_right_change_nothing(
    webhook: Hooks, case: str
) -> None:
    _, provider_id = webhook.texted()
    body = json.dumps({"type": "status", "id": provider_id, "status": "bounced"}).encode()
    headers = webhook_headers(body)
    if case == "unsigned":
        headers = {"Content-Type": "application/json"}
    elif case == "wrong-secret":
        mac = hmac.new(b"other", f"{headers['X-Desk-Timestamp']}.".encode() + body, hashlib.sha256)
        headers["X-Desk-Signature"] = "sha256=" + mac.hexdigest()
    elif case == "old":
        headers = webhook_headers(body, timestamp=int(time.time()) - 600)
    elif case == "changed-body":
        body = body.replace(b"bounced", b"failed")
    before = webhook.types()

    response = webhook.post(body, headers)

    assert response.status_code == 403
    assert webhook.types() == before


def test_distinct_signed_callbacks_keep_applying_and_receipts_are_kept(webhook: Hooks) -> None:
    _, provider_id = webhook.texted()
    for status in ("sent", "delivered"):
        body = json.dumps({"type": "status", "id": provider_id, "status": status}).encode()
        assert webhook.post(body, webhook_headers(body)).status_code == 200

    assert webhook.types().count("message.delivered") == 1
    with webhook.gw.db.read() as s:
        assert s.scalar(select(func.count()).select_from(WebhookReceipt)) == 2


# ---- nothing a caller sends gives a 500 ------------------------------------------------------
GARBAGE = {
    "empty": (b"", "application/json"),
    "not-utf8": (b"\xff\xfe\x00garbage\xc3\x28", "application/json"),
    "not-utf8-form": (b"Body=\xff\xfe&From=%2B49", "application/x-www-form-urlencoded"),
    "deep-json": (b"[" * 100_000 + b"]" * 100_000, "application/json"),
    "json-scalar": (b"42", "application/json"),
    "json-list-of-scalars": (b"[1, 2, 3]", "application/json"),
    "xml": (b"<?xml version='1.0'?><a/>", "text/xml"),
    "multipart": (
        b'--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--',
        "multipart/form-data; boundary=x",
    ),
    "no-content-type": (b"a=b", ""),
    "nul-bytes": (b"\x00" * 1000, "application/octet-stream"),
}


@pytest.mark.parametrize("kind", ["twilio", "seven", "webhook"])
@pytest.mark.parametrize("garbage", list(GARBAGE), ids=list(GARBAGE))
@pytest.mark.parametrize("signed", [False, True], ids=["unsigned", "signed"])
def test_garbage_callbacks_are_refused_never_a_server_error(
    gw: Gateway, salon: Salon, httpserver: HTTPServer, kind: str, garbage: str, signed: bool
) -> None:
    """Signed garbage (a provider bug, or a leaked secret) must not crash either."""
    body, content_type = GARBAGE[garbage]
    for hooks in make_hooks(kind, gw, salon, httpserver):
        headers = {"Content-Type": content_type} if content_type else {}
        if signed and kind == "seven":
            headers = {**seven_headers(hooks.url, body), **headers}
        elif signed and kind == "webhook":
            headers = {**webhook_headers(body), **headers}
        elif signed:
            headers["X-Twilio-Signature"] = twilio_signature(hooks.url, [])

        response = hooks.post(body, headers)

        assert response.status_code in (400, 403), response.text
        assert problem_code(response) in ("invalid_request", "forbidden")


@pytest.mark.parametrize("kind", ["twilio", "seven", "webhook"])
def test_other_providers_hooks_do_not_exist(
    gw: Gateway, salon: Salon, httpserver: HTTPServer, kind: str
) -> None:
    for hooks in make_hooks(kind, gw, salon, httpserver):
        others = [p for p in ("twilio", "seven", "webhook", "capture", "none") if p != kind]
        for other in others:
            response = hooks.post(b"{}", {"Content-Type": "application/json"}, f"/hooks/{other}")
            assert response.status_code == 404, other


# ---- over a real socket ---------------------------------------------------------------------
def test_a_twilio_form_callback_over_a_real_socket(
    gw: Gateway, salon: Salon, httpserver: HTTPServer
) -> None:
    """As Twilio sends it: a form POST through uvicorn (form parsing once answered 500)."""
    for hooks in make_hooks("twilio", gw, salon, httpserver):
        customer_ref, provider_id = hooks.texted()
        with live_server(hooks.client.app) as url:
            params = twilio_status(provider_id, "delivered")
            answer = requests.post(
                f"{url}/hooks/twilio",
                data=params,  # requests form-encodes it, as Twilio does
                headers={"X-Twilio-Signature": twilio_signature(hooks.url, params)},
                timeout=10,
            )
            stop = twilio_inbound("STOP")
            stopped = requests.post(
                f"{url}/hooks/twilio",
                data=stop,
                headers={"X-Twilio-Signature": twilio_signature(hooks.url, stop)},
                timeout=10,
            )

        assert answer.status_code == 200, answer.text
        assert stopped.status_code == 200 and "<Message>" in stopped.text
        types = hooks.types()
        assert types.count("message.delivered") == 1
        assert [e["customer_ref"] for e in hooks.events() if e["type"] == "optout.received"] == [
            customer_ref
        ]
