"""SMTP failures sorted by whose problem they are, against a real SMTP server (aiosmtpd with
an authenticator and handlers that refuse on request).

Only a permanent refusal of the address itself (5xx to RCPT about it) is a bounce. A wrong
password (535), "authentication required" (530), a refused sender, a 421, a server that is
down: the gateway's own failures. The messages keep their tries, the transport pauses with
growing pauses, GET /v1/status says so, and once the trouble is fixed every message goes
out exactly once, with nobody suppressed.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from sqlalchemy import func, select

from desk_gateway.config import GatewayConfig, load_config
from desk_gateway.context import Gateway, ensure_secret_key
from desk_gateway.db.models import Suppression, TransportHealth
from desk_gateway.delivery import MAX_ATTEMPTS, DeliveryWorker
from desk_gateway.email_transport import SmtpTransport
from desk_gateway.sms.capture import CaptureProvider
from desk_sql.database import Database
from tests.conftest import Clock

from .conftest import Salon, free_port, make_harness
from .support import Harness, message_item

PASSWORD = "richtig"
BACKOFF_MAX = 20

# The lab server takes AUTH without TLS (loopback only): the gateway verifies certificates,
# and a test certificate authority would test nothing this module is about.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")


@dataclass
class SmtpLab:
    """An SMTP server that refuses exactly what a test tells it to."""

    port: int = field(default_factory=free_port)
    password: str = PASSWORD
    mail_reply: str | None = None  # answer to every MAIL FROM instead of 250
    rcpt_replies: dict[str, str] = field(default_factory=dict)  # address -> reply
    data_replies: dict[str, str] = field(default_factory=dict)  # recipient -> reply to DATA
    auth_attempts: int = 0
    mail_commands: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _received: list[EmailMessage] = field(default_factory=list)

    def authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any):  # type: ignore[no-untyped-def]
        self.auth_attempts += 1
        ok = isinstance(data, LoginPassword) and data.password == self.password.encode()
        return AuthResult(success=ok, handled=False)  # the server answers 235 / 535

    async def handle_MAIL(self, server, session, envelope, address, mail_options):  # type: ignore[no-untyped-def]
        self.mail_commands += 1
        if self.mail_reply:
            return self.mail_reply
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # type: ignore[no-untyped-def]
        if address in self.rcpt_replies:
            return self.rcpt_replies[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        for recipient in envelope.rcpt_tos:
            if recipient in self.data_replies:
                return self.data_replies[recipient]
        parsed = message_from_bytes(envelope.original_content or b"", policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        with self._lock:
            self._received.append(parsed)
        await asyncio.sleep(0)
        return "250 Message accepted for delivery"

    @property
    def received(self) -> list[EmailMessage]:
        with self._lock:
            return list(self._received)

    def recipients(self) -> Counter[str]:
        return Counter(str(m["To"]) for m in self.received)

    def message_ids(self) -> Counter[str]:
        return Counter(str(m["Message-ID"]) for m in self.received)


def start(lab: SmtpLab, auth: bool) -> Controller:
    options: dict[str, Any] = {}
    if auth:
        options = {
            "authenticator": lab.authenticate,
            "auth_required": True,
            "auth_require_tls": False,
            # aiosmtpd's LOGIN stalls after a failed PLAIN in the same session; PLAIN is
            # what submission servers offer anyway.
            "auth_exclude_mechanism": ["LOGIN"],
        }
    controller = Controller(lab, hostname="127.0.0.1", port=lab.port, **options)
    controller.start()
    return controller


@pytest.fixture
def lab() -> SmtpLab:
    return SmtpLab()


@pytest.fixture
def server(lab: SmtpLab) -> Iterator[SmtpLab]:
    controller = start(lab, auth=True)
    yield lab
    controller.stop()


def smtp_config(url: str, port: int, password: str | None = PASSWORD) -> GatewayConfig:
    env = {
        "DESK_GATEWAY_DATABASE_URL": url,
        "DESK_GATEWAY_PUBLIC_URL": "https://gateway.example.test",
        "DESK_GATEWAY_MAIL_FROM": "Salon Schnittpunkt <termine@schnittpunkt.example>",
        "DESK_GATEWAY_SMTP_HOST": "127.0.0.1",
        "DESK_GATEWAY_SMTP_PORT": str(port),
        "DESK_GATEWAY_SMTP_SECURITY": "none",
        "DESK_GATEWAY_TRANSPORT_BACKOFF_MAX": str(BACKOFF_MAX),
        "DESK_GATEWAY_DEMO": "1",  # SMS into the in-memory capture provider
        "DESK_GATEWAY_SECRET_KEY": "5a" * 32,  # no key file in the working directory
    }
    if password is not None:
        env |= {"DESK_GATEWAY_SMTP_USER": "salon", "DESK_GATEWAY_SMTP_PASSWORD": password}
    return load_config(environ=env)


MakeHarness = Callable[..., Harness]


@pytest.fixture
def smtp_harness(
    gateway_db: Database, gateway_db_url: str, clock: Clock, salon: Salon, lab: SmtpLab
) -> Iterator[MakeHarness]:
    """``make(password=…)``: a gateway whose SMTP transport logs in with that password
    (None: no login at all) at the lab's port."""
    opened: list[Iterator[Harness]] = []

    def make(password: str | None = PASSWORD) -> Harness:
        config = smtp_config(gateway_db_url, lab.port, password)
        assert config.smtp is not None
        gw = Gateway(gateway_db, config, ensure_secret_key(gateway_db, config), clock)
        harnesses = make_harness(gw, clock, salon, CaptureProvider(), SmtpTransport(config.smtp))
        opened.append(harnesses)
        return next(harnesses)

    yield make
    for harnesses in opened:
        for _ in harnesses:  # runs the rest of the generator: closes the client
            pass


def transport_row(harness: Harness, transport: str = "email") -> TransportHealth | None:
    with harness.gw.db.read() as s:
        return s.get(TransportHealth, transport)


def suppressions(harness: Harness) -> int:
    with harness.gw.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Suppression)) or 0)


def status(harness: Harness) -> dict[str, Any]:
    response = harness.client.get("/v1/status", headers=harness.auth())
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def wait_for_the_transport(harness: Harness) -> None:
    """Move the clock to when the paused transport may be tried again."""
    row = transport_row(harness)
    assert row is not None and row.next_try_at is not None
    harness.clock.now = max(harness.clock.now, row.next_try_at)


def submit_five(harness: Harness) -> list[str]:
    items = [message_item(to=f"kundin{n}@example.de") for n in range(5)]
    results = harness.post_messages(items)
    assert [r["result"] for r in results] == ["accepted"] * 5
    return [i["client_id"] for i in items]


def assert_untouched(harness: Harness, client_ids: list[str]) -> None:
    """Waiting for the transport: accepted, no try counted, nothing told to the desktop."""
    for client_id in client_ids:
        message = harness.message(client_id)
        assert (message.status, message.attempts) == ("accepted", 0)
        assert message.lease_owner is None
        assert harness.event_types(client_id=client_id) == ["message.accepted"]


def assert_sent_once(harness: Harness, lab: SmtpLab, client_ids: list[str]) -> None:
    assert lab.message_ids() == Counter({f"<{c}@gateway.example.test>": 1 for c in client_ids})
    for client_id in client_ids:
        assert harness.message(client_id).status == "sent"
        assert harness.event_types(client_id=client_id) == ["message.accepted", "message.sent"]
    assert suppressions(harness) == 0


# ---- credentials ------------------------------------------------------------------------------
def test_a_wrong_password_suppresses_nobody_and_all_go_out_once_it_is_fixed(
    smtp_harness: MakeHarness, server: SmtpLab, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="desk_gateway")
    wrong = smtp_harness(password="falsch")
    client_ids = submit_five(wrong)
    started = wrong.clock.now

    assert wrong.deliver() == 5

    assert server.auth_attempts == 1  # one login tried for the whole batch
    assert server.received == []
    assert_untouched(wrong, client_ids)
    assert suppressions(wrong) == 0
    assert status(wrong)["transports"]["email"] == {
        "state": "failing",
        "error": "auth_failed",
        "since": started.isoformat(),
    }
    assert status(wrong)["transports"]["sms"]["state"] == "ok"

    # Paused: nothing is tried before its time; then pauses grow up to the cap.
    assert wrong.deliver() == 0
    assert server.auth_attempts == 1
    pauses = []
    for _ in range(4):
        before = wrong.clock.now
        wait_for_the_transport(wrong)
        pauses.append((wrong.clock.now - before).total_seconds())
        assert wrong.deliver() == 5
    assert pauses == [5, 10, 20, BACKOFF_MAX]
    assert server.auth_attempts == 5
    assert_untouched(wrong, client_ids)
    row = transport_row(wrong)
    assert row is not None and row.failures == 5 and row.since == started

    # The operator fixes the password and restarts the gateway.
    fixed = smtp_harness(password=PASSWORD)
    wait_for_the_transport(fixed)
    assert fixed.deliver() == 5
    assert fixed.deliver() == 0

    assert_sent_once(fixed, server, client_ids)
    assert status(fixed)["transports"]["email"] == {"state": "ok", "error": None, "since": None}
    warnings = [r for r in caplog.records if r.name == "desk_gateway.health"]
    assert [(r.levelname, r.getMessage()) for r in warnings] == [
        ("WARNING", "email transport failing (auth_failed); messages wait, keeping their tries"),
        ("INFO", "email transport works again"),
    ]
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "example.de" not in logged and "falsch" not in logged


def test_530_authentication_required_at_mail_from_is_the_gateways_problem(
    smtp_harness: MakeHarness, lab: SmtpLab
) -> None:
    """A gateway without SMTP credentials at a server that wants them (aiosmtpd answers
    "530 5.7.0 Authentication required" to MAIL FROM)."""
    controller = start(lab, auth=True)
    try:
        harness = smtp_harness(password=None)
        client_ids = submit_five(harness)

        assert harness.deliver() == 5

        assert lab.mail_commands == 0 and lab.received == []  # refused before the handler
        assert_untouched(harness, client_ids)
        assert status(harness)["transports"]["email"]["error"] == "auth_failed"
        assert suppressions(harness) == 0

        fixed = smtp_harness(password=PASSWORD)
        wait_for_the_transport(fixed)
        assert fixed.deliver() == 5
        assert_sent_once(fixed, lab, client_ids)
    finally:
        controller.stop()


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        ("530 5.7.0 Authentication required", "auth_failed"),
        ("553 5.7.1 <termine@schnittpunkt.example>: Sender address rejected", "sender_refused"),
        ("451 4.3.0 Local error in processing", "server_error"),
        ("421 4.3.2 Service shutting down", "server_error"),
    ],
)
def test_a_refused_sender_stops_nobody_getting_mail_later(
    smtp_harness: MakeHarness, lab: SmtpLab, reply: str, error: str
) -> None:
    controller = start(lab, auth=False)
    try:
        harness = smtp_harness(password=None)
        client_ids = submit_five(harness)
        lab.mail_reply = reply

        assert harness.deliver() == 5

        assert lab.mail_commands == 1  # the batch stopped at the first refusal
        assert_untouched(harness, client_ids)
        assert status(harness)["transports"]["email"]["error"] == error

        lab.mail_reply = None
        wait_for_the_transport(harness)
        assert harness.deliver() == 5
        assert_sent_once(harness, lab, client_ids)
        assert status(harness)["transports"]["email"]["state"] == "ok"
    finally:
        controller.stop()


# ---- the server is down -----------------------------------------------------------------------
def test_connection_refused_then_the_server_starts(smtp_harness: MakeHarness, lab: SmtpLab) -> None:
    harness = smtp_harness(password=None)
    client_ids = submit_five(harness)

    assert harness.deliver() == 5  # nobody listens on the lab's port yet

    assert_untouched(harness, client_ids)
    assert status(harness)["transports"]["email"]["error"] == "connection_failed"

    controller = start(lab, auth=False)
    try:
        wait_for_the_transport(harness)
        assert harness.deliver() == 5
        assert_sent_once(harness, lab, client_ids)
    finally:
        controller.stop()


# ---- refusals about one recipient or one message ----------------------------------------------
def test_refusals_of_one_recipient_or_message_are_sorted(
    smtp_harness: MakeHarness, server: SmtpLab
) -> None:
    server.rcpt_replies = {
        "weg@example.de": "550 5.1.1 <weg@example.de>: Recipient address rejected",
        "alt@example.de": "550 mailbox unavailable",  # no enhanced code: the address
        "besetzt@example.de": "450 4.2.1 <besetzt@example.de>: try again later",
        "grau@example.de": "451 4.7.1 greylisted",
        "voll@example.de": "552 5.2.2 mailbox full",
        "spam@example.de": "554 5.7.1 <spam@example.de>: Recipient address rejected: policy",
    }
    server.data_replies = {"inhalt@example.de": "554 5.6.0 Message content rejected"}
    harness = smtp_harness()
    addresses = [
        "da@example.de",
        "weg@example.de",
        "alt@example.de",
        "besetzt@example.de",
        "grau@example.de",
        "voll@example.de",
        "spam@example.de",
        "inhalt@example.de",
        "auch.da@example.de",
    ]
    items = [message_item(to=address) for address in addresses]
    harness.post_messages(items)
    by_address = {item["to"]: item["client_id"] for item in items}

    assert harness.deliver() == len(items)

    def outcome(address: str) -> tuple[str, int]:
        message = harness.message(by_address[address])
        return message.status, message.attempts

    assert outcome("da@example.de") == ("sent", 1)
    assert outcome("auch.da@example.de") == ("sent", 1)
    assert outcome("weg@example.de") == ("bounced", 1)
    assert outcome("alt@example.de") == ("bounced", 1)
    assert outcome("inhalt@example.de") == ("failed", 1)
    for address in ("besetzt", "grau", "voll", "spam"):
        assert outcome(f"{address}@example.de") == ("accepted", 1)
    assert server.auth_attempts == 1  # one connection carried them all
    assert suppressions(harness) == 2
    assert status(harness)["transports"]["email"]["state"] == "ok"
    (failed,) = [e for e in harness.events() if e["type"] == "message.failed"]
    assert failed["client_id"] == by_address["inhalt@example.de"]
    assert failed["data"] == {"error": "smtp 554 5.6.0", "permanent": True}
    bounces = {
        e["client_id"]: e["data"] for e in harness.events() if e["type"] == "message.bounced"
    }
    assert bounces == {
        by_address["weg@example.de"]: {"permanent": True, "error": "smtp 550 5.1.1"},
        by_address["alt@example.de"]: {"permanent": True, "error": "smtp 550"},
    }

    # Only the dead addresses are suppressed; refused content and policy are not.
    later = harness.post_messages([message_item(to=a) for a in addresses])
    codes = {a: r.get("code") for a, r in zip(addresses, later, strict=True)}
    assert codes["weg@example.de"] == codes["alt@example.de"] == "suppressed"
    assert {a for a, c in codes.items() if c is None} == set(addresses) - {
        "weg@example.de",
        "alt@example.de",
    }


def test_a_temporary_refusal_counts_tries_and_then_fails_without_suppression(
    smtp_harness: MakeHarness, server: SmtpLab
) -> None:
    server.rcpt_replies = {"besetzt@example.de": "450 4.2.1 try again later"}
    harness = smtp_harness()
    result = harness.submit(to="besetzt@example.de")

    for _ in range(MAX_ATTEMPTS + 2):
        harness.deliver()
        harness.clock.advance(hours=2)

    message = harness.message(result["client_id"])
    assert (message.status, message.attempts) == ("failed", MAX_ATTEMPTS)
    assert harness.event_types(client_id=result["client_id"]) == [
        "message.accepted",
        "message.failed",
    ]
    assert suppressions(harness) == 0
    assert status(harness)["transports"]["email"]["state"] == "ok"


def test_421_to_a_recipient_pauses_the_transport_without_counting(
    smtp_harness: MakeHarness, server: SmtpLab
) -> None:
    harness = smtp_harness()
    client_ids = submit_five(harness)
    server.rcpt_replies = {"kundin0@example.de": "421 4.7.0 too many connections, closing"}

    assert harness.deliver() == 5

    assert_untouched(harness, client_ids)
    assert status(harness)["transports"]["email"]["error"] == "server_error"

    server.rcpt_replies = {}
    wait_for_the_transport(harness)
    assert harness.deliver() == 5
    assert_sent_once(harness, server, client_ids)


def test_status_needs_the_token(smtp_harness: MakeHarness, server: SmtpLab) -> None:
    harness = smtp_harness()

    assert harness.client.get("/v1/status").status_code == 401
    assert harness.client.get("/v1/status", headers=harness.auth("wrong")).status_code == 401


def test_one_transport_failing_leaves_the_other_alone(
    smtp_harness: MakeHarness, server: SmtpLab
) -> None:
    harness = smtp_harness(password="falsch")
    email = harness.submit()
    sms = harness.submit(channel="sms", to="+4915112345678")

    assert harness.deliver() == 2

    assert harness.message(email["client_id"]).status == "accepted"
    assert harness.message(sms["client_id"]).status == "sent"
    transports = status(harness)["transports"]
    assert (transports["email"]["state"], transports["sms"]["state"]) == ("failing", "ok")


def test_the_transport_state_is_shared_by_every_worker(
    smtp_harness: MakeHarness, server: SmtpLab
) -> None:
    """A second worker (another gateway process) sees the pause and does not hammer the
    server; when it has waited, its success ends the failing state for all."""
    harness = smtp_harness(password="falsch")
    client_ids = submit_five(harness)
    harness.deliver()
    assert server.auth_attempts == 1
    right = smtp_config("sqlite://", server.port)
    assert right.smtp is not None
    other = DeliveryWorker(harness.gw, SmtpTransport(right.smtp), CaptureProvider())

    assert other.run_once() == 0
    assert server.auth_attempts == 1

    wait_for_the_transport(harness)
    assert other.run_once() == 5
    assert_sent_once(harness, server, client_ids)
    assert status(harness)["transports"]["email"]["state"] == "ok"


@pytest.mark.parametrize("utf8", [True, False])
def test_an_internationalised_address_needs_the_servers_smtputf8(
    smtp_harness: MakeHarness, lab: SmtpLab, utf8: bool
) -> None:
    controller = Controller(lab, hostname="127.0.0.1", port=lab.port, enable_SMTPUTF8=utf8)
    controller.start()
    try:
        harness = smtp_harness(password=None)
        umlaut = harness.submit(to="jörg@example.de")
        plain = harness.submit(to="joerg@example.de")

        assert harness.deliver() == 2

        assert harness.message(plain["client_id"]).status == "sent"
        message = harness.message(umlaut["client_id"])
        if utf8:
            assert message.status == "sent"
            assert lab.recipients()["jörg@example.de"] == 1
        else:  # this server cannot take it: the message fails, the address is not dead
            assert message.status == "failed"
            assert suppressions(harness) == 0
        assert status(harness)["transports"]["email"]["state"] == "ok"
    finally:
        controller.stop()


# ---- refusals that look like a recipient's but are the gateway's own ---------------------------
SENDER = "<termine@schnittpunkt.example>"


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        # Postfix reports sender checks at RCPT (smtpd_delay_reject): X.1.7/X.1.8 are the
        # sender's address status, whatever the recipient.
        (f"553 5.1.8 {SENDER}: Sender address rejected: Domain not found", "sender_refused"),
        (f"550 5.1.7 {SENDER}: Sender address rejected: undeliverable address", "sender_refused"),
        (f"450 4.1.8 {SENDER}: Sender address rejected: Domain not found", "sender_refused"),
        ("550 Sender verify failed", "sender_refused"),  # Exim
        # Relaying refused: the gateway is not logged in (SMTP_USER forgotten) or at the
        # wrong server. Exim has no enhanced codes; qmail puts them in the text.
        ("550 relay not permitted", "auth_failed"),
        ("554 5.7.1 <kundin0@example.de>: Relay access denied", "auth_failed"),
        ("550 5.7.1 Unable to relay", "auth_failed"),
        ("553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)", "auth_failed"),
        ("530 5.7.0 Authentication required", "auth_failed"),
    ],
)
def test_a_sender_or_relay_refusal_at_rcpt_bounces_nobody(
    smtp_harness: MakeHarness, lab: SmtpLab, reply: str, error: str
) -> None:
    """Every recipient refused alike for a reason of the gateway's own: no bounce, no
    suppression, no try counted; the transport pauses and says why; once fixed, all go
    out once."""
    controller = start(lab, auth=False)
    try:
        harness = smtp_harness(password=None)
        client_ids = submit_five(harness)
        lab.rcpt_replies = {f"kundin{n}@example.de": reply for n in range(5)}

        assert harness.deliver() == 5

        assert_untouched(harness, client_ids)
        assert suppressions(harness) == 0
        assert status(harness)["transports"]["email"]["state"] == "failing"
        assert status(harness)["transports"]["email"]["error"] == error

        lab.rcpt_replies = {}
        wait_for_the_transport(harness)
        assert harness.deliver() == 5
        assert_sent_once(harness, lab, client_ids)
        assert status(harness)["transports"]["email"]["state"] == "ok"
    finally:
        controller.stop()


@pytest.mark.parametrize(
    ("reply", "outcome"),
    [
        # Without an enhanced code only words about the mailbox make a bounce.
        ("550 No such user here", ("bounced", 1)),
        ("550 <kundin0@example.de>... User unknown", ("bounced", 1)),
        ("553 mailbox <kundin0@example.de> does not exist", ("bounced", 1)),
        # Anything else is this message's trouble for now: tried again, never suppressed.
        ("550 Administrative prohibition", ("accepted", 1)),
        ("553 sorry, rejected", ("accepted", 1)),
        ("551 User not local; please try <kundin0@elsewhere.example>", ("accepted", 1)),
        ("554 Transaction failed", ("accepted", 1)),
    ],
)
def test_a_bare_5xx_to_rcpt_bounces_only_when_it_says_the_mailbox_is_unknown(
    smtp_harness: MakeHarness, server: SmtpLab, reply: str, outcome: tuple[str, int]
) -> None:
    server.rcpt_replies = {"kundin0@example.de": reply}
    harness = smtp_harness()
    client_ids = submit_five(harness)

    assert harness.deliver() == 5

    message = harness.message(client_ids[0])
    assert (message.status, message.attempts) == outcome
    assert suppressions(harness) == (1 if outcome[0] == "bounced" else 0)
    for client_id in client_ids[1:]:
        assert harness.message(client_id).status == "sent"
    assert status(harness)["transports"]["email"]["state"] == "ok"


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        ("554 5.7.0 Reject, id=12345-01 - spam", "smtp 554 5.7.0"),  # amavisd-new
        ("550 5.7.1 Message rejected as spam", "smtp 550 5.7.1"),
        ("554 5.7.9 Message not accepted for policy reasons", "smtp 554 5.7.9"),
    ],
)
def test_a_content_refusal_at_data_fails_that_message_alone(
    smtp_harness: MakeHarness,
    server: SmtpLab,
    caplog: pytest.LogCaptureFixture,
    reply: str,
    error: str,
) -> None:
    """A 5xx to DATA refuses this message, also with a 5.7.x code: it is no login
    problem, the message fails for good at once, and nobody is suppressed or held up."""
    caplog.set_level(logging.INFO, logger="desk_gateway")
    server.data_replies = {"kundin0@example.de": reply}
    harness = smtp_harness()
    client_ids = submit_five(harness)

    assert harness.deliver() == 5
    assert harness.deliver() == 0  # nothing left over, nothing paused

    refused = harness.message(client_ids[0])
    assert (refused.status, refused.attempts) == ("failed", 1)
    (failed,) = [e for e in harness.events() if e["type"] == "message.failed"]
    assert failed["client_id"] == client_ids[0]
    assert failed["data"] == {"error": error, "permanent": True}
    assert server.message_ids() == Counter(
        {f"<{c}@gateway.example.test>": 1 for c in client_ids[1:]}
    )
    assert suppressions(harness) == 0
    assert status(harness)["transports"]["email"] == {"state": "ok", "error": None, "since": None}
    assert not [r for r in caplog.records if "transport failing" in r.getMessage()]
