"""The one rule for characters that must never be stored or sent."""

from __future__ import annotations

import pytest

from desk_app.domain.text_safety import cleaned, describe, forbidden_characters, is_clean


@pytest.mark.parametrize(
    "text",
    ["Müller-Lüdenscheidt", "Zoë O'Neil", "José 😀", "Ärger ß €", "ＡＢＣ", "Dũng", ""],
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


# Invisible format characters (category Cf): they make look-alike names differ, hide text
# or turn it around on screen. Refused on one line and in multi-line texts alike.
FORMAT_CHARACTERS = [
    "\u200b",  # zero-width space
    "\u200c",  # zero-width non-joiner
    "\u200d",  # zero-width joiner
    "\u200e",  # left-to-right mark
    "\u202a",  # left-to-right embedding
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "\u2069",  # pop directional isolate
    "\u2060",  # word joiner
    "\u00ad",  # soft hyphen
    "\u061c",  # Arabic letter mark
    "\ufeff",  # byte-order mark / zero-width no-break space
    "\U000e0041",  # tag character
]


@pytest.mark.parametrize("char", FORMAT_CHARACTERS)
def test_invisible_format_characters_are_forbidden(char: str) -> None:
    assert not is_clean(f"Anna{char}Müller")
    assert forbidden_characters(f"Anna{char}Mül{char}ler") == [char]
    assert forbidden_characters(f"Hallo{char}\nAnna", multiline=True) == [char]
    assert not is_clean(f"Hallo{char}\nAnna", multiline=True)
    assert cleaned(f"An{char}na") == "An?na"


def test_a_joiner_inside_an_emoji_is_part_of_a_message_text_but_not_of_a_name() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # man, woman, girl
    red_hair = "\U0001f469\U0001f3fd\u200d\U0001f9b0"  # woman, skin tone, red hair
    rainbow = "\U0001f3f3\ufe0f\u200d\U0001f308"  # white flag, VS16, rainbow
    for emoji in (family, red_hair, rainbow):
        body = f"Bis Freitag {emoji}!\n"
        assert is_clean(body, multiline=True), emoji
        assert cleaned(body, multiline=True) == body
        assert forbidden_characters(emoji) == ["\u200d"]  # a name or subject: no
    # Between letters it is what it is everywhere: invisible.
    assert forbidden_characters("An\u200dna \U0001f600", multiline=True) == ["\u200d"]
    assert forbidden_characters("\u200d\U0001f600", multiline=True) == ["\u200d"]
    # Each joiner on its own: the emoji's stays, the stray one goes.
    mixed = f"An\u200dna {family}"
    assert forbidden_characters(mixed, multiline=True) == ["\u200d"]
    assert cleaned(mixed, multiline=True) == f"An?na {family}"
