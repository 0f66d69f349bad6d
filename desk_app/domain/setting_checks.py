"""The checks behind the salon settings' declarations (``desk_app.domain.salon_settings``):
each takes the key and what was typed, and returns the text to store or raises
``InvalidField(key, problem, typed)``.

Pure: standard library and ``desk_app.domain`` only.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Callable
from datetime import time

from desk_app.domain.contact import can_receive_sms, normalise_email, normalise_phone
from desk_app.domain.errors import InvalidField
from desk_app.domain.fields import PHONE_TYPED_MAX, SALON_NAME_MAX, checked_line

SALON_ADDRESS_MAX = 160  # "Hauptstraße 12, 50667 Köln" and then some

# Alphanumeric SMS senders: at most 11 letters, digits or spaces (DESIGN.md 2.3).
SENDER_PATTERN = re.compile(r"(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}")
LANGUAGES = ("de", "en")
# The booking page's path segment: lower-case letters, digits and inner hyphens (protocol).
PUBLIC_NAME_PATTERN = re.compile(r"[a-z0-9](?:[a-z0-9-]{1,38})[a-z0-9]")
COLOUR_PATTERN = re.compile(r"#[0-9a-f]{6}")


def number(low: int, high: int) -> Callable[[str, str], str]:
    def check(key: str, value: str) -> str:
        text = value.strip()
        if not (text.isascii() and text.isdigit()) or not low <= int(text) <= high:
            raise InvalidField(key, "out_of_range", value)
        return str(int(text))

    return check


def switch(key: str, value: str) -> str:
    text = value.strip().lower()
    if text not in ("on", "off"):
        raise InvalidField(key, "not_a_switch", value)
    return text


def clock_time(key: str, value: str) -> str:
    text = value.strip()
    try:
        moment = time.fromisoformat(text)
    except ValueError as exc:
        raise InvalidField(key, "invalid_time", value) from exc
    if moment.second or moment.microsecond or moment.tzinfo is not None:
        raise InvalidField(key, "invalid_time", value)
    return moment.strftime("%H:%M")


def salon_name(key: str, value: str) -> str:
    text = checked_line(key, value, SALON_NAME_MAX)
    if not text:
        raise InvalidField(key, "required")
    return text


def address(key: str, value: str) -> str:
    """The salon's postal address on one line, as the salon writes it (may be empty)."""
    return " ".join(checked_line(key, value, SALON_ADDRESS_MAX).split())


FOLDER_MAX = 1000  # a path on the counter PC or a network share


def folder(key: str, value: str) -> str:
    """A folder path on one line ("": the default place); whether it exists and can be
    written is asked where it is used, not here (the domain touches no files)."""
    return checked_line(key, value, FOLDER_MAX)


def sender(key: str, value: str) -> str:
    text = value.strip()
    if text and not SENDER_PATTERN.fullmatch(text):
        raise InvalidField(key, "invalid_sender", value)
    return text


def phone(key: str, value: str) -> str:
    """A phone number shown in messages: checked, but kept as the salon writes it."""
    text = checked_line(key, value, PHONE_TYPED_MAX)
    if text:
        try:
            normalise_phone(text)
        except InvalidField as exc:
            raise InvalidField(key, exc.problem, value) from exc
    return " ".join(text.split())


def email(key: str, value: str) -> str:
    text = value.strip()
    if not text:
        return ""
    try:
        return normalise_email(text)
    except InvalidField as exc:
        raise InvalidField(key, exc.problem, value) from exc


def mobile(key: str, value: str) -> str:
    """A mobile number for test SMS, stored in E.164 as the gateway needs it."""
    text = value.strip()
    if not text:
        return ""
    try:
        e164 = normalise_phone(text)
    except InvalidField as exc:
        raise InvalidField(key, exc.problem, value) from exc
    if not can_receive_sms(e164):
        raise InvalidField(key, "not_mobile", value)
    return e164


def web(parse: Callable[[str], str]) -> Callable[[str, str], str]:
    """A web address checked by one of ``desk_app.domain.web_address``'s parsers."""

    def check(key: str, value: str) -> str:
        try:
            return parse(value)
        except InvalidField as exc:
            raise InvalidField(key, exc.problem, exc.value) from exc

    return check


def time_zone(key: str, value: str) -> str:
    text = value.strip()
    if text not in zoneinfo.available_timezones():
        raise InvalidField(key, "unknown", value)
    return text


def language(key: str, value: str) -> str:
    text = value.strip().lower()
    if text not in LANGUAGES:
        raise InvalidField(key, "unknown", value)
    return text


def public_name(key: str, value: str) -> str:
    """The booking page's name in its link (``haarwerk-mueller``); "" for none yet."""
    text = value.strip()
    if text and not PUBLIC_NAME_PATTERN.fullmatch(text):
        raise InvalidField(key, "invalid_public_name", value)
    return text


def colour(key: str, value: str) -> str:
    """A colour as #rrggbb, stored in lower case."""
    text = value.strip().lower()
    if not COLOUR_PATTERN.fullmatch(text):
        raise InvalidField(key, "invalid_colour", value)
    return text
