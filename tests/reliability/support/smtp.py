"""A real SMTP server (aiosmtpd) that can go down and come back on the same port, with an
optional login, and a mailbox that counts what arrived by Message-ID."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.parser import BytesHeaderParser

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from tests.e2e.conftest import free_port


@dataclass(frozen=True)
class Mail:
    message_id: str
    to: str
    subject: str
    raw: bytes
    at: float  # time.monotonic() when it arrived

    @property
    def client_id(self) -> str:
        """The gateway builds Message-IDs as ``<client_id@host>``."""
        return self.message_id.strip("<>").partition("@")[0]

    def parsed(self) -> EmailMessage:
        parsed = message_from_bytes(self.raw, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed

    def text(self) -> str:
        part = self.parsed().get_body(preferencelist=("plain",))
        assert part is not None
        return str(part.get_content())


class Mailbox:
    """aiosmtpd handler: keeps every message; waiting is done on a condition, not a sleep."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._mails: list[Mail] = []

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        headers = BytesHeaderParser(policy=policy.default).parsebytes(content)
        mail = Mail(
            str(headers.get("Message-ID", "")),
            str(headers.get("To", "")),
            str(headers.get("Subject", "")),
            content,
            time.monotonic(),
        )
        with self._changed:
            self._mails.append(mail)
            self._changed.notify_all()
        return "250 OK"

    @property
    def mails(self) -> list[Mail]:
        with self._changed:
            return list(self._mails)

    def count(self) -> int:
        with self._changed:
            return len(self._mails)

    def wait_until(self, done: Callable[[list[Mail]], bool], timeout: float) -> bool:
        """True as soon as ``done(mails)`` holds; False after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not done(self._mails):
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(left)
            return True

    def wait_for_count(self, count: int, timeout: float) -> bool:
        return self.wait_until(lambda mails: len(mails) >= count, timeout)

    def by_message_id(self, subject: str | None = None) -> Counter[str]:
        return Counter(m.message_id for m in self.mails if subject is None or m.subject == subject)


class Credentials:
    """aiosmtpd authenticator: one user with one password."""

    def __init__(self, user: str, password: str) -> None:
        self._user, self._password = user.encode(), password.encode()
        self.failures = 0

    def __call__(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: object
    ) -> AuthResult:
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == self._user
            and auth_data.password == self._password
        )
        if not ok:
            self.failures += 1
        return AuthResult(success=ok, handled=False)


class SmtpServer:
    """An SMTP server on a fixed loopback port: ``stop()`` makes it unreachable (connection
    refused), ``start()`` brings it back with the same mailbox."""

    def __init__(self, credentials: Credentials | None = None) -> None:
        self.port = free_port()
        self.mailbox = Mailbox()
        self.credentials = credentials
        self._controller: Controller | None = None

    def start(self) -> None:
        assert self._controller is None
        options: dict[str, object] = {}
        if self.credentials is not None:
            options = {
                "authenticator": self.credentials,
                "auth_required": True,
                "auth_require_tls": False,  # loopback test server, no certificate
            }
        self._controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port, **options)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None
