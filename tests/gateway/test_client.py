"""GatewayClient against a real HTTP server on loopback: what goes on the wire, how answers
are read, and which answers become which GatewayError (retries: test_retries.py)."""

from __future__ import annotations

import json
import re
import time
from datetime import UTC, datetime, timedelta, timezone
from importlib.metadata import version

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from desk_app.gateway.client import GatewayClient
from desk_app.gateway.port import (
    ConsentRequest,
    EventPage,
    GatewayError,
    GatewayEvent,
    GatewayPort,
    ItemResult,
    OutgoingMessage,
)

from .support import TOKEN, MakeClient, SleepRecorder

BERLIN_WINTER = timezone(timedelta(hours=1))


def email(client_id: str = "c-1", **changes: object) -> OutgoingMessage:
    fields: dict[str, object] = {
        "client_id": client_id,
        "channel": "email",
        "category": "marketing",
        "to": "anna.mueller@example.org",
        "subject": "Herbstaktion",
        "text": "Liebe Anna, 20 % auf Pflege. $unsubscribe_url",
        "customer_ref": "cust-anna",
        "basis_ref": "req-anna-email",
        "not_before": datetime(2026, 11, 27, 10, 0, tzinfo=UTC),
        "not_after": datetime(2026, 11, 28, 18, 30, tzinfo=BERLIN_WINTER),
        "language": "de",
    }
    fields.update(changes)
    return OutgoingMessage(**fields)  # type: ignore[arg-type]


def sms(client_id: str = "c-2") -> OutgoingMessage:
    return OutgoingMessage(
        client_id=client_id,
        channel="sms",
        category="transactional",
        to="+4915112345678",
        text="Ihr Termin am Fr 10:00 ist bestätigt.",
        customer_ref="cust-ben",
        language="en",
    )


def consent(**changes: object) -> ConsentRequest:
    fields: dict[str, object] = {
        "request_id": "req-1",
        "customer_ref": "cust-anna",
        "channel": "email",
        "address": "anna.mueller@example.org",
        "statement_version": "2026-11",
        "statement_text": "Ich möchte Angebote per E-Mail erhalten.",
        "source_kind": "phone",
        "declared_at": datetime(2026, 11, 25, 9, 15, 30, tzinfo=UTC),
        "staff": "Lena",
        "language": "de",
        "salon_name": "Salon Schnitt",
        "message_subject": "Bitte bestätigen",
        "message_text": "Bitte klicken: $confirm_url",
    }
    fields.update(changes)
    return ConsentRequest(**fields)  # type: ignore[arg-type]


def only_request(httpserver: HTTPServer) -> Request:
    assert len(httpserver.log) == 1
    return httpserver.log[0][0]


def problem(status: int, code: str, detail: str = "") -> dict[str, object]:
    return {
        "type": "about:blank",
        "title": "Problem",
        "status": status,
        "code": code,
        "detail": detail,
    }


# ---- the port ----------------------------------------------------------------------------------
def test_client_satisfies_the_port(make_client: MakeClient) -> None:
    port: GatewayPort = make_client()  # mypy checks the assignment; runtime checks the names
    for name in ("send_messages", "request_consent", "events", "export_customer", "erase_customer"):
        assert callable(getattr(port, name))


def test_token_stays_out_of_reprs(make_client: MakeClient) -> None:
    client = make_client()
    assert TOKEN not in repr(client)
    assert TOKEN not in repr(client._session.auth)
    assert TOKEN not in repr(dict(client._session.headers))


# ---- POST /v1/messages ---------------------------------------------------------------------
def test_send_messages_request_shape(httpserver: HTTPServer, make_client: MakeClient) -> None:
    httpserver.expect_request(
        "/v1/messages",
        method="POST",
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
    ).respond_with_json(
        {
            "results": [
                {"client_id": "c-1", "result": "accepted"},
                {"client_id": "c-2", "result": "accepted"},
            ]
        }
    )

    make_client().send_messages([email(), sms()])

    request = only_request(httpserver)
    assert request.headers["User-Agent"] == f"salon-desk/{version('salon-desk')}"
    assert re.fullmatch(r"salon-desk/\d+\.\d+\S*", request.headers["User-Agent"])
    assert json.loads(request.get_data()) == {
        "items": [
            {
                "client_id": "c-1",
                "channel": "email",
                "category": "marketing",
                "to": "anna.mueller@example.org",
                "subject": "Herbstaktion",
                "text": "Liebe Anna, 20 % auf Pflege. $unsubscribe_url",
                "customer_ref": "cust-anna",
                "basis_ref": "req-anna-email",
                "not_before": "2026-11-27T10:00:00+00:00",
                "not_after": "2026-11-28T18:30:00+01:00",
                "language": "de",
            },
            {  # an SMS has no subject; absent optionals are null
                "client_id": "c-2",
                "channel": "sms",
                "category": "transactional",
                "to": "+4915112345678",
                "text": "Ihr Termin am Fr 10:00 ist bestätigt.",
                "customer_ref": "cust-ben",
                "basis_ref": None,
                "not_before": None,
                "not_after": None,
                "language": "en",
            },
        ]
    }


def test_user_agent_can_be_given(httpserver: HTTPServer, make_client: MakeClient) -> None:
    httpserver.expect_request("/v1/messages").respond_with_json(
        {"results": [{"client_id": "c-2", "result": "accepted"}]}
    )
    make_client(user_agent="salon-desk/9.9.9").send_messages([sms()])
    assert only_request(httpserver).headers["User-Agent"] == "salon-desk/9.9.9"


def test_send_messages_parses_every_result_kind(
    httpserver: HTTPServer, make_client: MakeClient
) -> None:
    httpserver.expect_request("/v1/messages", method="POST").respond_with_json(
        {
            "results": [
                {"client_id": "a", "result": "accepted"},
                {"client_id": "b", "result": "rejected", "code": "suppressed"},
                {"client_id": "c", "result": "duplicate", "first": {"result": "accepted"}},
                {
                    "client_id": "d",
                    "result": "duplicate",
                    "first": {"result": "rejected", "code": "invalid_address"},
                },
            ]
        }
    )

    results = make_client().send_messages([sms("a"), sms("b"), sms("c"), sms("d")])

    assert results == [
        ItemResult(key="a", result="accepted"),
        ItemResult(key="b", result="rejected", code="suppressed"),
        ItemResult(key="c", result="duplicate", code=None, first_result="accepted"),
        ItemResult(key="d", result="duplicate", code="invalid_address", first_result="rejected"),
    ]
    assert [r.effective for r in results] == ["accepted", "rejected", "accepted", "rejected"]


@pytest.mark.parametrize(
    "results",
    [
        [{"client_id": "b", "result": "accepted"}, {"client_id": "a", "result": "accepted"}],
        [{"client_id": "a", "result": "accepted"}],
        [{"client_id": "a", "result": "accepted"}, {"client_id": "b", "result": "maybe"}],
        [{"client_id": "a", "result": "accepted"}, {"client_id": "b", "result": "rejected"}],
        [{"client_id": "a", "result": "accepted"}, {"client_id": "b", "result": "duplicate"}],
        [
            {"client_id": "a", "result": "accepted"},
            {"client_id": "b", "result": "duplicate", "first": {"result": "duplicate"}},
        ],
        {"a": "accepted"},
    ],
    ids=[
        "order",
        "missing",
        "unknown",
        "rejected-no-code",
        "dup-no-first",
        "dup-bad-first",
        "shape",
    ],
)
def test_send_messages_rejects_answers_that_do_not_fit(
    httpserver: HTTPServer, make_client: MakeClient, sleeps: SleepRecorder, results: object
) -> None:
    httpserver.expect_request("/v1/messages").respond_with_json({"results": results})

    with pytest.raises(GatewayError) as caught:
        make_client().send_messages([sms("a"), sms("b")])

    assert caught.value.kind == "server_error"
    assert len(httpserver.log) == 1 and sleeps.delays == []  # no retry: it would answer the same


def test_send_messages_refuses_more_than_100_without_a_request(
    httpserver: HTTPServer, make_client: MakeClient
) -> None:
    client = make_client()
    with pytest.raises(ValueError, match="100"):
        client.send_messages([sms(f"c-{n}") for n in range(101)])
    with pytest.raises(ValueError, match="unique"):
        client.send_messages([sms("same"), sms("same")])
    with pytest.raises(ValueError, match="timezone"):
        client.send_messages([email(not_before=datetime(2026, 11, 27, 10, 0))])
    assert client.send_messages([]) == []
    assert httpserver.log == []


def test_send_messages_takes_exactly_100(httpserver: HTTPServer, make_client: MakeClient) -> None:
    ids = [f"c-{n}" for n in range(100)]
    httpserver.expect_request("/v1/messages").respond_with_json(
        {"results": [{"client_id": i, "result": "accepted"} for i in ids]}
    )
    assert len(make_client().send_messages([sms(i) for i in ids])) == 100
    assert len(json.loads(only_request(httpserver).get_data())["items"]) == 100


# ---- POST /v1/consent-requests --------------------------------------------------------------
def test_request_consent_request_shape_and_result(
    httpserver: HTTPServer, make_client: MakeClient
) -> None:
    httpserver.expect_request(
        "/v1/consent-requests", method="POST", headers={"Authorization": f"Bearer {TOKEN}"}
    ).respond_with_json({"request_id": "req-1", "result": "accepted", "code": None})

    result = make_client().request_consent(consent())

    assert result == ItemResult(key="req-1", result="accepted")
    assert json.loads(only_request(httpserver).get_data()) == {
        "request_id": "req-1",
        "customer_ref": "cust-anna",
        "channel": "email",
        "address": "anna.mueller@example.org",
        "statement": {"version": "2026-11", "text": "Ich möchte Angebote per E-Mail erhalten."},
        "source": {"kind": "phone", "staff": "Lena", "ip": None, "user_agent": None},
        "declared_at": "2026-11-25T09:15:30+00:00",
        "language": "de",
        "salon_name": "Salon Schnitt",
        "message": {"subject": "Bitte bestätigen", "text": "Bitte klicken: $confirm_url"},
    }


def test_request_consent_without_own_text_sends_null_message(
    httpserver: HTTPServer, make_client: MakeClient
) -> None:
    httpserver.expect_request("/v1/consent-requests").respond_with_json(
        {"request_id": "req-1", "result": "rejected", "code": "suppressed"}
    )

    result = make_client().request_consent(
        consent(message_subject=None, message_text=None, staff=None)
    )

    assert result == ItemResult(key="req-1", result="rejected", code="suppressed")
    body = json.loads(only_request(httpserver).get_data())
    assert body["message"] is None and body["source"]["staff"] is None


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (
            {"request_id": "req-1", "result": "duplicate", "code": None},
            ItemResult(key="req-1", result="duplicate"),
        ),
        (
            {"request_id": "req-1", "result": "duplicate", "first": {"result": "accepted"}},
            ItemResult(key="req-1", result="duplicate", first_result="accepted"),
        ),
    ],
)
def test_request_consent_duplicate(
    httpserver: HTTPServer, make_client: MakeClient, answer: dict[str, object], expected: ItemResult
) -> None:
    httpserver.expect_request("/v1/consent-requests").respond_with_json(answer)
    assert make_client().request_consent(consent()) == expected


def test_request_consent_answer_for_another_request_is_malformed(
    httpserver: HTTPServer, make_client: MakeClient
) -> None:
    httpserver.expect_request("/v1/consent-requests").respond_with_json(
        {"request_id": "req-2", "result": "accepted", "code": None}
    )
    with pytest.raises(GatewayError) as caught:
        make_client().request_consent(consent())
    assert caught.value.kind == "server_error"


# ---- GET /v1/events -------------------------------------------------------------------------
def test_events_query_and_parsing(httpserver: HTTPServer, make_client: MakeClient) -> None:
    httpserver.expect_request(
        "/v1/events",
        method="GET",
        query_string={"after": "16", "limit": "50", "wait": "0"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    ).respond_with_json(
        {
            "events": [
                {
                    "seq": 17,
                    "type": "consent.confirmed",
                    "at": "2026-11-27T10:00:00+00:00",
                    "customer_ref": "cust-anna",
                    "client_id": None,
                    "channel": "email",
                    "data": {"request_id": "req-1", "ip": "203.0.113.9", "user_agent": "UA"},
                },
                {
                    "seq": 18,
                    "type": "sms.inbound",
                    "at": "2026-11-27T11:30:05.250000+01:00",
                    "customer_ref": None,
                    "client_id": None,
                    "channel": "sms",
                    "data": {"from": "+4915112345678", "text": "STOP"},
                },
                {"seq": 19, "type": "message.expired", "at": "2026-11-27T12:00:00Z", "data": {}},
            ],
            "last_seq": 25,
        }
    )

    page = make_client().events(after=16, limit=50)

    assert page == EventPage(
        events=[
            GatewayEvent(
                seq=17,
                type="consent.confirmed",
                at=datetime(2026, 11, 27, 10, 0, tzinfo=UTC),
                customer_ref="cust-anna",
                channel="email",
                data={"request_id": "req-1", "ip": "203.0.113.9", "user_agent": "UA"},
            ),
            GatewayEvent(
                seq=18,
                type="sms.inbound",
                at=datetime(2026, 11, 27, 10, 30, 5, 250000, tzinfo=UTC),
                channel="sms",
                data={"from": "+4915112345678", "text": "STOP"},
            ),
            GatewayEvent(seq=19, type="message.expired", at=datetime(2026, 11, 27, 12, tzinfo=UTC)),
        ],
        last_seq=25,
    )
    assert all(event.at.utcoffset() is not None for event in page.events)
    assert page.events[1].at.utcoffset() == timedelta(hours=1)


def test_events_empty_page_keeps_last_seq(httpserver: HTTPServer, make_client: MakeClient) -> None:
    httpserver.expect_request("/v1/events").respond_with_json({"events": [], "last_seq": 42})
    assert make_client().events(after=42) == EventPage(events=[], last_seq=42)


@pytest.mark.parametrize(
    "answer",
    [
        {
            "events": [{"seq": 6, "type": "message.sent", "at": "2026-11-27T10:00:00", "data": {}}],
            "last_seq": 6,
        },
        {
            "events": [{"seq": 6, "type": "message.sent", "at": "yesterday", "data": {}}],
            "last_seq": 6,
        },
        {
            "events": [
                {"seq": 5, "type": "message.sent", "at": "2026-11-27T10:00:00Z", "data": {}}
            ],
            "last_seq": 5,
        },
        {
            "events": [
                {"seq": 7, "type": "message.sent", "at": "2026-11-27T10:00:00Z", "data": {}},
                {"seq": 6, "type": "message.sent", "at": "2026-11-27T10:00:00Z", "data": {}},
            ],
            "last_seq": 7,
        },
        {
            "events": [
                {"seq": "6", "type": "message.sent", "at": "2026-11-27T10:00:00Z", "data": {}}
            ],
            "last_seq": 6,
        },
        {
            "events": [
                {"seq": 6, "type": "message.sent", "at": "2026-11-27T10:00:00Z", "data": []}
            ],
            "last_seq": 6,
        },
        {
            "events": [
                {"seq": 6, "type": "message.sent", "at": "2026-11-27T10:00:00Z", "data": {}}
            ],
            "last_seq": 5,
        },
        {"events": []},
    ],
    ids=[
        "naive-at",
        "bad-at",
        "not-after-cursor",
        "out-of-order",
        "seq-string",
        "data-list",
        "last-seq-behind",
        "no-last-seq",
    ],
)
def test_events_rejects_malformed_pages(
    httpserver: HTTPServer, make_client: MakeClient, sleeps: SleepRecorder, answer: object
) -> None:
    httpserver.expect_request("/v1/events").respond_with_json(answer)
    with pytest.raises(GatewayError) as caught:
        make_client().events(after=5)
    assert caught.value.kind == "server_error"
    assert sleeps.delays == []


@pytest.mark.parametrize(
    ("after", "limit", "wait"), [(-1, 100, 0), (0, 0, 0), (0, 501, 0), (0, 100, -1), (0, 100, 31)]
)
def test_events_refuses_out_of_range_arguments(
    httpserver: HTTPServer, make_client: MakeClient, after: int, limit: int, wait: float
) -> None:
    with pytest.raises(ValueError):
        make_client().events(after=after, limit=limit, wait=wait)
    assert httpserver.log == []


def test_long_poll_read_timeout_exceeds_wait(
    httpserver: HTTPServer, make_client: MakeClient
) -> None:
    """The gateway holds the poll for ``wait`` seconds: that must not count as a timeout,
    even when ``wait`` is longer than the client's normal read timeout."""

    def held(request: Request) -> Response:
        time.sleep(0.8)
        return Response(json.dumps({"events": [], "last_seq": 3}), content_type="application/json")

    httpserver.expect_request(
        "/v1/events", query_string={"after": "3", "limit": "100", "wait": "1"}
    ).respond_with_handler(held)
    client = make_client(timeout=(2.0, 0.3), max_attempts=1)

    assert client.events(after=3, wait=1) == EventPage(events=[], last_seq=3)


def test_fractional_wait_is_sent_as_given(httpserver: HTTPServer, make_client: MakeClient) -> None:
    httpserver.expect_request(
        "/v1/events", query_string={"after": "0", "limit": "1", "wait": "2.5"}
    ).respond_with_json({"events": [], "last_seq": 0})
    assert make_client().events(after=0, limit=1, wait=2.5).last_seq == 0


# ---- data-protection requests -----------------------------------------------------------------
def test_export_customer(httpserver: HTTPServer, make_client: MakeClient) -> None:
    answer = {
        "customer_ref": "a/b c",
        "messages": [],
        "consent_requests": [],
        "events": [],
        "opted_out": True,
    }
    httpserver.expect_request(
        re.compile("/v1/customers/.*/export"), method="GET"
    ).respond_with_json(answer)

    assert make_client().export_customer("a/b c") == answer
    # The reference is one path segment, whatever it contains.
    assert only_request(httpserver).environ["REQUEST_URI"] == "/v1/customers/a%2Fb%20c/export"


def test_erase_customer(httpserver: HTTPServer, make_client: MakeClient) -> None:
    httpserver.expect_request(
        "/v1/customers/cust-anna/erase", method="POST", headers={"Authorization": f"Bearer {TOKEN}"}
    ).respond_with_json({"customer_ref": "cust-anna", "erased": True})
    assert make_client().erase_customer("cust-anna") == {
        "customer_ref": "cust-anna",
        "erased": True,
    }


def test_erase_without_a_clear_yes_is_an_error(
    httpserver: HTTPServer, make_client: MakeClient
) -> None:
    httpserver.expect_request("/v1/customers/cust-anna/erase").respond_with_json(
        {"customer_ref": "cust-anna", "erased": False}
    )
    with pytest.raises(GatewayError) as caught:
        make_client().erase_customer("cust-anna")
    assert caught.value.kind == "server_error"


def test_export_of_an_unknown_customer_is_rejected_with_its_code(
    httpserver: HTTPServer, make_client: MakeClient, sleeps: SleepRecorder
) -> None:
    httpserver.expect_request("/v1/customers/nobody/export").respond_with_json(
        problem(404, "not_found"), status=404, content_type="application/problem+json"
    )
    with pytest.raises(GatewayError) as caught:
        make_client().export_customer("nobody")
    assert (caught.value.kind, caught.value.status, caught.value.code) == (
        "rejected",
        404,
        "not_found",
    )
    assert len(httpserver.log) == 1 and sleeps.delays == []


# ---- errors that are final at once ------------------------------------------------------------
@pytest.mark.parametrize(
    ("status", "code"),
    [(400, "invalid_request"), (404, "not_found"), (409, "conflict"), (422, "invalid_request")],
)
def test_other_4xx_are_rejected_without_retry(
    httpserver: HTTPServer, make_client: MakeClient, sleeps: SleepRecorder, status: int, code: str
) -> None:
    httpserver.expect_request("/v1/messages").respond_with_json(
        problem(status, code), status=status, content_type="application/problem+json"
    )
    with pytest.raises(GatewayError) as caught:
        make_client().send_messages([sms()])
    assert (caught.value.kind, caught.value.status, caught.value.code) == ("rejected", status, code)
    assert len(httpserver.log) == 1
    assert sleeps.delays == []


@pytest.mark.parametrize("status", [401, 403])
def test_unauthorized_at_once(
    httpserver: HTTPServer, make_client: MakeClient, sleeps: SleepRecorder, status: int
) -> None:
    httpserver.expect_request("/v1/events").respond_with_json(
        problem(status, "unauthorized"), status=status, content_type="application/problem+json"
    )
    with pytest.raises(GatewayError) as caught:
        make_client().events(after=0)
    assert (caught.value.kind, caught.value.status) == ("unauthorized", status)
    assert len(httpserver.log) == 1
    assert sleeps.delays == []


def test_4xx_without_problem_body_still_maps(
    httpserver: HTTPServer, make_client: MakeClient
) -> None:
    httpserver.expect_request("/v1/messages").respond_with_data(
        "<h1>nope</h1>", status=400, content_type="text/html"
    )
    with pytest.raises(GatewayError) as caught:
        make_client().send_messages([sms()])
    assert (caught.value.kind, caught.value.status, caught.value.code) == ("rejected", 400, "")


@pytest.mark.parametrize("body", ["{not json", "", "<html>captive portal</html>"])
def test_malformed_json_is_a_server_error_without_retry(
    httpserver: HTTPServer, make_client: MakeClient, sleeps: SleepRecorder, body: str
) -> None:
    httpserver.expect_request("/v1/events").respond_with_data(body, content_type="application/json")
    with pytest.raises(GatewayError) as caught:
        make_client().events(after=0)
    assert (caught.value.kind, caught.value.status) == ("server_error", 200)
    assert len(httpserver.log) == 1 and sleeps.delays == []


def test_redirect_is_not_followed(httpserver: HTTPServer, make_client: MakeClient) -> None:
    httpserver.expect_request("/v1/messages").respond_with_data(
        "", status=301, headers={"Location": "https://elsewhere.invalid/v1/messages"}
    )
    with pytest.raises(GatewayError) as caught:
        make_client().send_messages([sms()])
    assert (caught.value.kind, caught.value.status) == ("server_error", 301)
    assert len(httpserver.log) == 1


def test_base_url_with_path_prefix(httpserver: HTTPServer, make_client: MakeClient) -> None:
    httpserver.expect_request("/gw/v1/events").respond_with_json({"events": [], "last_seq": 0})
    assert make_client(base_url=httpserver.url_for("/gw/")).events(after=0).last_seq == 0


@pytest.mark.parametrize("options", [{"max_attempts": 0}, {"base_url": "ftp://gateway"}])
def test_constructor_refuses_nonsense(options: dict[str, object]) -> None:
    arguments: dict[str, object] = {"base_url": "http://127.0.0.1:9", "token": "t"}
    arguments.update(options)
    with pytest.raises(ValueError):
        GatewayClient(**arguments)  # type: ignore[arg-type]
