"""POST /v1/booking-requests/{id}/outcome: the desktop's answer moves the hold, tells a
refused customer, and leaves nothing personal behind after a final answer."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from desk_gateway.db.models import BookingHold, BookingRequest, Message

from ..conftest import Salon
from ..support import MOBILE, Harness
from .support import NAME, form, post_form, publish, snapshot, stored

PERSONAL = ("first_name", "last_name", "email", "phone", "note", "ip", "user_agent")


@pytest.fixture
def requested(harness: Harness) -> tuple[Harness, str]:
    """A published page and one request (Anna, tomorrow 10:00 UTC)."""
    assert publish(harness).status_code == 200
    assert post_form(harness, form(harness.clock)).status_code == 303
    (event,) = [e for e in harness.events() if e["type"] == "booking.requested"]
    return harness, event["data"]["request_id"]


def answer(harness: Harness, request_id: str, result: str, **extra: Any) -> Any:
    return harness.client.post(
        f"/v1/booking-requests/{request_id}/outcome",
        json={"result": result, "reason": None, "booking_ref": None, **extra},
        headers=harness.auth(),
    )


def hold_state(harness: Harness, request_id: str) -> str:
    with harness.gw.db.read() as s:
        hold = s.scalar(select(BookingHold).where(BookingHold.request_id == request_id))
        assert hold is not None
        return hold.state


def request_row(harness: Harness, request_id: str) -> BookingRequest:
    with harness.gw.db.read() as s:
        row = s.scalar(select(BookingRequest).where(BookingRequest.request_id == request_id))
        assert row is not None
        return row


def event_data(harness: Harness) -> dict[str, Any]:
    (event,) = [e for e in harness.events() if e["type"] == "booking.requested"]
    data: dict[str, Any] = event["data"]
    return data


def assert_purged(harness: Harness, request_id: str) -> None:
    for data in (request_row(harness, request_id).data, event_data(harness)):
        assert all(data[key] is None for key in PERSONAL), data
        assert data["starts_at"] == "2026-11-26T10:00:00+00:00"  # the booking itself stays
        assert data["consent"] is not None


def test_booked_keeps_the_slot_until_a_newer_snapshot(requested: tuple[Harness, str]) -> None:
    harness, request_id = requested
    ref = "0b9a3f5e-1111-4c1e-9a43-5d0f0f3c2a10"

    response = answer(harness, request_id, "booked", booking_ref=ref)

    assert response.status_code == 200
    assert response.json() == {"request_id": request_id, "result": "booked"}
    assert hold_state(harness, request_id) == "booked"
    row = request_row(harness, request_id)
    assert (row.outcome, row.booking_ref, row.decided_at) == ("booked", ref, harness.clock.now)
    assert_purged(harness, request_id)
    # Still taken for the page: the published snapshot predates the booking …
    taken = post_form(harness, form(harness.clock, email="b@example.de"))
    assert taken.status_code == 422
    # … until the desktop publishes one computed afterwards (which has the appointment).
    harness.clock.advance(minutes=1)
    publish(harness, snapshot(harness.clock))
    free = post_form(harness, form(harness.clock, email="b@example.de"))
    assert free.status_code == 303


def test_refused_releases_the_slot_and_tells_the_customer(requested: tuple[Harness, str]) -> None:
    harness, request_id = requested

    response = answer(harness, request_id, "refused", reason="slot_taken")

    assert response.status_code == 200
    assert hold_state(harness, request_id) == "released"
    assert_purged(harness, request_id)
    harness.deliver()
    (email,) = harness.emails(to="erika@example.de")
    assert email.subject == "Ihre Terminanfrage bei Haarwerk Müller"
    assert "Hallo Erika" in email.text
    assert "Donnerstag, 26. November, 11:00" in email.text
    assert f"{harness.gw.config.public_url}/book/{NAME}?lang=de" in email.text
    message = harness.message(f"booking-refused:{request_id}")
    assert (message.category, message.channel, message.status) == ("transactional", "email", "sent")
    again = post_form(harness, form(harness.clock, email="b@example.de"))
    assert again.status_code == 303  # the slot is free for others again


def test_a_refusal_goes_by_sms_in_english_without_an_email(harness: Harness) -> None:
    publish(harness)
    data = form(harness.clock, email="", phone=MOBILE, lang="en")
    assert post_form(harness, data).status_code == 303
    request_id = event_data(harness)["request_id"]

    answer(harness, request_id, "refused", reason="staff_decision")
    harness.deliver()

    (text,) = harness.texts(to=MOBILE)
    assert text.startswith("Haarwerk Müller: sorry, your time (Thursday, 26 November, 11:00)")
    assert f"/book/{NAME}?lang=en" in text


def test_waiting_keeps_the_hold_and_the_details(requested: tuple[Harness, str]) -> None:
    harness, request_id = requested

    first = answer(harness, request_id, "waiting")
    again = answer(harness, request_id, "waiting")

    assert first.status_code == again.status_code == 200
    assert hold_state(harness, request_id) == "held"
    assert event_data(harness)["first_name"] == "Erika"
    booked = answer(harness, request_id, "booked")  # staff decided later
    assert booked.status_code == 200 and hold_state(harness, request_id) == "booked"


def test_a_final_outcome_is_not_changed(requested: tuple[Harness, str]) -> None:
    harness, request_id = requested
    answer(harness, request_id, "refused")
    harness.deliver()

    repeated = answer(harness, request_id, "refused")
    changed = answer(harness, request_id, "booked")
    waiting = answer(harness, request_id, "waiting")

    assert repeated.status_code == 200
    assert repeated.json() == {"request_id": request_id, "result": "refused"}
    assert changed.status_code == waiting.status_code == 409
    assert changed.json()["code"] == "outcome_final"
    assert len(harness.emails(to="erika@example.de")) == 1  # told once
    assert hold_state(harness, request_id) == "released"


def test_unknown_ids_and_bad_bodies(requested: tuple[Harness, str], make_installation: Any) -> None:
    harness, request_id = requested
    other: Salon = make_installation("Salon Nebenan")

    assert answer(harness, "no-such-request", "booked").status_code == 404
    assert answer(harness, "x" * 200, "booked").status_code == 404
    foreign = harness.client.post(
        f"/v1/booking-requests/{request_id}/outcome",
        json={"result": "booked"},
        headers=harness.auth(other.token),
    )
    assert foreign.status_code == 404  # another salon's request is no request of this one
    assert answer(harness, request_id, "cancelled").status_code == 422
    assert answer(harness, request_id, "booked", extra="x").status_code == 422
    assert hold_state(harness, request_id) == "held"


def test_the_refusal_is_a_message_with_its_event(requested: tuple[Harness, str]) -> None:
    """The refusal is one message with its events, like any message the gateway takes."""
    harness, request_id = requested
    before = harness.last_seq()

    answer(harness, request_id, "refused")

    types = [e["type"] for e in harness.events(after=before)]
    assert types == ["message.accepted"]
    with harness.gw.db.read() as s:
        (message,) = s.scalars(select(Message))
        assert message.customer_ref == request_id
        assert message.sender_name == "Haarwerk Müller"


def test_unanswered_requests_lose_their_details_after_30_days(
    requested: tuple[Harness, str],
) -> None:
    harness, request_id = requested
    answer(harness, request_id, "waiting")
    harness.clock.advance(days=29)
    publish(harness, snapshot(harness.clock))
    assert event_data(harness)["first_name"] == "Erika"

    harness.clock.advance(days=1, seconds=1)
    publish(harness, snapshot(harness.clock))

    assert_purged(harness, request_id)
    assert request_row(harness, request_id).outcome == "waiting"
    assert answer(harness, request_id, "refused").status_code == 200  # nobody left to tell
    assert stored(harness).messages == 0
