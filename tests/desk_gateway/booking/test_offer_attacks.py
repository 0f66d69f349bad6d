"""The waitlist offer page, its release and the booking outcome attacked as the world
would (session 26): what an attacker sent, and what the gateway must answer."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from sqlalchemy import select

from desk_gateway.booking.offers import offer_token
from desk_gateway.db.models import WaitlistClaim, WaitlistOffer

from ..support import Harness
from .test_offer_page import _offers, _ref_of, offer_item

RACE_ROUNDS = 40


@pytest.fixture
def gateway_env(gateway_env: dict[str, str]) -> dict[str, str]:
    """The race below sends some hundred page requests from one address in a moment."""
    return {**gateway_env, "DESK_GATEWAY_PAGE_RATE_PER_MINUTE": "100000"}


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


def _at_once(*calls: Callable[[], int | str]) -> list[int | str]:
    """Run the calls in threads released together; their answers in order."""
    answers: list[int | str] = [0] * len(calls)
    barrier = threading.Barrier(len(calls))

    def run(index: int) -> None:
        barrier.wait()
        answers[index] = calls[index]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


def _post(harness: Harness, url: str, **kwargs: Any) -> int:
    return harness.client.post(url, **kwargs).status_code


def _post_or_error(harness: Harness, url: str, **kwargs: Any) -> int | str:
    """The status, or the name of the error the app raised (the test client re-raises
    what would have been a 500)."""
    try:
        return _post(harness, url, **kwargs)
    except Exception as exc:  # noqa: BLE001 - any error is the finding
        return type(exc).__name__


def _states(harness: Harness, slot: str) -> list[tuple[str, bool]]:
    """Each offer of the slot (in the order sent): its state and whether it holds the claim."""
    with harness.gw.db.read() as s:
        rows = s.execute(
            select(WaitlistOffer.id, WaitlistOffer.state, WaitlistClaim.offer_id)
            .outerjoin(
                WaitlistClaim,
                (WaitlistClaim.installation_id == WaitlistOffer.installation_id)
                & (WaitlistClaim.slot == WaitlistOffer.slot),
            )
            .where(WaitlistOffer.slot == slot)
            .order_by(WaitlistOffer.id)
        ).all()
    return [(state, claimer == offer_id) for offer_id, state, claimer in rows]


def test_a_release_racing_the_acceptance_of_its_offer_never_leaves_a_claim_behind(
    harness: Harness,
) -> None:
    """Found with threads against the app on PostgreSQL: the desktop releases an offer (its
    customer no longer waits, or it could not book it) at the moment the customer presses
    the button, and another customer presses hers. In 7 of 60 rounds the release read "no
    claim" before the acceptance committed one: the offer ended up "ended" while holding
    its claim for ever (nobody else could take the time), or "accepted" ("it is yours")
    after the desktop had been answered "released". Both now lock the offer's row: the
    release comes before the acceptance (which then finds the offer released) or after it
    (and frees its claim)."""
    for round_ in range(RACE_ROUNDS):
        slot = f"7@20261127T0900#{round_}"
        mine, other = _offers(harness, 2, slot=slot)
        ref = _ref_of(harness, mine)
        release = f"/v1/waitlist-offers/{ref}/release"
        waiting = round_ % 2 == 0
        answers = _at_once(
            partial(_post, harness, mine),
            partial(_post, harness, release, json={"waiting": waiting}, headers=harness.auth()),
            partial(_post, harness, other),
        )
        assert answers[1] == 200, answers
        (mine_state, mine_claims), (other_state, other_claims) = _states(harness, slot)
        # The released offer is released, whatever came first, and holds nothing.
        assert (mine_state, mine_claims) == ("released" if waiting else "ended", False), round_
        # The other one holds the claim exactly when it says it is hers.
        assert (other_state == "accepted") == other_claims, (round_, other_state, other_claims)


def test_a_stale_waiting_release_does_not_bring_back_the_waitlist_promise(
    harness: Harness,
) -> None:
    """Two counter PCs on one database release the same offer: the first read the entry
    while it waited, the second after the salon removed it. The second's word (no longer
    waiting) arrived first, then the first's: the page promised "you stay on the waitlist"
    again to a customer the salon had taken off it. An entry never waits again once it
    ended, so the offer stays ended."""
    [link] = _offers(harness, 1)
    ref = _ref_of(harness, link)
    release = f"/v1/waitlist-offers/{ref}/release"
    for body in ({"waiting": False}, {"waiting": True}, {}):
        answer = harness.client.post(release, json=body, headers=harness.auth())
        assert answer.status_code == 200 and answer.json() == {"ref": ref, "result": "released"}
    for lang, gone in (("de", "nicht mehr frei"), ("en", "no longer available")):
        page = harness.client.get(f"{link}?lang={lang}")
        assert page.status_code == 409 and gone in page.text
        assert "Warteliste" not in page.text and "waitlist" not in page.text
    assert harness.client.post(link).status_code == 409


def test_an_acceptance_racing_the_erasure_of_its_customer_is_one_or_the_other(
    harness: Harness,
) -> None:
    """Found with threads against the app on PostgreSQL (40 rounds: the customer presses
    "take it" while the desktop erases her): in 14 rounds the two deadlocked — the
    erasure appended its events (locking the log's counter) before it deleted her offers,
    the acceptance locked her offer before it appended its event — and the customer or
    the desktop got a 500. Now the erasure locks her offers first: the acceptance comes
    before it (and is erased with her) or finds nothing (404)."""
    for round_ in range(RACE_ROUNDS):
        item = offer_item(harness.clock, slot=f"s{round_}", to=f"kundin{round_}@example.de")
        [result] = harness.post_messages([item])
        assert result["result"] == "accepted", result
        link = "/w/" + offer_token(harness.gw, harness.installation_id, item["client_id"])
        erase = f"/v1/customers/{item['customer_ref']}/erase"
        accepted, erased = _at_once(
            partial(_post_or_error, harness, link),
            partial(_post_or_error, harness, erase, headers=harness.auth()),
        )
        assert accepted in (200, 404) and erased == 200, (round_, accepted, erased)
        assert _states(harness, f"s{round_}") == []  # nothing of her offer is left
