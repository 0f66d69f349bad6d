"""What the gateway keeps about the people on a waitlist (issue 14, DESIGN.md 2.5): a
wish's names and addresses only until the desktop has applied it (at most 30 days, as a
booking request's), and the offers made to a customer in her Art. 15 export and gone
with her Art. 17 erasure — on both backends."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from desk_gateway.booking.offers import offer_token
from desk_gateway.booking.requests import UNANSWERED_KEPT

from ..support import Harness
from ..test_privacy import erase, export, rows_mentioning
from .support import ANNA, CUT, NAME, publish
from .test_offer_page import offer_item

ERIKA = "erika.wartet@example.de"


def _wish(h: Harness, email: str = ERIKA) -> int:
    """Erika asks on the page to be told; the seq of her ``waitlist.requested``."""
    today = h.clock.now.date()
    response = h.client.post(f"/book/{NAME}/waitlist", follow_redirects=False, data={
        "lang": "de", "treatment": str(CUT), "staff": str(ANNA),
        "first_day": today.isoformat(), "last_day": (today + timedelta(days=5)).isoformat(),
        "from": "09:00", "until": "12:00", "channel": "email", "day": "1",
        "first_name": "Erika", "last_name": "Wartet", "email": email, "phone": "",
        "website": ""})  # fmt: skip
    assert response.status_code == 303, response.text[:300]
    [event] = [e for e in h.events() if e["type"] == "waitlist.requested"
               and e["data"]["email"] == email]  # fmt: skip
    return int(event["seq"])


def test_a_wish_keeps_its_names_until_the_desktop_applied_it_or_30_days_passed(
    harness: Harness,
) -> None:
    h = harness
    assert publish(h).status_code == 200
    seq = _wish(h)
    h.events(after=seq - 1)  # read, not yet applied: the desktop still needs it
    assert rows_mentioning(h, ERIKA)
    h.events(after=seq)  # the desktop's cursor passed it: applied
    assert rows_mentioning(h, ERIKA) == [] and rows_mentioning(h, "Wartet") == []
    [event] = [e for e in h.events() if e["seq"] == seq]
    assert event["data"]["email"] is None and event["data"]["treatment_id"] == CUT

    # A wish no desktop ever applies loses them like an unanswered booking request.
    unread = "nie.gelesen@example.de"
    _wish(h, unread)
    h.clock.now += UNANSWERED_KEPT - timedelta(minutes=1)
    h.worker.forget_booking_data(h.clock.now)
    assert rows_mentioning(h, unread)
    h.clock.now += timedelta(minutes=2)
    h.worker.forget_booking_data(h.clock.now)
    assert rows_mentioning(h, unread) == []


def test_waitlist_offers_are_in_the_export_and_gone_with_the_erasure(harness: Harness) -> None:
    h = harness
    customer = "c0ffee00-0000-4000-8000-00000000e1a1"
    taken, other = (offer_item(h.clock, customer_ref=customer) for _ in range(2))
    other["offer"]["slot"] = "7@20261127T1100"
    assert [r["result"] for r in h.post_messages([taken, other])] == ["accepted", "accepted"]
    link = f"/w/{offer_token(h.gw, h.installation_id, taken['client_id'])}"
    assert h.client.post(link).status_code == 200

    offers: list[dict[str, Any]] = export(h, customer)["waitlist_offers"]
    assert [(o["ref"], o["state"], o["claimed_at"] is not None) for o in offers] == [
        (taken["client_id"], "accepted", True),
        (other["client_id"], "open", False),
    ]
    assert offers[0]["treatment"] == "Damen Schnitt" and offers[0]["starts_at"]

    erase(h, customer)
    assert export(h, customer)["waitlist_offers"] == []
    assert rows_mentioning(h, customer, skip=("events", "messages", "suppressions")) == []
    assert h.client.get(link).status_code == 404


def test_a_wish_has_no_booking_outcome(harness: Harness) -> None:
    """A wish's request id is no booking request's: a "refused" would send a booking
    refusal to someone who only asked to wait."""
    h = harness
    assert publish(h).status_code == 200
    seq = _wish(h)
    [event] = [e for e in h.events() if e["seq"] == seq]
    sent_before = len([e for e in h.events() if e["type"] == "message.accepted"])
    answer = h.client.post(
        f"/v1/booking-requests/{event['client_id']}/outcome",
        json={"result": "refused", "reason": "slot_taken"},
        headers=h.auth(),
    )
    assert answer.status_code == 404
    assert len([e for e in h.events() if e["type"] == "message.accepted"]) == sent_before
