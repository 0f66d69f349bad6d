"""Email out: MIME building (text + HTML, List-Unsubscribe) and the SMTP or capture transport.

One SMTP connection carries many messages (connecting and TLS cost more than a message),
but every message's outcome is reported on its own, as soon as it is known, so that the
delivery worker can record it before the next one goes out. Outcomes say whose problem a
failure is (``Fault``): the recipient's address (a bounce), this message, this message for
now, or the gateway's own way out (the transport: connection, TLS, credentials, sender,
server trouble), which must not count against any message.
"""

from __future__ import annotations

import html
import io
import re
import smtplib
import ssl
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from email.errors import HeaderParseError
from email.generator import BytesGenerator
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, parseaddr
from enum import StrEnum
from typing import Protocol

from desk_app.domain.text_safety import is_clean
from desk_gateway.config import SmtpSettings
from desk_gateway.db.models import CapturedMessage
from desk_sql.database import Database

_URL = re.compile(r"https?://[^\s<>\"]+")
# RFC 3463 enhanced status code at the start of a reply text ("5.1.1 <…>: no such user").
_ENHANCED = re.compile(rb"^\s*([245])\.(\d{1,3})\.(\d{1,3})\b")


class Fault(StrEnum):
    """Whose problem a failed hand-over is."""

    RECIPIENT = "recipient"  # the address is dead (5xx to RCPT about it): bounce, suppressed
    MESSAGE = "message"  # this message is refused for good (5xx to DATA): failed
    TEMPORARY = "temporary"  # this message, later (4xx to RCPT or DATA): retried with tries
    TRANSPORT = "transport"  # the gateway's own way out: paused, no try counted
    INVALID = "invalid"  # the message cannot even be built: failed as invalid_message


@dataclass(frozen=True)
class MailAttachment:
    """A file sent with an email: a calendar file (intake takes ``text/calendar`` only)."""

    filename: str
    content_type: str
    text: str


@dataclass(frozen=True)
class OutgoingEmail:
    sender: str  # the configured From (MAIL_FROM), e.g. "Salon <noreply@example.org>"
    to: str
    subject: str
    text: str
    message_id: str
    unsubscribe_url: str
    sender_name: str | None = None  # replaces the configured display name
    attachments: tuple[MailAttachment, ...] = ()


@dataclass(frozen=True)
class EmailOutcome:
    ok: bool
    fault: Fault | None = None  # why it failed (None when ok)
    error: str = ""  # a short code for logs and events; never server text (it may name
    # an address): "smtp 550 5.1.1", "auth_failed (smtp 535)", "build failed (ValueError)"
    transport_error: str | None = None  # for TRANSPORT: auth_failed, connection_failed, …

    @property
    def permanent(self) -> bool:
        """The address was refused (hard bounce)."""
        return self.fault is Fault.RECIPIENT


class EmailSession(Protocol):
    """One use of a transport: ``send`` as many emails as there are, then ``close``."""

    def send(self, email: OutgoingEmail) -> EmailOutcome: ...

    def close(self) -> None: ...


class EmailTransport(Protocol):
    def open(self) -> EmailSession:
        """A session that hands over emails one at a time (connecting when needed)."""
        ...

    def send_batch(self, emails: Sequence[OutgoingEmail]) -> list[EmailOutcome]: ...


@contextmanager
def session_of(transport: EmailTransport) -> Iterator[EmailSession]:
    session = transport.open()
    try:
        yield session
    finally:
        session.close()


def send_all(transport: EmailTransport, emails: Sequence[OutgoingEmail]) -> list[EmailOutcome]:
    """Every email over one session; after a transport failure the rest are not tried
    (they get the same transport outcome)."""
    outcomes: list[EmailOutcome] = []
    with session_of(transport) as session:
        for email in emails:
            if outcomes and outcomes[-1].fault is Fault.TRANSPORT:
                outcomes.append(outcomes[-1])
                continue
            outcomes.append(session.send(email))
    return outcomes


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
    """The message with its text and HTML parts; ValueError when a field holds characters
    that never go out (text_safety: a line break in the subject would start a header of its
    own, a NUL byte ends up on the wire as it is). Intake refuses them; this catches rows
    that an older gateway took."""
    for name, value in (("to", email.to), ("subject", email.subject)):
        if not is_clean(value):
            raise ValueError(f"forbidden characters in {name}")
    if not is_clean(email.text, multiline=True):
        raise ValueError("forbidden characters in text")
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
    for attachment in email.attachments:
        _attach(message, attachment)
    return message


def _attach(message: EmailMessage, attachment: MailAttachment) -> None:
    """A calendar file as a part of its own beside the text (multipart/mixed); its
    ``method=PUBLISH`` lets mail clients offer "add to calendar"."""
    if attachment.content_type != "text/calendar" or not is_clean(attachment.text, multiline=True):
        raise ValueError("attachment not a clean calendar file")
    message.add_attachment(
        attachment.text,
        subtype="calendar",
        charset="utf-8",
        filename=attachment.filename,
        params={"method": "PUBLISH"},
    )


@dataclass(frozen=True)
class _Prepared:
    envelope_from: str
    to: str
    data: bytes
    international: bool  # non-ASCII addresses: needs the server's SMTPUTF8


def prepare(email: OutgoingEmail) -> _Prepared:
    """The message as it goes on the wire; raises whatever a malformed message raises
    (a line break in a header written by an older gateway, an unencodable character, …)."""
    mime = build_mime(email)
    envelope_from = parseaddr(email.sender)[1] or email.sender
    international = not (envelope_from + email.to).isascii()
    buffer = io.BytesIO()
    policy = SMTP.clone(utf8=True) if international else SMTP  # (build_mime's policy)
    BytesGenerator(buffer, policy=policy).flatten(mime, linesep="\r\n")
    return _Prepared(envelope_from, email.to, buffer.getvalue(), international)


class SmtpTransport:
    def __init__(self, settings: SmtpSettings) -> None:
        self._settings = settings

    def open(self) -> SmtpSession:
        return SmtpSession(self._settings)

    def send_batch(self, emails: Sequence[OutgoingEmail]) -> list[EmailOutcome]:
        return send_all(self, emails)


class SmtpSession:
    """One SMTP connection, opened on the first email and kept for the next ones; after a
    transport failure it is dropped, and the next ``send`` connects afresh.

    A connection kept from an earlier email may have been closed by the server meanwhile
    (its idle timeout, a restart: a cut connection or a 421). That says nothing about the
    server now, so the email goes once more over a fresh connection; only what that one
    answers counts. (Had the old connection taken the email just before it broke, it goes
    out twice, with the same Message-ID: as it would when tried again later.)"""

    def __init__(self, settings: SmtpSettings) -> None:
        self._settings = settings
        self._client: smtplib.SMTP | None = None

    def send(self, email: OutgoingEmail) -> EmailOutcome:
        try:
            prepared = prepare(email)
        except Exception as exc:  # noqa: BLE001 - any malformed message fails alone
            return EmailOutcome(False, Fault.INVALID, f"build failed ({type(exc).__name__})")
        if self._client is not None:
            outcome = self._hand_over(self._client, prepared)
            if not _connection_lost(outcome):
                if outcome.fault is Fault.TRANSPORT:
                    self.close()
                return outcome
            self.close()
        try:
            self._client = self._connect()
        except Exception as exc:  # noqa: BLE001 - classified, never raised on
            return _connect_failure(exc)
        outcome = self._hand_over(self._client, prepared)
        if outcome.fault is Fault.TRANSPORT:
            self.close()
        return outcome

    def close(self) -> None:
        _close(self._client)
        self._client = None

    def _connect(self) -> smtplib.SMTP:
        cfg = self._settings
        if cfg.security == "ssl":
            context = ssl.create_default_context()
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                cfg.host, cfg.port, timeout=cfg.timeout, context=context
            )
        else:
            client = smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout)
        try:
            if cfg.security == "starttls":
                try:
                    client.starttls(context=ssl.create_default_context())
                except smtplib.SMTPNotSupportedError as exc:
                    raise ssl.SSLError("STARTTLS not offered") from exc
            if cfg.user:
                _login(client, cfg.user, cfg.password or "")
        except BaseException:
            _close(client)
            raise
        return client

    @staticmethod
    def _hand_over(client: smtplib.SMTP, prepared: _Prepared) -> EmailOutcome:
        options: tuple[str, ...] = ()
        try:
            if prepared.international:
                client.ehlo_or_helo_if_needed()  # (the server's extensions are known after)
                if not client.has_extn("smtputf8"):
                    return EmailOutcome(False, Fault.MESSAGE, "smtputf8 not offered")
                options = ("SMTPUTF8", "BODY=8BITMIME")
            client.sendmail(prepared.envelope_from, [prepared.to], prepared.data, options)
        except smtplib.SMTPRecipientsRefused as exc:
            code, reply = next(iter(exc.recipients.values()), (0, b""))
            return classify_reply("rcpt", code, reply)
        except smtplib.SMTPSenderRefused as exc:
            return classify_reply("mail", exc.smtp_code, exc.smtp_error)
        except smtplib.SMTPDataError as exc:
            return classify_reply("data", exc.smtp_code, exc.smtp_error)
        except smtplib.SMTPResponseException as exc:  # HELO refused and the like
            return _transport("server_error", f"smtp {exc.smtp_code}")
        except TimeoutError:
            return _transport("timeout", "timeout")
        except (OSError, smtplib.SMTPException) as exc:
            return _transport("connection_failed", type(exc).__name__)
        return EmailOutcome(True)


def classify_reply(stage: str, code: int, reply: bytes | str) -> EmailOutcome:
    """Sort an SMTP refusal at ``stage`` (mail, rcpt, data) by whose problem it is.

    A bounce suppresses the customer's address for good, so only a refusal that is
    clearly about the recipient's address is one: 5xx to RCPT with an address status
    (5.1.x, 5.2.1) or, without an enhanced code, a text saying the mailbox does not exist.

    The gateway's own problems, which pause the transport and cost no message a try:
    421; authentication (530, 535 anywhere; 5.7.0/5.7.8/5.7.9/5.7.57 and "authentication
    required" at MAIL or RCPT); any refusal at MAIL FROM; at RCPT a refusal of the sender
    (X.1.7, X.1.8, "Sender address rejected": Postfix reports sender checks at RCPT) or of
    relaying (we are not logged in, or not allowed to send through this server). These
    come back alike for every recipient, which is why they must never become bounces.

    5xx to DATA refuses this message's content (an anti-spam "554 5.7.0 Reject" too: its
    5.7.0 is about the content there, not a login). Everything else — other policy
    refusals (5.7.x), a full mailbox, a bare 550 that does not say the mailbox is unknown,
    any 4xx — is this message's trouble for now and is tried again.
    """
    raw = reply.encode("utf-8", "replace") if isinstance(reply, str) else reply
    text = raw.lower()
    enhanced = _ENHANCED.match(raw)
    klass, subject, detail = (int(g) for g in enhanced.groups()) if enhanced else (0, 0, 0)
    label = f"smtp {code}" + (f" {klass}.{subject}.{detail}" if enhanced else "")
    if code == 421:
        return _transport("server_error", label)
    if code in (530, 535) or (stage != "data" and _about_authentication(subject, detail, text)):
        return _transport("auth_failed", label)
    if stage != "data" and _RELAY.search(text):
        # Relaying refused: the server does not know us as its user (SMTP_USER missing,
        # or the wrong server). Not the address: every recipient is refused alike.
        return _transport("auth_failed", label)
    if stage != "data" and _about_sender(subject, detail, text):
        return _transport("sender_refused", label)
    if stage == "mail":
        return _transport("sender_refused" if 500 <= code < 600 else "server_error", label)
    if not 500 <= code < 600:
        return EmailOutcome(False, Fault.TEMPORARY, label)
    if stage == "rcpt":
        if enhanced:
            if subject == 1 or (subject, detail) == (2, 1):
                return EmailOutcome(False, Fault.RECIPIENT, label)
            if subject == 7 or (subject, detail) == (2, 2):
                return EmailOutcome(False, Fault.TEMPORARY, label)  # policy; mailbox full
            return EmailOutcome(False, Fault.MESSAGE, label)
        if code in _BOUNCES and _UNKNOWN_MAILBOX.search(text):
            return EmailOutcome(False, Fault.RECIPIENT, label)
        # A bare 5xx that does not say whose problem it is: never a suppression.
        return EmailOutcome(False, Fault.TEMPORARY, label)
    return EmailOutcome(False, Fault.MESSAGE, label)


_BOUNCES = frozenset({550, 551, 553})  # mailbox unavailable, user not local, bad name
# What a server without enhanced codes says when the mailbox does not exist (Exim, qmail,
# Sendmail, …). The RFC 5321 default text of 550 ("mailbox unavailable") is among them.
_UNKNOWN_MAILBOX = re.compile(
    rb"user unknown|unknown user|no such (?:user|mailbox|recipient)|mailbox unavailable"
    rb"|mailbox not found|unknown (?:mailbox|recipient)|does not exist|doesn'?t exist"
    rb"|recipient address rejected"
)
# Relaying refused: Postfix "Relay access denied", Exim "relay not permitted", Sendmail
# "Relaying denied", Exchange "Unable to relay", qmail "not in my list of allowed rcpthosts".
_RELAY = re.compile(
    rb"\brelay(?:ing)?\b.{0,40}?\b(?:denied|not permitted|not allowed|prohibited|refused)\b"
    rb"|\b(?:unable|not permitted|not allowed) to relay\b|\bdo(?:es)? not relay\b"
    rb"|allowed rcpthosts"
)
# The sender's address refused at RCPT (Postfix "Sender address rejected", Exim "Sender
# verify failed").
_SENDER = re.compile(rb"sender address rejected|sender verify failed|sender rejected")
_AUTH_STATUS = frozenset({(7, 8), (7, 9), (7, 57)})  # credentials, mechanism, none


def _about_authentication(subject: int, detail: int, text: bytes) -> bool:
    """Outside DATA: a reply that says we are not (properly) logged in. 5.7.0 counts only
    with words about authentication; on its own it is any "other security" refusal."""
    if (subject, detail) == (7, 0):
        return b"authenticat" in text
    words = b"authentication required" in text or b"not authenticated" in text
    return (subject, detail) in _AUTH_STATUS or words


def _about_sender(subject: int, detail: int, text: bytes) -> bool:
    """X.1.7 (bad sender's mailbox syntax) and X.1.8 (bad sender's system address) are
    about the sender by definition (RFC 3463); so is a text that says so."""
    return (subject == 1 and detail in (7, 8)) or bool(_SENDER.search(text))


def _login(client: smtplib.SMTP, user: str, password: str) -> None:
    try:
        client.login(user, password)
    except smtplib.SMTPServerDisconnected:
        raise
    except smtplib.SMTPAuthenticationError:
        raise
    except smtplib.SMTPException as exc:  # AUTH not offered, no common mechanism
        raise smtplib.SMTPAuthenticationError(0, b"no usable authentication") from exc


def _connect_failure(exc: BaseException) -> EmailOutcome:
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return _transport("auth_failed", f"smtp {exc.smtp_code}")
    if isinstance(exc, ssl.SSLError | ssl.CertificateError):
        return _transport("tls_failed", type(exc).__name__)
    if isinstance(exc, TimeoutError):
        return _transport("timeout", "timeout")
    if isinstance(exc, smtplib.SMTPResponseException):
        return _transport("server_error", f"smtp {exc.smtp_code}")
    return _transport("connection_failed", type(exc).__name__)


def _connection_lost(outcome: EmailOutcome) -> bool:
    """The connection broke or the server closed it (421): worth a fresh connection."""
    if outcome.transport_error == "connection_failed":
        return True
    return outcome.transport_error == "server_error" and "smtp 421" in outcome.error


def _transport(code: str, detail: str) -> EmailOutcome:
    return EmailOutcome(False, Fault.TRANSPORT, f"{code} ({detail})", transport_error=code)


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

    def open(self) -> CaptureSession:
        return CaptureSession(self._db)

    def send_batch(self, emails: Sequence[OutgoingEmail]) -> list[EmailOutcome]:
        return send_all(self, emails)


class CaptureSession:
    def __init__(self, db: Database) -> None:
        self._db = db

    def send(self, email: OutgoingEmail) -> EmailOutcome:
        try:
            mime = build_mime(email)
            prepare(email)  # what would fail on the wire fails here too
        except Exception as exc:  # noqa: BLE001 - any malformed message fails alone
            return EmailOutcome(False, Fault.INVALID, f"build failed ({type(exc).__name__})")
        with self._db.write() as s:
            s.add(
                CapturedMessage(
                    channel="email",
                    to_address=email.to,
                    subject=email.subject,
                    text=email.text,
                    headers={k: str(v) for k, v in mime.items()},
                )
            )
        return EmailOutcome(True)

    def close(self) -> None:
        return None
