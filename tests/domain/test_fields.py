"""Entry rules of every stored text: forbidden characters by code, sensible lengths."""

from __future__ import annotations

import pytest

from desk_app.domain.errors import InvalidField
from desk_app.domain.fields import checked, checked_line, checked_text


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("Anna\x00", "U+0000"),
        ("An\nna", "U+000A"),
        ("An\tna", "U+0009"),
        ("Anna\u2028Berg", "U+2028"),
        ("Anna\x1b[31m", "U+001B"),
        ("\ud800", "U+D800"),
        ("Anna\ufdd0", "U+FDD0"),
    ],
)
def test_a_single_line_field_refuses_forbidden_characters_by_code(value: str, code: str) -> None:
    with pytest.raises(InvalidField) as caught:
        checked_line("first_name", value, 80)
    assert (caught.value.field, caught.value.problem, caught.value.value) == (
        "first_name",
        "control_characters",
        code,
    )


def test_a_multi_line_field_takes_line_breaks_and_tabs_but_not_nul() -> None:
    assert checked_text("notes", "Farbe:\n\t7/1 + 6 %\r\n", 100) == "Farbe:\n\t7/1 + 6 %\r\n"
    with pytest.raises(InvalidField) as caught:
        checked_text("notes", "a\nb\x00", 100)
    assert caught.value.problem == "control_characters"
    assert caught.value.value == "U+0000"
    with pytest.raises(InvalidField):
        checked_text("notes", "a\u2029b", 100)


def test_the_first_forbidden_character_is_named_before_the_length() -> None:
    with pytest.raises(InvalidField) as caught:
        checked("notes", "x" * 10_000 + "\x00", max_length=100, multiline=True)
    assert caught.value.problem == "control_characters"


def test_a_value_over_the_limit_names_the_limit() -> None:
    assert checked_line("city", "  " + "x" * 80 + " ", 80) == "x" * 80
    with pytest.raises(InvalidField) as caught:
        checked_line("city", "x" * 81, 80)
    assert (caught.value.field, caught.value.problem, caught.value.value) == (
        "city",
        "too_long",
        "80",
    )


@pytest.mark.parametrize("value", ["Müller-Lüdenscheidt", "Zoë O'Neil", "José 😀", "", "ß€"])
def test_ordinary_text_passes(value: str) -> None:
    assert checked_line("last_name", value, 80) == value


@pytest.mark.parametrize("value", ["Anna\u2028", "\x1cAnna", "Anna\x85", "Anna\n"])
def test_forbidden_characters_at_either_end_are_refused_not_trimmed(value: str) -> None:
    with pytest.raises(InvalidField) as caught:
        checked_line("first_name", value, 80)
    assert caught.value.problem == "control_characters"
