"""Salon-wide settings: every key declared once, with its default, its kind and range,
and the one check that turns what someone typed into what is stored.

The window (settings dialog, automations panel) and the command line
(``desk-app settings set KEY VALUE``) both store through ``normalise_setting``, so they
accept and refuse the same values with the same ``InvalidField``. Values are stored as
text; ``setting`` reads one inside a caller's transaction and the typed helpers below
turn it into what the rules need.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from datetime import time
from enum import StrEnum

from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.contact import can_receive_sms, normalise_email, normalise_phone
from desk_app.domain.errors import InvalidField
from desk_app.domain.fields import PHONE_TYPED_MAX, SALON_NAME_MAX, checked_line
from desk_app.domain.web_address import gateway_url, review_url

# Alphanumeric SMS senders: at most 11 letters, digits or spaces (DESIGN.md 2.3).
SENDER_PATTERN = re.compile(r"(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}")


class SettingKind(StrEnum):
    TEXT = "text"
    NUMBER = "number"  # a whole number between ``low`` and ``high``
    SWITCH = "switch"  # "on" or "off"
    TIME = "time"  # HH:MM, salon-local


@dataclass(frozen=True)
class SettingSpec:
    """One setting. ``normalise(key, typed)`` returns the value to store or raises
    InvalidField(key, problem, typed)."""

    key: str
    default: str
    kind: SettingKind
    normalise: Callable[[str, str], str]
    low: int | None = None
    high: int | None = None


# ---- the checks ---------------------------------------------------------------------------
def _number(low: int, high: int) -> Callable[[str, str], str]:
    def check(key: str, value: str) -> str:
        text = value.strip()
        if not (text.isascii() and text.isdigit()) or not low <= int(text) <= high:
            raise InvalidField(key, "out_of_range", value)
        return str(int(text))

    return check


def _switch(key: str, value: str) -> str:
    text = value.strip().lower()
    if text not in ("on", "off"):
        raise InvalidField(key, "not_a_switch", value)
    return text


def _clock_time(key: str, value: str) -> str:
    text = value.strip()
    try:
        moment = time.fromisoformat(text)
    except ValueError as exc:
        raise InvalidField(key, "invalid_time", value) from exc
    if moment.second or moment.microsecond or moment.tzinfo is not None:
        raise InvalidField(key, "invalid_time", value)
    return moment.strftime("%H:%M")


def _salon_name(key: str, value: str) -> str:
    text = checked_line(key, value, SALON_NAME_MAX)
    if not text:
        raise InvalidField(key, "required")
    return text


def _sender(key: str, value: str) -> str:
    text = value.strip()
    if text and not SENDER_PATTERN.fullmatch(text):
        raise InvalidField(key, "invalid_sender", value)
    return text


def _phone(key: str, value: str) -> str:
    """A phone number shown in messages: checked, but kept as the salon writes it."""
    text = checked_line(key, value, PHONE_TYPED_MAX)
    if text:
        try:
            normalise_phone(text)
        except InvalidField as exc:
            raise InvalidField(key, exc.problem, value) from exc
    return " ".join(text.split())


def _email(key: str, value: str) -> str:
    text = value.strip()
    if not text:
        return ""
    try:
        return normalise_email(text)
    except InvalidField as exc:
        raise InvalidField(key, exc.problem, value) from exc


def _mobile(key: str, value: str) -> str:
    """A mobile number for test SMS, stored in E.164 as the gateway needs it."""
    text = value.strip()
    if not text:
        return ""
    try:
        number = normalise_phone(text)
    except InvalidField as exc:
        raise InvalidField(key, exc.problem, value) from exc
    if not can_receive_sms(number):
        raise InvalidField(key, "not_mobile", value)
    return number


def _web(parse: Callable[[str], str]) -> Callable[[str, str], str]:
    def check(key: str, value: str) -> str:
        try:
            return parse(value)
        except InvalidField as exc:
            raise InvalidField(key, exc.problem, exc.value) from exc

    return check


def _time_zone(key: str, value: str) -> str:
    text = value.strip()
    if text not in zoneinfo.available_timezones():
        raise InvalidField(key, "unknown", value)
    return text


def _language(key: str, value: str) -> str:
    text = value.strip().lower()
    if text not in ("de", "en"):
        raise InvalidField(key, "unknown", value)
    return text


def _spec(
    key: str,
    default: str,
    normalise: Callable[[str, str], str],
    kind: SettingKind = SettingKind.TEXT,
) -> SettingSpec:
    return SettingSpec(key, default, kind, normalise)


def _number_spec(key: str, default: int, low: int, high: int) -> SettingSpec:
    return SettingSpec(key, str(default), SettingKind.NUMBER, _number(low, high), low, high)


def _switch_spec(key: str, default: str) -> SettingSpec:
    return SettingSpec(key, default, SettingKind.SWITCH, _switch)


def _time_spec(key: str, default: str) -> SettingSpec:
    return SettingSpec(key, default, SettingKind.TIME, _clock_time)


# ---- the declaration ----------------------------------------------------------------------
SETTINGS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        # The salon
        _spec("salon_name", "Salon", _salon_name),
        _spec("salon_phone", "", _phone),  # the {{ salon_phone }} placeholder
        _spec("sender_name", "", _sender),  # SMS sender and email display name; "": gateway's
        _spec("time_zone", "Europe/Berlin", _time_zone),
        _spec("language", "de", _language),
        _spec("gateway_url", "", _web(gateway_url)),
        # Marketing (DESIGN.md 2, issue 5)
        _spec("owner_email", "", _email),  # test sends of campaigns go here ...
        _spec("owner_mobile", "", _mobile),  # ... and SMS test sends here (E.164)
        _number_spec("frequency_cap", 4, 1, 100),  # advertising per customer in 30 days
        _time_spec("quiet_hours_start", "08:00"),  # marketing SMS only from ...
        _time_spec("quiet_hours_end", "20:00"),  # ... until (salon-local time)
        _number_spec("sms_price_cents", 9, 0, 1000),  # per SMS part, for the estimate
        _spec("review_url", "", _web(review_url)),  # where review requests point to
        # Automations: each one switchable; hours/days are their timing
        _switch_spec("auto_confirmation", "on"),
        _switch_spec("auto_reminder", "on"),
        _number_spec("auto_reminder_hours", 24, 1, 168),
        _switch_spec("auto_birthday", "off"),
        _switch_spec("auto_review_request", "off"),
        _number_spec("auto_review_request_hours", 3, 1, 336),
        _switch_spec("auto_win_back", "off"),
        _number_spec("auto_win_back_days", 120, 14, 1095),
    )
}
DEFAULT_SETTINGS: dict[str, str] = {key: spec.default for key, spec in SETTINGS.items()}


def number_range(key: str) -> tuple[int, int]:
    """The range of a number setting, for spin boxes."""
    spec = SETTINGS[key]
    assert spec.low is not None and spec.high is not None, key
    return spec.low, spec.high


def normalise_setting(key: str, value: str) -> str:
    """The value to store for ``key``; InvalidField for an unknown key or a bad value."""
    spec = SETTINGS.get(key)
    if spec is None:
        raise InvalidField("setting", "unknown", key)
    return spec.normalise(key, value)


def validate_setting(key: str, value: str) -> None:
    """Raise InvalidField for an unknown key or a value the key cannot take."""
    normalise_setting(key, value)


def setting(session: Session, key: str) -> str:
    row = session.get(m.Setting, key)
    return row.value if row is not None else DEFAULT_SETTINGS[key]


def int_setting(session: Session, key: str) -> int:
    return int(setting(session, key))


def switched_on(session: Session, key: str) -> bool:
    return setting(session, key) == "on"


def quiet_hours(session: Session) -> tuple[time, time]:
    """The window in which marketing SMS may go out, [start, end) salon-local."""
    return (
        time.fromisoformat(setting(session, "quiet_hours_start")),
        time.fromisoformat(setting(session, "quiet_hours_end")),
    )
