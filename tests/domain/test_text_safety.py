"""The one rule for characters that must never be stored or sent."""

from __future__ import annotations

import pytest

from desk_app.domain.text_safety import describe, forbidden_characters, is_clean


@pytest.mark.parametrize(
    "text",
    ["Müller-Lüdenscheidt", "Zoë O'Neil", "José 😀", "Ärger ß €", "a\u200db", "ＡＢＣ", ""],
)
def test_ordinary_text_is_clean_on_one_line(text: str) -> None:
    assert is_clean(text)
    assert forbidden_characters(text) == []


@pytest.mark.parametrize(
    "char",
    [
        "\x00",
        "\x07",
        "\t",
        "\n",
        "\r",
        "\x1b",
        "\x7f",
        "\x85",
        "\u2028",
        "\u2029",
        "\ud800",
        "\ufffe",
        "\uffff",
        "\ufdd0",
        "\U0001fffe",
    ],
)
def test_control_characters_and_separators_are_forbidden_on_one_line(char: str) -> None:
    assert not is_clean(f"Anna{char}Müller")
    assert forbidden_characters(f"Anna{char}Mül{char}ler") == [char]


def test_tabs_and_line_breaks_are_text_in_multiline_fields() -> None:
    body = "Hallo Anna,\r\n\tbis Freitag!\n"
    assert is_clean(body, multiline=True)
    assert not is_clean(body)


@pytest.mark.parametrize("char", ["\x00", "\x0b", "\x0c", "\u2028", "\x85", "\ud83d"])
def test_other_controls_stay_forbidden_in_multiline_fields(char: str) -> None:
    assert forbidden_characters(f"Zeile 1\n{char}Zeile 2", multiline=True) == [char]


def test_describe_names_the_code_point_not_the_character() -> None:
    assert describe("\u2028") == "U+2028"
    assert describe("\x00") == "U+0000"
    assert describe("\U0001fffe") == "U+1FFFE"
