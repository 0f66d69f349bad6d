"""The booking's calendar file (issue 10), read back the way a calendar program reads it:
physical lines end in CRLF and hold at most 75 octets, unfolding gives the properties back,
TEXT values unescape to exactly what was written (umlauts, commas, line breaks)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk_app.domain.calendar_file import booking_ics, escape_text, fold_line
from desk_app.domain.text_safety import cleaned

BERLIN = ZoneInfo("Europe/Berlin")
STARTS = datetime(2026, 12, 4, 9, 30, tzinfo=BERLIN)
ENDS = datetime(2026, 12, 4, 10, 15, tzinfo=BERLIN)
STAMP = datetime(2026, 12, 1, 17, 5, 9, tzinfo=UTC)
UID = "5f0c7a4e-3b7d-4d8e-9a51-2f7c1c0e9b11"


def physical_lines(ics: str) -> list[str]:
    assert ics.endswith("\r\n")
    lines = ics[:-2].split("\r\n")
    assert not any("\r" in line or "\n" in line for line in lines), "a bare CR or LF"
    return lines


def unfold(ics: str) -> list[str]:
    return ics.replace("\r\n ", "").replace("\r\n\t", "")[:-2].split("\r\n")


def unescape(value: str) -> str:
    out, index = [], 0
    while index < len(value):
        char = value[index]
        if char == "\\":
            following = value[index + 1]
            out.append("\n" if following in "nN" else following)
            index += 2
        else:
            assert char not in ",;", f"unescaped {char!r} in {value!r}"
            out.append(char)
            index += 1
    return "".join(out)


def properties(ics: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in unfold(ics):
        name, _, value = line.partition(":")
        assert name not in found or name in ("BEGIN", "END"), f"{name} twice"
        found[name] = value
    return found


def ics(description: str = "", summary: str = "Damen Schnitt bei Anna", **kw: object) -> str:
    return booking_ics(
        UID,
        STARTS,
        ENDS,
        summary,
        str(kw.get("location", "Haarwerk Müller, Hauptstraße 5, 10827 Berlin")),
        description,
        STAMP,
    )


def test_structure_and_utc_times() -> None:
    text = ics("Bitte 5 Minuten früher kommen.")
    lines = unfold(text)
    assert lines[:6] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Salon Desk//DE",
        "METHOD:PUBLISH",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
    ]
    assert lines[-2:] == ["END:VEVENT", "END:VCALENDAR"]
    found = properties(text)
    assert found["UID"] == UID
    assert found["DTSTAMP"] == "20261201T170509Z"
    assert found["DTSTART"] == "20261204T083000Z"  # 09:30 in Berlin (UTC+1)
    assert found["DTEND"] == "20261204T091500Z"
    assert found["SEQUENCE"] == "0"
    assert unescape(found["SUMMARY"]) == "Damen Schnitt bei Anna"
    assert unescape(found["LOCATION"]) == "Haarwerk Müller, Hauptstraße 5, 10827 Berlin"
    assert unescape(found["DESCRIPTION"]) == "Bitte 5 Minuten früher kommen."


def test_summer_time_and_sequence() -> None:
    text = booking_ics(
        UID,
        datetime(2026, 7, 1, 9, 0, tzinfo=BERLIN),
        datetime(2026, 7, 1, 10, 0, tzinfo=BERLIN),
        "Färben",
        "",
        "",
        STAMP,
        sequence=2,
    )
    found = properties(text)
    assert (found["DTSTART"], found["DTEND"]) == ("20260701T070000Z", "20260701T080000Z")
    assert found["SEQUENCE"] == "2"
    assert "LOCATION" not in found and "DESCRIPTION" not in found


def test_escaping_round_trips() -> None:
    tricky = "Pony; kurz, bitte\\nicht färben\nZweite Zeile\r\nDritte\rVierte"
    found = properties(ics(tricky, summary="Schnitt, Föhnen; Styling"))
    assert unescape(found["DESCRIPTION"]) == (
        "Pony; kurz, bitte\\nicht färben\nZweite Zeile\nDritte\nVierte"
    )
    assert unescape(found["SUMMARY"]) == "Schnitt, Föhnen; Styling"
    assert escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
    assert escape_text("Tab\tbleibt, Glocke\x07 nicht") == "Tab\tbleibt\\, Glocke? nicht"


def test_a_long_description_folds_at_75_octets() -> None:
    description = ("Bitte bringen Sie Ihre Kundenkarte mit; wir freuen uns. " * 6)[:300]
    assert len(description) == 300
    text = ics(description)
    lines = physical_lines(text)
    assert all(len(line.encode()) <= 75 for line in lines)
    start = next(i for i, line in enumerate(lines) if line.startswith("DESCRIPTION:"))
    continuation = lines[start + 1 : start + 5]
    assert all(line.startswith(" ") for line in continuation)
    assert len(lines[start].encode()) == 75  # filled up, not cut early
    assert unescape(properties(text)["DESCRIPTION"]) == description


def test_umlauts_and_emoji_are_never_cut() -> None:
    # 2-, 3- and 4-octet characters at every position relative to the fold
    for prefix in range(4):
        description = "x" * prefix + "Größe ä€😀 " * 40
        text = ics(description, summary="Ü" * 60)
        for line in physical_lines(text):
            assert len(line.encode("utf-8")) <= 75
        found = properties(text)
        assert unescape(found["DESCRIPTION"]) == description
        assert unescape(found["SUMMARY"]) == "Ü" * 60


def test_an_escape_is_not_split_by_a_fold() -> None:
    folded = fold_line("DESCRIPTION:" + "a" * 62 + "\\,b")
    first, second = folded.split("\r\n")
    assert first == "DESCRIPTION:" + "a" * 62  # 74 octets: the escape moves on whole
    assert second == " \\,b"


def test_refuses_naive_or_backwards_times() -> None:
    with pytest.raises(ValueError, match="naive"):
        booking_ics(UID, datetime(2026, 12, 4, 9), datetime(2026, 12, 4, 10), "", "", "", STAMP)
    with pytest.raises(ValueError, match="ends after"):
        booking_ics(UID, ENDS, STARTS, "", "", "", STAMP)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400), st.text(max_size=120))
def test_any_text_round_trips(description: str, summary: str) -> None:
    text = ics(description, summary=summary)
    for line in physical_lines(text):
        assert len(line.encode("utf-8")) <= 75
    found = properties(text)
    if description:
        assert unescape(found["DESCRIPTION"]) == survives(description)
    assert unescape(found["SUMMARY"]) == survives(summary)


def survives(text: str) -> str:
    """Every line break reads back as LF; other forbidden characters become "?"."""
    return cleaned(text.replace("\r\n", "\n").replace("\r", "\n"), multiline=True)
