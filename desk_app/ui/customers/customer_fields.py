"""What each field of the customer form may hold, and reading a field the way the
customer service will (same domain rules, same limits), before anything is saved.

No widgets here: the form hands in the texts. May import: PySide6 (QtCore),
desk_app.domain.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QLocale

from desk_app.domain.contact import DEFAULT_REGION, normalise_email, normalise_phone
from desk_app.domain.errors import InvalidField
from desk_app.domain.fields import (
    CITY_MAX,
    EMAIL_MAX,
    NAME_MAX,
    PHONE_TYPED_MAX,
    POSTAL_CODE_MAX,
    STREET_MAX,
    checked_line,
)

FIELDS = (
    "first_name",
    "last_name",
    "phone",
    "email",
    "birthday",
    "street",
    "postal_code",
    "city",
)
# What each field may hold (the service checks the same, domain.fields).
LIMITS = {
    "first_name": NAME_MAX,
    "last_name": NAME_MAX,
    "phone": PHONE_TYPED_MAX,
    "email": EMAIL_MAX,
    "birthday": 40,
    "street": STREET_MAX,
    "postal_code": POSTAL_CODE_MAX,
    "city": CITY_MAX,
}


class BadDate(ValueError):
    """The birthday field holds something that is not a date."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def date_format() -> str:
    """The locale's short date format with a four-digit year (birthdays span a century)."""
    fmt = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    return fmt if "yyyy" in fmt else fmt.replace("yy", "yyyy")


def checked_value(field: str, texts: Mapping[str, str], time_zone: str) -> object:
    """The value of ``field`` as the service would store it; raises InvalidField (or
    BadDate) as the service would refuse it. ``texts``: every field's text."""
    # Pasted text may carry control characters: named by code, as the service does.
    text = checked_line(field, texts[field], LIMITS[field])
    if field in ("first_name", "last_name"):
        if not texts["first_name"].strip() and not texts["last_name"].strip():
            raise InvalidField("last_name", "required")
        return text
    if field == "email":
        return normalise_email(text) if text else None
    if field == "phone":
        return normalise_phone(text, DEFAULT_REGION) if text else None
    if field == "birthday":
        return birthday(text, time_zone)
    return text


def birthday(text: str, time_zone: str) -> date | None:
    """A birthday typed in the locale's format (or d.M.yyyy, or ISO); not in the future."""
    if not text:
        return None
    for fmt in (date_format(), "d.M.yyyy", "yyyy-MM-dd"):
        parsed = QDate.fromString(text, fmt)
        if parsed.isValid():
            value = date(parsed.year(), parsed.month(), parsed.day())
            if value > datetime.now(ZoneInfo(time_zone)).date():
                raise InvalidField("birthday", "in_future", value.isoformat())
            return value
    raise BadDate(text)
