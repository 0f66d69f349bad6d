"""The client's logs and errors carry counts, statuses and seqs — never the token, texts,
addresses or customer references (DESIGN.md 2.4)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from pytest_httpserver import HTTPServer

from desk_app.gateway.client import GatewayClient
from desk_app.gateway.port import ConsentRequest, GatewayError, OutgoingMessage

from .support import TOKEN, MakeClient, SleepRecorder

SECRETS = (
    TOKEN,
    "anna.mueller@example.org",
    "+4915112345678",
    "4915112345678",
    "Geheimer Angebotstext",
    "cust-anna-7731",
)


def test_nothing_personal_or_secret_is_logged(
    httpserver: HTTPServer,
    make_client: MakeClient,
    sleeps: SleepRecorder,
    caplog: pytest.LogCaptureFixture,
    closed_port: int,
) -> None:
    email = OutgoingMessage(
        client_id="c-1",
        channel="email",
        category="marketing",
        to="anna.mueller@example.org",
        subject="Geheimer Angebotstext",
        text="Geheimer Angebotstext",
        customer_ref="cust-anna-7731",
    )
    sms = OutgoingMessage(
        client_id="c-2",
        channel="sms",
        category="transactional",
        to="+4915112345678",
        text="Geheimer Angebotstext",
        customer_ref="cust-anna-7731",
    )
    httpserver.expect_ordered_request("/v1/messages").respond_with_data("", status=503)
    httpserver.expect_ordered_request("/v1/messages").respond_with_json(
        {
            "results": [
                {"client_id": "c-1", "result": "accepted"},
                {"client_id": "c-2", "result": "rejected", "code": "invalid_address"},
            ]
        }
    )
    # A validation problem that echoes the input, as FastAPI's does.
    httpserver.expect_ordered_request("/v1/consent-requests").respond_with_json(
        {
            "type": "about:blank",
            "title": "Unprocessable Content",
            "status": 422,
            "code": "invalid_request",
            "detail": "address anna.mueller@example.org is not valid",
        },
        status=422,
        content_type="application/problem+json",
    )
    httpserver.expect_ordered_request("/v1/events").respond_with_json(
        {
            "events": [
                {
                    "seq": 1,
                    "type": "sms.inbound",
                    "at": "2026-11-27T10:00:00+00:00",
                    "customer_ref": "cust-anna-7731",
                    "client_id": None,
                    "channel": "sms",
                    "data": {"from": "+4915112345678", "text": "Geheimer Angebotstext"},
                }
            ],
            "last_seq": 1,
        }
    )
    httpserver.expect_ordered_request("/v1/customers/cust-anna-7731/export").respond_with_data(
        "", status=500
    )
    errors: list[GatewayError] = []

    with caplog.at_level(logging.DEBUG):
        client = make_client(max_attempts=1)
        make_client().send_messages([email, sms])
        try:
            client.request_consent(
                ConsentRequest(
                    request_id="r-1",
                    customer_ref="cust-anna-7731",
                    channel="email",
                    address="anna.mueller@example.org",
                    statement_version="1",
                    statement_text="Geheimer Angebotstext",
                    source_kind="phone",
                    declared_at=datetime(2026, 11, 27, tzinfo=UTC),
                )
            )
        except GatewayError as exc:
            errors.append(exc)
        client.events(after=0)
        try:
            client.export_customer("cust-anna-7731")
        except GatewayError as exc:
            errors.append(exc)
        offline = GatewayClient(
            f"http://127.0.0.1:{closed_port}", TOKEN, max_attempts=2, sleep=sleeps
        )
        try:
            offline.erase_customer("cust-anna-7731")
        except GatewayError as exc:
            errors.append(exc)
        offline.close()

    client_records = [r for r in caplog.records if r.name.startswith("desk_app.gateway")]
    assert len(client_records) >= 5  # the check below looked at real log lines
    assert [e.kind for e in errors] == ["rejected", "server_error", "unreachable"]
    ours = "\n".join(r.getMessage() for r in client_records)
    said = "\n".join(f"{e} {e.detail} {e.code}" for e in errors)
    for secret in SECRETS:
        assert secret not in ours
        assert secret not in said
    # requests/urllib3 log request lines at DEBUG (with the path, hence the customer ref),
    # never headers or bodies. The test server's own log is not the desktop's.
    client_side = "\n".join(r.getMessage() for r in caplog.records if r.name != "werkzeug")
    assert "/v1/messages" in client_side  # urllib3 did log
    for secret in SECRETS[:-1]:
        assert secret not in client_side
