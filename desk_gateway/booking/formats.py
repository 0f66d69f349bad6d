"""Days, times and prices as the booking page and its messages show them (the salon's clock,
the customer's language)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date
from babel.numbers import format_currency

_LOCALES = {"de": "de_DE", "en": "en_GB"}
_DAY = {"de": "EEEE, d. MMMM", "en": "EEEE, d MMMM"}


def day_label(day: date, lang: str) -> str:
    return format_date(day, _DAY.get(lang, _DAY["de"]), locale=_LOCALES.get(lang, "de_DE"))


def time_label(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%H:%M")


def when_label(moment: datetime, zone: ZoneInfo, lang: str) -> str:
    """„Freitag, 4. Dezember, 10:00" / "Friday, 4 December, 10:00"."""
    local = moment.astimezone(zone)
    return f"{day_label(local.date(), lang)}, {local.strftime('%H:%M')}"


def price_label(cents: int | None, lang: str) -> str:
    if cents is None:
        return ""
    return str(format_currency(cents / 100, "EUR", locale=_LOCALES.get(lang, "de_DE")))
