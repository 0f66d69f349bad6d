"""Email out: MIME building (text + HTML, List-Unsubscribe) and the SMTP or capture transport.

One SMTP connection carries a whole batch (connecting and TLS cost more than a message).
"""

from __future__ import annotations

import html
import re
import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, parseaddr
from typing import Protocol

from desk_gateway.config import SmtpSettings
from desk_gateway.db.models import CapturedMessage
from desk_sql.database import Database

_URL = re.compile(r"https?://[^\s<>\"]+")


@dataclass(frozen=True)
class OutgoingEmail:
    sender: str  # the configured From (MAIL_FROM), e.g. "Salon <noreply@example.org>"
    to: str
    subject: str
    text: str
    message_id: str
    unsubscribe_url: str
    sender_name: str | None = None  # replaces the configured display name


@dataclass(frozen=True)
class EmailOutcome:
    ok: bool
    permanent: bool = False  # the address was refused (hard bounce)
    error: str = ""


class EmailTransport(Protocol):
    def send_batch(self, emails: Sequence[OutgoingEmail]) -> list[EmailOutcome]: ...


def text_to_html(text: str) -> str:
    """A minimal HTML part: escaped paragraphs with clickable links."""
    paragraphs = []
    for block in text.split("\n\n"):
        escaped = html.escape(block)
        linked = _URL.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', escaped)
        paragraphs.append("<p>" + linked.replace("\n", "<br>\n") + "</p>")
    return (
        '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">'
        + "\n".join(paragraphs)
        + "</body></html>"
    )


def from_header(configured: str, display_name: str | None) -> str | Address:
    """The configured sender address with ``display_name`` in front of it (RFC 2047 encoded
    where needed, quoted where needed). Line breaks and other control characters become
    spaces, so a name can never start a header of its own. Without a usable name, or when
    the configured value has no address to keep, the configured From stays as it is."""
    name = " ".join("".join(c if c.isprintable() else " " for c in display_name or "").split())
    _, address = parseaddr(configured)
    if not name or not address:
        return configured
    try:
        return Address(display_name=name, addr_spec=address)
    except (ValueError, HeaderParseError):
        return configured


def build_mime(email: OutgoingEmail) -> EmailMessage:
    message = EmailMessage(policy=SMTP)
    message["From"] = from_header(email.sender, email.sender_name)
    message["To"] = email.to
    message["Subject"] = email.subject
    message["Date"] = formatdate(usegmt=True)
    message["Message-ID"] = email.message_id
    # RFC 8058 one-click unsubscribe: mail clients POST "List-Unsubscribe=One-Click".
    message["List-Unsubscribe"] = f"<{email.unsubscribe_url}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(email.text)
    message.add_alternative(text_to_html(email.text), subtype="html")
    return message


class SmtpTransport:
    def __init__(self, settings: SmtpSettings) -> None:
        self._settings = settings

    def _connect(self) -> smtplib.SMTP:
        cfg = self._settings
        if cfg.security == "ssl":
            context = ssl.create_default_context()
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                cfg.host, cfg.port, timeout=cfg.timeout, context=context
            )
        else:
            client = smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout)
            if cfg.security == "starttls":
                client.starttls(context=ssl.create_default_context())
        if cfg.user:
            client.login(cfg.user, cfg.password or "")
        return client

    def send_batch(self, emails: Sequence[OutgoingEmail]) -> list[EmailOutcome]:
        outcomes: list[EmailOutcome] = []
        client: smtplib.SMTP | None = None
        try:
            for email in emails:
                if client is None:
                    client = self._connect()
                outcomes.append(self._send_one(client, email))
                if not outcomes[-1].ok and not outcomes[-1].permanent:
                    client = _close(client)  # the connection may be broken: start afresh
        except (OSError, smtplib.SMTPException) as exc:
            error = type(exc).__name__
            outcomes.extend(EmailOutcome(False, False, error) for _ in emails[len(outcomes) :])
        finally:
            _close(client)
        return outcomes

    @staticmethod
    def _send_one(client: smtplib.SMTP, email: OutgoingEmail) -> EmailOutcome:
        try:
            client.send_message(build_mime(email))
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            permanent = all(500 <= code < 600 for code in codes)
            return EmailOutcome(False, permanent, f"recipient refused {codes}")
        except smtplib.SMTPResponseException as exc:
            return EmailOutcome(False, 500 <= exc.smtp_code < 600, f"smtp {exc.smtp_code}")
        except (OSError, smtplib.SMTPException) as exc:
            return EmailOutcome(False, False, type(exc).__name__)
        return EmailOutcome(True)


def _close(client: smtplib.SMTP | None) -> None:
    if client is None:
        return
    try:
        client.quit()
    except (OSError, smtplib.SMTPException):
        client.close()


class CaptureTransport:
    """Keeps emails in the gateway database for the mailbox page (demo, tests)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def send_batch(self, emails: Sequence[OutgoingEmail]) -> list[EmailOutcome]:
        with self._db.write() as s:
            for email in emails:
                mime = build_mime(email)
                s.add(
                    CapturedMessage(
                        channel="email",
                        to_address=email.to,
                        subject=email.subject,
                        text=email.text,
                        headers={k: str(v) for k, v in mime.items()},
                    )
                )
        return [EmailOutcome(True) for _ in emails]
