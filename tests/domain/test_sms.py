"""SMS sizes by GSM 03.38 / UCS-2 (DESIGN.md 2.3), on texts that trip up naive counting."""

from __future__ import annotations

import pytest

from desk_app.domain.sms import is_stop_request, replace_typography, sms_size

GREETING = "Grüße aus dem Salon: 20 % auf Färben!"  # ü, ß and ä are in the GSM alphabet

CASES = [
    # text, encoding, units, segments, characters forcing UCS-2
    ("", "GSM-7", 0, 0, ()),
    ("a" * 160, "GSM-7", 160, 1, ()),
    ("a" * 161, "GSM-7", 161, 2, ()),
    ("a" * 306, "GSM-7", 306, 2, ()),
    ("a" * 307, "GSM-7", 307, 3, ()),
    (GREETING, "GSM-7", len(GREETING), 1, ()),
    ("Termin [bitte] bestätigen", "GSM-7", 27, 1, ()),  # [ and ] cost two septets each
    ("€" * 80, "GSM-7", 160, 1, ()),
    # 81 × € = 162 septets; a part holds 76 of them (152 septets, the 153rd is too small)
    ("€" * 81, "GSM-7", 162, 2, ()),
    # 306 septets would fit two parts, but the € at the boundary cannot be split: three
    ("a" * 152 + "€" + "a" * 152, "GSM-7", 306, 3, ()),
    ("Çelik", "GSM-7", 5, 1, ()),  # capital Ç is in the alphabet …
    ("François", "UCS-2", 8, 1, ("ç",)),  # … small ç is not
    ("„Hallo“", "UCS-2", 7, 1, ("„", "“")),
    ("a" * 70 + "–", "UCS-2", 71, 2, ("–",)),
    ("😀" * 35, "UCS-2", 70, 1, ("😀",)),  # an emoji is two UTF-16 units
    # 36 emoji = 72 units; 33 fit a 67-unit part (a pair is never split): 2 parts
    ("😀" * 36, "UCS-2", 72, 2, ("😀",)),
]


@pytest.mark.parametrize(
    ("text", "encoding", "units", "segments", "forcing"),
    CASES,
    ids=[f"{c[1]}-{c[2]}u-{c[3]}p-{c[0][:12]!r}" for c in CASES],
)
def test_size(
    text: str, encoding: str, units: int, segments: int, forcing: tuple[str, ...]
) -> None:
    size = sms_size(text)
    assert (size.encoding, size.units, size.segments, size.forcing_ucs2) == (
        encoding,
        units,
        segments,
        forcing,
    )


def test_typographic_quotes_can_be_replaced_to_stay_gsm() -> None:
    text = "„Neu“ bei uns – Balayage … jetzt 10 % günstiger"
    assert sms_size(text).encoding == "UCS-2"
    assert sms_size(text).replaceable
    plain = replace_typography(text)
    assert plain == '"Neu" bei uns - Balayage ... jetzt 10 % günstiger'
    assert sms_size(plain).encoding == "GSM-7"


def test_a_name_with_c_cedilla_cannot_be_replaced_away() -> None:
    size = sms_size("Hallo François, dein Termin: „morgen“")
    assert size.encoding == "UCS-2" and not size.replaceable


@pytest.mark.parametrize(
    ("text", "stop"),
    [
        ("STOP", True),
        ("stopp bitte", True),
        ("Abmelden.", True),
        ("  ende", True),
        ("Unsubscribe me", True),
        ("Stopover in Berlin?", False),
        ("nicht stop", False),
        ("", False),
        ("Danke, bis morgen!", False),
    ],
)
def test_stop_keywords_are_the_first_word_in_any_case(text: str, stop: bool) -> None:
    assert is_stop_request(text) is stop
