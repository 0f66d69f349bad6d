"""Real ``desk-gateway serve`` processes on one database (SQLite file and PostgreSQL)
against one real SMTP server: two processes deliver every message exactly once with the
event log gap-free per salon, and a process killed with SIGKILL in the middle of
delivering repeats at most the one message it had in flight."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
from sqlalchemy import func, select

from desk_gateway import intake
from desk_gateway.context import Gateway
from desk_gateway.db.models import Event, Installation, Message

from .conftest import Salon, SmtpRecorder, free_port
from .support import message_item

pytestmark = pytest.mark.slow

LEASE_SECONDS = 2  # a killed process's claims come back after this


@dataclass
class GatewayProcess:
    """``desk-gateway serve`` as a child process of the test."""

    directory: Path
    env: dict[str, str]
    name: str
    mail_from: str
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = {
            **self.env,
            "DESK_GATEWAY_PUBLIC_URL": "http://127.0.0.1",
            "DESK_GATEWAY_MAIL_FROM": f"Salon Schnittpunkt <{self.mail_from}>",
        }
        with (self.directory / f"{self.name}.log").open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "desk_gateway", "serve", "--port", str(self.port)],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.directory,
            )
        wait_until(self._healthy, f"{self.name} did not start:\n{self.log()}", seconds=60)

    def _healthy(self) -> bool:
        assert self.process is not None
        if self.process.poll() is not None:
            raise AssertionError(f"{self.name} exited:\n{self.log()}")
        try:
            return requests.get(f"http://127.0.0.1:{self.port}/healthz", timeout=1).ok
        except requests.ConnectionError:
            return False

    def kill(self) -> None:
        """SIGKILL: no clean-up of any kind runs."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        self.process = None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.process = None

    def log(self) -> str:
        path = self.directory / f"{self.name}.log"
        return path.read_text(errors="replace") if path.exists() else ""


def wait_until(done: Callable[[], bool], message: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError(message)
        time.sleep(0.05)


@pytest.fixture
def start_gateway(
    tmp_path: Path, gateway_db_url: str, gw: Gateway, smtp_server: SmtpRecorder
) -> Iterator[Callable[[str], GatewayProcess]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DESK_")}
    env.update(
        DESK_GATEWAY_DATABASE_URL=gateway_db_url,
        DESK_GATEWAY_SMTP_HOST="127.0.0.1",
        DESK_GATEWAY_SMTP_PORT=str(smtp_server.port),
        DESK_GATEWAY_SMTP_SECURITY="none",
        DESK_GATEWAY_SMS_PROVIDER="none",
        DESK_GATEWAY_LEASE_SECONDS=str(LEASE_SECONDS),
        DESK_GATEWAY_SECRET_KEY=gw.secret_key,  # every process signs links alike
    )
    started: list[GatewayProcess] = []

    def start(name: str) -> GatewayProcess:
        # Each process sends from its own address: the mails say who delivered them.
        process = GatewayProcess(tmp_path, env, name, f"{name}@schnittpunkt.example")
        process.start()
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()


def submit(gw: Gateway, salons: list[Salon], count: int) -> list[str]:
    """``count`` emails per salon, handed over as desktops do (in batches, taking turns)."""
    client_ids = []
    for start in range(0, count, 50):
        for salon in salons:
            items = [
                message_item(to=f"kunde{start + n}.{salon.id}@example.de")
                for n in range(min(50, count - start))
            ]
            results = intake.submit_messages(gw, salon.id, items)
            assert {r["result"] for r in results} == {"accepted"}
            client_ids += [item["client_id"] for item in items]
    return client_ids


def message_ids(smtp_server: SmtpRecorder) -> Counter[str]:
    return Counter(str(m["Message-ID"]) for m in smtp_server.messages())


def assert_delivered_and_logged(gw: Gateway, client_ids: list[str]) -> None:
    """Every message sent, one message.sent event each, every salon's log gap-free."""
    with gw.db.read() as s:
        statuses = Counter(s.scalars(select(Message.status)))
        sent = Counter(s.scalars(select(Event.client_id).where(Event.type == "message.sent")))
        for installation_id, last in s.execute(select(Installation.id, Installation.last_seq)):
            seqs = list(
                s.scalars(
                    select(Event.seq)
                    .where(Event.installation_id == installation_id)
                    .order_by(Event.seq)
                )
            )
            assert seqs == list(range(1, last + 1))
        leased = s.scalar(select(func.count()).where(Message.lease_owner.is_not(None)))
    assert statuses == Counter({"sent": len(client_ids)})
    assert sent == Counter(client_ids)
    assert leased == 0


def all_sent(gw: Gateway, count: int) -> Callable[[], bool]:
    def check() -> bool:
        with gw.db.read() as s:
            done = s.scalar(select(func.count()).where(Message.status == "sent"))
        return done == count

    return check


def test_two_gateway_processes_deliver_every_message_once(
    gw: Gateway,
    make_installation: Callable[[str], Salon],
    smtp_server: SmtpRecorder,
    start_gateway: Callable[[str], GatewayProcess],
) -> None:
    salons = [make_installation(f"Salon {n}") for n in range(3)]
    first, second = start_gateway("gateway-1"), start_gateway("gateway-2")

    client_ids = submit(gw, salons, 150)  # while both are delivering
    wait_until(all_sent(gw, len(client_ids)), f"not all sent:\n{first.log()}\n{second.log()}")

    assert message_ids(smtp_server) == Counter(
        {f"<{client_id}@127.0.0.1>": 1 for client_id in client_ids}
    )
    assert_delivered_and_logged(gw, client_ids)
    senders = Counter(mail_from for mail_from, _, _ in smtp_server.received)
    assert set(senders) == {first.mail_from, second.mail_from}  # both took part


def test_a_killed_gateway_repeats_at_most_the_message_in_flight(
    gw: Gateway,
    make_installation: Callable[[str], Salon],
    smtp_server: SmtpRecorder,
    start_gateway: Callable[[str], GatewayProcess],
) -> None:
    salons = [make_installation(f"Salon {n}") for n in range(2)]
    client_ids = submit(gw, salons, 200)
    kills = 0
    process = start_gateway("gateway")
    for share in (0.2, 0.45, 0.7):
        wait_until(
            lambda share=share: len(smtp_server.received) >= share * len(client_ids),
            f"delivery stalled:\n{process.log()}",
        )
        process.kill()  # in the middle of delivering
        kills += 1
        process = start_gateway(f"gateway-after-kill-{kills}")

    wait_until(all_sent(gw, len(client_ids)), f"not all sent:\n{process.log()}")

    counts = message_ids(smtp_server)
    assert set(counts) == {f"<{client_id}@127.0.0.1>" for client_id in client_ids}  # lost 0
    duplicates = sum(n - 1 for n in counts.values())
    assert duplicates <= kills  # at most the message in flight, per kill
    assert max(counts.values()) <= 2
    assert_delivered_and_logged(gw, client_ids)
