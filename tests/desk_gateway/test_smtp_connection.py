"""The running delivery worker keeps its SMTP connection between rounds and connects
afresh when the server closed it meanwhile (a real aiosmtpd on loopback): no mail lost,
none counted against, the transport not paused."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from desk_gateway.config import load_config
from desk_gateway.context import Gateway, ensure_secret_key
from desk_gateway.db.models import Message, TransportHealth
from desk_gateway.email_transport import SmtpTransport
from desk_gateway.sms.capture import CaptureProvider
from desk_sql.database import Database
from tests.conftest import Clock

from .conftest import Salon, SmtpRecorder, free_port, make_harness
from .support import Harness, message_item

TEST_KEY = "5e" * 32


@dataclass
class DroppingServer(SmtpRecorder):
    """Keeps its connections, so the test can close them as a server's idle timeout
    would; answers MAIL with 421 while ``closing`` (a server shutting down)."""

    controller: Controller | None = None
    sessions: list[Any] = field(default_factory=list)
    closing: int = 0  # how many MAIL commands get 421

    async def handle_EHLO(self, server, session, envelope, hostname, responses):  # type: ignore[no-untyped-def]
        self.sessions.append(server)
        return await super().handle_EHLO(server, session, envelope, hostname, responses)

    async def handle_MAIL(self, server, session, envelope, address, mail_options):  # type: ignore[no-untyped-def]
        if self.closing:
            self.closing -= 1
            return "421 4.3.2 Service shutting down"
        envelope.mail_from = address
        return "250 OK"

    def drop_connections(self) -> None:
        assert self.controller is not None and self.controller.loop is not None
        for server in self.sessions:
            self.controller.loop.call_soon_threadsafe(server.transport.close)


@pytest.fixture
def dropping_server() -> Iterator[DroppingServer]:
    recorder = DroppingServer(port=free_port())
    recorder.controller = Controller(recorder, hostname="127.0.0.1", port=recorder.port)
    recorder.controller.start()
    try:
        yield recorder
    finally:
        recorder.controller.stop()


@pytest.fixture
def running(
    gateway_db: Database,
    gateway_db_url: str,
    clock: Clock,
    salon: Salon,
    dropping_server: DroppingServer,
) -> Iterator[Harness]:
    """A gateway whose delivery worker runs in its own thread, as ``serve`` runs it."""
    config = load_config(
        environ={
            "DESK_GATEWAY_DATABASE_URL": gateway_db_url,
            "DESK_GATEWAY_PUBLIC_URL": "https://gateway.example.test",
            "DESK_GATEWAY_MAIL_FROM": "Salon <termine@schnittpunkt.example>",
            "DESK_GATEWAY_SMTP_HOST": "127.0.0.1",
            "DESK_GATEWAY_SMTP_PORT": str(dropping_server.port),
            "DESK_GATEWAY_SMTP_SECURITY": "none",
            "DESK_GATEWAY_DEMO": "1",
            "DESK_GATEWAY_SECRET_KEY": TEST_KEY,
        }
    )
    assert config.smtp is not None
    gw = Gateway(gateway_db, config, ensure_secret_key(gateway_db, config), clock)
    for harness in make_harness(gw, clock, salon, CaptureProvider(), SmtpTransport(config.smtp)):
        harness.worker.start()
        try:
            yield harness
        finally:
            harness.worker.stop()


def wait_until(condition: Callable[[], bool], what: str) -> None:
    """Wait for the worker thread (a deadline for waiting, not a measurement)."""
    deadline = time.monotonic() + 60
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting for {what}")
        time.sleep(0.02)


def send_batch(harness: Harness, server: SmtpRecorder, first: int, count: int) -> None:
    harness.post_messages(
        [message_item(to=f"kunde{n}@example.de") for n in range(first, first + count)]
    )
    harness.worker.wake()
    wait_until(lambda: len(server.received) >= first + count, f"mail {first + count}")


def assert_all_sent_once(harness: Harness, server: SmtpRecorder, count: int) -> None:
    assert sorted(rcpt[0] for _, rcpt, _ in server.received) == sorted(
        f"kunde{n}@example.de" for n in range(count)
    )
    wait_until(lambda: harness.event_types().count("message.sent") == count, "the outcomes")
    with harness.gw.db.read() as s:
        messages = list(s.query(Message))
        health = s.get(TransportHealth, "email")
    assert {(m.status, m.attempts, m.last_error) for m in messages} <= {("sent", 1, None)}
    # The transport never counted as failing: nobody was told the SMTP server is down.
    assert health is None or health.state == "ok"


def test_rounds_share_one_connection(running: Harness, dropping_server: DroppingServer) -> None:
    for first in (0, 3, 6):
        send_batch(running, dropping_server, first, 3)

    assert dropping_server.connections == 1
    assert_all_sent_once(running, dropping_server, 9)


def test_a_connection_the_server_closed_is_opened_again(
    running: Harness, dropping_server: DroppingServer
) -> None:
    send_batch(running, dropping_server, 0, 2)
    dropping_server.drop_connections()  # the server's idle timeout, a restart

    send_batch(running, dropping_server, 2, 2)

    assert dropping_server.connections == 2
    assert_all_sent_once(running, dropping_server, 4)


def test_a_421_on_a_kept_connection_is_answered_by_a_fresh_one(
    running: Harness, dropping_server: DroppingServer
) -> None:
    send_batch(running, dropping_server, 0, 2)
    dropping_server.closing = 1  # "service shutting down" on the kept connection

    send_batch(running, dropping_server, 2, 2)

    assert dropping_server.connections == 2
    assert_all_sent_once(running, dropping_server, 4)


def test_a_server_that_stays_away_still_pauses_the_transport(
    running: Harness, dropping_server: DroppingServer
) -> None:
    """One fresh connection, not more: a server that refuses it is a transport failure."""
    send_batch(running, dropping_server, 0, 1)
    dropping_server.closing = 2  # the kept connection and the fresh one

    running.post_messages([message_item(to="kunde1@example.de")])
    running.worker.wake()

    def paused() -> bool:
        with running.gw.db.read() as s:
            health = s.get(TransportHealth, "email")
            return health is not None and health.state == "failing"

    wait_until(paused, "the transport to pause")
    with running.gw.db.read() as s:
        (waiting,) = [m for m in s.query(Message) if m.status != "sent"]
        health = s.get(TransportHealth, "email")
    assert (waiting.status, waiting.attempts) == ("accepted", 0)  # no try counted
    assert health is not None and health.error == "server_error"
    assert dropping_server.connections == 2
