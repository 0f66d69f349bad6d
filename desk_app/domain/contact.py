"""Normalisation of contact data: emails, phone numbers, and search keys.

Pure functions; raise ``InvalidField`` with a stable problem code.
"""

from __future__ import annotations

import re
import unicodedata

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from desk_app.domain.errors import InvalidField

DEFAULT_REGION = "DE"

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe"})
_NON_KEY = re.compile(r"[^a-z0-9]+")
_DIGITS = re.compile(r"\d+")


def normalise_email(raw: str) -> str:
    """Return the email in a canonical, comparable form (lower-case)."""
    text = raw.strip()
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError as exc:
        raise InvalidField("email", "invalid_email", raw) from exc
    return result.normalized.lower()


def is_valid_email(value: str) -> bool:
    try:
        normalise_email(value)
    except InvalidField:
        return False
    return True


def normalise_phone(raw: str, region: str = DEFAULT_REGION) -> str:
    """Return the phone number in E.164 (``+4915112345678``)."""
    text = raw.strip()
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidField("phone", "invalid_phone", raw) from exc
    if not phonenumbers.is_valid_number(number):
        raise InvalidField("phone", "invalid_phone", raw)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def can_receive_sms(e164: str) -> bool:
    """True for numbers that are (or may be) mobile numbers; landlines cannot get SMS."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return False
    kind = phonenumbers.number_type(number)
    return phonenumbers.is_valid_number(number) and kind in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )


def national_digits(e164: str) -> str:
    """The national significant number (no country code, no trunk 0): ``15112345678``."""
    number = phonenumbers.parse(e164, None)
    return phonenumbers.national_significant_number(number)


def phone_query_digits(query: str, region: str = DEFAULT_REGION) -> str:
    """Digits of a typed phone fragment, reduced to the national significant number prefix.

    "0151 123", "+49 151-123" and "0049151123" all become "151123" so that a prefix
    match against ``national_digits`` finds the customer whatever the formatting.
    """
    digits = "".join(_DIGITS.findall(query))
    country = str(phonenumbers.country_code_for_region(region))
    if query.strip().startswith("+") and digits.startswith(country):
        digits = digits[len(country) :]
    elif digits.startswith("00" + country):
        digits = digits[2 + len(country) :]
    # Also drops the trunk 0 of the "+49 (0)151 …" notation.
    return digits.lstrip("0")


def fold(text: str) -> str:
    """Case- and accent-insensitive form: "Müller" → "mueller", "José" → "jose"."""
    # NFC first: a decomposed "u + ¨" (macOS, some CSV exports) must fold like "ü".
    lowered = unicodedata.normalize("NFC", text).casefold().translate(_FOLD)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_terms(*names: str) -> set[str]:
    """The searchable parts of names: "Anna-Lena", "Müller-Lüdenscheidt" →
    {"anna", "lena", "mueller", "luedenscheidt"}."""
    return {part for name in names for part in name_key(name).split()}


def name_key(text: str) -> str:
    """A search key of a name: folded, only [a-z0-9] and single spaces."""
    return " ".join(part for part in _NON_KEY.split(fold(text)) if part)
