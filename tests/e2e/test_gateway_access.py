"""The running gateway refuses strangers: bad tokens get 401, bad links get 404."""

from __future__ import annotations

import re

import pytest
import requests

from tests.e2e.conftest import GatewayProcess, Mailbox

pytestmark = pytest.mark.slow


def _consent_request(gateway: GatewayProcess) -> requests.Response:
    return gateway.api(
        "POST",
        "/v1/consent-requests",
        {
            "request_id": "req-1",
            "customer_ref": "cust-1",
            "channel": "email",
            "address": "anna@example.org",
            "statement": {"version": "2026-11", "text": "Ich willige ein."},
            "source": {"kind": "phone", "staff": "Tanja"},
            "declared_at": "2026-11-27T10:00:00+00:00",
            "salon_name": "Haarwerk Müller",
        },
    )


@pytest.mark.parametrize("header", [None, "Bearer wrong-token", "Basic abc", "Bearer "])
def test_requests_without_a_valid_token_get_401(
    gateway: GatewayProcess, header: str | None
) -> None:
    headers = {"Authorization": header} if header is not None else {}
    for method, path in (("GET", "/v1/events"), ("POST", "/v1/messages")):
        answer = requests.request(method, gateway.url + path, headers=headers, json={}, timeout=10)
        assert answer.status_code == 401
        assert answer.headers["content-type"].startswith("application/problem+json")
        assert answer.json()["code"] == "unauthorized"


def test_forged_confirmation_tokens_get_404_and_change_nothing(
    gateway: GatewayProcess, mailbox: Mailbox
) -> None:
    assert _consent_request(gateway).json()["result"] == "accepted"
    [mail] = mailbox.wait_for(1)
    body = mail.get_body(preferencelist=("plain",))
    assert body is not None
    link = re.search(r"http://127\.0\.0\.1:\d+/c/([A-Za-z0-9_-]+)", str(body.get_content()))
    assert link
    token = link.group(1)
    flipped = token[:-1] + ("A" if token[-1] != "A" else "B")
    before = gateway.api("GET", "/v1/events?after=0").json()["last_seq"]
    for forged in (flipped, "x" * len(token), token[:-3]):
        for method in ("GET", "POST"):
            answer = requests.request(method, f"{gateway.url}/c/{forged}", timeout=10)
            assert answer.status_code == 404
    assert gateway.api("GET", "/v1/events?after=0").json()["last_seq"] == before
    # The real token still works afterwards.
    assert requests.post(f"{gateway.url}/c/{token}", timeout=10).status_code == 200
