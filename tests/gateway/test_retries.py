"""Which failures are retried, how long the client waits in between, and what it raises in
the end — against a real server on loopback (and ports that refuse or reset)."""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
import requests
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from desk_app.gateway.client import GatewayClient
from desk_app.gateway.port import GatewayError, ItemResult, OutgoingMessage
from desk_app.gateway.retry import Backoff, is_retryable_status, parse_retry_after

from .support import TOKEN, DroppingServer, MakeClient, SleepRecorder

ACCEPTED = {"results": [{"client_id": "c-1", "result": "accepted"}]}


def message() -> OutgoingMessage:
    return OutgoingMessage(
        client_id="c-1",
        channel="sms",
        category="transactional",
        to="+4915112345678",
        text="Termin bestätigt",
        customer_ref="cust-1",
    )


def problem(status: int, code: str) -> dict[str, object]:
    return {"type": "about:blank", "title": "Problem", "status": status, "code": code}


def failing(
    httpserver: HTTPServer, status: int, times: int, headers: dict[str, str] | None = None
) -> None:
    """The first ``times`` calls of POST /v1/messages answer ``status``, the next succeeds."""
    for _ in range(times):
        httpserver.expect_ordered_request("/v1/messages", method="POST").respond_with_json(
            problem(status, "x"),
            status=status,
            headers=headers,
            content_type="application/problem+json",
        )
    httpserver.expect_ordered_request("/v1/messages", method="POST").respond_with_json(ACCEPTED)


def sequence(*values: float) -> Callable[[], float]:
    it: Iterator[float] = iter(values)
    return lambda: next(it)


# ---- retried statuses ---------------------------------------------------------------------------
def test_503_then_success_resends_the_same_body(
    httpserver: HTTPServer, make_client: MakeClient, sleeps: SleepRecorder
) -> None:
    failing(httpserver, 503, times=1)

    results = make_client().send_messages([message()])

    assert results == [ItemResult(key="c-1", result="accepted")]
    assert len(httpserver.log) == 2
    first, second = (request for request, _ in httpserver.log)
    assert first.get_data() == second.get_data()
    assert [item["client_id"] for item in json.loads(second.get_data())["items"]] == ["c-1"]
    assert first.headers["Authorization"] == second.headers["Authorization"] == f"Bearer {TOKEN}"
    assert sleeps.delays == [0.25]  # rng 0.5 × ceiling 0.5 s


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_retryable_statuses(
    httpserver: HTTPServer, make_client: MakeClient, sleeps: SleepRecorder, status: int
) -> None:
    failing(httpserver, status, times=2)
    assert make_client().send_messages([message()])[0].result == "accepted"
    assert len(httpserver.log) == 3
    assert len(sleeps.delays) == 2


def test_retry_after_seconds_is_honoured(
    httpserver: HTTPServer, make_client: MakeClient, sleeps: SleepRecorder
) -> None:
    failing(httpserver, 429, times=1, headers={"Retry-After": "7"})
    make_client().send_messages([message()])
    assert sleeps.delays == [7.0]


def test_retry_after_http_date_is_honoured(
    httpserver: HTTPServer, make_client: MakeClient, sleeps: SleepRecorder
) -> None:
    when = datetime.now(UTC) + timedelta(seconds=20)
    failing(httpserver, 503, times=1, headers={"Retry-After": format_datetime(when, usegmt=True)})

    make_client().send_messages([message()])

    [delay] = sleeps.delays
    assert 17.0 <= delay <= 20.0  # the date has whole seconds; the request took a moment


def test_unusable_retry_after_falls_back_to_backoff(
    httpserver: HTTPServer, make_client: MakeClient, sleeps: SleepRecorder
) -> None:
    failing(httpserver, 503, times=1, headers={"Retry-After": "soon"})
    make_client(rng=lambda: 0.8).send_messages([message()])
    assert sleeps.delays == [pytest.approx(0.4)]


def test_too_long_retry_after_gives_up_at_once(
    httpserver: HTTPServer, make_client: MakeClient, sleeps: SleepRecorder
) -> None:
    httpserver.expect_request("/v1/messages").respond_with_json(
        problem(429, "too_many_requests"), status=429, headers={"Retry-After": "3600"}
    )
    with pytest.raises(GatewayError) as caught:
        make_client().send_messages([message()])
    assert (caught.value.kind, caught.value.code) == ("rejected", "too_many_requests")
    assert len(httpserver.log) == 1 and sleeps.delays == []


def test_429_until_the_end_is_rejected(
    httpserver: HTTPServer, make_client: MakeClient, sleeps: SleepRecorder
) -> None:
    httpserver.expect_request("/v1/messages").respond_with_json(
        problem(429, "too_many_requests"), status=429, headers={"Retry-After": "2"}
    )
    with pytest.raises(GatewayError) as caught:
        make_client(max_attempts=3).send_messages([message()])
    assert (caught.value.kind, caught.value.status, caught.value.code) == (
        "rejected",
        429,
        "too_many_requests",
    )
    assert len(httpserver.log) == 3
    assert sleeps.delays == [2.0, 2.0]  # none after the last attempt


def test_5xx_until_the_end_is_a_server_error(
    httpserver: HTTPServer, make_client: MakeClient, sleeps: SleepRecorder
) -> None:
    httpserver.expect_request("/v1/events").respond_with_data(
        "<html>Bad Gateway</html>", status=502, content_type="text/html"
    )
    with pytest.raises(GatewayError) as caught:
        make_client().events(after=0)
    assert (caught.value.kind, caught.value.status) == ("server_error", 502)
    assert len(httpserver.log) == 5  # max_attempts defaults to 5
    assert len(sleeps.delays) == 4


def test_backoff_delays_grow_up_to_their_ceiling(
    httpserver: HTTPServer, make_client: MakeClient, sleeps: SleepRecorder
) -> None:
    httpserver.expect_request("/v1/messages").respond_with_data("", status=503)
    with pytest.raises(GatewayError):
        make_client(rng=lambda: 0.999, max_attempts=5).send_messages([message()])
    assert sleeps.delays == pytest.approx([0.4995, 0.999, 1.998, 3.996])


def test_backoff_delays_are_jittered(
    httpserver: HTTPServer, make_client: MakeClient, sleeps: SleepRecorder
) -> None:
    httpserver.expect_request("/v1/messages").respond_with_data("", status=503)
    with pytest.raises(GatewayError):
        make_client(rng=sequence(0.9, 0.1, 0.5, 0.3)).send_messages([message()])
    # Full jitter: each wait is the drawn fraction of that retry's ceiling (0.5, 1, 2, 4 s).
    assert sleeps.delays == pytest.approx([0.45, 0.1, 1.0, 1.2])


def test_backoff_with_real_randomness_stays_within_bounds(
    httpserver: HTTPServer, make_client: MakeClient, sleeps: SleepRecorder
) -> None:
    httpserver.expect_request("/v1/messages").respond_with_data("", status=503)
    with pytest.raises(GatewayError):
        make_client(rng=random.Random(20261127).random, max_attempts=9).send_messages([message()])
    ceilings = [0.5, 1, 2, 4, 8, 16, 30, 30]
    assert len(sleeps.delays) == len(ceilings)
    assert all(0 <= d < c for d, c in zip(sleeps.delays, ceilings, strict=True))
    assert len(set(sleeps.delays)) == len(ceilings)  # jittered, not fixed
    assert not all(d == pytest.approx(c) for d, c in zip(sleeps.delays, ceilings, strict=True))


# ---- network errors ----------------------------------------------------------------------------
def test_connection_refused_is_unreachable_after_max_attempts(
    closed_port: int, sleeps: SleepRecorder
) -> None:
    client = GatewayClient(
        f"http://127.0.0.1:{closed_port}", TOKEN, max_attempts=4, sleep=sleeps, rng=lambda: 0.5
    )
    with client, pytest.raises(GatewayError) as caught:
        client.send_messages([message()])
    assert caught.value.kind == "unreachable"
    assert isinstance(caught.value.__cause__, requests.ConnectionError)
    assert sleeps.delays == [0.25, 0.5, 1.0]


def test_connection_reset_is_retried(
    dropping_server: DroppingServer, sleeps: SleepRecorder
) -> None:
    client = GatewayClient(
        f"http://127.0.0.1:{dropping_server.port}", TOKEN, max_attempts=3, sleep=sleeps
    )
    with client, pytest.raises(GatewayError) as caught:
        client.events(after=0)
    assert caught.value.kind == "unreachable"
    assert dropping_server.accepted == 3
    assert len(sleeps.delays) == 2


@pytest.fixture
def slow_first_call(httpserver: HTTPServer) -> Iterator[threading.Event]:
    """POST /v1/messages: the first call hangs until released, later ones answer at once."""
    release = threading.Event()
    calls: list[int] = []
    lock = threading.Lock()

    def handler(request: Request) -> Response:
        with lock:
            calls.append(1)
            first = len(calls) == 1
        if first:
            release.wait(timeout=10)
        return Response(json.dumps(ACCEPTED), content_type="application/json")

    httpserver.expect_request("/v1/messages", method="POST").respond_with_handler(handler)
    yield release
    release.set()
    # Let the hanging handler finish before the next test clears the shared server's log.
    deadline = time.monotonic() + 10
    while len(httpserver.log) < len(calls) and time.monotonic() < deadline:
        time.sleep(0.01)


def test_read_timeout_is_a_network_error_and_retried(
    httpserver: HTTPServer,
    make_client: MakeClient,
    sleeps: SleepRecorder,
    slow_first_call: threading.Event,
) -> None:
    client = make_client(timeout=(2.0, 0.2), max_attempts=2)
    assert client.send_messages([message()]) == [ItemResult(key="c-1", result="accepted")]
    assert len(sleeps.delays) == 1


def test_read_timeout_on_the_last_attempt_is_unreachable(
    httpserver: HTTPServer,
    make_client: MakeClient,
    sleeps: SleepRecorder,
    slow_first_call: threading.Event,
) -> None:
    client = make_client(timeout=(2.0, 0.2), max_attempts=1)
    with pytest.raises(GatewayError) as caught:
        client.send_messages([message()])
    assert caught.value.kind == "unreachable"
    assert isinstance(caught.value.__cause__, requests.Timeout)
    assert sleeps.delays == []


# ---- the policy on its own ---------------------------------------------------------------------
def test_retryable_status_table() -> None:
    retryable = [s for s in range(100, 600) if is_retryable_status(s)]
    assert retryable == [408, 429, *range(500, 600)]


def test_backoff_ceiling_doubles_from_half_a_second_up_to_30() -> None:
    backoff = Backoff()
    assert [backoff.ceiling(n) for n in range(1, 9)] == [0.5, 1, 2, 4, 8, 16, 30, 30]
    assert backoff.ceiling(10_000) == 30
    with pytest.raises(ValueError):
        backoff.ceiling(0)


NOW = datetime(2026, 11, 27, 10, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("0", 0.0),
        ("7", 7.0),
        (" 120 ", 120.0),
        ("1.5", 1.5),
        ("Fri, 27 Nov 2026 10:00:30 GMT", 30.0),
        ("Fri, 27 Nov 2026 09:59:00 GMT", 0.0),  # already past
        ("Friday, 27-Nov-26 10:00:10 GMT", 10.0),  # obsolete RFC 850 form
        ("-5", None),
        ("soon", None),
        ("", None),
        ("nan", None),
    ],
)
def test_parse_retry_after(header: str | None, expected: float | None) -> None:
    assert parse_retry_after(header, NOW) == expected
