"""Contact normalisation, search keys, consent statements and calendar time rules."""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import UTC, datetime, time

import pytest

from desk_app.domain.contact import (
    can_receive_sms,
    fold,
    is_valid_email,
    name_key,
    national_digits,
    normalise_email,
    normalise_phone,
    phone_query_digits,
)
from desk_app.domain.enums import Channel
from desk_app.domain.errors import InvalidField
from desk_app.domain.scheduling import OpeningInterval, overlaps, within_opening_hours
from desk_app.domain.statements import CURRENT_VERSION, render_statement

EMAIL, SMS = Channel.EMAIL, Channel.SMS

# --- email ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("anna@example.de", "anna@example.de", id="already-canonical"),
        pytest.param("  Anna.Schmidt@Example.DE ", "anna.schmidt@example.de", id="case-and-spaces"),
        pytest.param("ANNA@EXAMPLE.DE", "anna@example.de", id="upper-case"),
    ],
)
def test_normalise_email(raw: str, expected: str) -> None:
    assert normalise_email(raw) == expected
    assert is_valid_email(raw)


@pytest.mark.parametrize(
    "raw", ["", "anna", "anna@", "@example.de", "anna@@example.de", "a b@x.de"]
)
def test_invalid_email_raises_invalid_field(raw: str) -> None:
    with pytest.raises(InvalidField) as caught:
        normalise_email(raw)
    assert caught.value.field == "email"
    assert caught.value.problem == "invalid_email"
    assert caught.value.value == raw
    assert not is_valid_email(raw)


# --- phone ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "0151 12345678",
        "+49 151 12345678",
        "0049 151 12345678",
        "0151/123 456 78",
        "+49 (0)151 12345678",
    ],
)
def test_normalise_phone_to_e164(raw: str) -> None:
    assert normalise_phone(raw) == "+4915112345678"


@pytest.mark.parametrize("raw", ["", "abc", "12", "+49 151", "call me maybe"])
def test_invalid_phone_raises_invalid_field(raw: str) -> None:
    with pytest.raises(InvalidField) as caught:
        normalise_phone(raw)
    assert caught.value.field == "phone"
    assert caught.value.problem == "invalid_phone"


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        pytest.param("+4915112345678", True, id="german-mobile"),
        pytest.param("+49 30 1234567", False, id="berlin-landline"),
        pytest.param("not a number", False, id="garbage"),
    ],
)
def test_can_receive_sms(number: str, expected: bool) -> None:
    assert can_receive_sms(number) is expected


def test_national_digits_drop_country_code() -> None:
    assert national_digits("+4915112345678") == "15112345678"


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("0151 123", id="trunk-zero"),
        pytest.param("+49 151-123", id="plus-country-code"),
        pytest.param("0049151123", id="double-zero-country-code"),
        pytest.param("151123", id="bare-digits"),
        # Common German notation; normalise_phone accepts it (see above), so search must too.
        pytest.param("+49 (0)151 123", id="plus-country-code-bracketed-trunk-zero"),
    ],
)
def test_phone_query_digits_is_a_prefix_of_national_digits(query: str) -> None:
    digits = phone_query_digits(query)
    assert digits == "151123"
    assert national_digits("+4915112345678").startswith(digits)


# --- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Müller", "mueller", id="umlaut"),
        pytest.param("MÜLLER", "mueller", id="upper-case-umlaut"),
        pytest.param("José", "jose", id="accent"),
        pytest.param("Groß-Straße", "gross-strasse", id="sharp-s"),
        pytest.param("Søren", "soeren", id="o-slash"),
        # Decomposed Unicode (NFD), as macOS and some CSV exports produce it, must fold the same.
        pytest.param(unicodedata.normalize("NFD", "Müller"), "mueller", id="umlaut-decomposed-nfd"),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Müller", "mueller"),
        ("  José   García ", "jose garcia"),
        ("Groß-Straße", "gross strasse"),
        ("O'Brien-Lüdenscheid 2", "o brien luedenscheid 2"),
        ("---", ""),
    ],
)
def test_name_key(text: str, expected: str) -> None:
    assert name_key(text) == expected


# --- consent statements ---------------------------------------------------------------------


def test_german_statement_names_salon_and_both_channels() -> None:
    statement = render_statement("Salon Lena", (EMAIL, SMS), "de")
    assert statement.language == "de"
    assert statement.version == CURRENT_VERSION
    assert "Salon Lena" in statement.text
    assert "per E-Mail und SMS" in statement.text


def test_english_sms_statement_does_not_mention_email() -> None:
    statement = render_statement("Salon Lena", (SMS,), "en")
    assert statement.language == "en"
    assert "Salon Lena" in statement.text
    assert "by text message (SMS)" in statement.text
    assert "email" not in statement.text


def test_channel_order_does_not_change_the_statement() -> None:
    assert render_statement("Lena", (SMS, EMAIL)) == render_statement("Lena", (EMAIL, SMS))


def test_unknown_language_falls_back_to_german() -> None:
    statement = render_statement("Lena", (EMAIL,), "fr")
    assert statement == render_statement("Lena", (EMAIL,), "de")


def test_statement_sha256_is_stable_and_follows_the_text() -> None:
    statement = render_statement("Salon Lena", (EMAIL,), "de")
    again = render_statement("Salon Lena", (EMAIL,), "de")
    assert statement.sha256 == again.sha256
    assert statement.sha256 == hashlib.sha256(statement.text.encode("utf-8")).hexdigest()
    assert len(statement.sha256) == 64
    assert render_statement("Salon Anna", (EMAIL,), "de").sha256 != statement.sha256
    assert render_statement("Salon Lena", (EMAIL, SMS), "de").sha256 != statement.sha256
    assert render_statement("Salon Lena", (EMAIL,), "en").sha256 != statement.sha256


# --- scheduling -------------------------------------------------------------------------------


def at(hour: int, minute: int = 0, day: int = 2) -> datetime:
    """2026-03-02 is a Monday."""
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        pytest.param((at(9), at(10)), (at(10), at(11)), False, id="a-ends-when-b-starts"),
        pytest.param((at(10), at(11)), (at(9), at(10)), False, id="b-ends-when-a-starts"),
        pytest.param((at(9), at(10)), (at(9, 59), at(11)), True, id="one-minute-overlap"),
        pytest.param((at(9), at(12)), (at(10), at(11)), True, id="containment"),
        pytest.param((at(9), at(10)), (at(9), at(10)), True, id="identical"),
        pytest.param((at(9), at(10)), (at(11), at(12)), False, id="disjoint"),
    ],
)
def test_overlaps_half_open(
    a: tuple[datetime, datetime], b: tuple[datetime, datetime], expected: bool
) -> None:
    assert overlaps(*a, *b) is expected


MONDAY_SPLIT = [
    OpeningInterval(weekday=0, opens=time(9), closes=time(12)),
    OpeningInterval(weekday=0, opens=time(13), closes=time(18)),
]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        pytest.param(at(9), at(10), True, id="at-opening"),
        pytest.param(at(17), at(18), True, id="ends-at-closing"),
        pytest.param(at(13), at(14), True, id="afternoon"),
        pytest.param(at(8, 30), at(9, 30), False, id="starts-before-opening"),
        pytest.param(at(17, 30), at(18, 30), False, id="ends-after-closing"),
        pytest.param(at(11, 30), at(13, 30), False, id="spans-lunch-break"),
        pytest.param(at(10, day=3), at(11, day=3), False, id="tuesday-closed"),
        pytest.param(at(17, day=2), at(10, day=3), False, id="over-night"),
    ],
)
def test_within_opening_hours(start: datetime, end: datetime, expected: bool) -> None:
    assert within_opening_hours(start, end, MONDAY_SPLIT) is expected
