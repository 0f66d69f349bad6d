"""A gateway inside the app for the demo: loopback only, mail and SMS captured locally.

It runs in demo mode (``DESK_GATEWAY_DEMO=1``), the only mode in which the gateway has capture
transports and a mailbox page; its link key is a file in the demo's data directory.

Messages never leave the machine; they appear on the mailbox page
(``http://127.0.0.1:<port>/mailbox``), where the confirmation and unsubscribe links can
be clicked like a customer would.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import requests
import uvicorn
from sqlalchemy import select

from desk_app.domain.consent import CONFIRMATION_WINDOW
from desk_app.services.rows import ConfirmedDeclaration
from desk_gateway.config import load_config
from desk_gateway.db.models import ConsentRequest, Installation
from desk_gateway.server import Assembly, assemble
from desk_gateway.tokens import new_bearer_token, sha256_hex

log = logging.getLogger(__name__)
DEMO_INSTALLATION = "demo"


@dataclass
class DemoGateway:
    url: str
    token: str
    server: uvicorn.Server
    thread: threading.Thread
    assembly: Assembly

    def learn_consents(self, confirmed: Iterable[ConfirmedDeclaration]) -> int:
        """Record the demo salon's confirmed consents as confirmed here too.

        A real gateway knows every consent because it ran the double opt-in itself; the
        demo data was generated without it, and without this the gateway would refuse
        every campaign message with ``no_basis``. Only ever for the local demo gateway.
        """
        added = 0
        with self.assembly.gateway.db.write() as s:
            installation = s.scalar(
                select(Installation).where(Installation.name == DEMO_INSTALLATION)
            )
            assert installation is not None
            known = set(
                s.scalars(
                    select(ConsentRequest.request_id).where(
                        ConsentRequest.installation_id == installation.id
                    )
                )
            )
            for c in confirmed:
                if c.request_id in known:
                    continue
                s.add(
                    ConsentRequest(
                        installation_id=installation.id,
                        request_id=c.request_id,
                        customer_ref=c.customer_ref,
                        channel=c.channel.value,
                        address=c.address,
                        statement_version=c.statement_version,
                        statement_text=c.statement_text,
                        source={"kind": c.source, "staff": c.staff},
                        declared_at=c.declared_at,
                        language=c.language,
                        expires_at=c.declared_at + CONFIRMATION_WINDOW,
                        message_client_id=c.request_id,
                        confirmed_at=c.confirmed_at,
                    )
                )
                added += 1
        return added

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
            "DESK_GATEWAY_DEMO": "1",
            "DESK_GATEWAY_SECRET_KEY_FILE": str(data_dir / "demo-gateway.key"),
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
        uvicorn.Config(
            assembly.app,
            host="127.0.0.1",
            port=port,
            log_level="warning",
            access_log=False,  # uvicorn's would print every link token
            proxy_headers=False,
        )
    )
    thread = threading.Thread(target=server.run, name="demo-gateway", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            if requests.get(url + "/healthz", timeout=1).ok:
                log.info("demo gateway on %s", url)
                return DemoGateway(url, token, server, thread, assembly)
        except requests.ConnectionError:
            time.sleep(0.05)
    raise RuntimeError("the demo gateway did not start")
