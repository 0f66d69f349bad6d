"""Adversarial review of the booking page (issue 10): attacks that succeed today.

Each test states what the world can do and FAILS while the hole is open.
"""

from __future__ import annotations

import warnings
from typing import Any

from sqlalchemy import or_, select
from starlette.exceptions import StarletteDeprecationWarning

from desk_gateway.booking.submit import OPEN_PER_CONTACT
from desk_gateway.config import load_config
from desk_gateway.context import Gateway
from desk_gateway.db.models import Message
from desk_gateway.web.app import create_app

from ..support import Harness
from .support import NAME, at, form, iso, post_form, publish, stored
from .test_manage_page import booked

with warnings.catch_warnings():
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient


def test_review_ipv6_neighbours_share_the_post_limit(
    harness: Harness, gateway_env: dict[str, str]
) -> None:
    """Anyone with an IPv6 /64 (every home line, every cloud VM) has 2**64 addresses: a
    limit per /128 address is no limit. Three hosts of one /64 against a limit of 2."""
    config = load_config(environ={**gateway_env, "DESK_GATEWAY_BOOKING_POSTS_PER_HOUR": "2"})
    gw = Gateway(harness.gw.db, config, harness.gw.secret_key, harness.clock)
    assert publish(harness).status_code == 200
    app = create_app(gw, harness.sms, None, capture_mailbox=True)
    bad = form(harness.clock, email="kaputt")
    answers = []
    for host in ("2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2::3"):
        with TestClient(app, client=(host, 4711)) as client:
            answers.append(client.post(f"/book/{NAME}", data=bad).status_code)
    assert answers == [422, 422, 429]


def test_review_one_contact_cannot_hold_the_whole_day(harness: Harness) -> None:
    """One email address and phone, one client, well inside 10 posts/hour: every start
    of a staff member's morning is held (and, as the desktop books online requests by
    itself, becomes an appointment). Proposed: at most 2 open requests per normalised
    email/phone per salon (the holds keep a keyed hash of the addresses). Now
    OPEN_PER_CONTACT (3) per salon."""
    assert publish(harness).status_code == 200
    clock = harness.clock
    # Anna is free 08:00-12:00 UTC tomorrow; 45-minute cuts at 08:00, 08:45, ... 11:00.
    starts = [at(clock, 1, 8), at(clock, 1, 8, 45), at(clock, 1, 9, 30), at(clock, 1, 10, 15)]
    posted = [post_form(harness, form(clock, start=iso(s))) for s in starts]
    answers = [p.status_code for p in posted]
    assert answers == [303] * OPEN_PER_CONTACT + [422] * (len(starts) - OPEN_PER_CONTACT)
    assert "bitte an" in posted[-1].text  # „… rufen Sie uns bitte an."


def test_review_a_refusal_leaves_no_address_at_the_gateway(harness: Harness) -> None:
    """After ``refused`` the request's personal fields go, but the refusal message the
    gateway writes itself keeps the address and the name (customer_ref = request_id, which
    no desktop erasure ever names): the person's data stay on the gateway for good."""
    assert publish(harness).status_code == 200
    assert post_form(harness, form(harness.clock)).status_code == 303
    (event,) = [e for e in harness.events() if e["type"] == "booking.requested"]
    request_id = event["data"]["request_id"]
    response = harness.client.post(
        f"/v1/booking-requests/{request_id}/outcome",
        json={"result": "refused", "reason": "slot_taken", "booking_ref": None},
        headers=harness.auth(),
    )
    assert response.status_code == 200
    harness.deliver()
    assert len(harness.emails(to="erika@example.de")) == 1  # the customer was told

    with harness.gw.db.read() as s:
        kept: list[Any] = list(
            s.scalars(
                select(Message.client_id).where(
                    or_(
                        Message.to_address == "erika@example.de",
                        Message.text.contains("Erika"),
                    )
                )
            )
        )
    assert kept == [], f"the gateway still holds the refused customer's data in {kept}"
    assert stored(harness).requests == 1


def test_review_edge_days_get_a_page_not_a_500(harness: Harness) -> None:
    """The last and first days a date can name: ``day_bounds`` adds a day (or converts a
    year-1 midnight to UTC) and overflows. The app's catch-all answers 500 JSON."""
    assert publish(harness).status_code == 200
    app = create_app(harness.gw, harness.sms, None, capture_mailbox=True)
    client = TestClient(app, raise_server_exceptions=False)
    answers = {}
    for query in (
        "treatment=3&staff=any&day=9999-12-31",
        "treatment=3&staff=any&day=0001-01-01",
        "treatment=3&staff=any&start=9999-12-31T12:00:00%2B00:00",
    ):
        response = client.get(f"/book/{NAME}?{query}")
        answers[query] = response.status_code
    late = form(harness.clock, start="9999-12-31T23:50:00+00:00")
    answers["POST start=9999-12-31T23:50"] = client.post(f"/book/{NAME}", data=late).status_code
    token = booked(harness)
    for start in ("9999-12-31T12:00:00+00:00", "0001-01-01T00:30:00+00:00"):
        moved = client.post(f"/m/{token}", data={"action": "change", "start": start})
        answers[f"POST /m change {start}"] = moved.status_code
    assert all(status < 500 for status in answers.values()), answers


def test_review_a_salon_that_stops_publishing_still_forgets_after_30_days(
    harness: Harness,
) -> None:
    """Unanswered requests lose their details only inside PUT /v1/availability. A salon
    that stops online booking (clears its public name: the desktop publishes nothing
    any more), or whose desktop is gone, leaves every unanswered request's name, email,
    phone, note, IP and user agent on the gateway for good. The gateway's own worker
    (which runs anyway) is the place for this retention."""
    assert publish(harness).status_code == 200
    assert post_form(harness, form(harness.clock)).status_code == 303
    harness.clock.advance(days=31)
    harness.deliver()  # the gateway's periodic work

    (event,) = [e for e in harness.events() if e["type"] == "booking.requested"]
    assert event["data"]["email"] is None, event["data"]
