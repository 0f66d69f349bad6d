"""Salon-wide settings: every key declared once with its default and its check.

Values are stored as text; ``setting`` reads one inside a caller's transaction and the
typed helpers below turn it into what the rules need.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import time

from sqlalchemy.orm import Session

from desk_app.db import models as m
from desk_app.domain.contact import can_receive_sms, is_valid_email
from desk_app.domain.errors import InvalidField

# Alphanumeric SMS senders: at most 11 letters, digits or spaces (DESIGN.md 2.3).
SENDER_PATTERN = re.compile(r"(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}")

DEFAULT_SETTINGS = {
    "salon_name": "Salon",
    "salon_phone": "",
    "sender_name": "",  # SMS sender and email display name; "": the gateway's default
    "time_zone": "Europe/Berlin",
    "language": "de",
    "gateway_url": "",
    # Marketing (DESIGN.md 2, issue 5)
    "owner_email": "",  # test sends of campaigns go here ...
    "owner_mobile": "",  # ... and SMS test sends here (E.164)
    "frequency_cap": "4",  # marketing messages per customer in 30 days
    "quiet_hours_start": "08:00",  # marketing SMS only from ...
    "quiet_hours_end": "20:00",  # ... until (salon-local time)
    "sms_price_cents": "9",  # per SMS segment, for the cost estimate
    "review_url": "",  # where review requests point customers to
    # Automations: each one switchable; hours/days are their timing
    "auto_confirmation": "on",
    "auto_reminder": "on",
    "auto_reminder_hours": "24",
    "auto_birthday": "off",
    "auto_review_request": "off",
    "auto_review_request_hours": "3",
    "auto_win_back": "off",
    "auto_win_back_days": "120",
}


def _int_between(low: int, high: int) -> Callable[[str], bool]:
    def check(value: str) -> bool:
        return value.strip().isdigit() and low <= int(value) <= high

    return check


def _clock_time(value: str) -> bool:
    try:
        time.fromisoformat(value.strip())
    except ValueError:
        return False
    return True


def _switch(value: str) -> bool:
    return value in ("on", "off")


_CHECKS: dict[str, Callable[[str], bool]] = {
    "sender_name": lambda v: v == "" or SENDER_PATTERN.fullmatch(v) is not None,
    "owner_email": lambda v: v == "" or is_valid_email(v),
    "owner_mobile": lambda v: v == "" or can_receive_sms(v),
    "frequency_cap": _int_between(1, 100),
    "quiet_hours_start": _clock_time,
    "quiet_hours_end": _clock_time,
    "sms_price_cents": _int_between(0, 1000),
    "review_url": lambda v: v == "" or (v.startswith("https://") and " " not in v and len(v) > 8),
    "auto_confirmation": _switch,
    "auto_reminder": _switch,
    "auto_reminder_hours": _int_between(1, 168),
    "auto_birthday": _switch,
    "auto_review_request": _switch,
    "auto_review_request_hours": _int_between(1, 336),
    "auto_win_back": _switch,
    "auto_win_back_days": _int_between(14, 1095),
}


# What to tell the user when a check fails (default: out of range).
_PROBLEMS = {
    "sender_name": "invalid_sender",
    "owner_email": "invalid_email",
    "owner_mobile": "not_mobile",
    "review_url": "not_web_address",
}


def validate_setting(key: str, value: str) -> None:
    """Raise InvalidField for an unknown key or a value the key cannot take."""
    if key not in DEFAULT_SETTINGS:
        raise InvalidField("setting", "unknown", key)
    check = _CHECKS.get(key)
    if check is not None and not check(value):
        raise InvalidField(key, _PROBLEMS.get(key, "out_of_range"), value)


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
