"""The waitlist offer page /w/{token} (issue 14) attacked: only a transactional message
with its own offer carries ``$offer_url``; GET never accepts; of many acceptances of one
freed time racing each other exactly one wins (the claim's primary key decides, on both
backends); a repeated POST changes nothing; forged, foreign and overlong tokens find
nothing; a time that has begun cannot be taken; a claim the desktop could not book is
released for the next offer, and a time freed again (a new opening, a new slot key) can be
taken again."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

from desk_gateway.booking.offers import offer_token
from desk_gateway.tokens import link_token
from tests.conftest import Clock

from ..support import Harness, message_item, new_id

OFFER_TEXT = "Hallo, ein Termin ist frei geworden: $offer_url\n\nAbmelden: $unsubscribe_url"


def offer_item(clock: Clock, slot: str = "7@20261127T0900", **overrides: Any) -> dict[str, Any]:
    client_id = new_id()
    starts = clock.now + timedelta(days=2)
    item = message_item(
        client_id=client_id,
        text=OFFER_TEXT,
        offer={
            "ref": client_id,
            "slot": slot,
            "treatment": "Damen Schnitt",
            "staff": "Anna",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(minutes=45)).isoformat(),
        },
    )
    item.update(overrides)
    return item


def _offers(harness: Harness, count: int, slot: str = "7@20261127T0900") -> list[str]:
    items = [offer_item(harness.clock, slot) for _ in range(count)]
    results = harness.post_messages(items)
    assert [r["result"] for r in results] == ["accepted"] * count, results
    return [f"/w/{offer_token(harness.gw, harness.installation_id, i['client_id'])}" for i in items]


def test_only_a_transactional_message_with_its_own_offer_carries_an_offer_link(
    harness: Harness,
) -> None:
    clock = harness.clock
    advertising = offer_item(clock, category="marketing")
    unfilled = message_item(text=OFFER_TEXT)
    foreign = offer_item(clock)
    foreign["offer"] = {**foreign["offer"], "ref": new_id()}
    results = harness.post_messages([advertising, unfilled, foreign])
    assert [r["result"] for r in results] == ["rejected"] * 3, results


def test_get_shows_and_one_of_many_racing_acceptances_wins(harness: Harness) -> None:
    links = _offers(harness, 6)
    other_slot = _offers(harness, 1, slot="7@20261127T1100")
    for link in links:  # a mail scanner opens every link
        page = harness.client.get(link)
        assert page.status_code == 200 and 'method="post"' in page.text
    assert not [e for e in harness.events() if e["type"] == "waitlist.accepted"]

    answers: dict[str, int] = {}
    barrier = threading.Barrier(len(links))

    def accept(link: str) -> None:
        barrier.wait()
        answers[link] = harness.client.post(link).status_code

    threads = [threading.Thread(target=accept, args=(link,)) for link in links]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(answers.values()) == [200] + [409] * 5
    [winner] = [link for link, status in answers.items() if status == 200]
    again = harness.client.post(winner)  # the double click
    assert again.status_code == 200 and "gehört Ihnen" in again.text
    loser = next(link for link in links if link != winner)
    assert "schon vergeben" in harness.client.get(loser).text
    # Another freed time is not touched by this one's claim.
    assert harness.client.post(other_slot[0]).status_code == 200
    accepted = [e for e in harness.events() if e["type"] == "waitlist.accepted"]
    assert len(accepted) == 2


def test_forged_foreign_and_overlong_tokens_find_nothing(harness: Harness) -> None:
    [link] = _offers(harness, 1)
    token = link.removeprefix("/w/")
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    # The right ref signed as another purpose or for another installation.
    ref = next(e for e in harness.events() if e["type"] == "message.accepted")["client_id"]
    other_purpose = link_token(harness.gw.secret_key, "m", harness.installation_id, ref)
    other_salon = link_token(harness.gw.secret_key, "w", harness.installation_id + 1, ref)
    for bad in (forged, other_purpose, other_salon, "x" * 101, ""):
        assert harness.client.post(f"/w/{bad}").status_code == 404, bad
    assert harness.client.post(link).status_code == 200


def test_a_time_that_has_begun_cannot_be_taken(harness: Harness) -> None:
    [link] = _offers(harness, 1)
    harness.clock.now += timedelta(days=3)
    late = harness.client.post(link + "?lang=en")
    assert late.status_code == 200 and "already begun" in late.text
    assert not [e for e in harness.events() if e["type"] == "waitlist.accepted"]


def _release(harness: Harness, link: str, body: dict[str, Any] | None = None) -> int:
    ref = _ref_of(harness, link)
    url = f"/v1/waitlist-offers/{ref}/release"
    return harness.client.post(url, json=body or {}, headers=harness.auth()).status_code


def _ref_of(harness: Harness, link: str) -> str:
    token = link.removeprefix("/w/")
    for event in harness.events():
        ref = event["client_id"]
        if event["type"] == "message.accepted" and token == offer_token(
            harness.gw, harness.installation_id, ref
        ):
            return str(ref)
    raise AssertionError(link)


def test_a_released_claim_frees_the_time_and_a_new_opening_is_a_new_slot(
    harness: Harness,
) -> None:
    first, second = _offers(harness, 2, slot="7@20261127T0900#1")
    assert harness.client.post(first).status_code == 200
    assert harness.client.post(second).status_code == 409  # opening #1 is claimed
    # The desktop could not book the first (the customer had a time already): released.
    assert _release(harness, first) == 200
    assert _release(harness, first) == 200  # repeated: the same answer, nothing else
    page = harness.client.get(first)
    assert page.status_code == 409 and "schon vergeben" in page.text
    assert harness.client.post(first).status_code == 409  # never theirs again
    # The next offer of opening #1 (sent after the release) can have it.
    [third] = _offers(harness, 1, slot="7@20261127T0900#1")
    assert harness.client.post(third).status_code == 200
    # Releasing an offer that never held the claim takes nobody's claim away.
    assert _release(harness, second) == 200
    assert harness.client.post(_offers(harness, 1, slot="7@20261127T0900#1")[0]).status_code == 409
    # The same time freed again is opening #2: a slot of its own, free to be taken.
    [reopened] = _offers(harness, 1, slot="7@20261127T0900#2")
    assert harness.client.post(reopened).status_code == 200
    accepted = [e["client_id"] for e in harness.events() if e["type"] == "waitlist.accepted"]
    assert len(accepted) == 3
    unknown = harness.client.post(
        f"/v1/waitlist-offers/{new_id()}/release", json={}, headers=harness.auth()
    )
    assert unknown.status_code == 404
    nobody = harness.client.post(f"/v1/waitlist-offers/{_ref_of(harness, third)}/release")
    assert nobody.status_code == 401


def test_the_page_promises_the_waitlist_only_while_the_customer_still_waits(
    harness: Harness,
) -> None:
    first, second, third = _offers(harness, 3, slot="7@20261127T0900#1")
    assert harness.client.post(first).status_code == 200
    # Someone else was first and the second customer still waits: she stays on the list.
    for lang, promise in (("de", "Sie bleiben auf der Warteliste"), ("en", "You stay on")):
        page = harness.client.get(f"{second}?lang={lang}")
        assert page.status_code == 409 and promise in page.text
    # The salon removed the second customer's entry, the third's was booked from another
    # offer before she looked: the desktop says so, and neither page promises anything.
    assert _release(harness, second, {"waiting": False}) == 200
    assert _release(harness, third, {"waiting": False}) == 200
    for link in (second, third):
        for lang, gone in (("de", "nicht mehr frei"), ("en", "no longer available")):
            page = harness.client.get(f"{link}?lang={lang}")
            assert page.status_code == 409 and gone in page.text
            assert "Warteliste" not in page.text and "waitlist" not in page.text
        assert harness.client.post(link).status_code == 409  # and it cannot be taken
    # An acceptance the customer made before the desktop's word arrived ends the same way,
    # and its time is free for another offer.
    assert _release(harness, first, {"waiting": False}) == 200
    assert "nicht mehr frei" in harness.client.get(first).text
    assert harness.client.post(_offers(harness, 1, slot="7@20261127T0900#1")[0]).status_code == 200


def test_a_release_with_a_field_the_protocol_does_not_know_is_refused(
    harness: Harness,
) -> None:
    """A typo ("waitng") must not turn into the default "still waiting"."""
    [link] = _offers(harness, 1, slot="7@20261127T0900#1")
    assert _release(harness, link, {"waitng": False}) == 422
    assert harness.client.post(link).status_code == 200  # nothing was released
