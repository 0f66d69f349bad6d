"""One bad message fails alone: whatever goes wrong with one message (a line break or
U+2028 in its subject, a NUL byte, a message that cannot even be rendered, a provider that
chokes on it) fails that message with ``invalid_message`` and its event; the round goes
on, nothing stays ``sending``, and nothing is sent twice.

Intake refuses such messages now; these rows are written straight into the database, as
an older gateway would have stored them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import select

from desk_gateway.config import load_config
from desk_gateway.context import Gateway, ensure_secret_key
from desk_gateway.db.models import Message
from desk_gateway.email_transport import CaptureTransport, SmtpTransport
from desk_gateway.sms.base import OutgoingSms, SentSms
from desk_gateway.sms.capture import CaptureProvider
from desk_sql.database import Database
from tests.conftest import Clock

from .conftest import Salon, SmtpRecorder, make_harness
from .support import MOBILE, Harness, old_row

INVALID = {"error": "invalid_message", "permanent": True, "code": "invalid_message"}


def statuses(harness: Harness) -> Counter[str]:
    with harness.gw.db.read() as s:
        return Counter(s.scalars(select(Message.status)))


def events_of(harness: Harness, token: str, client_id: str) -> list[tuple[str, Any]]:
    return [
        (e["type"], e["data"])
        for e in harness.events(token=token)
        if e["client_id"] == client_id and e["type"] != "message.accepted"
    ]


@pytest.fixture
def smtp_harness(
    gateway_db: Database,
    gateway_env: dict[str, str],
    clock: Clock,
    salon: Salon,
    smtp_server: SmtpRecorder,
) -> Iterator[Harness]:
    config = load_config(
        environ={
            **gateway_env,  # demo mode (SMS into memory), the key file in the test's directory
            "DESK_GATEWAY_SMTP_HOST": "127.0.0.1",
            "DESK_GATEWAY_SMTP_PORT": str(smtp_server.port),
            "DESK_GATEWAY_SMTP_SECURITY": "none",
        }
    )
    assert config.smtp is not None
    gw = Gateway(gateway_db, config, ensure_secret_key(gateway_db, config), clock)
    yield from make_harness(gw, clock, salon, CaptureProvider(), SmtpTransport(config.smtp))


BAD_ROWS = {
    "CR/LF in the subject": {"subject": "Ihr Termin\r\nBcc: alle@example.de"},
    "LF in the subject": {"subject": "Ihr Termin\nmorgen"},
    "U+2028 in the subject": {"subject": "Ihr Termin\u2028morgen"},
    "U+0085 in the subject": {"subject": "Ihr Termin\x85morgen"},
    "line break in the client id": {"client_id": "outbox-1\r\nBcc: x@example.de"},
    "an escape sequence in the text": {"text": "Hallo \x1b[2J Anna"},
}


def test_bad_rows_fail_alone_over_smtp_across_salons(
    smtp_harness: Harness,
    smtp_server: SmtpRecorder,
    make_installation: Callable[[str], Salon],
) -> None:
    harness = smtp_harness
    other = make_installation("Kamm & Schere")
    salons = [(harness.installation_id, harness.token), (other.id, other.token)]
    good: list[tuple[str, str]] = []
    bad: list[tuple[str, str]] = []
    for n, values in enumerate(BAD_ROWS.values()):
        installation_id, token = salons[n % 2]
        good.append((token, old_row(harness, installation_id, to_address=f"gut{n}@example.de")))
        bad.append((token, old_row(harness, installation_id, **values)))
    good.append((other.token, old_row(harness, other.id, to_address="zuletzt@example.de")))

    assert harness.deliver() == len(good) + len(bad)  # one round took them all

    assert statuses(harness) == Counter({"sent": len(good), "failed": len(bad)})
    delivered = sorted(rcpt[0] for _, rcpt, _ in smtp_server.received)
    assert delivered == sorted(
        [f"gut{n}@example.de" for n in range(len(BAD_ROWS))] + ["zuletzt@example.de"]
    )
    assert smtp_server.connections == 1  # the bad ones did not break the connection
    for token, client_id in bad:
        assert events_of(harness, token, client_id) == [("message.failed", INVALID)]
    for token, client_id in good:
        assert [t for t, _ in events_of(harness, token, client_id)] == ["message.sent"]
    for token in (harness.token, other.token):
        seqs = [e["seq"] for e in harness.events(token=token)]
        assert seqs == list(range(1, len(seqs) + 1))

    assert harness.deliver() == 0
    assert len(smtp_server.received) == len(good)  # nothing sent twice


def test_a_bad_address_is_refused_at_sending(harness: Harness) -> None:
    """(Not even handed to the transport: the rules at send time refuse it.)"""
    bad = old_row(harness, harness.installation_id, to_address="anna@example.de\r\nBcc: x@y.de")
    fine = old_row(harness, harness.installation_id)

    assert harness.deliver() == 1

    assert events_of(harness, harness.token, bad) == [
        ("message.rejected", {"code": "invalid_address"})
    ]
    assert events_of(harness, harness.token, fine)[0][0] == "message.sent"


def test_bad_rows_fail_alone_with_the_capture_transport(harness: Harness) -> None:
    bad = [old_row(harness, harness.installation_id, **values) for values in BAD_ROWS.values()]
    fine = old_row(harness, harness.installation_id)

    assert harness.deliver() == len(bad) + 1

    assert [m.to_address for m in harness.emails()] == ["anna@example.de"]
    assert statuses(harness) == Counter({"sent": 1, "failed": len(bad)})
    for client_id in bad:
        assert events_of(harness, harness.token, client_id) == [("message.failed", INVALID)]
    assert events_of(harness, harness.token, fine)[0][0] == "message.sent"


def test_a_message_that_cannot_be_rendered_fails_alone(harness: Harness) -> None:
    broken = old_row(harness, harness.installation_id, text=None)
    fine = old_row(harness, harness.installation_id)

    assert harness.deliver() == 1

    assert events_of(harness, harness.token, broken) == [("message.failed", INVALID)]
    assert harness.message(broken).status == "failed"
    assert events_of(harness, harness.token, fine)[0][0] == "message.sent"
    assert harness.deliver() == 0


class ChokingProvider(CaptureProvider):
    """A provider adapter that breaks on one message in a way no one foresaw."""

    def send(self, sms: OutgoingSms) -> SentSms:
        if "kaputt" in sms.text:
            raise UnicodeEncodeError("gsm", sms.text, 0, 1, "cannot encode")
        return super().send(sms)


def test_a_message_the_sms_provider_chokes_on_fails_alone(
    gw: Gateway, clock: Clock, salon: Salon
) -> None:
    sms = ChokingProvider()
    for harness in make_harness(gw, clock, salon, sms, CaptureTransport(gw.db)):
        first = harness.submit(channel="sms", to=MOBILE, text="Bis morgen!")
        broken = harness.submit(channel="sms", to="+4917612345678", text="Das ist kaputt")
        last = harness.submit(channel="sms", to="+4916012345678", text="Bis bald!")

        assert harness.deliver() == 3

        assert [m.text.split("\n")[0] for m in sms.sent] == ["Bis morgen!", "Bis bald!"]
        assert harness.event_types(client_id=broken["client_id"]) == [
            "message.accepted",
            "message.failed",
        ]
        (failed,) = [e for e in harness.events() if e["type"] == "message.failed"]
        assert failed["data"] == INVALID
        for ok in (first, last):
            assert harness.message(ok["client_id"]).status == "sent"
        assert harness.deliver() == 0
        assert len(sms.sent) == 2
