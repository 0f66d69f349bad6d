"""SMS failures sorted by whose problem they are, through the delivery worker and the real
Twilio adapter against a local HTTP server answering like Twilio's API: wrong credentials
or an outage pause SMS (no try counted, nobody suppressed, /v1/status says so); a dead
number bounces; a refused text fails alone."""

from __future__ import annotations

import itertools
import json
import logging
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import func, select
from werkzeug import Request, Response

from desk_gateway.context import Gateway
from desk_gateway.db.models import PROVIDER_ID_LENGTH, Suppression, TransportHealth
from desk_gateway.email_transport import CaptureTransport
from desk_gateway.sms.twilio import TwilioProvider
from desk_gateway.sms.webhook import WebhookProvider
from tests.conftest import Clock

from .conftest import Salon, make_harness
from .support import Harness, message_item

SID = "AC0123456789abcdef0123456789abcdef"
PATH = f"/2010-04-01/Accounts/{SID}/Messages.json"
NUMBERS = ["+4915112345601", "+4915112345602", "+4915112345603"]


class FakeTwilio:
    """Answers like Twilio: 201 with a Message resource, or the error a test asks for,
    for every number or for one."""

    def __init__(self) -> None:
        self.failure: tuple[int, int] | None = None  # (HTTP status, Twilio code) for all
        self.refuse: dict[str, tuple[int, int]] = {}  # number -> (HTTP status, code)
        self.accepted: list[str] = []
        self.sid: str | None = None  # the SID of every message instead of a fresh one
        self._ids = itertools.count(1)

    def __call__(self, request: Request) -> Response:
        to = request.form.get("To", "")
        failure = self.refuse.get(to) or self.failure
        if failure is not None:
            status, code = failure
            body = {"code": code, "message": f"refused {to}", "status": status}
            return Response(_json(body), status=status, content_type="application/json")
        self.accepted.append(to)
        sid = self.sid or f"SM{next(self._ids):032d}"
        resource = {"sid": sid, "status": "queued", "num_segments": "1"}
        return Response(_json(resource), status=201, content_type="application/json")


def _json(value: Any) -> str:
    return json.dumps(value)


@pytest.fixture
def twilio(httpserver: HTTPServer) -> FakeTwilio:
    fake = FakeTwilio()
    httpserver.expect_request(PATH, method="POST").respond_with_handler(fake)
    return fake


@pytest.fixture
def sms_harness(
    gw: Gateway, clock: Clock, salon: Salon, httpserver: HTTPServer, twilio: FakeTwilio
) -> Iterator[Harness]:
    provider = TwilioProvider(
        SID, "token", "SalonMaria", base_url=httpserver.url_for("/"), timeout=(1.0, 2.0)
    )
    yield from make_harness(gw, clock, salon, provider, CaptureTransport(gw.db))  # type: ignore[arg-type]


def submit(harness: Harness) -> list[str]:
    items = [message_item(channel="sms", to=number) for number in NUMBERS]
    assert [r["result"] for r in harness.post_messages(items)] == ["accepted"] * 3
    return [item["client_id"] for item in items]


def sms_status(harness: Harness) -> dict[str, Any]:
    body: dict[str, Any] = harness.client.get("/v1/status", headers=harness.auth()).json()
    return dict(body["transports"]["sms"])


def suppressions(harness: Harness) -> int:
    with harness.gw.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Suppression)) or 0)


def wait_for_the_transport(harness: Harness) -> None:
    with harness.gw.db.read() as s:
        row = s.get(TransportHealth, "sms")
    assert row is not None and row.next_try_at is not None
    harness.clock.now = max(harness.clock.now, row.next_try_at)


@pytest.mark.parametrize(
    ("failure", "error"),
    [
        ((401, 20003), "auth_failed"),  # wrong auth token
        ((400, 21606), "sender_refused"),  # the sender is not ours
        ((500, 20500), "server_error"),
        ((429, 20429), "provider_error"),
        # The account's limits and settings: fixed in Twilio's console, not in a message.
        ((400, 21611), "provider_error"),  # the sender's queue is full
        ((400, 21408), "provider_error"),  # sending to this region is not enabled
    ],
)
def test_the_providers_trouble_pauses_sms_and_counts_no_try(
    sms_harness: Harness, twilio: FakeTwilio, failure: tuple[int, int], error: str
) -> None:
    harness = sms_harness
    client_ids = submit(harness)
    email = harness.submit()
    twilio.failure = failure

    assert harness.deliver() == 4

    for client_id in client_ids:
        message = harness.message(client_id)
        assert (message.status, message.attempts) == ("accepted", 0)
        assert harness.event_types(client_id=client_id) == ["message.accepted"]
    assert harness.message(email["client_id"]).status == "sent"  # email is not held up
    assert sms_status(harness)["state"] == "failing" and sms_status(harness)["error"] == error
    assert harness.deliver() == 0  # paused

    twilio.failure = None
    wait_for_the_transport(harness)
    assert harness.deliver() == 3

    assert Counter(twilio.accepted) == Counter(NUMBERS)
    for client_id in client_ids:
        assert harness.event_types(client_id=client_id) == ["message.accepted", "message.sent"]
    assert suppressions(harness) == 0
    assert sms_status(harness) == {"state": "ok", "error": None, "since": None}


def test_a_dead_number_bounces_and_a_refused_text_fails_alone(
    sms_harness: Harness, twilio: FakeTwilio
) -> None:
    harness = sms_harness
    dead, refused, fine = submit(harness)
    twilio.refuse = {NUMBERS[0]: (400, 21211), NUMBERS[1]: (400, 21617)}

    assert harness.deliver() == 3

    assert [harness.message(c).status for c in (dead, refused, fine)] == [
        "bounced",
        "failed",
        "sent",
    ]
    assert suppressions(harness) == 1
    (failed,) = [e for e in harness.events() if e["type"] == "message.failed"]
    assert failed["data"] == {"error": "twilio: HTTP 400, error 21617", "permanent": True}
    assert NUMBERS[1] not in str(harness.events())  # Twilio's text quotes the number
    assert sms_status(harness)["state"] == "ok"
    again = harness.post_messages([message_item(channel="sms", to=n) for n in NUMBERS[:2]])
    assert [r.get("code") for r in again] == ["suppressed", None]


# ---- a provider's message id that cannot be stored ------------------------------------------
UNSTORABLE_IDS = [
    pytest.param("m" * (PROVIDER_ID_LENGTH + 1), id="too-long"),
    pytest.param("m" * 5000, id="far-too-long"),
    pytest.param("msg-\x00-1", id="nul"),
    pytest.param("msg-\n-1", id="line-break"),
]


def assert_sent_without_id(harness: Harness, client_ids: list[str]) -> None:
    """Recorded as sent, once, with no provider id; not handed over again later."""
    for client_id in client_ids:
        message = harness.message(client_id)
        assert (message.status, message.attempts, message.provider_id) == ("sent", 1, None)
        assert harness.event_types(client_id=client_id) == ["message.accepted", "message.sent"]
        (sent,) = [e for e in harness.events() if e["client_id"] == client_id][1:]
        assert sent["data"] == {"message_id": None}
    harness.clock.advance(hours=2)  # well past any lease
    assert harness.deliver() == 0


@pytest.fixture
def webhook_harness(
    gw: Gateway, clock: Clock, salon: Salon, httpserver: HTTPServer
) -> Iterator[tuple[Harness, list[str]]]:
    """A gateway texting through the webhook provider to a relay on loopback. Yields the
    harness and a list: the relay answers every send with the id in its first item and
    appends the number it was asked to text."""
    state: list[str] = [""]

    def relay(request: Request) -> Response:
        state.append(json.loads(request.get_data())["to"])
        return Response(_json({"id": state[0]}), status=200, content_type="application/json")

    httpserver.expect_request("/sms/send", method="POST").respond_with_handler(relay)
    provider = WebhookProvider(httpserver.url_for("/sms/send"), "s3cret", "SalonMaria")
    for harness in make_harness(gw, clock, salon, provider, CaptureTransport(gw.db)):  # type: ignore[arg-type]
        yield harness, state


@pytest.mark.parametrize("provider_id", UNSTORABLE_IDS)
def test_a_relay_id_that_cannot_be_stored_keeps_the_sms_sent_without_it(
    webhook_harness: tuple[Harness, list[str]],
    caplog: pytest.LogCaptureFixture,
    provider_id: str,
) -> None:
    """The webhook relay's answer carries an id longer than the column (or with control
    characters): the SMS went out, so it is recorded as sent, once, with no provider id
    (on PostgreSQL the write used to fail and the SMS went out again every lease); the log
    says only how long the id was."""
    harness, relay = webhook_harness
    relay[0] = provider_id
    client_ids = submit(harness)
    caplog.set_level(logging.WARNING, logger="desk_gateway")

    assert harness.deliver() == 3

    assert_sent_without_id(harness, client_ids)
    assert Counter(relay[1:]) == Counter(NUMBERS)
    warnings = [r.getMessage() for r in caplog.records if "not stored" in r.getMessage()]
    assert (
        warnings
        == [
            f"webhook: message id of {len(provider_id)} characters not stored (too long or"
            " control characters); its delivery reports will not be matched"
        ]
        * 3
    )
    assert provider_id not in caplog.text


def test_an_id_as_long_as_the_column_is_stored(webhook_harness: tuple[Harness, list[str]]) -> None:
    harness, relay = webhook_harness
    relay[0] = "m" * PROVIDER_ID_LENGTH
    (client_id, *_) = submit(harness)

    assert harness.deliver() == 3

    assert harness.message(client_id).provider_id == relay[0]


def test_a_twilio_sid_that_cannot_be_stored_keeps_the_sms_sent_without_it(
    sms_harness: Harness, twilio: FakeTwilio
) -> None:
    twilio.sid = "SM" + "0" * 200
    client_ids = submit(sms_harness)

    assert sms_harness.deliver() == 3

    assert_sent_without_id(sms_harness, client_ids)
    assert Counter(twilio.accepted) == Counter(NUMBERS)
