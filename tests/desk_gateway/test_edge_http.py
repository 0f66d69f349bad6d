"""The gateway's front door over HTTP: bodies capped before parsing, the token checked before
the body is read, wrong tokens throttled, long-polls capped, security headers on every
answer, the client address believed from X-Forwarded-For only for trusted proxies, opt-outs
never rate-limited, and no input that gives a server error."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import ipaddress
import re
import threading
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import pytest
import requests
from sqlalchemy import select

from desk_gateway.context import Gateway
from desk_gateway.db.models import ConsentRequest
from desk_gateway.delivery import DeliveryWorker
from desk_gateway.email_transport import CaptureTransport
from desk_gateway.sms.capture import CaptureProvider
from desk_gateway.web.app import create_app
from desk_gateway.web.client import client_address
from tests.conftest import Clock

from .conftest import Salon, TestClient, serve
from .live import live_server, raw_request
from .support import Harness, consent_body, links_in, message_item, one_link

FAKE_TOKEN = "x" * 43


def configured(gw: Gateway, **changes: Any) -> Gateway:
    return dataclasses.replace(gw, config=dataclasses.replace(gw.config, **changes))


def proxies(*entries: str) -> tuple[Any, ...]:
    return tuple(ipaddress.ip_network(e) for e in entries)


def auth(salon: Salon) -> dict[str, str]:
    return {"Authorization": f"Bearer {salon.token}"}


# ---- body cap --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("method", "path"),
    [("post", "/v1/messages"), ("post", "/hooks/capture"), ("post", "/u/some-token")],
)
def test_a_declared_body_over_the_cap_is_refused_with_413(
    gw: Gateway, salon: Salon, method: str, path: str
) -> None:
    with serve(configured(gw, max_body_bytes=1000), CaptureProvider()) as client:
        response = client.request(
            method,
            path,
            content=b"{" + b" " * 2000 + b"}",
            headers={**auth(salon), "Content-Type": "application/json"},
        )

    assert response.status_code == 413
    assert response.json()["code"] == "payload_too_large"


def test_a_chunked_body_over_the_cap_is_refused_with_413(gw: Gateway, salon: Salon) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"items": ['
        for _ in range(50):
            yield b" " * 100
        yield b"]}"

    with serve(configured(gw, max_body_bytes=1000), CaptureProvider()) as client:
        response = client.post(
            "/v1/messages",
            content=chunks(),
            headers={**auth(salon), "Content-Type": "application/json"},
        )
        small = client.post("/v1/messages", json={"items": [message_item()]}, headers=auth(salon))

    assert "content-length" not in {k.lower() for k in response.request.headers}
    assert response.status_code == 413
    assert response.json()["code"] == "payload_too_large"
    assert small.status_code == 200


def test_the_default_cap_is_one_megabyte(harness: Harness) -> None:
    big = {"items": [message_item(text="x" * 600_000), message_item(text="y" * 600_000)]}

    response = harness.client.post("/v1/messages", json=big, headers=harness.auth())

    assert response.status_code == 413
    assert harness.events() == []


def test_a_chunked_body_without_length_over_the_cap_is_refused_on_a_real_socket(
    gw: Gateway, salon: Salon
) -> None:
    app = create_app(configured(gw, max_body_bytes=1000), CaptureProvider(), None)
    with live_server(app) as url:
        chunk = b"x" * 600
        request = (
            b"POST /hooks/capture HTTP/1.1\r\nHost: gw\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
            + b"".join(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n" for _ in range(3))
            + b"0\r\n\r\n"
        )
        answer = raw_request(url, request)

    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]


# ---- authentication before the body ----------------------------------------------------------
def test_a_wrong_token_is_unauthorized_before_the_body_is_parsed(harness: Harness) -> None:
    response = harness.client.post(
        "/v1/messages",
        content=b"{this is not json",
        headers={"Authorization": f"Bearer {FAKE_TOKEN}", "Content-Type": "application/json"},
    )

    assert response.status_code == 401  # not 422: the body was never looked at
    assert response.headers["www-authenticate"] == "Bearer"


def test_a_wrong_token_is_answered_without_waiting_for_the_body(gw: Gateway) -> None:
    """Headers announce half a megabyte that never comes: the answer comes anyway."""
    app = create_app(gw, CaptureProvider(), None)
    with live_server(app) as url:
        started = time.monotonic()
        answer = raw_request(
            url,
            b"POST /v1/messages HTTP/1.1\r\nHost: gw\r\nContent-Type: application/json\r\n"
            b"Authorization: Bearer " + FAKE_TOKEN.encode() + b"\r\n"
            b"Content-Length: 500000\r\n\r\n",
            timeout=5,
        )
        took = time.monotonic() - started

    assert answer.startswith(b"HTTP/1.1 401"), answer[:200]
    assert took < 4


def test_failed_tokens_are_throttled_per_client_address(gw: Gateway, salon: Salon) -> None:
    """Behind a trusted proxy the client address comes from X-Forwarded-For: the attacker's
    address is locked out (even with a right token), the salon's is not."""
    limited = configured(gw, auth_failures_per_minute=5, trusted_proxies=proxies("127.0.0.1/32"))
    app = create_app(limited, CaptureProvider(), None)
    attacker = {"X-Forwarded-For": "203.0.113.66"}
    with live_server(app) as url:
        tries = [
            requests.get(
                f"{url}/v1/events",
                headers={**attacker, "Authorization": f"Bearer guess-{n}"},
                timeout=5,
            )
            for n in range(6)
        ]
        right_token_from_attacker = requests.get(
            f"{url}/v1/events", headers={**attacker, **auth(salon)}, timeout=5
        )
        salon_answer = requests.get(
            f"{url}/v1/events",
            headers={"X-Forwarded-For": "198.51.100.10", **auth(salon)},
            timeout=5,
        )

    assert [r.status_code for r in tries] == [401] * 5 + [429]
    assert 1 <= int(tries[-1].headers["Retry-After"]) <= 60
    assert tries[-1].json()["code"] == "too_many_requests"
    assert right_token_from_attacker.status_code == 429
    assert salon_answer.status_code == 200


def test_failed_tokens_without_a_trusted_proxy_count_for_the_peer_whatever_the_header(
    gw: Gateway, salon: Salon
) -> None:
    app = create_app(configured(gw, auth_failures_per_minute=3), CaptureProvider(), None)
    with TestClient(app, client=("192.0.2.5", 4000)) as client:
        statuses = [
            client.get(
                "/v1/events",
                headers={"Authorization": "Bearer nope", "X-Forwarded-For": f"10.0.0.{n}"},
            ).status_code
            for n in range(4)
        ]

    assert statuses == [401, 401, 401, 429]


# ---- long-polls ------------------------------------------------------------------------------
def test_long_polls_per_token_are_capped(gw: Gateway, salon: Salon) -> None:
    app = create_app(configured(gw, long_polls_per_token=2), CaptureProvider(), None)
    results: list[int] = []

    def poll(url: str) -> None:
        answer = requests.get(
            f"{url}/v1/events", params={"wait": 2}, headers=auth(salon), timeout=10
        )
        results.append(answer.status_code)

    with live_server(app) as url:
        waiting = [threading.Thread(target=poll, args=(url,)) for _ in range(2)]
        for thread in waiting:
            thread.start()
        time.sleep(0.5)
        third = requests.get(
            f"{url}/v1/events", params={"wait": 2}, headers=auth(salon), timeout=10
        )
        quick = requests.get(f"{url}/v1/events", headers=auth(salon), timeout=10)
        for thread in waiting:
            thread.join()
        after = requests.get(
            f"{url}/v1/events", params={"wait": 0.2}, headers=auth(salon), timeout=10
        )

    assert third.status_code == 429
    assert third.json()["code"] == "too_many_requests"
    assert int(third.headers["Retry-After"]) >= 1
    assert quick.status_code == 200  # only waiting requests count
    assert results == [200, 200]
    assert after.status_code == 200  # the places are free again


# ---- security headers ------------------------------------------------------------------------
def style_hash(html: str) -> str:
    (style,) = re.findall(r"<style>(.*?)</style>", html, re.S)
    return "sha256-" + base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()


def test_pages_send_the_security_headers(harness: Harness) -> None:
    request = harness.request_consent()
    harness.deliver()
    token = harness.confirm_token(request["body"]["address"])

    page = harness.get_page(f"/c/{token}")
    missing = harness.get_page("/u/not-a-token")

    for response in (page, missing):
        csp = response.headers["content-security-policy"]
        directives = {d.split()[0]: d.split()[1:] for d in csp.split("; ")}
        assert directives["default-src"] == ["'none'"]
        assert directives["frame-ancestors"] == ["'none'"]
        assert directives["form-action"] == ["'self'"]
        # The page's only style sheet is the one the policy allows, by its hash.
        assert directives["style-src"] == [f"'{style_hash(response.text)}'"]
        assert "script-src" not in directives
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["cache-control"] == "no-store"
        assert response.headers["referrer-policy"] == "no-referrer"
    assert page.status_code == 200 and missing.status_code == 404
    assert '<form method="post">' in page.text  # posts to itself: form-action 'self'
    assert " style=" not in page.text  # no inline style attribute the policy would block


def test_api_answers_are_not_cached_or_sniffed(harness: Harness) -> None:
    response = harness.client.get("/v1/events", headers=harness.auth())

    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-content-type-options"] == "nosniff"


# ---- the mailbox (demo) ----------------------------------------------------------------------
class Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.anchors: list[list[tuple[str, str | None]]] = []
        self.attributes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes.update(name for name, _ in attrs)
        if tag == "a":
            self.anchors.append(attrs)


def test_a_url_that_is_a_prefix_of_another_cannot_break_out_of_the_link(harness: Harness) -> None:
    """Stored XSS through string replacement: the shorter URL was replaced inside the longer
    one's href, which closed the attribute and made the rest an event handler."""
    prefix = "https://e.example/onmouseover=alert(document.domain)//"
    text = f"Neu: {prefix}x und {prefix} <script>alert(1)</script>"
    harness.submit(text=text)
    harness.deliver()

    page = harness.client.get("/mailbox")

    parser = Anchors()
    parser.feed(page.text)
    hrefs = [
        attrs for attrs in parser.anchors if attrs and attrs[0][1] and "e.example" in attrs[0][1]
    ]
    assert [attrs for attrs in hrefs] == [[("href", prefix + "x")], [("href", prefix)]]
    assert "onmouseover" not in parser.attributes
    assert "<script>" not in page.text


def test_mailbox_links_stay_clickable(harness: Harness) -> None:
    harness.submit(text="Termin bestätigt: https://salon.example/t?a=1&b=2. Bis bald!")
    harness.deliver()

    page = harness.client.get("/mailbox")

    parser = Anchors()
    parser.feed(page.text)
    assert [("href", "https://salon.example/t?a=1&b=2")] in parser.anchors


# ---- the client address ----------------------------------------------------------------------
SCOPE_CASES = [
    # (peer, X-Forwarded-For, trusted, expected)
    ("192.0.2.1", "203.0.113.9", (), "192.0.2.1"),
    ("127.0.0.1", "203.0.113.9", (), "127.0.0.1"),
    ("127.0.0.1", "203.0.113.9", ("127.0.0.1/32",), "203.0.113.9"),
    ("127.0.0.1", "6.6.6.6, 203.0.113.9", ("127.0.0.1/32",), "203.0.113.9"),
    ("127.0.0.1", "6.6.6.6, 203.0.113.9, 10.1.2.3", ("127.0.0.1/32", "10.0.0.0/8"), "203.0.113.9"),
    ("127.0.0.1", "10.1.2.3", ("127.0.0.1/32", "10.0.0.0/8"), "10.1.2.3"),
    ("127.0.0.1", "not-an-ip, 10.1.2.3", ("127.0.0.1/32", "10.0.0.0/8"), "10.1.2.3"),
    ("127.0.0.1", "[2001:db8::7]:4711", ("127.0.0.1/32",), "2001:db8::7"),
    ("127.0.0.1", "203.0.113.9:4711", ("127.0.0.1/32",), "203.0.113.9"),
    ("::ffff:127.0.0.1", "203.0.113.9", ("127.0.0.1/32",), "203.0.113.9"),
    ("192.0.2.1", "", ("127.0.0.1/32",), "192.0.2.1"),
]


@pytest.mark.parametrize(("peer", "forwarded", "trusted", "expected"), SCOPE_CASES)
def test_the_client_address_trusts_forwarded_for_only_from_trusted_proxies(
    peer: str, forwarded: str, trusted: tuple[str, ...], expected: str
) -> None:
    headers = [(b"x-forwarded-for", forwarded.encode())] if forwarded else []
    scope = {"client": (peer, 5555), "headers": headers}

    assert client_address(scope, proxies(*trusted)) == expected


def deliver(gw: Gateway) -> None:
    DeliveryWorker(gw, CaptureTransport(gw.db), CaptureProvider()).run_once()


def confirm_through(client: TestClient, gw: Gateway, salon: Salon, forwarded: str) -> str | None:
    body = consent_body(Clock(gw.clock()))
    assert client.post("/v1/consent-requests", json=body, headers=auth(salon)).status_code == 200
    deliver(gw)
    (token,) = set(links_in(client.get("/mailbox").text, "c"))
    confirmed = client.post(f"/c/{token}", headers={"X-Forwarded-For": forwarded})
    assert confirmed.status_code == 200
    with gw.db.read() as s:
        return s.scalar(
            select(ConsentRequest.confirm_ip).where(ConsentRequest.request_id == body["request_id"])
        )


def test_a_spoofed_forwarded_for_does_not_become_the_consent_proof(
    gw: Gateway, salon: Salon
) -> None:
    app = create_app(gw, CaptureProvider(), None)
    with TestClient(app, client=("192.0.2.44", 4000)) as client:
        proof = confirm_through(client, gw, salon, "203.0.113.1")

    assert proof == "192.0.2.44"


def test_behind_a_trusted_proxy_the_consent_proof_has_the_customers_address(
    gw: Gateway, salon: Salon
) -> None:
    behind = configured(gw, trusted_proxies=proxies("10.0.0.0/8"))
    app = create_app(behind, CaptureProvider(), None)
    with TestClient(app, client=("10.0.0.2", 4000)) as client:
        proof = confirm_through(client, behind, salon, "6.6.6.6, 203.0.113.1")

    assert proof == "203.0.113.1"  # the left part is the customer's to invent


def test_a_spoofed_forwarded_for_does_not_escape_the_page_rate_limit(gw: Gateway) -> None:
    app = create_app(configured(gw, page_rate_per_minute=3), CaptureProvider(), None)
    with TestClient(app, client=("192.0.2.9", 4000)) as client:
        statuses = [
            client.get("/u/some-token", headers={"X-Forwarded-For": f"198.51.100.{n}"}).status_code
            for n in range(4)
        ]

    assert statuses == [404, 404, 404, 429]


def test_the_consent_proof_from_a_real_socket_is_the_peer(gw: Gateway, salon: Salon) -> None:
    """uvicorn's own proxy-header handling (which believes 127.0.0.1) is off."""
    app = create_app(gw, CaptureProvider(), None)
    with live_server(app) as url, TestClient(app) as helper:
        body = consent_body(Clock(gw.clock()))
        answer = requests.post(
            f"{url}/v1/consent-requests", json=body, headers=auth(salon), timeout=5
        )
        assert answer.ok, answer.text
        deliver(gw)
        (token,) = set(links_in(helper.get("/mailbox").text, "c"))
        confirmed = requests.post(
            f"{url}/c/{token}", headers={"X-Forwarded-For": "203.0.113.1"}, timeout=5
        )
    assert confirmed.status_code == 200
    with gw.db.read() as s:
        proof = s.scalar(
            select(ConsentRequest.confirm_ip).where(ConsentRequest.request_id == body["request_id"])
        )
    assert proof == "127.0.0.1"


# ---- opt-outs are never refused --------------------------------------------------------------
def test_200_one_click_unsubscribes_from_one_address_in_a_minute_are_all_recorded(
    harness: Harness,
) -> None:
    """A mail provider posts RFC 8058 one-clicks for its users from a few shared addresses;
    the page limit (60 a minute) must not drop a single opt-out."""
    items = [message_item(to=f"kundin{n}@example.de") for n in range(200)]
    harness.post_messages(items[:100])
    harness.post_messages(items[100:])
    harness.deliver()
    harness.deliver()
    tokens = [one_link(mail.text, "u") for mail in harness.emails()]
    assert len(tokens) == 200
    seen = harness.last_seq()

    answers = [
        harness.client.post(
            f"/u/{token}",
            content=b"List-Unsubscribe=One-Click",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        for token in tokens
    ]

    assert [a.status_code for a in answers] == [200] * 200
    optouts = [e for e in harness.events(after=seen) if e["type"] == "optout.received"]
    assert len(optouts) == 200
    assert {e["data"]["via"] for e in optouts} == {"one_click"}
    assert {e["customer_ref"] for e in optouts} == {i["customer_ref"] for i in items}
    # The pages themselves stay limited (60 a minute by default).
    pages = [harness.client.get(f"/u/{tokens[0]}").status_code for _ in range(61)]
    assert pages == [200] * 60 + [429]


def test_a_multipart_one_click_counts_as_one_click(harness: Harness) -> None:
    harness.submit()
    harness.deliver()
    token = one_link(harness.emails()[-1].text, "u")

    response = harness.client.post(f"/u/{token}", files={"List-Unsubscribe": (None, "One-Click")})

    assert response.status_code == 200
    (optout,) = [e for e in harness.events() if e["type"] == "optout.received"]
    assert optout["data"]["via"] == "one_click"


def test_the_page_form_post_counts_as_link(harness: Harness) -> None:
    harness.submit()
    harness.deliver()
    token = one_link(harness.emails()[-1].text, "u")

    response = harness.post_page(f"/u/{token}", data={"unsubscribe": "1"})

    assert response.status_code == 200
    (optout,) = [e for e in harness.events() if e["type"] == "optout.received"]
    assert optout["data"]["via"] == "link"


# ---- no input gives a server error -----------------------------------------------------------
@pytest.mark.parametrize(
    "path",
    [
        "/v1/events?wait=nan",
        "/v1/events?wait=inf",
        "/v1/events?wait=1e309",
        "/v1/events?limit=99999999999999999999999",
        "/v1/events?wait=-0.5",
    ],
)
def test_query_parameters_out_of_range_are_invalid_requests(harness: Harness, path: str) -> None:
    response = harness.client.get(path, headers=harness.auth())

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_request"


@pytest.mark.parametrize("ref", ["%00", "a%0Ab", "x" * 65])
@pytest.mark.parametrize("action", ["get:export", "post:erase"])
def test_a_customer_reference_with_control_characters_is_an_invalid_request(
    harness: Harness, ref: str, action: str
) -> None:
    method, name = action.split(":")
    response = harness.client.request(method, f"/v1/customers/{ref}/{name}", headers=harness.auth())

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_request"


@pytest.mark.parametrize(
    "path",
    [
        "/c/x?lang=" + "de" * 5000,
        "/u/" + "a" * 5000,
        "/u/%00%ff",
        "/c/%E2%80%A8",
        "/u/..%2f..%2fetc",
    ],
)
def test_odd_page_paths_are_not_found_not_errors(harness: Harness, path: str) -> None:
    response = harness.client.get(path)

    assert response.status_code == 404


def test_bad_content_length_is_a_bad_request(gw: Gateway) -> None:
    app = create_app(gw, CaptureProvider(), None)
    with live_server(app) as url:
        answer = raw_request(
            url, b"POST /u/x HTTP/1.1\r\nHost: gw\r\nContent-Length: 12abc\r\n\r\n", timeout=3
        )

    assert answer.startswith(b"HTTP/1.1 400"), answer[:100]


def test_huge_headers_are_refused_without_a_server_error(gw: Gateway) -> None:
    app = create_app(gw, CaptureProvider(), None)
    with live_server(app) as url:
        answer = raw_request(
            url,
            b"GET /healthz HTTP/1.1\r\nHost: gw\r\nX-Big: " + b"a" * 200_000 + b"\r\n\r\n",
            timeout=5,
        )
        still_up = requests.get(f"{url}/healthz", timeout=5)

    status = answer[9:12]
    assert status != b"500"
    assert answer == b"" or status.startswith(b"4"), answer[:100]
    assert still_up.status_code == 200


def test_hook_and_page_methods_that_do_not_exist_are_problems(harness: Harness) -> None:
    assert harness.client.get("/hooks/capture").status_code == 405
    assert harness.client.put("/u/x").status_code == 405
    assert harness.client.delete("/v1/messages", headers=harness.auth()).status_code == 405


def test_the_openapi_description_is_off_by_default(gw: Gateway) -> None:
    with serve(gw, CaptureProvider()) as client:
        closed = [client.get(p).status_code for p in ("/docs", "/redoc", "/openapi.json")]
    with serve(configured(gw, docs=True), CaptureProvider()) as client:
        opened = [client.get(p).status_code for p in ("/docs", "/redoc", "/openapi.json")]

    assert closed == [404, 404, 404]
    assert opened == [200, 200, 200]
