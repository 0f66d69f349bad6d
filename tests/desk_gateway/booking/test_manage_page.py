"""The manage page /m/{token}: the booking shown (German/English, valid HTML, its own style
policy), cancelling and moving by POST before the deadline (events for the desktop, a held
slot, the outcome endpoint answering a change), repeated POSTs asking nothing twice, the
call-us page after the deadline, and forged tokens finding nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from desk_gateway.db.models import Booking, BookingHold, BookingRequest, Message
from desk_gateway.tokens import link_token
from tests.conftest import Clock

from ..booking_support import booking, booking_item, manage_token
from ..support import Harness
from .support import ANNA, BEN, CUT, at, iso, publish, snapshot, valid_html

MANAGE_EVENTS = ("booking.cancelled", "booking.change_requested")


@pytest.fixture
def published(harness: Harness) -> Harness:
    response = publish(harness)
    assert response.status_code == 200, response.text
    return harness


def booked(harness: Harness, **overrides: Any) -> str:
    """A booking of Damen Schnitt with Anna the day after tomorrow 09:00 UTC (10:00 in
    Berlin), cancellable until 24 hours before; returns the token of its manage page."""
    clock = harness.clock
    starts = at(clock, 2, 9)
    value = booking(
        clock,
        treatment_id=CUT,
        staff_id=ANNA,
        staff="Anna",
        starts_at=iso(starts),
        ends_at=iso(starts + timedelta(minutes=45)),
        cancel_until=iso(starts - timedelta(hours=24)),
    )
    value.update(overrides)
    (result,) = harness.post_messages([booking_item(clock, booking=value)])
    assert result["result"] == "accepted", result
    return manage_token(harness, value["ref"])


def booking_events(harness: Harness) -> list[dict[str, Any]]:
    return [e for e in harness.events() if e["type"] in MANAGE_EVENTS]


def stored(harness: Harness) -> Booking:
    with harness.gw.db.read() as s:
        (row,) = s.scalars(select(Booking))
        return row


def cancel(harness: Harness, token: str) -> Any:
    return harness.post_page(f"/m/{token}", {"action": "cancel"})


def move(harness: Harness, token: str, start: str, staff: str = str(ANNA)) -> Any:
    return harness.post_page(f"/m/{token}", {"action": "change", "start": start, "staff": staff})


# ---- what the page shows ---------------------------------------------------------------------
def test_the_page_shows_the_booking_and_its_two_ways(published: Harness) -> None:
    token = booked(published)

    page = published.get_page(f"/m/{token}")

    assert page.status_code == 200
    valid_html(page.text)
    for shown in ("Ihr Termin", "Damen Schnitt", "bei Anna", "Freitag, 27. November, 10:00"):
        assert shown in page.text
    assert "<header><p>Haarwerk Müller</p></header>" in page.text
    assert '<form method="post"' in page.text and 'value="cancel"' in page.text
    assert "Termin absagen" in page.text
    assert "bis Donnerstag, 26. November, 10:00" in page.text
    assert "Freie Zeiten anzeigen" in page.text
    policy = page.headers["content-security-policy"]
    assert policy.startswith("default-src 'none'; style-src 'sha256-")
    assert "script" not in page.text
    assert booking_events(published) == []  # a view changes nothing


def test_the_page_speaks_the_bookings_language_or_the_one_asked_for(
    published: Harness,
) -> None:
    english = booked(published)
    published.post_messages(
        [booking_item(published.clock, booking=booking(published.clock), language="en")]
    )
    with published.gw.db.read() as s:
        ref = s.scalars(select(Booking.ref).where(Booking.language == "en")).one()

    own = published.get_page(f"/m/{manage_token(published, ref)}")
    asked = published.get_page(f"/m/{english}?lang=en")

    assert "Your appointment" in own.text and "Cancel the appointment" in own.text
    assert "Your appointment" in asked.text and "Friday, 27 November, 10:00" in asked.text
    valid_html(asked.text)


@pytest.mark.parametrize("forged", ["x" * 43, "a" * 200, "%00", "other purpose", "other salon"])
def test_a_forged_token_finds_nothing(
    published: Harness, make_installation: Any, forged: str
) -> None:
    booked(published)
    ref = stored(published).ref
    token = {
        "other purpose": link_token(published.gw.secret_key, "c", published.installation_id, ref),
        "other salon": link_token(published.gw.secret_key, "m", published.installation_id + 1, ref),
    }.get(forged, forged)
    make_installation("Salon Nebenan")

    for response in (
        published.get_page(f"/m/{token}"),
        published.post_page(f"/m/{token}", {"action": "cancel"}),
    ):
        assert response.status_code == 404
        assert "Link ungültig" in response.text
        valid_html(response.text)
    assert booking_events(published) == []
    assert stored(published).state == "booked"


def test_an_erased_customers_booking_has_no_page(published: Harness) -> None:
    token = booked(published)
    customer = stored(published).customer_ref

    published.client.post(f"/v1/customers/{customer}/erase", headers=published.auth())

    assert published.get_page(f"/m/{token}").status_code == 404


# ---- cancelling -----------------------------------------------------------------------------
def test_cancelling_tells_the_salon_once(published: Harness, clock: Clock) -> None:
    token = booked(published)
    ref = stored(published).ref

    first = cancel(published, token)
    again = cancel(published, token)

    assert first.status_code == again.status_code == 200
    assert "Ihre Absage ist beim Salon angekommen." in first.text
    assert "Ihre Absage ist beim Salon angekommen." in again.text
    valid_html(first.text)
    (event,) = booking_events(published)
    assert event["type"] == "booking.cancelled"
    assert event["data"] == {"booking_ref": ref, "at": clock.now.isoformat()}
    assert event["customer_ref"] == stored(published).customer_ref
    assert stored(published).state == "cancel_requested"
    shown = published.get_page(f"/m/{token}")
    assert 'value="cancel"' not in shown.text and "Freie Zeiten" not in shown.text


def test_after_the_deadline_the_page_says_to_call(published: Harness, clock: Clock) -> None:
    token = booked(published)
    clock.now = stored(published).cancel_until

    page = published.get_page(f"/m/{token}")
    refused = cancel(published, token)

    for response in (page, refused):
        assert response.status_code == 200
        assert "Bitte rufen Sie uns an." in response.text
        assert 'Telefon: <a href="tel:+49301234567">+49 30 1234567</a>' in response.text
        assert "<form" not in response.text
    valid_html(page.text)
    assert booking_events(published) == []
    assert stored(published).state == "booked"


def test_a_booking_the_salon_cancelled_shows_so(published: Harness) -> None:
    token = booked(published)
    ref = stored(published).ref
    booked(published, ref=ref, state="cancelled")

    page = published.get_page(f"/m/{token}")
    cancel(published, token)

    assert "Dieser Termin ist abgesagt." in page.text and "<form" not in page.text
    assert booking_events(published) == []


def test_without_a_published_page_the_booking_can_still_be_cancelled(
    harness: Harness,
) -> None:
    token = booked(harness)

    page = harness.get_page(f"/m/{token}")
    cancel(harness, token)

    assert page.status_code == 200
    valid_html(page.text)
    assert "Salon Schnittpunkt" in page.text  # the installation's name
    assert "Freie Zeiten anzeigen" not in page.text
    assert [e["type"] for e in booking_events(harness)] == ["booking.cancelled"]


# ---- moving ---------------------------------------------------------------------------------
def test_the_change_step_offers_the_free_times_of_the_same_staff_member(
    published: Harness, clock: Clock
) -> None:
    token = booked(published)

    page = published.get_page(f"/m/{token}?change=1")

    assert page.status_code == 200
    tree = valid_html(page.text)
    starts = [i.get("value") for i in tree.iter("input") if i.get("name") == "start"]
    # Tomorrow 08:00-12:00 UTC (the first free day): 45 minutes fit from 08:00 to 11:15.
    assert starts[0] == iso(at(clock, 1, 8)) and starts[-1] == iso(at(clock, 1, 11, 15))
    assert len(starts) == 14
    checked = [i.get("value") for i in tree.iter("input") if i.get("checked") is not None]
    assert str(ANNA) in checked
    assert "wieder bei Anna" in page.text and "egal" in page.text


def test_without_free_times_the_change_step_says_so(published: Harness, clock: Clock) -> None:
    token = booked(published)
    assert publish(published, snapshot(clock, free=[])).status_code == 200

    page = published.get_page(f"/m/{token}?change=1&staff=any")

    assert page.status_code == 200
    valid_html(page.text)
    assert "In den nächsten Wochen ist für diese Auswahl nichts frei." in page.text
    assert 'name="start"' not in page.text
    assert 'value="cancel"' in page.text


def test_moving_holds_the_time_and_asks_the_salon_once(published: Harness, clock: Clock) -> None:
    token = booked(published)
    ref = stored(published).ref
    start = at(clock, 1, 10, 30)

    first = move(published, token, iso(start))
    again = move(published, token, iso(start))

    assert first.status_code == again.status_code == 200
    valid_html(first.text)
    assert "Sie haben Donnerstag, 26. November, 11:30 angefragt." in first.text
    (event,) = booking_events(published)
    assert event["type"] == "booking.change_requested"
    request_id = event["data"]["request_id"]
    assert event["data"] == {
        "booking_ref": ref,
        "request_id": request_id,
        "staff_id": ANNA,
        "starts_at": iso(start),
        "ends_at": iso(start + timedelta(minutes=45)),
    }
    with published.gw.db.read() as s:
        (hold,) = s.scalars(select(BookingHold))
        assert (hold.request_id, hold.staff_id, hold.starts_at) == (request_id, ANNA, start)
    assert stored(published).state == "change_requested"
    # Nobody else gets that time meanwhile: the booking page no longer offers it.
    other = move(published, booked(published), iso(start))
    assert other.status_code == 409


def test_a_taken_time_is_refused_with_the_times_again(published: Harness, clock: Clock) -> None:
    first, second = booked(published), booked(published)
    start = iso(at(clock, 1, 10))
    move(published, first, start)

    taken = move(published, second, start)

    assert taken.status_code == 409
    assert "Diese Zeit ist leider nicht mehr frei." in taken.text
    assert 'name="start"' in taken.text  # the other times, to choose again
    valid_html(taken.text)
    assert len(booking_events(published)) == 1


def test_any_staff_member_takes_the_first_free_one(published: Harness, clock: Clock) -> None:
    first, second = booked(published), booked(published)
    start = iso(at(clock, 1, 10))
    move(published, first, start, staff=str(ANNA))

    moved = move(published, second, start, staff="any")

    assert moved.status_code == 200
    assert [e["data"]["staff_id"] for e in booking_events(published)] == [ANNA, BEN]


def test_the_desktop_answers_a_change_like_any_request(published: Harness, clock: Clock) -> None:
    token = booked(published)
    with published.gw.db.read() as s:
        booking_message = s.scalars(select(Message.client_id)).one()
    move(published, token, iso(at(clock, 1, 10)))
    (event,) = booking_events(published)
    request_id = event["data"]["request_id"]

    answer = published.client.post(
        f"/v1/booking-requests/{request_id}/outcome",
        json={"result": "refused", "reason": "staff_decision", "booking_ref": None},
        headers=published.auth(),
    )

    assert answer.status_code == 200, answer.text
    page = published.get_page(f"/m/{token}")
    assert "angefragt" not in page.text and 'value="cancel"' in page.text  # as it was
    with published.gw.db.read() as s:
        assert s.scalar(select(BookingHold.state)) == "released"
        request = s.scalar(select(BookingRequest))
        assert request is not None and request.data["kind"] == "change"
        # The page shows the customer: no refusal message (it has no address anyway).
        assert s.scalars(select(Message.client_id)).all() == [booking_message]
    again = move(published, token, iso(at(clock, 1, 10, 15)))
    assert again.status_code == 200 and len(booking_events(published)) == 2


def test_a_booking_waiting_for_its_change_may_still_be_cancelled(
    published: Harness, clock: Clock
) -> None:
    token = booked(published)
    start = at(clock, 1, 10)
    move(published, token, iso(start))

    waiting = published.get_page(f"/m/{token}")
    cancel(published, token)

    assert 'value="cancel"' in waiting.text
    assert "Freie Zeiten anzeigen" not in waiting.text  # one change at a time
    assert [e["type"] for e in booking_events(published)] == [
        "booking.change_requested",
        "booking.cancelled",
    ]
    with published.gw.db.read() as s:
        assert s.scalar(select(BookingHold.state)) == "released"  # the new time is free again
    assert move(published, booked(published), iso(start)).status_code == 200


def test_the_desktops_next_message_ends_the_request(published: Harness, clock: Clock) -> None:
    token = booked(published)
    ref = stored(published).ref
    new_start = at(clock, 1, 10)
    move(published, token, iso(new_start))

    booked(
        published,
        ref=ref,
        starts_at=iso(new_start),
        ends_at=iso(new_start + timedelta(minutes=45)),
        cancel_until=iso(new_start - timedelta(hours=1)),
    )

    row = stored(published)
    assert (row.state, row.starts_at, row.change_request_id) == ("booked", new_start, None)
    assert "Donnerstag, 26. November, 11:00" in published.get_page(f"/m/{token}").text


@pytest.mark.parametrize("start", ["", "morgen", "2026-11-26T10:07:00+00:00", "2030-01-01T10:00Z"])
def test_a_time_that_is_not_offered_is_refused(
    published: Harness, clock: Clock, start: str
) -> None:
    token = booked(published)

    response = move(published, token, start)

    assert response.status_code == 409
    assert booking_events(published) == []
    assert stored(published).state == "booked"


def test_an_unknown_action_only_shows_the_page(published: Harness) -> None:
    token = booked(published)

    response = published.post_page(f"/m/{token}", {"action": "delete"})

    assert response.status_code == 200 and "Termin absagen" in response.text
    assert booking_events(published) == []


def test_the_page_is_rate_limited_like_the_others(published: Harness) -> None:
    token = booked(published)
    limit = published.gw.config.page_rate_per_minute

    answers = [published.get_page(f"/m/{token}").status_code for _ in range(limit + 1)]

    assert answers[:limit] == [200] * limit
    assert answers[limit] == 429


@pytest.mark.parametrize(
    "body",
    [
        b"\xff\xfe\x00action=cancel",
        b"action=change&start=" + b"9" * 5000,
        b"action=change&start=%00&staff=%ED%A0%80",
        b"action=change&start=2026-11-26T10:00:00%2B00:00&staff=99999999999999",
        b"&".join(b"f%d=x" % n for n in range(50)) + b"&action=cancel",
        b"action=change&action=cancel",
    ],
)
def test_whatever_a_browser_posts_gets_a_page(published: Harness, body: bytes) -> None:
    token = booked(published)

    response = published.client.post(
        f"/m/{token}",
        content=body,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )

    assert response.status_code in (200, 409), response.text
    valid_html(response.text)
    assert len(booking_events(published)) <= 1
