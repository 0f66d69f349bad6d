"""The optional ``sender_name`` of a message item (protocol v1): stored at intake, the From
display name of an email (RFC 2047 encoded, never a header of its own), the SMS sender
when it is a valid alphanumeric one; without it everything stays as configured."""

from __future__ import annotations

from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from sqlalchemy import update

from desk_gateway.config import load_config
from desk_gateway.context import Gateway, ensure_secret_key
from desk_gateway.db.models import Message
from desk_gateway.delivery import sms_sender
from desk_gateway.email_transport import OutgoingEmail, SmtpTransport, build_mime
from desk_gateway.sms.capture import CaptureProvider
from desk_sql.database import Database
from tests.conftest import Clock

from .conftest import Salon, SmtpRecorder, make_harness
from .support import MOBILE, Harness, message_item

MAIL_FROM = "Salon Schnittpunkt <termine@schnittpunkt.example>"  # as in conftest's gateway_env
TEST_KEY = "5e" * 32
INJECTION = "A\r\nBcc: x@y"


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
            "DESK_GATEWAY_PUBLIC_URL": "https://gateway.example.test",
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


def _email(sender: str = MAIL_FROM, sender_name: str | None = None) -> OutgoingEmail:
    return OutgoingEmail(
        sender=sender,
        to="anna.mueller@example.de",
        subject="Ihr Termin",
        text="Hallo Anna",
        message_id="<m-1@gateway.example.test>",
        unsubscribe_url="https://gateway.example.test/u/t",
        sender_name=sender_name,
    )


def _parsed(raw: bytes) -> EmailMessage:
    message = message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def _raw_headers(raw: bytes) -> list[bytes]:
    """The header lines of a message as they go on the wire (up to the first blank line)."""
    return raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n")


# ---- intake -------------------------------------------------------------------------------
def test_intake_stores_the_sender_name(harness: Harness) -> None:
    email = harness.submit(sender_name="Haarwerk Müller")
    sms = harness.submit(channel="sms", to=MOBILE, text="Bis morgen!", sender_name="HaarWerk")
    old = harness.submit()  # an older desktop does not send the field at all
    assert "sender_name" not in old["item"]

    assert harness.message(email["item"]["client_id"]).sender_name == "Haarwerk Müller"
    assert harness.message(sms["item"]["client_id"]).sender_name == "HaarWerk"
    assert harness.message(old["item"]["client_id"]).sender_name is None
    assert {email["result"], sms["result"], old["result"]} == {"accepted"}


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("  Haarwerk   Müller ", "Haarwerk Müller"),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_intake_keeps_the_sender_name_on_one_line(
    harness: Harness, given: str | None, stored: str | None
) -> None:
    result = harness.submit(sender_name=given)

    assert result["result"] == "accepted"
    assert harness.message(result["item"]["client_id"]).sender_name == stored


@pytest.mark.parametrize(
    "given", [INJECTION, "Haarwerk\tMüller", "Haarwerk \u2028Müller", "Haar\x00werk"]
)
def test_a_sender_name_with_control_characters_is_an_invalid_item(
    harness: Harness, given: str
) -> None:
    item = message_item(sender_name=given)

    (result,) = harness.post_messages([item])

    assert result == {
        "client_id": item["client_id"],
        "index": 0,
        "result": "rejected",
        "code": "invalid_item",
        "detail": "sender_name",
    }
    assert harness.events() == []


def test_a_sender_name_over_40_characters_is_an_invalid_item(harness: Harness) -> None:
    (result,) = harness.post_messages([message_item(sender_name="x" * 41)])

    assert (result["code"], result["detail"]) == ("invalid_item", "sender_name")
    assert harness.post_messages([message_item(sender_name="x" * 40)])[0]["result"] == "accepted"


# ---- email --------------------------------------------------------------------------------
def test_the_email_shows_the_sender_name_with_the_configured_address(harness: Harness) -> None:
    harness.submit(to="anna@example.de", sender_name="Haarwerk Müller")
    harness.submit(to="bernd@example.de")  # no sender name: the configured From

    assert harness.deliver() == 2

    [named] = harness.emails(to="anna@example.de")
    [plain] = harness.emails(to="bernd@example.de")
    assert named.headers["From"] == "Haarwerk Müller <termine@schnittpunkt.example>"
    assert plain.headers["From"] == MAIL_FROM


def test_an_umlaut_in_the_display_name_is_encoded_on_the_wire(
    smtp_harness: Harness, smtp_server: SmtpRecorder
) -> None:
    smtp_harness.submit(sender_name="Haarwerk Müller")

    smtp_harness.deliver()

    [(mail_from, _, raw)] = smtp_server.received
    assert mail_from == "termine@schnittpunkt.example"  # the envelope keeps the gateway's
    [header] = [line for line in _raw_headers(raw) if line.startswith(b"From:")]
    assert header.isascii() and b"=?utf-8?" in header
    [address] = _parsed(raw)["From"].addresses
    assert (address.display_name, address.addr_spec) == (
        "Haarwerk Müller",
        "termine@schnittpunkt.example",
    )


def test_a_line_break_in_the_sender_name_cannot_add_a_header(
    smtp_harness: Harness, smtp_server: SmtpRecorder
) -> None:
    """Intake refuses it; a row written by an older gateway (which took it) still goes out
    with the name on one line."""
    result = smtp_harness.submit(to="anna@example.de", sender_name="Alt")
    with smtp_harness.gw.db.write() as s:
        s.execute(
            update(Message)
            .where(Message.client_id == result["item"]["client_id"])
            .values(sender_name=INJECTION)
        )

    smtp_harness.deliver()

    [(_, rcpt_tos, raw)] = smtp_server.received
    assert rcpt_tos == ["anna@example.de"]
    assert not [line for line in _raw_headers(raw) if line.lower().startswith(b"bcc")]
    message = _parsed(raw)
    assert message["Bcc"] is None
    [address] = message["From"].addresses
    assert (address.display_name, address.addr_spec) == (
        "A Bcc: x@y",
        "termine@schnittpunkt.example",
    )


@pytest.mark.parametrize(
    ("sender_name", "display_name"),
    [
        ("Haarwerk Müller", "Haarwerk Müller"),
        (INJECTION, "A Bcc: x@y"),  # built directly, without the intake's cleaning
        ("Müller, Schmidt & Co.", "Müller, Schmidt & Co."),
        ('Salon "Schnitt" \\ 2', 'Salon "Schnitt" \\ 2'),
    ],
)
def test_build_mime_puts_any_name_safely_in_front_of_the_address(
    sender_name: str, display_name: str
) -> None:
    raw = build_mime(_email(sender_name=sender_name)).as_bytes()

    headers = _raw_headers(raw)
    assert all(line.isascii() for line in headers)
    assert [line for line in headers if line.startswith(b"From:")]
    assert not [line for line in headers if line.lower().startswith(b"bcc")]
    [address] = _parsed(raw)["From"].addresses
    assert (address.display_name, address.addr_spec) == (
        display_name,
        "termine@schnittpunkt.example",
    )


@pytest.mark.parametrize("sender_name", [None, "", " \r\n "])
def test_without_a_usable_name_the_configured_from_stays(sender_name: str | None) -> None:
    message = _parsed(build_mime(_email(sender_name=sender_name)).as_bytes())
    assert message["From"] == MAIL_FROM


def test_a_bare_configured_address_gets_the_name_too() -> None:
    message = _parsed(build_mime(_email("noreply@example.org", "Haarwerk")).as_bytes())
    assert message["From"] == "Haarwerk <noreply@example.org>"


# ---- SMS ----------------------------------------------------------------------------------
VALID_SENDERS = ["HaarWerk", "Haarwerk 24", "Salon 1", "A", "X" * 11]
INVALID_SENDERS = [
    "Haarwerk Müller!",  # umlaut and punctuation
    "Haarwerk Mü",  # 11 characters, one an umlaut
    "HaarwerkABCD",  # 12 characters
    "Haarwerk-24",  # a hyphen
    "0151123456",  # no letter: would pass for a phone number
    "  ",
    "",
    None,
]


@pytest.mark.parametrize("sender_name", VALID_SENDERS)
def test_a_valid_alphanumeric_sender_name_is_the_sms_sender(
    harness: Harness, sender_name: str
) -> None:
    harness.submit(channel="sms", to=MOBILE, text="Bis morgen!", sender_name=sender_name)

    assert harness.deliver() == 1

    [sent] = harness.sms.sent
    assert sent.sender == sender_name


@pytest.mark.parametrize("sender_name", INVALID_SENDERS)
def test_an_invalid_sender_name_falls_back_to_the_configured_sms_sender(
    harness: Harness, sender_name: str | None
) -> None:
    result = harness.submit(channel="sms", to=MOBILE, text="Bis morgen!", sender_name=sender_name)

    assert result["result"] == "accepted"  # a bad sender name never costs the message
    assert harness.deliver() == 1

    [sent] = harness.sms.sent
    assert sent.sender == harness.gw.config.sms_sender == "Salon"


def test_sms_sender_rule() -> None:
    for valid in VALID_SENDERS:
        assert sms_sender(valid, "Default") == valid
    for invalid in INVALID_SENDERS:
        assert sms_sender(invalid, "Default") == "Default"
