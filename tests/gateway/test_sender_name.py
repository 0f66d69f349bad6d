"""The optional ``sender_name`` of a message item on the wire: sent when set, left out
otherwise (so older gateways and the gateway's defaults keep working)."""

from __future__ import annotations

import json

from pytest_httpserver import HTTPServer

from .support import MakeClient
from .test_client import email, only_request, sms


def test_sender_name_is_sent_only_when_set(httpserver: HTTPServer, make_client: MakeClient) -> None:
    httpserver.expect_request("/v1/messages", method="POST").respond_with_json(
        {
            "results": [
                {"client_id": "c-1", "result": "accepted"},
                {"client_id": "c-2", "result": "accepted"},
                {"client_id": "c-3", "result": "accepted"},
            ]
        }
    )
    named_email = email("c-1", sender_name="Haarwerk Müller")
    named_sms = email("c-2", channel="sms", to="+4915112345678", sender_name="HaarWerk")

    make_client().send_messages([named_email, named_sms, sms("c-3")])

    items = json.loads(only_request(httpserver).get_data())["items"]
    assert [item.get("sender_name") for item in items] == ["Haarwerk Müller", "HaarWerk", None]
    assert "sender_name" not in items[2]
