"""GatewayClient's online booking calls against a real HTTP server on loopback: the
snapshot (PUT), outcomes (POST, settled ones taken calmly), booking messages with their
calendar file, consent requests carried by a booking confirmation, and waitlist claims
released (unknown ones taken calmly)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from pytest_httpserver import HTTPServer

from desk_app.gateway.port import (
    Attachment,
    BookingOutcome,
    ConsentRequest,
    GatewayError,
    OutgoingMessage,
)

from .support import TOKEN, MakeClient

SNAPSHOT = {"public_name": "haarwerk", "enabled": True, "free": []}


def _only_body(httpserver: HTTPServer) -> dict[str, object]:
    [(request, _response)] = httpserver.log
    body = json.loads(request.get_data())
    assert isinstance(body, dict)
    return body


def test_publish_availability_puts_the_snapshot(
    httpserver: HTTPServer, make_client: MakeClient
) -> None:
    httpserver.expect_request(
        "/v1/availability", method="PUT", headers={"Authorization": f"Bearer {TOKEN}"}
    ).respond_with_json({"public_name": "haarwerk", "starts": 1234})

    assert make_client().publish_availability(SNAPSHOT) == 1234
    assert _only_body(httpserver) == SNAPSHOT


def test_publish_availability_refused_name_is_a_rejection_with_its_code(
    httpserver: HTTPServer, make_client: MakeClient
) -> None:
    httpserver.expect_request("/v1/availability", method="PUT").respond_with_json(
        {"type": "about:blank", "title": "Conflict", "status": 409, "code": "public_name_taken"},
        status=409,
        content_type="application/problem+json",
    )
    with pytest.raises(GatewayError) as caught:
        make_client().publish_availability(SNAPSHOT)
    assert (caught.value.kind, caught.value.code) == ("rejected", "public_name_taken")


def test_publish_availability_answer_without_count_is_malformed(
    httpserver: HTTPServer, make_client: MakeClient
) -> None:
    httpserver.expect_request("/v1/availability").respond_with_json({"public_name": "x"})
    with pytest.raises(GatewayError) as caught:
        make_client().publish_availability(SNAPSHOT)
    assert caught.value.kind == "server_error"


def test_report_outcome_posts_to_the_request(
    httpserver: HTTPServer, make_client: MakeClient
) -> None:
    httpserver.expect_request(
        "/v1/booking-requests/req-1/outcome", method="POST"
    ).respond_with_json({"request_id": "req-1", "result": "refused"})

    make_client().report_booking_outcome(BookingOutcome("req-1", "refused", "slot_taken"))

    assert _only_body(httpserver) == {
        "result": "refused",
        "reason": "slot_taken",
        "booking_ref": None,
    }


@pytest.mark.parametrize("status", [404, 409])
def test_report_outcome_already_settled_is_no_error(
    httpserver: HTTPServer, make_client: MakeClient, status: int
) -> None:
    httpserver.expect_request("/v1/booking-requests/r-1/outcome").respond_with_json(
        {"status": status, "code": "outcome_final"}, status=status
    )
    make_client().report_booking_outcome(BookingOutcome("r-1", "booked", booking_ref="b-1"))
    assert len(httpserver.log) == 1  # not retried


def test_report_outcome_refused_body_raises(
    httpserver: HTTPServer, make_client: MakeClient
) -> None:
    httpserver.expect_request("/v1/booking-requests/r-1/outcome").respond_with_json(
        {"status": 422, "code": "invalid_request"}, status=422
    )
    with pytest.raises(GatewayError) as caught:
        make_client().report_booking_outcome(BookingOutcome("r-1", "maybe"))
    assert caught.value.status == 422


@pytest.mark.parametrize("status", [200, 404, 405])
def test_release_waitlist_claim_posts_once_and_takes_nothing_to_release_calmly(
    httpserver: HTTPServer, make_client: MakeClient, status: int
) -> None:
    # 404: an offer the gateway does not know; 405: a gateway from before the endpoint.
    httpserver.expect_request("/v1/waitlist-offers/o-1/release", method="POST").respond_with_json(
        {"ref": "o-1", "result": "released"} if status == 200 else {"status": status},
        status=status,
    )
    make_client().release_waitlist_claim("o-1", waiting=False)
    assert _only_body(httpserver) == {"waiting": False}


def test_release_waitlist_claim_refused_raises(
    httpserver: HTTPServer, make_client: MakeClient
) -> None:
    httpserver.expect_request("/v1/waitlist-offers/o-1/release").respond_with_json(
        {"status": 422, "code": "invalid_request"}, status=422
    )
    with pytest.raises(GatewayError) as caught:
        make_client().release_waitlist_claim("o-1")
    assert caught.value.status == 422


def test_booking_message_carries_booking_and_calendar_file(
    httpserver: HTTPServer, make_client: MakeClient
) -> None:
    httpserver.expect_request("/v1/messages").respond_with_json(
        {"results": [{"client_id": "c-1", "result": "accepted"}]}
    )
    booking = {
        "ref": "b-1",
        "treatment": "Damen Schnitt",
        "staff": "Anna",
        "starts_at": "2026-12-10T09:00:00+00:00",
        "ends_at": "2026-12-10T09:45:00+00:00",
        "cancel_until": "2026-12-09T09:00:00+00:00",
        "state": "booked",
    }
    item = OutgoingMessage(
        client_id="c-1",
        channel="email",
        category="transactional",
        to="anna@example.org",
        subject="Ihr Termin",
        text="Absagen oder verschieben: $manage_url",
        customer_ref="cust-1",
        booking=booking,
        attachments=(Attachment("termin.ics", "text/calendar", "BEGIN:VCALENDAR\r\n"),),
    )
    make_client().send_messages([item])

    [sent] = _only_body(httpserver)["items"]  # type: ignore[misc]
    assert sent["booking"] == booking
    assert sent["attachments"] == [
        {"filename": "termin.ics", "content_type": "text/calendar", "text": "BEGIN:VCALENDAR\r\n"}
    ]


def test_plain_message_has_neither_booking_nor_attachments(
    httpserver: HTTPServer, make_client: MakeClient
) -> None:
    httpserver.expect_request("/v1/messages").respond_with_json(
        {"results": [{"client_id": "c-1", "result": "accepted"}]}
    )
    make_client().send_messages(
        [OutgoingMessage("c-1", "sms", "transactional", "+4915112345678", "Hallo", "cust-1")]
    )
    [sent] = _only_body(httpserver)["items"]  # type: ignore[misc]
    assert "booking" not in sent and "attachments" not in sent


def test_carried_consent_request_names_its_message_and_the_evidence(
    httpserver: HTTPServer, make_client: MakeClient
) -> None:
    httpserver.expect_request("/v1/consent-requests").respond_with_json(
        {"request_id": "req-1", "result": "accepted"}
    )
    make_client().request_consent(
        ConsentRequest(
            request_id="req-1",
            customer_ref="cust-1",
            channel="email",
            address="anna@example.org",
            statement_version="2026-11",
            statement_text="Ich bin damit einverstanden …",
            source_kind="online_booking",
            declared_at=datetime(2026, 12, 3, 18, 0, tzinfo=UTC),
            carried_by="c-1",
            ip="203.0.113.7",
            user_agent="Mozilla/5.0 (Android)",
        )
    )
    body = _only_body(httpserver)
    assert body["carried_by"] == "c-1"
    assert body["source"] == {
        "kind": "online_booking",
        "staff": None,
        "ip": "203.0.113.7",
        "user_agent": "Mozilla/5.0 (Android)",
    }
