"""POST /book/{public_name}: a request holds its slot and reaches the desktop as an event;
anything wrong comes back 422 with the form filled in again and nothing stored."""

from __future__ import annotations

import threading
from typing import Any
from urllib.parse import urlencode

import pytest
from sqlalchemy import select

from desk_gateway.booking.form import parse_body
from desk_gateway.booking.submit import Accepted, submit
from desk_gateway.config import load_config
from desk_gateway.context import Gateway
from desk_gateway.db.models import BookingHold, BookingRequest

from ..conftest import serve
from ..support import Harness
from .support import (
    ANNA,
    BEARD,
    BEN,
    CUT,
    EMAIL_STATEMENT,
    NAME,
    SMS_STATEMENT,
    Stored,
    at,
    field_value,
    form,
    iso,
    post_form,
    publish,
    snapshot,
    stored,
    valid_html,
)


@pytest.fixture
def published(harness: Harness) -> Harness:
    assert publish(harness).status_code == 200
    return harness


def booking_events(harness: Harness) -> list[dict[str, Any]]:
    return [e for e in harness.events() if e["type"] == "booking.requested"]


def test_a_request_holds_its_slot_and_is_reported(published: Harness) -> None:
    clock = published.clock
    data = form(clock, consent_email="1", notify_after_objection="1")

    response = post_form(published, data)

    assert response.status_code == 303
    assert response.headers["location"] == f"/book/{NAME}/sent?lang=de"
    sent = published.get_page(response.headers["location"])
    assert sent.status_code == 200 and "Anfrage ist bei uns eingegangen" in sent.text
    valid_html(sent.text)
    (event,) = booking_events(published)
    request_id = event["data"]["request_id"]
    assert event["customer_ref"] is None and event["client_id"] == request_id
    assert event["data"] == {
        "request_id": request_id,
        "treatment_id": CUT,
        "staff_id": ANNA,
        "staff_chosen": True,
        "starts_at": "2026-11-26T10:00:00+00:00",
        "ends_at": "2026-11-26T10:45:00+00:00",
        "first_name": "Erika",
        "last_name": "Mustermann",
        "email": "erika@example.de",
        "phone": "+4915123456789",
        "note": "Bitte nicht zu kurz.",
        "language": "de",
        "notify_after_objection": True,
        "consent": {"email": {"version": "2026-11", "text": EMAIL_STATEMENT}, "sms": None},
        "objection_notice_shown": True,
        "ip": "testclient",
        "user_agent": "TestBrowser/1.0",
        "submitted_at": clock.now.isoformat(),
    }
    with published.gw.db.read() as s:
        (hold,) = s.scalars(select(BookingHold))
        assert (hold.request_id, hold.staff_id, hold.state) == (request_id, ANNA, "held")
        assert (hold.starts_at, hold.ends_at) == (at(clock, 1, 10), at(clock, 1, 10, 45))
        assert hold.expires_at == at(clock, 2, 8)  # 48 hours
        (request,) = s.scalars(select(BookingRequest))
        assert request.data == event["data"] and request.outcome is None


def test_any_staff_takes_the_first_free_one_in_the_published_order(published: Harness) -> None:
    clock = published.clock
    first = post_form(published, form(clock, staff="any", consent_sms="1"))
    second = post_form(published, form(clock, staff="any", email="zweite@example.de"))
    third = post_form(published, form(clock, staff="any", email="dritte@example.de"))

    assert [first.status_code, second.status_code, third.status_code] == [303, 303, 422]
    events = booking_events(published)
    assert [e["data"]["staff_id"] for e in events] == [ANNA, BEN]
    assert [e["data"]["staff_chosen"] for e in events] == [False, False]
    assert events[0]["data"]["consent"] == {
        "email": None,
        "sms": {"version": "2026-11", "text": SMS_STATEMENT},
    }
    assert "nicht mehr frei" in third.text


def refused_cases(clock: Any) -> list[tuple[str, dict[str, str], str]]:
    return [
        ("invalid email", form(clock, email="erika@"), "email"),
        ("missing first name", form(clock, first_name="  "), "first_name"),
        ("missing last name", form(clock, last_name=""), "last_name"),
        ("no contact", form(clock, email="", phone=""), "contact"),
        ("10 kB in a field", form(clock, note="x" * 10_000), "note"),
        ("10 kB name", form(clock, last_name="ü" * 5_000), "last_name"),
        ("filled honeypot", form(clock, website="https://spam.example"), "website"),
        ("slot in the past", form(clock, start=iso(at(clock, -1, 10))), "start"),
        ("slot within the lead time", form(clock, start=iso(at(clock, 0, 9))), "start"),
        ("outside the horizon", form(clock, start=iso(at(clock, 60, 10))), "start"),
        ("slot not published", form(clock, start=iso(at(clock, 1, 13))), "start"),
        ("not on the step grid", form(clock, start=iso(at(clock, 1, 10, 7))), "start"),
        ("staff without the treatment", form(clock, treatment=str(BEARD)), "choice"),
        ("unknown treatment", form(clock, treatment="77"), "choice"),
        ("start not a time", form(clock, start="morgen früh"), "choice"),
        ("invalid phone", form(clock, phone="12"), "phone"),
        ("control character", form(clock, first_name="Eri\x07ka"), "first_name"),
        (
            "ticked email box without email",
            form(clock, email="", consent_email="1"),
            "consent_email",
        ),
        (
            "ticked sms box for a landline",
            form(clock, phone="+49 30 1234567", consent_sms="1"),
            "consent_sms",
        ),
        (
            "statement changed",
            form(clock, consent_email="1", statement_version="2025-01"),
            "consent",
        ),
    ]


@pytest.mark.parametrize("case", range(20))
def test_bad_input_is_refused_with_the_form_filled_in_again(published: Harness, case: int) -> None:
    name, data, field = refused_cases(published.clock)[case]
    before = stored(published)

    response = post_form(published, data)

    assert response.status_code == 422, name
    assert stored(published) == before, name
    valid_html(response.text)
    if field == "choice":  # no contact form without a valid choice: the first step again
        assert "Diese Auswahl gibt es nicht" in response.text
        return
    if field == "website":  # said at the top only: no person sees the field
        assert "konnte nicht gesendet werden" in response.text
        field = "first_name"
    else:
        assert f'id="{field}-error"' in response.text, name
    assert 'role="alert"' in response.text
    if field != "last_name":
        assert field_value(response.text, "last_name") == data["last_name"]
    if data.get("email") and field != "email":
        assert field_value(response.text, "email") == data["email"]


def test_errors_are_linked_to_their_fields(published: Harness) -> None:
    response = post_form(published, form(published.clock, email="kaputt", phone=""))

    tree = valid_html(response.text)
    email = next(i for i in tree.iter("input") if i.get("name") == "email")
    assert email.get("aria-invalid") == "true"
    assert "email-error" in email.get("aria-describedby", "").split()
    assert 'href="#email"' in response.text  # the summary leads to the field


def test_a_held_slot_is_refused_to_the_next_request(published: Harness) -> None:
    clock = published.clock
    assert post_form(published, form(clock)).status_code == 303
    overlapping = form(clock, start=iso(at(clock, 1, 10, 30)), email="other@example.de")
    other_staff = form(clock, staff=str(BEN), email="ben@example.de")

    refused = post_form(published, overlapping)
    allowed = post_form(published, other_staff)

    assert refused.status_code == 422 and 'id="start-error"' in refused.text
    assert field_value(refused.text, "email") == "other@example.de"
    assert allowed.status_code == 303
    assert stored(published).holds == 2


def test_an_expired_hold_frees_its_slot(published: Harness) -> None:
    clock = published.clock
    day_three = [[iso(at(clock, 3, 8)), iso(at(clock, 3, 12))]]
    publish(published, snapshot(clock, free=[{"staff_id": ANNA, "intervals": day_three}]))
    data = form(clock, start=iso(at(clock, 3, 10)))
    assert post_form(published, data).status_code == 303
    clock.advance(hours=47, minutes=59)
    assert post_form(published, {**data, "email": "b@example.de"}).status_code == 422
    clock.advance(minutes=1)  # 48 hours after the first request

    again = post_form(published, {**data, "email": "b@example.de"})

    assert again.status_code == 303
    with published.gw.db.read() as s:
        states = sorted(h.state for h in s.scalars(select(BookingHold)))
    assert states == ["expired", "held"]


def test_text_is_escaped_on_the_page(published: Harness) -> None:
    attack = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
    data = form(published.clock, first_name=attack, note=f"</textarea>{attack}", email="x")

    response = post_form(published, data)

    assert response.status_code == 422
    assert "<script>" not in response.text and "<img" not in response.text
    assert "&lt;script&gt;" in response.text
    tree = valid_html(response.text)
    assert not list(tree.iter("script")) and not list(tree.iter("img"))
    first = next(i for i in tree.iter("input") if i.get("name") == "first_name")
    assert first.get("value") == attack
    (note,) = tree.iter("textarea")
    assert note.text == f"</textarea>{attack}"


def test_a_snapshot_published_with_markup_is_escaped(harness: Harness) -> None:
    evil = snapshot(
        harness.clock,
        salon={"name": "<b>Salon</b>", "colour": "#123456", "privacy_url": 'https://x.example/"a'},
    )
    evil["treatments"][0]["description"] = "<script>x()</script>"
    assert publish(harness, evil).status_code == 200

    html = harness.get_page(f"/book/{NAME}").text

    assert "<b>Salon" not in html and "<script>" not in html
    valid_html(html)


def test_posts_per_address_are_limited(harness: Harness, gateway_env: dict[str, str]) -> None:
    config = load_config(environ={**gateway_env, "DESK_GATEWAY_BOOKING_POSTS_PER_HOUR": "2"})
    gw = Gateway(harness.gw.db, config, harness.gw.secret_key, harness.clock)
    assert publish(harness).status_code == 200
    with serve(gw, harness.sms) as client:
        bad = form(harness.clock, email="kaputt")
        answers = [client.post(f"/book/{NAME}", data=bad).status_code for _ in range(3)]
        limited = client.post(f"/book/{NAME}", data=form(harness.clock))

    assert answers == [422, 422, 429]
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0
    assert "Zu viele Anfragen" in limited.text
    assert stored(harness).requests == 0


def test_two_concurrent_submissions_get_one_hold(published: Harness) -> None:
    """Threads posting the same or overlapping times of one staff member at once (each a
    customer of her own: one customer's form sent twice is one request, see
    test_double_submit.py): the lock lets exactly one through, on either database."""
    clock = published.clock
    starts = [at(clock, 1, 10), at(clock, 1, 10), at(clock, 1, 10, 15), at(clock, 1, 9, 45)]
    gate = threading.Barrier(len(starts))
    results: list[object] = []

    def attempt(start: Any, customer: int) -> None:
        fields = form(clock, start=iso(start), email=f"kundin{customer}@example.de", phone="")
        submission = parse_body(urlencode(fields).encode())
        gate.wait()
        results.append(submit(published.gw, NAME, submission, "192.0.2.1", "T"))

    threads = [threading.Thread(target=attempt, args=(start, i)) for i, start in enumerate(starts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert len(results) == len(starts)
    assert sum(isinstance(r, Accepted) for r in results) == 1
    assert stored(published) == Stored(holds=1, requests=1, events=1, messages=0)


def test_no_request_reaches_a_switched_off_or_unknown_page(published: Harness) -> None:
    publish(published, snapshot(published.clock, enabled=False))

    off = post_form(published, form(published.clock))
    unknown = published.client.post("/book/nobody-here", data=form(published.clock))

    assert off.status_code == 422 and "nicht möglich" in off.text
    assert unknown.status_code == 404
    assert stored(published) == Stored(holds=0, requests=0, events=0, messages=0)
