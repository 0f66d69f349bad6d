"""The gateway as ``serve`` wires it (server.assemble): capture email and SMS in the database,
the worker thread running, the mailbox page showing what went out."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from desk_gateway.config import load_config
from desk_gateway.db.models import Installation
from desk_gateway.server import Assembly, assemble
from desk_gateway.tokens import new_bearer_token, sha256_hex
from tests.conftest import Clock

from .conftest import TestClient
from .support import MOBILE, consent_body, links_in, message_item


@pytest.fixture
def assembly(gateway_env: dict[str, str]) -> Iterator[Assembly]:
    built = assemble(load_config(environ=gateway_env))
    yield built
    built.gateway.db.dispose()


@pytest.fixture
def token(assembly: Assembly) -> str:
    value = new_bearer_token()
    with assembly.gateway.db.write() as s:
        s.add(Installation(name="Salon Schnittpunkt", token_hash=sha256_hex(value)))
    return value


def wait_for(condition: Callable[[], bool], timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_messages_reach_the_mailbox_page_through_the_worker(assembly: Assembly, token: str) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    with TestClient(assembly.app) as client:

        def events() -> list[dict[str, object]]:
            answer: list[dict[str, object]] = client.get("/v1/events", headers=headers).json()[
                "events"
            ]
            return answer

        client.post(
            "/v1/messages",
            json={
                "items": [
                    message_item(to="anna@example.de", text="Hallo Anna"),
                    message_item(channel="sms", to=MOBILE, text="Hallo per SMS"),
                ]
            },
            headers=headers,
        )
        assert wait_for(lambda: [e["type"] for e in events()].count("message.sent") == 2)

        mailbox = client.get("/mailbox")
        sms_sent = [e for e in events() if e["type"] == "message.sent" and e["channel"] == "sms"]
        provider_id = sms_sent[0]["data"]["message_id"]  # type: ignore[index]
        report = client.post(
            "/hooks/capture",
            content=json.dumps({"type": "status", "id": provider_id, "status": "delivered"}),
            headers={"Content-Type": "application/json"},
        )
        delivered = [e["type"] for e in events()].count("message.delivered")

    assert mailbox.status_code == 200
    assert "anna@example.de" in mailbox.text and "Hallo Anna" in mailbox.text
    assert MOBILE in mailbox.text and "Hallo per SMS" in mailbox.text
    assert '<a href="http://127.0.0.1:' in mailbox.text  # links are clickable
    assert report.status_code == 200
    assert delivered == 1


def test_the_consent_roundtrip_with_the_worker_thread(assembly: Assembly, token: str) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    with TestClient(assembly.app) as client:
        body = consent_body(Clock(datetime.now(UTC)))  # the assembled gateway runs on real time
        assert client.post("/v1/consent-requests", json=body, headers=headers).status_code == 200

        def confirmation_links() -> list[str]:
            return links_in(client.get("/mailbox").text, "c")

        assert wait_for(lambda: bool(confirmation_links()))
        (link,) = set(confirmation_links())
        confirmed = client.post(f"/c/{link}")
        types = [e["type"] for e in client.get("/v1/events", headers=headers).json()["events"]]

    assert confirmed.status_code == 200
    assert types[-1] == "consent.confirmed"
    assert "consent.request_sent" in types
    with assembly.gateway.db.read() as s:
        assert s.scalar(select(Installation.last_seq)) == len(types)
