"""The API's front door: bearer tokens, RFC 9457 problems, validation and rate limits."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy import update

from desk_gateway.context import Gateway
from desk_gateway.db.models import Installation
from desk_gateway.sms.capture import CaptureProvider

from .conftest import Salon, serve
from .support import Harness, message_item


def assert_problem(response: httpx.Response, status: int, code: str) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, object] = response.json()
    assert body["code"] == code
    assert body["status"] == status
    return body


API_CALLS = [
    ("post", "/v1/messages", {"items": [message_item()]}),
    ("get", "/v1/events", None),
    ("get", "/v1/customers/c-1/export", None),
    ("post", "/v1/customers/c-1/erase", None),
]


@pytest.mark.parametrize(("method", "path", "body"), API_CALLS, ids=[c[1] for c in API_CALLS])
def test_requests_without_a_token_are_unauthorized(
    harness: Harness, method: str, path: str, body: object
) -> None:
    response = harness.client.request(method, path, json=body)

    assert_problem(response, 401, "unauthorized")
    assert harness.events() == []


@pytest.mark.parametrize(
    "header",
    ["Bearer not-a-token", "Bearer ", "Basic dXNlcjpwYXNz", "bearer-without-space"],
)
def test_wrong_tokens_are_unauthorized(harness: Harness, header: str) -> None:
    response = harness.client.post(
        "/v1/messages",
        json={"items": [message_item()]},
        headers={"Authorization": header},
    )

    assert_problem(response, 401, "unauthorized")
    assert harness.events() == []


def test_the_token_of_another_scheme_is_not_accepted(harness: Harness) -> None:
    response = harness.client.get("/v1/events", headers={"Authorization": f"Token {harness.token}"})

    assert_problem(response, 401, "unauthorized")


def test_a_revoked_token_is_unauthorized(harness: Harness) -> None:
    assert harness.client.get("/v1/events", headers=harness.auth()).status_code == 200
    with harness.gw.db.write() as s:
        s.execute(
            update(Installation)
            .where(Installation.id == harness.installation_id)
            .values(revoked_at=datetime(2026, 11, 1, tzinfo=UTC))
        )

    response = harness.client.post(
        "/v1/messages", json={"items": [message_item()]}, headers=harness.auth()
    )

    assert_problem(response, 401, "unauthorized")
    with harness.gw.db.write() as s:
        s.execute(
            update(Installation)
            .where(Installation.id == harness.installation_id)
            .values(revoked_at=None)
        )
    assert harness.events() == []


@pytest.mark.parametrize(
    "body",
    [
        {"items": []},
        {"messages": [message_item()]},
        {"items": "x"},
        {"items": [message_item(), "not an object"]},
        {"items": [message_item(), None]},
        [message_item()],
    ],
    ids=["no-items", "wrong-key", "items-not-a-list", "item-not-an-object", "null-item", "list"],
)
def test_an_invalid_envelope_is_invalid_request(harness: Harness, body: object) -> None:
    """Only the envelope is checked as a whole: a list of 1-100 objects under "items"."""
    response = harness.client.post("/v1/messages", json=body, headers=harness.auth())

    assert_problem(response, 422, "invalid_request")
    assert harness.events() == []


@pytest.mark.parametrize(
    ("item", "fields"),
    [
        (message_item(channel="fax"), "channel"),
        (message_item(category="newsletter"), "category"),
        ({k: v for k, v in message_item().items() if k != "to"}, "to"),
        (message_item(text=""), "text"),
        (message_item(not_after="2026-12-01T10:00:00"), "not_after"),  # no offset
        (message_item(client_id="x" * 65), "client_id"),
    ],
    ids=["channel", "category", "missing-to", "empty-text", "naive-time", "long-id"],
)
def test_an_invalid_item_is_rejected_alone(harness: Harness, item: dict, fields: str) -> None:
    good = message_item()

    results = harness.post_messages([good, item])

    assert results[0] == {"client_id": good["client_id"], "result": "accepted"}
    client_id = item.get("client_id")
    assert results[1] == {
        "client_id": client_id if client_id and len(client_id) <= 64 else None,
        "index": 1,
        "result": "rejected",
        "code": "invalid_item",
        "detail": fields,
    }
    assert harness.event_types() == ["message.accepted"]


def test_not_json_is_invalid_request(harness: Harness) -> None:
    response = harness.client.post(
        "/v1/messages",
        content=b"{not json",
        headers={**harness.auth(), "Content-Type": "application/json"},
    )

    assert_problem(response, 422, "invalid_request")


def test_a_batch_of_100_is_taken_but_101_is_refused(harness: Harness) -> None:
    too_many = [message_item() for _ in range(101)]
    response = harness.client.post("/v1/messages", json={"items": too_many}, headers=harness.auth())

    assert_problem(response, 422, "invalid_request")
    assert harness.events() == []

    results = harness.post_messages(too_many[:100])
    assert [r["result"] for r in results] == ["accepted"] * 100
    assert [r["client_id"] for r in results] == [i["client_id"] for i in too_many[:100]]


def test_invalid_consent_request_is_invalid_request(harness: Harness) -> None:
    response = harness.client.post(
        "/v1/consent-requests",
        json={"request_id": "r-1", "channel": "email", "address": "a@example.de"},
        headers=harness.auth(),
    )

    assert_problem(response, 422, "invalid_request")


@pytest.mark.parametrize(
    "params", [{"limit": 0}, {"limit": 501}, {"after": -1}, {"wait": 31}, {"after": "x"}]
)
def test_invalid_event_queries_are_invalid_request(
    harness: Harness, params: dict[str, object]
) -> None:
    response = harness.client.get("/v1/events", params=params, headers=harness.auth())

    assert_problem(response, 422, "invalid_request")


def test_unknown_paths_are_not_found_problems(harness: Harness) -> None:
    response = harness.client.get("/v1/nothing-here", headers=harness.auth())

    assert_problem(response, 404, "not_found")


def test_health_needs_no_token(harness: Harness) -> None:
    response = harness.client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


# ---- rate limits -----------------------------------------------------------------------------
def limited(gw: Gateway, **limits: int) -> Gateway:
    return dataclasses.replace(gw, config=dataclasses.replace(gw.config, **limits))


def test_api_rate_limit_is_per_token(
    gw: Gateway, make_installation: Callable[[str], Salon], capture_sms: CaptureProvider
) -> None:
    first = make_installation("Haarwerk")
    second = make_installation("Kamm & Schere")
    with serve(limited(gw, api_rate_per_minute=3), capture_sms) as client:
        headers = {"Authorization": f"Bearer {first.token}"}
        for _ in range(3):
            assert client.get("/v1/events", headers=headers).status_code == 200

        response = client.get("/v1/events", headers=headers)
        other = client.get("/v1/events", headers={"Authorization": f"Bearer {second.token}"})

    assert_problem(response, 429, "too_many_requests")
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    assert other.status_code == 200


def test_api_rate_limit_also_stops_writes(
    gw: Gateway, salon: Salon, capture_sms: CaptureProvider
) -> None:
    with serve(limited(gw, api_rate_per_minute=2), capture_sms) as client:
        headers = {"Authorization": f"Bearer {salon.token}"}
        for _ in range(2):
            client.get("/v1/events", headers=headers)
        response = client.post("/v1/messages", json={"items": [message_item()]}, headers=headers)

    assert_problem(response, 429, "too_many_requests")
    assert int(response.headers["Retry-After"]) >= 1


def test_page_rate_limit_answers_429_with_retry_after(
    gw: Gateway, salon: Salon, capture_sms: CaptureProvider
) -> None:
    with serve(limited(gw, page_rate_per_minute=3), capture_sms) as client:
        statuses = [client.get("/u/some-token").status_code for _ in range(3)]
        response = client.get("/u/some-token")
        also_confirm = client.post("/c/some-token")
        api = client.get("/v1/events", headers={"Authorization": f"Bearer {salon.token}"})

    assert statuses == [404, 404, 404]
    assert response.status_code == 429
    assert response.headers["content-type"].startswith("text/html")
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    assert also_confirm.status_code == 429
    assert api.status_code == 200  # the desktop's API has its own budget
