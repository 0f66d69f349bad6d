"""Helpers shared by the gateway tests: request bodies, link extraction, a test harness."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx
from sqlalchemy import select

from desk_gateway.context import Gateway
from desk_gateway.db.models import CapturedMessage, Message
from desk_gateway.delivery import DeliveryWorker
from desk_gateway.events import append_event
from desk_gateway.sms.capture import CaptureProvider
from tests.conftest import Clock

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

LINK = re.compile(r"https?://[^\s/]+/(c|u)/([A-Za-z0-9_-]+)")
MOBILE = "+4915112345678"
OTHER_MOBILE = "+4917612345678"
LANDLINE = "+493012345678"  # Berlin fixed line: cannot receive SMS
USER_AGENT = "TestBrowser/1.0 (Salon Desk tests)"


def new_id() -> str:
    return str(uuid.uuid4())


def message_item(**overrides: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "client_id": new_id(),
        "channel": "email",
        "category": "transactional",
        "to": "anna.mueller@example.de",
        "subject": "Ihr Termin",
        "text": "Hallo Anna, Ihr Termin ist am Freitag um 10:00.",
        "customer_ref": new_id(),
        "basis_ref": None,
        "not_before": None,
        "not_after": None,
        "language": "de",
    }
    item.update(overrides)
    return item


def consent_body(clock: Clock, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "request_id": new_id(),
        "customer_ref": new_id(),
        "channel": "email",
        "address": "anna.mueller@example.de",
        "statement": {
            "version": "2026-11",
            "text": "Ich möchte Angebote und Neuigkeiten vom Salon Schnittpunkt erhalten.",
        },
        "source": {"kind": "in_person", "staff": "Mia", "ip": None, "user_agent": None},
        "declared_at": clock.now.isoformat(),
        "language": "de",
        "salon_name": "Salon Schnittpunkt",
        "message": None,
    }
    body.update(overrides)
    return body


def old_row(harness: Harness, installation_id: int, **values: Any) -> str:
    """A message as an older gateway took it (with its message.accepted event)."""
    client_id = values.pop("client_id", new_id())
    row = {
        "channel": "email",
        "category": "transactional",
        "customer_ref": new_id(),
        "to_address": "anna@example.de",
        "subject": "Ihr Termin",
        "text": "Hallo Anna, bis Freitag!",
        "status": "accepted",
        "first_result": "accepted",
        "next_attempt_at": harness.clock.now,
        **values,
    }
    with harness.gw.db.write() as s:
        s.add(Message(installation_id=installation_id, client_id=client_id, **row))
        append_event(
            s,
            installation_id,
            "message.accepted",
            harness.clock.now,
            customer_ref=row["customer_ref"],
            client_id=client_id,
            channel=row["channel"],
        )
    return client_id


def links_in(text: str, kind: str) -> list[str]:
    """The tokens of all /c/ (kind "c") or /u/ (kind "u") links in a text."""
    return [token for k, token in LINK.findall(text) if k == kind]


def one_link(text: str, kind: str) -> str:
    tokens = links_in(text, kind)
    assert len(tokens) == 1, f"expected one /{kind}/ link in {text!r}"
    return tokens[0]


@dataclass
class Harness:
    """A gateway with one installation, its API client and a worker driven by hand."""

    gw: Gateway
    clock: Clock
    client: TestClient
    worker: DeliveryWorker
    sms: CaptureProvider
    installation_id: int
    token: str

    def auth(self, token: str | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {token or self.token}"}

    # ---- API ----------------------------------------------------------------------------
    def post_messages(self, items: Sequence[dict[str, Any]], token: str | None = None) -> Any:
        response = self.client.post(
            "/v1/messages", json={"items": list(items)}, headers=self.auth(token)
        )
        assert response.status_code == 200, response.text
        return response.json()["results"]

    def submit(self, **overrides: Any) -> dict[str, Any]:
        """One message; returns its result (and the item under "item")."""
        item = message_item(**overrides)
        (result,) = self.post_messages([item])
        return {**result, "item": item}

    def request_consent(self, token: str | None = None, **overrides: Any) -> dict[str, Any]:
        body = consent_body(self.clock, **overrides)
        response = self.client.post("/v1/consent-requests", json=body, headers=self.auth(token))
        assert response.status_code == 200, response.text
        return {**response.json(), "body": body}

    def events(self, after: int = 0, token: str | None = None, **params: Any) -> list[Any]:
        response = self.client.get(
            "/v1/events", params={"after": after, "limit": 500, **params}, headers=self.auth(token)
        )
        assert response.status_code == 200, response.text
        events: list[Any] = response.json()["events"]
        return events

    def event_types(self, **filters: Any) -> list[str]:
        return [
            e["type"]
            for e in self.events()
            if all(e.get(key) == value for key, value in filters.items())
        ]

    def last_seq(self) -> int:
        return int(self.events_page()["last_seq"])

    def events_page(self, **params: Any) -> Any:
        response = self.client.get("/v1/events", params=params, headers=self.auth())
        assert response.status_code == 200, response.text
        return response.json()

    # ---- delivery -----------------------------------------------------------------------
    def deliver(self) -> int:
        return self.worker.run_once()

    def emails(self, to: str | None = None) -> list[CapturedMessage]:
        with self.gw.db.read() as s:
            query = select(CapturedMessage).where(CapturedMessage.channel == "email")
            if to is not None:
                query = query.where(CapturedMessage.to_address == to)
            return list(s.scalars(query.order_by(CapturedMessage.id)))

    def texts(self, to: str | None = None) -> list[str]:
        return [m.text for m in self.sms.sent if to is None or m.to == to]

    def message(self, client_id: str) -> Message:
        with self.gw.db.read() as s:
            found = s.scalar(
                select(Message).where(
                    Message.installation_id == self.installation_id,
                    Message.client_id == client_id,
                )
            )
            assert found is not None
            return found

    # ---- customers' pages -----------------------------------------------------------------
    def get_page(self, path: str) -> httpx.Response:
        return self.client.get(path, headers={"User-Agent": USER_AGENT}, follow_redirects=False)

    def post_page(self, path: str, data: dict[str, str] | None = None) -> httpx.Response:
        return self.client.post(
            path, data=data, headers={"User-Agent": USER_AGENT}, follow_redirects=False
        )

    def confirmed_consent(self, **overrides: Any) -> dict[str, Any]:
        """A consent request that went out and was confirmed by the customer's click."""
        request = self.request_consent(**overrides)
        assert request["result"] == "accepted", request
        self.deliver()
        body = request["body"]
        token = self.confirm_token(body["address"], body["channel"])
        response = self.post_page(f"/c/{token}")
        assert response.status_code == 200, response.text
        return body

    def confirm_token(self, address: str, channel: str = "email") -> str:
        if channel == "email":
            return one_link(self.emails(to=address)[-1].text, "c")
        return one_link(self.texts(to=address)[-1], "c")

    def unsubscribe_token(self, address: str, channel: str = "email") -> str:
        if channel == "email":
            return one_link(self.emails(to=address)[-1].text, "u")
        return one_link(self.texts(to=address)[-1], "u")
