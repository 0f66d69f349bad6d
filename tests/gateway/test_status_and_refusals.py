"""GatewayClient and the protocol v1 additions of issue 8: ``GET /v1/status``, items the
gateway refused before it could read their ``client_id``, and the parsed base URL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pytest_httpserver import HTTPServer

from desk_app.gateway.client import GatewayClient
from desk_app.gateway.port import GatewayError, GatewayStatus, OutgoingMessage, TransportHealth

from .support import MakeClient, SleepRecorder


def _item(client_id: str) -> OutgoingMessage:
    return OutgoingMessage(
        client_id=client_id,
        channel="email",
        category="transactional",
        to="anna@example.org",
        subject="Termin",
        text="Ihr Termin ist gebucht.",
        customer_ref="cust-anna",
    )


def test_status_is_read_per_transport(httpserver: HTTPServer, make_client: MakeClient) -> None:
    httpserver.expect_request("/v1/status", method="GET").respond_with_json(
        {
            "transports": {
                "email": {
                    "state": "failing",
                    "error": "auth_failed",
                    "since": "2026-11-25T09:42:00+00:00",
                },
                "sms": {"state": "unavailable", "error": None, "since": None},
            }
        }
    )
    status = make_client().status()
    assert status == GatewayStatus(
        {
            "email": TransportHealth(
                "failing", "auth_failed", datetime(2026, 11, 25, 9, 42, tzinfo=UTC)
            ),
            "sms": TransportHealth("unavailable"),
        }
    )
    [(request, _)] = httpserver.log
    assert request.headers["Authorization"].startswith("Bearer ")


def test_a_gateway_without_the_endpoint_means_unknown(
    httpserver: HTTPServer, make_client: MakeClient, sleeps: SleepRecorder
) -> None:
    httpserver.expect_request("/v1/status").respond_with_json(
        {"type": "about:blank", "title": "Not Found", "status": 404}, status=404
    )
    assert make_client().status() is None
    assert sleeps.delays == []  # not retried


def test_a_malformed_status_is_a_gateway_error(
    httpserver: HTTPServer, make_client: MakeClient
) -> None:
    httpserver.expect_request("/v1/status").respond_with_json({"transports": "fine"})
    with pytest.raises(GatewayError) as caught:
        make_client().status()
    assert caught.value.kind == "server_error"


def test_an_item_refused_without_a_readable_client_id_is_matched_by_its_index(
    httpserver: HTTPServer, make_client: MakeClient
) -> None:
    httpserver.expect_request("/v1/messages", method="POST").respond_with_json(
        {
            "results": [
                {"client_id": "c-1", "result": "accepted"},
                {
                    "client_id": None,
                    "index": 1,
                    "result": "rejected",
                    "code": "invalid_item",
                    "detail": "subject",
                },
                {"client_id": "c-3", "result": "rejected", "code": "channel_unavailable"},
            ]
        }
    )
    results = make_client().send_messages([_item("c-1"), _item("c-2"), _item("c-3")])
    assert [(r.key, r.effective, r.code) for r in results] == [
        ("c-1", "accepted", None),
        ("c-2", "rejected", "invalid_item"),
        ("c-3", "rejected", "channel_unavailable"),
    ]


def test_an_index_out_of_range_is_a_malformed_answer(
    httpserver: HTTPServer, make_client: MakeClient
) -> None:
    httpserver.expect_request("/v1/messages").respond_with_json(
        {"results": [{"client_id": None, "index": 7, "result": "rejected", "code": "x"}]}
    )
    with pytest.raises(GatewayError) as caught:
        make_client().send_messages([_item("c-1")])
    assert caught.value.kind == "server_error"


def test_a_refused_batch_is_a_rejected_gateway_error_with_its_status(
    httpserver: HTTPServer, make_client: MakeClient, sleeps: SleepRecorder
) -> None:
    httpserver.expect_request("/v1/messages").respond_with_json(
        {"type": "about:blank", "title": "Unprocessable", "status": 422, "code": "invalid"},
        status=422,
    )
    with pytest.raises(GatewayError) as caught:
        make_client().send_messages([_item("c-1"), _item("c-2")])
    assert (caught.value.kind, caught.value.status) == ("rejected", 422)
    assert sleeps.delays == []


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost@evil.example",
        "http://127.0.0.1.evil.example",
        "http://gateway.example.org",
        "http://localhost.",
    ],
)
def test_the_client_refuses_addresses_the_token_must_not_go_to(url: str) -> None:
    with pytest.raises(ValueError):
        GatewayClient(url, "token")
