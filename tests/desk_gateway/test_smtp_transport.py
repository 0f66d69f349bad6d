"""Email through a real SMTP server (aiosmtpd on loopback): MIME shape, RFC 8058 headers,
one connection per batch, hard bounces and temporary refusals."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import pytest

from desk_gateway.config import load_config
from desk_gateway.context import Gateway, ensure_secret_key
from desk_gateway.db.models import TransportHealth
from desk_gateway.delivery import MAX_ATTEMPTS
from desk_gateway.email_transport import SmtpTransport
from desk_gateway.sms.capture import CaptureProvider
from desk_sql.database import Database
from tests.conftest import Clock

from .conftest import Salon, SmtpRecorder, free_port, make_harness
from .support import Harness, message_item, new_id, one_link

PUBLIC_URL = "https://gateway.example.test"
MAIL_FROM = "Salon Schnittpunkt <termine@schnittpunkt.example>"
TEST_KEY = "5e" * 32


@pytest.fixture
def smtp_harness(
    gateway_db: Database,
    gateway_db_url: str,
    clock: Clock,
    salon: Salon,
    smtp_server: SmtpRecorder,
) -> Iterator[Harness]:
    config = load_config(
        environ={
            "DESK_GATEWAY_DATABASE_URL": gateway_db_url,
            "DESK_GATEWAY_PUBLIC_URL": PUBLIC_URL,
            "DESK_GATEWAY_MAIL_FROM": MAIL_FROM,
            "DESK_GATEWAY_SMTP_HOST": "127.0.0.1",
            "DESK_GATEWAY_SMTP_PORT": str(smtp_server.port),
            "DESK_GATEWAY_SMTP_SECURITY": "none",
            # SMS (and /hooks/capture) go to the capture provider: demo mode.
            "DESK_GATEWAY_DEMO": "1",
            "DESK_GATEWAY_SECRET_KEY": TEST_KEY,
        }
    )
    assert config.smtp is not None
    gw = Gateway(gateway_db, config, ensure_secret_key(gateway_db, config), clock)
    yield from make_harness(gw, clock, salon, CaptureProvider(), SmtpTransport(config.smtp))


def body_text(message: EmailMessage, subtype: str) -> str:
    part = message.get_body(preferencelist=(subtype,))
    assert part is not None, f"no text/{subtype} part"
    content: str = part.get_content()
    return content.replace("\r\n", "\n")


def test_the_email_has_the_headers_and_parts_of_a_proper_message(
    smtp_harness: Harness, smtp_server: SmtpRecorder
) -> None:
    result = smtp_harness.submit(
        to="juergen.gross@example.de",
        subject="Ihr Termin bei Müller – Größe zählt",
        text="Grüß Gott, Jürgen!\n\nIhr Termin: Freitag, 10:00 Uhr. Öffnungszeiten: Mo–Fr.",
    )

    smtp_harness.deliver()

    (message,) = smtp_server.messages()
    mail_from, rcpt_tos, _ = smtp_server.received[0]
    assert mail_from == "termine@schnittpunkt.example"
    assert rcpt_tos == ["juergen.gross@example.de"]
    assert message["From"] == MAIL_FROM
    assert message["To"] == "juergen.gross@example.de"
    assert message["Subject"] == "Ihr Termin bei Müller – Größe zählt"
    assert parsedate_to_datetime(message["Date"]).tzinfo is not None
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]

    plain = body_text(message, "plain")
    assert plain.startswith("Grüß Gott, Jürgen!\n\nIhr Termin: Freitag, 10:00 Uhr.")
    assert "Öffnungszeiten: Mo–Fr." in plain
    html = body_text(message, "html")
    assert "Grüß Gott, Jürgen!" in html and "Mo–Fr." in html

    token = one_link(plain, "u")
    unsubscribe_url = f"{PUBLIC_URL}/u/{token}"
    # (A long header may be folded right after the colon: compare it unfolded.)
    assert message["List-Unsubscribe"].strip() == f"<{unsubscribe_url}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f'<a href="{unsubscribe_url}">' in html

    (sent,) = [e for e in smtp_harness.events() if e["type"] == "message.sent"]
    assert sent["client_id"] == result["item"]["client_id"]
    assert message["Message-ID"] == sent["data"]["message_id"]
    assert message["Message-ID"].startswith("<") and message["Message-ID"].endswith(">")
    assert "@" in message["Message-ID"]


def test_html_part_escapes_the_text(smtp_harness: Harness, smtp_server: SmtpRecorder) -> None:
    smtp_harness.submit(text="Rabatt <b>20 %</b> & mehr")

    smtp_harness.deliver()

    html = body_text(smtp_server.messages()[0], "html")
    assert "&lt;b&gt;20 %&lt;/b&gt; &amp; mehr" in html
    assert "<b>" not in html


def test_the_list_unsubscribe_header_works_as_one_click(
    smtp_harness: Harness, smtp_server: SmtpRecorder
) -> None:
    result = smtp_harness.submit()
    smtp_harness.deliver()
    header = smtp_server.messages()[0]["List-Unsubscribe"]
    path = urlsplit(header.strip().strip("<>")).path

    response = smtp_harness.client.post(
        path,
        content=b"List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        follow_redirects=False,
    )

    assert response.status_code == 200
    (optout,) = [e for e in smtp_harness.events() if e["type"] == "optout.received"]
    assert optout["data"] == {"via": "one_click", "client_id": result["item"]["client_id"]}


def test_a_batch_goes_over_one_connection(smtp_harness: Harness, smtp_server: SmtpRecorder) -> None:
    smtp_harness.post_messages([message_item(to=f"kunde{n}@example.de") for n in range(4)])

    assert smtp_harness.deliver() == 4

    assert smtp_server.connections == 1
    assert sorted(rcpt[0] for _, rcpt, _ in smtp_server.received) == [
        f"kunde{n}@example.de" for n in range(4)
    ]
    assert smtp_harness.event_types().count("message.sent") == 4


def test_the_consent_email_over_smtp(smtp_harness: Harness, smtp_server: SmtpRecorder) -> None:
    request = smtp_harness.request_consent()

    smtp_harness.deliver()

    (message,) = smtp_server.messages()
    assert message["Subject"] == "Bitte bestätigen: Nachrichten von Salon Schnittpunkt"
    token = one_link(body_text(message, "plain"), "c")
    (sent,) = [e for e in smtp_harness.events() if e["type"] == "consent.request_sent"]
    assert sent["data"] == {
        "request_id": request["request_id"],
        "message_id": message["Message-ID"],
    }
    page = smtp_harness.get_page(f"/c/{token}")
    assert page.status_code == 200 and "Ja, ich willige ein" in page.text


def test_a_refused_recipient_bounces_and_is_suppressed(
    smtp_harness: Harness, smtp_server: SmtpRecorder
) -> None:
    smtp_server.refuse["weg@example.de"] = "550 5.1.1 <weg@example.de>: no such user"
    items = [
        message_item(to="da@example.de"),
        message_item(to="weg@example.de"),
        message_item(to="auch.da@example.de"),
    ]
    smtp_harness.post_messages(items)

    smtp_harness.deliver()
    smtp_harness.clock.advance(days=1)
    smtp_harness.deliver()

    delivered = sorted(rcpt[0] for _, rcpt, _ in smtp_server.received)
    assert delivered == ["auch.da@example.de", "da@example.de"]
    bounced_id = items[1]["client_id"]
    assert smtp_harness.event_types(client_id=bounced_id) == [
        "message.accepted",
        "message.bounced",
    ]
    (bounce,) = [e for e in smtp_harness.events() if e["type"] == "message.bounced"]
    assert bounce["data"]["permanent"] is True
    assert "550" in bounce["data"]["error"]
    assert "weg@example.de" not in bounce["data"]["error"]  # no addresses in the log
    assert smtp_server.rcpt_attempts.count("weg@example.de") == 1

    again = smtp_harness.submit(to="weg@example.de", customer_ref=new_id())
    upper = smtp_harness.submit(to="WEG@example.de")
    assert (again["result"], again.get("code")) == ("rejected", "suppressed")
    assert upper.get("code") == "suppressed"


def test_a_temporary_refusal_is_retried_then_given_up(
    smtp_harness: Harness, smtp_server: SmtpRecorder
) -> None:
    smtp_server.refuse["voll@example.de"] = "451 4.2.2 mailbox full, try later"
    result = smtp_harness.submit(to="voll@example.de")
    client_id = result["item"]["client_id"]

    smtp_harness.deliver()

    message = smtp_harness.message(client_id)
    assert message.status == "accepted"
    assert message.next_attempt_at is not None
    assert message.next_attempt_at > smtp_harness.clock.now
    assert smtp_harness.event_types(client_id=client_id) == ["message.accepted"]
    assert smtp_harness.deliver() == 0  # not yet due
    assert smtp_server.rcpt_attempts == ["voll@example.de"]

    for _ in range(MAX_ATTEMPTS + 3):
        smtp_harness.clock.advance(hours=2)
        smtp_harness.deliver()

    assert smtp_server.rcpt_attempts == ["voll@example.de"] * MAX_ATTEMPTS
    assert smtp_server.received == []
    assert smtp_harness.event_types(client_id=client_id) == ["message.accepted", "message.failed"]
    (failed,) = [e for e in smtp_harness.events() if e["type"] == "message.failed"]
    assert failed["data"]["permanent"] is False
    assert "451" in failed["data"]["error"]
    # A temporary problem suppresses nothing.
    assert smtp_harness.submit(to="voll@example.de")["result"] == "accepted"


def test_a_retry_that_succeeds_is_sent_once(
    smtp_harness: Harness, smtp_server: SmtpRecorder
) -> None:
    smtp_server.refuse["spaeter@example.de"] = "451 4.7.1 greylisted"
    result = smtp_harness.submit(to="spaeter@example.de")
    smtp_harness.deliver()
    del smtp_server.refuse["spaeter@example.de"]

    smtp_harness.clock.advance(hours=1)
    smtp_harness.deliver()
    smtp_harness.clock.advance(hours=1)
    smtp_harness.deliver()

    assert len(smtp_server.received) == 1
    assert smtp_harness.event_types(client_id=result["item"]["client_id"]) == [
        "message.accepted",
        "message.sent",
    ]


def test_an_unreachable_server_is_the_gateways_failure_not_the_messages(
    gateway_db: Database, gateway_db_url: str, clock: Clock, salon: Salon
) -> None:
    """The messages keep their tries and wait; the transport pauses (test_smtp_failures)."""
    config = load_config(
        environ={
            "DESK_GATEWAY_DATABASE_URL": gateway_db_url,
            "DESK_GATEWAY_PUBLIC_URL": PUBLIC_URL,
            "DESK_GATEWAY_SMTP_HOST": "127.0.0.1",
            "DESK_GATEWAY_SMTP_PORT": str(free_port()),  # nobody listens
            "DESK_GATEWAY_SMTP_SECURITY": "none",
            # SMS (and /hooks/capture) go to the capture provider: demo mode.
            "DESK_GATEWAY_DEMO": "1",
            "DESK_GATEWAY_SECRET_KEY": TEST_KEY,
        }
    )
    assert config.smtp is not None
    gw = Gateway(gateway_db, config, ensure_secret_key(gateway_db, config), clock)
    for harness in make_harness(gw, clock, salon, CaptureProvider(), SmtpTransport(config.smtp)):
        results = harness.post_messages([message_item(), message_item()])

        assert harness.deliver() == 2

        types = harness.event_types()
        assert types == ["message.accepted", "message.accepted"]
        for result in results:
            message = harness.message(result["client_id"])
            assert (message.status, message.attempts) == ("accepted", 0)
        assert harness.deliver() == 0  # the transport pauses: nothing is tried before its time
        with gw.db.read() as s:
            health = s.get(TransportHealth, "email")
        assert health is not None
        assert (health.state, health.error) == ("failing", "connection_failed")
        assert health.next_try_at is not None and health.next_try_at > clock.now


def test_the_gateways_logs_name_no_addresses_or_tokens(
    smtp_harness: Harness, smtp_server: SmtpRecorder, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="desk_gateway")
    smtp_server.refuse["weg@example.de"] = "550 5.1.1 <weg@example.de>: no such user"
    smtp_server.refuse["voll@example.de"] = "451 4.2.2 <voll@example.de>: mailbox full"
    smtp_harness.post_messages(
        [
            message_item(to="weg@example.de"),
            message_item(to="voll@example.de"),
            message_item(to="da@example.de"),
            message_item(channel="sms", to="+4915112345678"),
        ]
    )
    smtp_harness.request_consent(address="neu@example.de")
    smtp_harness.deliver()
    smtp_harness.client.post("/hooks/capture", content=b"{kaputt")
    smtp_harness.client.post("/v1/messages", json={"items": "x"}, headers=smtp_harness.auth())

    logged = "\n".join(
        r.getMessage() + (r.exc_text or "")
        for r in caplog.records
        if r.name.startswith("desk_gateway")
    )
    for secret in (
        "weg@example.de",
        "voll@example.de",
        "da@example.de",
        "neu@example.de",
        "+4915112345678",
        "15112345678",
        smtp_harness.token,
    ):
        assert secret not in logged
