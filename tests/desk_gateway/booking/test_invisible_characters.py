"""The public booking form refuses invisible format characters (zero-width space, joiner
and non-joiner, bidi overrides, U+2028/U+2029, the byte-order mark) and control
characters in every text field, with the field's error said in words: 422, nothing
stored, no event, the page still valid HTML (never a 500)."""

from __future__ import annotations

import pytest

from ..support import Harness
from .support import form, post_form, publish, stored, valid_html

INVISIBLE = {
    "zero-width space": "\u200b",
    "zero-width non-joiner": "\u200c",
    "zero-width joiner": "\u200d",
    "right-to-left override": "\u202e",
    "left-to-right isolate": "\u2066",
    "line separator": "\u2028",
    "paragraph separator": "\u2029",
    "byte-order mark": "\ufeff",
    "NUL": "\x00",
    "escape": "\x1b",
}
FIELDS = {
    "first_name": "Eri{c}ka",
    "last_name": "Mus{c}termann",
    "email": "erika{c}@example.de",
    "phone": "+49 151 {c}2345678",
    "note": "Bitte{c} mit Pony",
}


@pytest.fixture
def published(harness: Harness) -> Harness:
    assert publish(harness).status_code == 200
    return harness


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_invisible_and_control_characters_are_refused_in_words(
    published: Harness, field: str, char: str
) -> None:
    before = stored(published)
    response = post_form(published, form(published.clock, **{field: FIELDS[field].format(c=char)}))

    assert response.status_code == 422
    assert stored(published) == before
    assert not [e for e in published.events() if e["type"] == "booking.requested"]
    valid_html(response.text)
    assert f'id="{field}-error"' in response.text
    assert "unsichtbare oder Steuerzeichen" in response.text
    assert char not in response.text  # not even shown back


def test_the_refusal_speaks_english_on_the_english_page(published: Harness) -> None:
    response = post_form(published, form(published.clock, lang="en", first_name="Eri\u200bka"))
    assert response.status_code == 422
    assert "invisible or control characters" in response.text


def test_an_emoji_with_a_joiner_in_the_note_is_text(published: Harness) -> None:
    note = "Mit Tochter \U0001f469\u200d\U0001f467"
    response = post_form(published, form(published.clock, note=note))
    assert response.status_code in (200, 303), response.text
    [event] = [e for e in published.events() if e["type"] == "booking.requested"]
    assert event["data"]["note"] == note
