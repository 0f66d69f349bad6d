"""The user agent a confirmation records (consent evidence, the events ``consent.link_viewed``
and ``consent.confirmed``) is clean text, whatever the browser sent.

Found by sending a User-Agent with the bytes of a UTF-8 "€" (E2 82 AC; HTTP parsers pass
such "obs-text" bytes, Starlette reads them as Latin-1, so 0x82 became a C1 control
character in the evidence) and one with a NUL byte (the confirmation failed with a 500 on
PostgreSQL). The booking page cleaned its user agent already; the confirmation page did
not."""

from __future__ import annotations

from desk_app.domain.text_safety import is_clean
from desk_gateway.tokens import link_token

from .support import Harness


def test_the_confirmations_user_agent_is_clean_text(harness: Harness) -> None:
    agents: list[bytes] = [b"Mozilla/5.0 \xe2\x82\xac", b"Mozilla\x00/5.0", b"a\x01b" + b"x" * 600]
    for agent in agents:
        request = harness.request_consent()
        request_id = request["body"]["request_id"]
        token = link_token(harness.gw.secret_key, "c", harness.installation_id, request_id)
        assert harness.client.get(f"/c/{token}", headers={"User-Agent": agent}).status_code == 200
        assert harness.client.post(f"/c/{token}", headers={"User-Agent": agent}).status_code == 200
        recorded = [
            e["data"]["user_agent"]
            for e in harness.events()
            if e["type"] in ("consent.link_viewed", "consent.confirmed")
            and e["data"].get("request_id", e.get("client_id")) == request_id
        ]
        assert len(recorded) == 2, recorded
        for value in recorded:
            assert is_clean(value) and len(value) <= 400 and value.startswith(("Mozilla", "a?b"))
