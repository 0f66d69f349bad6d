"""Real processes on loopback: ``desk-gateway serve`` with its own database and logs, an
aiosmtpd server that asks for a password, a throwaway PostgreSQL database.

The gateway is configured through its environment only (the documented contract), so the
tests keep working while the product's insides change.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import psycopg
import requests
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from sqlalchemy import make_url

from tests import databases

GATEWAY_START_TIMEOUT = 40.0
_RECORD_START = re.compile(r"^\d{4}-\d\d-\d\d ")
_EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Warning)?: ")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# ---- PostgreSQL ----------------------------------------------------------------------------
def postgres_available() -> bool:
    return databases.postgres_admin_url() is not None


def _admin_dsn(admin: str) -> str:
    return make_url(admin).set(drivername="postgresql").render_as_string(hide_password=False)


@contextmanager
def postgres_database(prefix: str) -> Iterator[str]:
    """An empty PostgreSQL database (the gateway migrates it itself), dropped afterwards."""
    admin = databases.postgres_admin_url()
    assert admin is not None, "no PostgreSQL server (DESK_APP_TEST_POSTGRES_URL)"
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_admin_dsn(admin), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(_admin_dsn(admin), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# ---- SMTP with a password ------------------------------------------------------------------
class PasswordMailbox:
    """aiosmtpd handler that keeps every message and checks the password of AUTH.

    AUTH is offered without TLS (loopback only) but not demanded: aiosmtpd warns about
    demanding it without TLS, and the suite turns warnings into errors. ``logins_ok``
    shows that the gateway did log in."""

    def __init__(self, port: int, user: str, password: str) -> None:
        self.port, self.user, self.password = port, user, password
        self.logins_ok = 0
        self.logins_refused = 0
        self._lock = threading.Lock()
        self._raw: list[bytes] = []

    def authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        ok = (
            isinstance(data, LoginPassword)
            and data.login.decode() == self.user
            and data.password.decode() == self.password
        )
        if ok:
            self.logins_ok += 1
        else:
            self.logins_refused += 1
        return AuthResult(success=ok)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        with self._lock:
            self._raw.append(envelope.original_content or b"")
        await asyncio.sleep(0)
        return "250 OK"

    @property
    def messages(self) -> list[EmailMessage]:
        with self._lock:
            raw = list(self._raw)
        parsed = [message_from_bytes(r, policy=policy.default) for r in raw]
        return [m for m in parsed if isinstance(m, EmailMessage)]

    def wait_for(self, count: int, timeout: float = 20) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.messages
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(f"expected {count} mails at the SMTP server, got {len(self.messages)}")


@contextmanager
def password_smtp_server() -> Iterator[PasswordMailbox]:
    box = PasswordMailbox(free_port(), "gateway-mailer", "Sm7p-" + secrets.token_urlsafe(18))
    controller = Controller(
        box,
        hostname="127.0.0.1",
        port=box.port,
        authenticator=box.authenticate,
        auth_require_tls=False,  # loopback only; the gateway speaks plain SMTP here
    )
    controller.start()
    try:
        yield box
    finally:
        controller.stop()


def mail_text(mail: EmailMessage) -> str:
    part = mail.get_body(preferencelist=("plain",))
    assert part is not None, mail
    return str(part.get_content())


# ---- the gateway ---------------------------------------------------------------------------
@dataclass
class GatewayServer:
    """``desk-gateway serve`` as a child process; stdout and stderr kept in files."""

    directory: Path
    database_url: str
    settings: dict[str, str] = field(default_factory=dict)  # DESK_GATEWAY_* without prefix
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def stdout_file(self) -> Path:
        return self.directory / "gateway.stdout.log"

    @property
    def stderr_file(self) -> Path:
        return self.directory / "gateway.stderr.log"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DESK_")}
        values = {
            "DATABASE_URL": self.database_url,
            "PUBLIC_URL": self.url,
            "MAIL_FROM": "Haarwerk Müller <salon@example.org>",
            "SECRET_KEY_FILE": str(self.directory / "desk-gateway.key"),
            **self.settings,
        }
        env.update({f"DESK_GATEWAY_{k}": v for k, v in values.items()})
        return env

    def cli(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "desk_gateway", *args],
            env=self.env(),
            cwd=self.directory,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if done.returncode != 0:
            command = " ".join(args)
            raise AssertionError(f"desk-gateway {command} → {done.returncode}: {done.stderr}")
        return done.stdout

    def create_token(self, name: str) -> str:
        out = self.cli("token", "create", "--name", name, "--json")
        token = json.loads(out.strip().splitlines()[-1])["token"]
        assert isinstance(token, str) and token
        return token

    def create_tokens(self, *names: str) -> list[str]:
        """Several installations at once (each ``token create`` is a new interpreter)."""
        with ThreadPoolExecutor(max_workers=len(names)) as pool:
            return list(pool.map(self.create_token, names))

    def start(self) -> GatewayServer:
        self.directory.mkdir(parents=True, exist_ok=True)
        with self.stdout_file.open("ab") as out, self.stderr_file.open("ab") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "desk_gateway", "serve", "--port", str(self.port)],
                env=self.env(),
                cwd=self.directory,
                stdout=out,
                stderr=err,
            )
        deadline = time.monotonic() + GATEWAY_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"gateway exited ({self.process.returncode}): {self.log()}")
            try:
                if requests.get(self.url + "/healthz", timeout=1).ok:
                    return self
            except requests.RequestException:
                time.sleep(0.1)
        raise AssertionError(f"gateway did not start: {self.log()}")

    def alive(self) -> bool:
        if self.process is None or self.process.poll() is not None:
            return False
        try:
            return requests.get(self.url + "/healthz", timeout=5).status_code == 200
        except requests.RequestException:
            return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None

    def log(self) -> str:
        parts = []
        for path in (self.stdout_file, self.stderr_file):
            if path.exists():
                parts.append(path.read_text(errors="replace")[-6000:])
        return "\n".join(parts)

    def server_errors(self) -> list[str]:
        """The exception line of every unhandled error the gateway logged (for failure
        messages: the cause, not just the status)."""
        text = self.stderr_file.read_text(errors="replace") if self.stderr_file.exists() else ""
        found: list[str] = []
        record: list[str] = []
        for line in [*text.splitlines(), "2099-01-01 end"]:
            if _RECORD_START.match(line) or line.startswith(("INFO:", "ERROR:", "WARNING:")):
                if any("unhandled error" in r or "Exception in ASGI" in r for r in record):
                    causes = [r for r in record if _EXCEPTION_LINE.match(r)]
                    if causes:
                        found.append(causes[-1].strip()[:240])
                record = []
            record.append(line)
        return found

    def api(self, method: str, path: str, token: str, body: Any = None) -> requests.Response:
        return requests.request(
            method,
            self.url + path,
            json=body,
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        )


@contextmanager
def running_gateway(directory: Path, database_url: str, **settings: str) -> Iterator[GatewayServer]:
    server = GatewayServer(directory, database_url, dict(settings))
    directory.mkdir(parents=True, exist_ok=True)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def gateway_database(backend: str, directory: Path, prefix: str) -> Iterator[str]:
    """A database URL for a gateway process: a new SQLite file or a new PostgreSQL database."""
    if backend == "sqlite":
        directory.mkdir(parents=True, exist_ok=True)
        yield f"sqlite:///{directory / 'gateway.sqlite3'}"
        return
    with postgres_database(prefix) as url:
        yield url
