"""A gateway inside the app for the demo: loopback only, mail and SMS captured locally.

Messages never leave the machine; they appear on the mailbox page
(``http://127.0.0.1:<port>/mailbox``), where the confirmation and unsubscribe links can
be clicked like a customer would.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import requests
import uvicorn
from sqlalchemy import select

from desk_gateway.config import load_config
from desk_gateway.db.models import Installation
from desk_gateway.server import assemble
from desk_gateway.tokens import new_bearer_token, sha256_hex

log = logging.getLogger(__name__)
DEMO_INSTALLATION = "demo"


@dataclass
class DemoGateway:
    url: str
    token: str
    server: uvicorn.Server
    thread: threading.Thread

    @property
    def mailbox_url(self) -> str:
        return self.url + "/mailbox"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_demo_gateway(data_dir: Path) -> DemoGateway:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    config = load_config(
        environ={
            "DESK_GATEWAY_DATABASE_URL": f"sqlite:///{data_dir / 'demo-gateway.sqlite3'}",
            "DESK_GATEWAY_PUBLIC_URL": url,
            "DESK_GATEWAY_MAIL_FROM": "Salon Desk Demo <demo@localhost>",
        }
    )
    assembly = assemble(config)
    token = new_bearer_token()
    with assembly.gateway.db.write() as s:
        # A fresh token each start: the old one was never written down anywhere.
        found = s.scalar(select(Installation).where(Installation.name == DEMO_INSTALLATION))
        if found is None:
            s.add(Installation(name=DEMO_INSTALLATION, token_hash=sha256_hex(token)))
        else:
            found.token_hash, found.revoked_at = sha256_hex(token), None
    server = uvicorn.Server(
        uvicorn.Config(assembly.app, host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, name="demo-gateway", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            if requests.get(url + "/healthz", timeout=1).ok:
                log.info("demo gateway on %s", url)
                return DemoGateway(url, token, server, thread)
        except requests.ConnectionError:
            time.sleep(0.05)
    raise RuntimeError("the demo gateway did not start")
