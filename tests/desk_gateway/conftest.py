"""Gateway fixtures: its own database on both backends, a gateway with a settable clock,
installations with tokens, the FastAPI app behind a TestClient, and a real SMTP server.

The delivery worker's thread stays off (``create_app(..., worker=None)``): tests call
``worker.run_once()`` themselves, so every step happens when the test says so.
"""

from __future__ import annotations

import asyncio
import socket
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from starlette.exceptions import StarletteDeprecationWarning

from desk_gateway.config import GatewayConfig, load_config
from desk_gateway.context import Gateway, ensure_secret_key
from desk_gateway.db import migrate
from desk_gateway.db.models import Installation
from desk_gateway.delivery import DeliveryWorker
from desk_gateway.email_transport import CaptureTransport, EmailTransport
from desk_gateway.sms.base import SmsProvider
from desk_gateway.sms.capture import CaptureProvider
from desk_gateway.tokens import new_bearer_token, sha256_hex
from desk_gateway.web.app import create_app
from desk_sql.database import Database, create_database_engine
from tests import databases
from tests.conftest import BACKENDS, Clock

with warnings.catch_warnings():
    # Starlette 1.x prefers httpx2 for its TestClient; the project pins httpx (>=0.27).
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

from .support import Harness


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# ---- the gateway's own database --------------------------------------------------------------
@pytest.fixture(scope="session")
def gateway_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return databases.sqlite_template(tmp_path_factory.mktemp("gateway-template"), migrate.upgrade)


@pytest.fixture(scope="session")
def gateway_postgres_template() -> Iterator[str | None]:
    with databases.postgres_template("gateway", migrate.upgrade) as name:
        yield name


@pytest.fixture(params=BACKENDS)
def gateway_db_url(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    gateway_sqlite_template: Path,
    gateway_postgres_template: str | None,
) -> Iterator[str]:
    """A fresh, migrated gateway database (SQLite file or PostgreSQL), dropped afterwards."""
    with databases.fresh_database(
        str(request.param), "gateway", tmp_path, gateway_sqlite_template, gateway_postgres_template
    ) as url:
        yield url


@pytest.fixture
def gateway_db(gateway_db_url: str) -> Iterator[Database]:
    database = Database(create_database_engine(gateway_db_url))
    yield database
    database.dispose()


# ---- configuration and the gateway -----------------------------------------------------------
@pytest.fixture
def gateway_env(gateway_db_url: str, tmp_path: Path) -> dict[str, str]:
    """A demo-mode gateway (capture mailbox and capture SMS exist only in demo mode); its
    link key in a file of the test's own directory."""
    return {
        "DESK_GATEWAY_DATABASE_URL": gateway_db_url,
        "DESK_GATEWAY_PUBLIC_URL": f"http://127.0.0.1:{free_port()}",
        "DESK_GATEWAY_MAIL_FROM": "Salon Schnittpunkt <termine@schnittpunkt.example>",
        "DESK_GATEWAY_DEMO": "1",
        "DESK_GATEWAY_SECRET_KEY_FILE": str(tmp_path / "gateway.key"),
    }


@pytest.fixture
def gateway_config(gateway_env: dict[str, str]) -> GatewayConfig:
    return load_config(environ=gateway_env)


@pytest.fixture
def gw(gateway_db: Database, gateway_config: GatewayConfig, clock: Clock) -> Gateway:
    return Gateway(
        db=gateway_db,
        config=gateway_config,
        secret_key=ensure_secret_key(gateway_db, gateway_config),
        clock=clock,
    )


@dataclass(frozen=True)
class Salon:
    id: int
    name: str
    token: str


@pytest.fixture
def make_installation(gateway_db: Database) -> Callable[[str], Salon]:
    def make(name: str) -> Salon:
        token = new_bearer_token()
        with gateway_db.write() as s:
            row = Installation(name=name, token_hash=sha256_hex(token))
            s.add(row)
            s.flush()
            return Salon(row.id, name, token)

    return make


@pytest.fixture
def salon(make_installation: Callable[[str], Salon]) -> Salon:
    return make_installation("Salon Schnittpunkt")


@pytest.fixture
def capture_sms() -> CaptureProvider:
    return CaptureProvider()


@contextmanager
def serve(
    gw: Gateway, sms: SmsProvider, worker: DeliveryWorker | None = None
) -> Iterator[TestClient]:
    """The app behind a TestClient (lifespan run, one event loop for all requests)."""
    app = create_app(gw, sms, worker, capture_mailbox=True)
    with TestClient(app) as client:
        yield client


def make_harness(
    gw: Gateway, clock: Clock, salon: Salon, sms: CaptureProvider, email: EmailTransport
) -> Iterator[Harness]:
    worker = DeliveryWorker(gw, email, sms)
    with serve(gw, sms) as client:
        yield Harness(gw, clock, client, worker, sms, salon.id, salon.token)


@pytest.fixture
def harness(
    gw: Gateway, clock: Clock, salon: Salon, capture_sms: CaptureProvider
) -> Iterator[Harness]:
    """Email into the capture mailbox (database), SMS into memory."""
    yield from make_harness(gw, clock, salon, capture_sms, CaptureTransport(gw.db))


# ---- a real SMTP server ----------------------------------------------------------------------
@dataclass
class SmtpRecorder:
    """aiosmtpd handler: keeps every message, counts connections, refuses on request."""

    port: int = 0
    connections: int = 0
    received: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    rcpt_attempts: list[str] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)  # address -> SMTP reply

    async def handle_EHLO(self, server, session, envelope, hostname, responses):  # type: ignore[no-untyped-def]
        self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # type: ignore[no-untyped-def]
        self.rcpt_attempts.append(address)
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        await asyncio.sleep(0)
        return "250 Message accepted for delivery"

    def messages(self) -> list[EmailMessage]:
        return [
            message_from_bytes(raw, policy=policy.default)  # type: ignore[misc]
            for _, _, raw in self.received
        ]


@pytest.fixture
def smtp_server() -> Iterator[SmtpRecorder]:
    recorder = SmtpRecorder(port=free_port())
    controller = Controller(recorder, hostname="127.0.0.1", port=recorder.port)
    controller.start()
    try:
        yield recorder
    finally:
        controller.stop()
