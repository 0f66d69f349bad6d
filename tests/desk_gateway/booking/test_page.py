"""GET /book/{public_name}: the steps from a treatment to the contact form, in German and
English, valid HTML with labels for every field, styled only by what its policy allows."""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any
from urllib.parse import urlencode

import pytest

from ..support import Harness
from .support import (
    ANNA,
    BEN,
    CUT,
    EMAIL_STATEMENT,
    EN_EMAIL_STATEMENT,
    NAME,
    SMS_STATEMENT,
    at,
    form,
    iso,
    post_form,
    publish,
    snapshot,
    valid_html,
)


def page(harness: Harness, **params: str) -> Any:
    query = f"?{urlencode(params)}" if params else ""
    return harness.get_page(f"/book/{NAME}{query}")


def radio_values(html: str, name: str) -> list[str]:
    return re.findall(rf'<input type="radio" name="{name}" id="[^"]+" value="([^"]+)"', html)


def labelled_inputs_ok(html: str) -> None:
    """Every visible input has a <label for> naming it; every fieldset has a legend."""
    tree = valid_html(html)
    labels = {label.get("for") for label in tree.iter("label")}
    for element in [*tree.iter("input"), *tree.iter("textarea")]:
        if element.get("type") == "hidden":
            continue
        assert element.get("id") in labels, element.attrib
    for fieldset in tree.iter("fieldset"):
        assert fieldset[0].tag == "legend"


@pytest.fixture
def published(harness: Harness) -> Harness:
    response = publish(harness)
    assert response.status_code == 200, response.text
    return harness


def test_the_steps_lead_from_a_treatment_to_the_form(published: Harness) -> None:
    clock = published.clock
    first = page(published)
    assert first.status_code == 200
    assert radio_values(first.text, "treatment") == [str(CUT), "4"]
    assert "Damen Schnitt · 45 Min. · 49,00\xa0€" in first.text

    second = page(published, treatment=str(CUT))
    assert radio_values(second.text, "staff") == ["any", str(ANNA), str(BEN)]
    tomorrow = at(clock, 1, 10).date().isoformat()
    assert radio_values(second.text, "day") == [tomorrow, at(clock, 2, 10).date().isoformat()]
    assert "Donnerstag, 26. November" in second.text

    third = page(published, treatment=str(CUT), staff=str(ANNA), day=tomorrow)
    starts = radio_values(third.text, "start")
    # 09:00-12:00 UTC less the 45 minutes, every 15 minutes, shown on Berlin's clock.
    assert starts[0] == iso(at(clock, 1, 8)) and starts[-1] == iso(at(clock, 1, 11, 15))
    assert len(starts) == 14
    assert ">09:00</label>" in third.text and ">12:15</label>" in third.text

    fourth = page(published, treatment=str(CUT), staff=str(ANNA), start=starts[2])
    assert fourth.status_code == 200
    assert '<form method="post" action="/book/haarwerk-mueller">' in fourth.text
    assert "Donnerstag, 26. November, 09:30" in fourth.text
    assert "bei Anna" in fourth.text
    for page_ in (first, second, third, fourth):
        labelled_inputs_ok(page_.text)


def test_the_form_offers_unticked_consent_boxes_with_the_statements(published: Harness) -> None:
    start = iso(at(published.clock, 1, 10))

    html = page(published, treatment=str(CUT), staff="any", start=start).text

    tree = valid_html(html)
    boxes = {i.get("name"): i for i in tree.iter("input") if i.get("type") == "checkbox"}
    assert set(boxes) == {"consent_email", "consent_sms", "notify_after_objection"}
    assert all(box.get("checked") is None for box in boxes.values())
    assert EMAIL_STATEMENT in html and SMS_STATEMENT in html
    assert '<input type="hidden" name="statement_version" value="2026-11">' in html
    assert 'href="https://haarwerk.example/datenschutz"' in html
    # §7(3) UWG: the objection notice beside the email field, and linked to it.
    email = next(i for i in tree.iter("input") if i.get("name") == "email")
    assert "objection-notice" in (email.get("aria-describedby") or "")
    assert "jederzeit widersprechen" in html
    legends = [legend.text for legend in tree.iter("legend")]
    assert "Werbung per E-Mail/SMS (freiwillig)" in legends


def test_the_honeypot_is_out_of_sight_and_reach(published: Harness) -> None:
    start = iso(at(published.clock, 1, 10))

    tree = valid_html(page(published, treatment=str(CUT), start=start).text)

    (trap,) = [i for i in tree.iter("input") if i.get("name") == "website"]
    assert (trap.get("tabindex"), trap.get("autocomplete")) == ("-1", "off")
    wrapper = next(d for d in tree.iter("div") if trap in list(d))
    assert wrapper.get("aria-hidden") == "true" and wrapper.get("class") == "trap"


def test_english_by_the_browser_or_the_query(published: Harness) -> None:
    start = iso(at(published.clock, 1, 10))
    english = published.client.get(
        f"/book/{NAME}",
        params={"treatment": str(CUT), "start": start},
        headers={"Accept-Language": "fr-FR, en-GB;q=0.8, de;q=0.5"},
    )
    german = page(published, lang="de", treatment=str(CUT), start=start)
    forced = published.client.get(
        f"/book/{NAME}", params={"lang": "en"}, headers={"Accept-Language": "de"}
    )

    assert '<html lang="en">' in english.text
    assert EN_EMAIL_STATEMENT in english.text and "Yes, by email:" in english.text
    assert "Thursday, 26 November, 11:00" in english.text
    assert "may object to this use at any time" in english.text
    assert '<html lang="de">' in german.text and EMAIL_STATEMENT in german.text
    assert "Choose a service" in forced.text


def test_the_page_is_styled_only_by_its_own_sheets_in_the_salons_colour(
    published: Harness,
) -> None:
    publish(published, snapshot(published.clock, salon={"name": "Hell", "colour": "#ffe066"}))

    response = page(published)

    sheets = re.findall(r"<style>(.*?)</style>", response.text, re.S)
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in sheets
    ]
    csp = response.headers["content-security-policy"]
    directives = {d.split()[0]: d.split()[1:] for d in csp.split("; ")}
    assert directives["style-src"] == hashes and len(hashes) == 2
    assert directives["default-src"] == ["'none'"] and "script-src" not in directives
    assert " style=" not in response.text and "<script" not in response.text
    # A light accent gets black text; links get a darker shade that reads on white.
    assert "--accent:#ffe066;--on-accent:#000000" in sheets[1]


def test_held_and_too_soon_times_are_not_offered(published: Harness) -> None:
    clock = published.clock
    assert post_form(published, form(clock)).status_code == 303  # Anna, tomorrow 10:00
    clock.advance(days=1, hours=1)  # now 09:00 tomorrow: nothing before 11:00 is bookable
    day = clock.now.date().isoformat()

    anna = radio_values(page(published, treatment=str(CUT), staff=str(ANNA), day=day).text, "start")
    anyone = radio_values(page(published, treatment=str(CUT), staff="any", day=day).text, "start")

    assert anna == [iso(at(clock, 0, 11)), iso(at(clock, 0, 11, 15))]
    assert iso(at(clock, 0, 10)) not in anyone  # past the lead time now
    assert anyone == anna  # Ben is free at 11:00 and 11:15 too, each time offered once


def test_a_time_taken_meanwhile_leads_back_to_the_times(published: Harness) -> None:
    clock = published.clock
    post_form(published, form(clock))

    again = page(published, treatment=str(CUT), staff=str(ANNA), start=iso(at(clock, 1, 10)))

    assert again.status_code == 200
    assert "nicht mehr frei" in again.text
    assert 'method="post"' not in again.text


@pytest.mark.parametrize(
    "params",
    [
        {"treatment": "999"},
        {"treatment": "abc"},
        {"treatment": str(CUT), "staff": "77"},
        {"treatment": str(CUT), "day": "2026-02-31"},
        {"treatment": str(CUT), "start": "gestern"},
        {"treatment": str(CUT), "start": "9999-12-31T23:59:59-23:59"},
        {"treatment": str(CUT), "staff": str(ANNA), "day": "2030-01-01"},
        {"lang": "xx\x00"},
    ],
)
def test_odd_queries_fall_back_to_a_step(published: Harness, params: dict[str, str]) -> None:
    response = page(published, **params)

    assert response.status_code == 200
    valid_html(response.text)


def test_unknown_and_switched_off_pages(published: Harness) -> None:
    assert published.get_page("/book/nobody-here").status_code == 404
    assert published.get_page("/book/x").status_code == 404
    off_response = publish(published, snapshot(published.clock, enabled=False))
    assert off_response.status_code == 200, off_response.text

    off = page(published)

    assert off.status_code == 200
    assert "nicht möglich" in off.text and "+49 30 1234567" in off.text
    valid_html(off.text)
