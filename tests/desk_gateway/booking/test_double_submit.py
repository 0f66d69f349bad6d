"""The booking form sent twice (a double click on its button, or back and send again): one
request, and both answers say it arrived.

Found by posting the same form twice, one after the other and in two threads at once: the
second POST found the slot held by the first and came back 422 "this time is no longer
free" — the page the browser shows last — although the request had arrived; a customer
then chose another time and the salon got two requests from her."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import httpx

from desk_gateway.booking.repeats import WISH_REPEAT_WINDOW

from ..support import Harness
from .support import ANNA, BEN, CUT, NAME, Stored, field_value, form, post_form, publish, stored

START_TAKEN = 'id="start-error"'


def _received(answer: httpx.Response) -> bool:
    return answer.status_code == 303 and "/sent" in answer.headers["location"]


def test_the_same_form_sent_twice_is_one_request_answered_twice_as_received(
    harness: Harness,
) -> None:
    assert publish(harness).status_code == 200
    data = form(harness.clock, consent_email="on")
    first, second = post_form(harness, data), post_form(harness, data)
    assert _received(first) and _received(second), second.text
    assert stored(harness) == Stored(holds=1, requests=1, events=1, messages=0)


def test_a_double_click_racing_itself_is_one_request(harness: Harness) -> None:
    assert publish(harness).status_code == 200
    data = form(harness.clock)
    answers: list[httpx.Response] = []
    gate = threading.Barrier(2)

    def click() -> None:
        gate.wait()
        answers.append(post_form(harness, data))

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(answers) == 2 and all(_received(a) for a in answers), [a.text for a in answers]
    assert stored(harness) == Stored(holds=1, requests=1, events=1, messages=0)


def test_a_form_that_differs_in_anything_is_another_request_and_finds_the_time_taken(
    harness: Harness,
) -> None:
    """Only the very same form is the same request: another note, box, browser or
    treatment is not merged into the first (nothing typed may be lost silently), and a
    stranger cannot learn whose request holds a time by sending its address."""
    assert publish(harness).status_code == 200
    data = form(harness.clock)
    assert _received(post_form(harness, data))
    changed: list[tuple[dict[str, str], dict[str, Any]]] = [
        ({**data, "note": "Doch lieber kurz."}, {}),
        ({**data, "consent_email": "on"}, {}),
        ({**data, "phone": ""}, {}),
        (data, {"User-Agent": "AnotherBrowser/2.0"}),
    ]
    for fields, headers in changed:
        answer = post_form(harness, fields, **headers)
        assert answer.status_code == 422 and START_TAKEN in answer.text, fields
        assert field_value(answer.text, "first_name") == "Erika"
    assert stored(harness) == Stored(holds=1, requests=1, events=1, messages=0)
    # The same contact and time with another staff member is a request of its own (a
    # family books two): not taken for a repeat of the first.
    assert _received(post_form(harness, {**data, "staff": str(BEN)}))
    assert stored(harness) == Stored(holds=2, requests=2, events=2, messages=0)


def test_after_the_desktop_answered_a_repeat_is_a_new_request(harness: Harness) -> None:
    """Booked or refused, the request is over: the same form again asks anew (and the
    booked time is not free; a refused one is)."""
    assert publish(harness).status_code == 200
    data = form(harness.clock)
    assert _received(post_form(harness, data))
    [event] = [e for e in harness.events() if e["type"] == "booking.requested"]
    outcome = harness.client.post(
        f"/v1/booking-requests/{event['data']['request_id']}/outcome",
        json={"result": "refused", "reason": "staff_decision", "booking_ref": None},
        headers=harness.auth(),
    )
    assert outcome.status_code == 200
    assert _received(post_form(harness, data))
    assert stored(harness).requests == 2


def _wish_form(harness: Harness, **overrides: str) -> dict[str, str]:
    today = harness.clock.now.date()
    fields = {
        "lang": "de",
        "treatment": str(CUT),
        "staff": str(ANNA),
        "first_day": today.isoformat(),
        "last_day": (today + timedelta(days=5)).isoformat(),
        "from": "09:00",
        "until": "12:00",
        "channel": "email",
        "day": "1",
        "first_name": "Erika",
        "last_name": "Wartet",
        "email": "erika.wartet@example.de",
        "phone": "",
        "website": "",
    }
    return {**fields, **overrides}


def _send_wish(harness: Harness, fields: dict[str, str]) -> httpx.Response:
    return harness.client.post(f"/book/{NAME}/waitlist", data=fields, follow_redirects=False)


def _wishes(harness: Harness) -> int:
    return len([e for e in harness.events() if e["type"] == "waitlist.requested"])


def test_a_wish_sent_twice_is_one_wish_even_after_the_desktop_read_it(harness: Harness) -> None:
    """The waitlist form sent twice gave two ``waitlist.requested`` events: the desktop put
    the customer on its list twice and offered her each freed time twice. The repeat is
    recognised also after the desktop read the first (the gateway has forgotten its names
    by then), racing it, and only for a while."""
    assert publish(harness).status_code == 200
    fields = _wish_form(harness)
    assert _send_wish(harness, fields).status_code == 303
    # The desktop reads the event and asks again: the wish's names are forgotten.
    last = harness.last_seq()
    harness.events(after=last)
    assert _send_wish(harness, fields).status_code == 303
    assert _wishes(harness) == 1
    # Another wish of hers (other days) is a wish of its own.
    assert _send_wish(harness, _wish_form(harness, day="2")).status_code == 303
    assert _wishes(harness) == 2

    racing = _wish_form(harness, email="zwei.klicks@example.de")
    answers: list[int] = []
    gate = threading.Barrier(2)

    def click() -> None:
        gate.wait()
        answers.append(_send_wish(harness, racing).status_code)

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert answers == [303, 303] and _wishes(harness) == 3

    # Past the window the same wish counts anew (the salon may have taken her off).
    harness.clock.now += WISH_REPEAT_WINDOW + timedelta(minutes=1)
    assert _send_wish(harness, fields).status_code == 303
    assert _wishes(harness) == 4
