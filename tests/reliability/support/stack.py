"""One scenario's parts: an SMTP server, the gateway process, the desktop command line on a
seeded salon. Built by the ``make_stack`` fixture, torn down (kill -9) after the test."""

from __future__ import annotations

import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from tests.reliability.support.fault_proxy import FaultProxy
from tests.reliability.support.processes import Desk, Gateway
from tests.reliability.support.salon import Salon, seed_salon, teach_gateway
from tests.reliability.support.smtp import Credentials, SmtpServer

INSTALLATION = "Haarwerk Müller"


class SalonTemplates:
    """Seeded desktop databases, built once per size (and pytest worker), copied per
    scenario: seeding is not what the scenarios measure."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._built: dict[int, Salon] = {}

    def copy(self, customers: int, directory: Path) -> Salon:
        if customers not in self._built:
            self._built[customers] = seed_salon(self._root / f"salon-{customers}", customers)
        return self._built[customers].copy_to(directory)


@dataclass
class Stack:
    smtp: SmtpServer
    gateway: Gateway
    desk: Desk
    salon: Salon
    spawned: list[subprocess.Popen[bytes]] = field(default_factory=list)
    proxies: list[FaultProxy] = field(default_factory=list)

    def point_desk_at(self, url: str) -> None:
        """The salon's gateway URL (what ``desk-app settings set gateway_url`` stores):
        the gateway itself, or a proxy in front of it."""
        with closing(sqlite3.connect(self.desk.database)) as conn, conn:
            conn.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES ('gateway_url', ?)", (url,)
            )

    def spawn_desk(self, *args: str) -> subprocess.Popen[bytes]:
        process = self.desk.spawn(*args)
        self.spawned.append(process)
        return process

    def proxy(self, rate: float, seed: int = 0, max_timeouts: int = 1) -> FaultProxy:
        """A started proxy in front of the gateway, which the desktop now talks to."""
        proxy = FaultProxy(self.gateway.port, rate=rate, seed=seed, max_timeouts=max_timeouts)
        self.proxies.append(proxy)
        proxy.start()
        self.point_desk_at(proxy.url)
        return proxy

    def close(self) -> None:
        for proxy in self.proxies:
            proxy.stop()
        for process in self.spawned:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=30)
        self.gateway.kill()
        self.smtp.stop()


def build_stack(
    directory: Path,
    templates: SalonTemplates,
    customers: int,
    *,
    gateway_settings: dict[str, str] | None = None,
    credentials: Credentials | None = None,
    smtp_running: bool = True,
    start_gateway: bool = True,
) -> Stack:
    smtp = SmtpServer(credentials)
    if smtp_running:
        smtp.start()
    gateway = Gateway(directory / "gateway", smtp.port, dict(gateway_settings or {}))
    gateway.create_token(INSTALLATION)
    salon = templates.copy(customers, directory / "desk")
    teach_gateway(gateway.database, INSTALLATION, salon)
    stack = Stack(smtp, gateway, Desk(directory / "desk", salon.database, gateway.token), salon)
    stack.point_desk_at(gateway.url)
    if start_gateway:
        gateway.start()
    return stack


def send_campaign(desk: Desk, name: str) -> dict[str, str]:
    """Queue a promotion to every customer with a confirmed email consent, as the owner
    does on the command line; returns client_id → status of its outbox rows."""
    sent = desk(
        "campaign", "send", "--type", "promotion", "--channel", "email", "--name", name,
        "--subject", f"{name} bei {{{{ salon_name }}}}",
        "--text", "Hallo {{ first_name }}, diesen Monat 20 % auf Pflege.", "--json",
    ).json()  # fmt: skip
    queued = desk.outbox(campaign=name)
    assert sent["queued"] == len(queued), f"campaign {name}: {sent} but {len(queued)} rows"
    return queued
