"""Real processes on loopback: an aiosmtpd SMTP server, the gateway, the desktop CLI.

The programs are the installed commands ``desk-app`` and ``desk-gateway`` of the virtual
environment whose ``bin`` directory ``DESK_E2E_BIN`` names (``scripts/test.sh`` installs the
built wheel into a fresh one), or else this interpreter's modules (``python -m desk_app``).
Either way every child runs in its own temporary directory; with ``DESK_E2E_BIN`` it also
runs without ``PYTHONPATH``, so nothing can be imported from the source checkout.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import requests
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

CHECKOUT = Path(__file__).resolve().parents[2]
INSTALLED_BIN_VARIABLE = "DESK_E2E_BIN"
# Variables that would let a child import something other than its own installation.
_IMPORT_VARIABLES = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONUSERBASE", "VIRTUAL_ENV")


def installed_bin() -> Path | None:
    value = os.environ.get(INSTALLED_BIN_VARIABLE)
    return Path(value).resolve() if value else None


def command(program: str) -> list[str]:
    """``desk-app``, ``desk-gateway`` or ``python``, as the children of these tests run it."""
    bin_dir = installed_bin()
    if bin_dir is not None:
        return [str(bin_dir / program)]
    if program == "python":
        return [sys.executable]
    return [sys.executable, "-m", program.replace("-", "_")]


def child_environment(**variables: str) -> dict[str, str]:
    """The environment of a child: ours without any ``DESK_*`` setting, plus ``variables``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DESK_")}
    bin_dir = installed_bin()
    if bin_dir is not None:
        for name in _IMPORT_VARIABLES:
            env.pop(name, None)
        env["PYTHONNOUSERSITE"] = "1"
        env["PATH"] = os.pathsep.join([str(bin_dir), env.get("PATH", "")])
    env.update(variables)
    return env


def working_directory(directory: Path) -> Path:
    """Where a child runs: never inside the checkout, whose modules it could pick up."""
    assert not directory.resolve().is_relative_to(CHECKOUT), directory
    return directory


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Mailbox:
    """aiosmtpd handler: keeps every message it receives."""

    def __init__(self, port: int) -> None:
        self.port = port
        self._lock = threading.Lock()
        self._messages: list[EmailMessage] = []

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        parsed = message_from_bytes(content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        with self._lock:
            self._messages.append(parsed)
        return "250 OK"

    @property
    def messages(self) -> list[EmailMessage]:
        with self._lock:
            return list(self._messages)

    def wait_for(self, count: int, timeout: float = 15) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.messages) >= count:
                return self.messages
            time.sleep(0.05)
        raise AssertionError(f"expected {count} mails, got {len(self.messages)}")


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    box = Mailbox(free_port())
    controller = Controller(box, hostname="127.0.0.1", port=box.port)
    controller.start()
    yield box
    controller.stop()


@dataclass
class GatewayProcess:
    """``desk-gateway serve`` as a real child process."""

    directory: Path
    smtp_port: int
    port: int = field(default_factory=free_port)
    token: str = ""
    process: subprocess.Popen[bytes] | None = None
    # More DESK_GATEWAY_* settings (names without the prefix).
    settings: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        return child_environment(
            DESK_GATEWAY_DATABASE_URL=f"sqlite:///{self.directory / 'gateway.sqlite3'}",
            DESK_GATEWAY_PUBLIC_URL=self.url,
            DESK_GATEWAY_SMTP_HOST="127.0.0.1",
            DESK_GATEWAY_SMTP_PORT=str(self.smtp_port),
            DESK_GATEWAY_SMTP_SECURITY="none",
            DESK_GATEWAY_MAIL_FROM="Haarwerk Müller <salon@example.org>",
            # Real SMTP, no SMS provider: a production configuration, no demo mode.
            DESK_GATEWAY_SECRET_KEY_FILE=str(self.directory / "gateway.key"),
            **{f"DESK_GATEWAY_{name}": value for name, value in self.settings.items()},
        )

    def create_token(self, name: str = "Haarwerk Müller") -> str:
        done = subprocess.run(
            [*command("desk-gateway"), "token", "create", "--name", name],
            env=self.env(),
            cwd=working_directory(self.directory),
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        self.token = done.stdout.strip().splitlines()[-1]
        return self.token

    def start(self) -> None:
        log = (self.directory / "gateway.log").open("ab")
        self.process = subprocess.Popen(
            [*command("desk-gateway"), "serve", "--port", str(self.port)],
            env=self.env(),
            cwd=working_directory(self.directory),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"gateway exited: {self.log()}")
            try:
                if requests.get(self.url + "/healthz", timeout=1).ok:
                    return
            except requests.ConnectionError:
                time.sleep(0.1)
        raise AssertionError(f"gateway did not start: {self.log()}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
        self.process = None

    def log(self) -> str:
        return (self.directory / "gateway.log").read_text(errors="replace")

    def api(self, method: str, path: str, body: Any = None) -> requests.Response:
        return requests.request(
            method,
            self.url + path,
            json=body,
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=10,
        )


@pytest.fixture
def gateway(tmp_path: Path, mailbox: Mailbox) -> Iterator[GatewayProcess]:
    process = GatewayProcess(tmp_path / "gw", mailbox.port)
    process.directory.mkdir()
    process.create_token()
    process.start()
    yield process
    process.stop()


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


@dataclass
class Desk:
    """The desktop command line against one SQLite file, talking to the gateway."""

    directory: Path
    gateway: GatewayProcess

    def __call__(self, *args: str, check: bool = True, language: str = "en") -> Run:
        env = child_environment(
            QT_QPA_PLATFORM="offscreen",
            DESK_APP_LANGUAGE=language,
            DESK_APP_GATEWAY_TOKEN=self.gateway.token,
            XDG_DATA_HOME=str(self.directory / "data"),
            XDG_CONFIG_HOME=str(self.directory / "config"),
        )
        database = f"sqlite:///{self.directory / 'desk.sqlite3'}"
        done = subprocess.run(
            [*command("desk-app"), "--database", database, *args],
            env=env,
            cwd=working_directory(self.directory),
            capture_output=True,
            text=True,
            timeout=120,
        )
        run = Run(done.returncode, done.stdout, done.stderr)
        if check and run.code != 0:
            raise AssertionError(f"desk-app {' '.join(args)} → {run.code}\n{run.stderr}")
        return run


@pytest.fixture
def desk(tmp_path: Path, gateway: GatewayProcess) -> Desk:
    directory = tmp_path / "desk"
    directory.mkdir()
    return Desk(directory, gateway)
