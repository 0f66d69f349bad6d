"""The waitlist offer page, its release and the booking outcome attacked as the world
would (session 26): what an attacker sent, and what the gateway must answer."""

from __future__ import annotations

from typing import Any

import pytest

from ..support import Harness
from .test_offer_page import _offers, _ref_of


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/v1/waitlist-offers/{id}/release", {}),
        ("/v1/waitlist-offers/{id}/release", {"waiting": False}),
        (
            "/v1/booking-requests/{id}/outcome",
            {"result": "refused", "reason": None, "booking_ref": None},
        ),
    ],
)
def test_an_id_with_a_nul_byte_or_a_control_character_names_nothing(
    harness: Harness, path: str, body: dict[str, Any]
) -> None:
    """A NUL byte in the path reached PostgreSQL, which refused the query: a 500 (found
    by sending ``/v1/waitlist-offers/%00/release`` with the salon's own token)."""
    [link] = _offers(harness, 1)
    ref = _ref_of(harness, link)
    for bad in ("%00", f"{ref}%00", "a%00b", "%0A", "%E2%80%A8", "%EF%BF%BF"):
        answer = harness.client.post(path.format(id=bad), json=body, headers=harness.auth())
        assert answer.status_code == 404, (bad, answer.text)
        assert answer.json()["code"] == "not_found"
    # The real offer is untouched by all that and still released as before.
    assert harness.client.get(link).status_code == 200
    release = f"/v1/waitlist-offers/{ref}/release"
    assert harness.client.post(release, json={}, headers=harness.auth()).status_code == 200
