"""Message texts from the templates in ``resources/templates/<language>/<kind>.txt``.

A template starts with a ``Subject:`` line (ignored for SMS), a blank line, then the
body. Placeholders use ``$name``; ``$unsubscribe_url`` and ``$confirm_url`` are left in
place for the gateway, which substitutes each recipient's own links.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from string import Template
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time

UNSUBSCRIBE_PLACEHOLDER = "$unsubscribe_url"
CONFIRM_PLACEHOLDER = "$confirm_url"
FALLBACK_LANGUAGE = "de"
_LOCALES = {"de": "de_DE", "en": "en_GB"}


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    body: str


class MessageTemplates:
    def __init__(self, directory: Path) -> None:
        self._directory = directory

    def render(self, kind: str, language: str, values: dict[str, str]) -> RenderedMessage:
        path = self._directory / language / f"{kind}.txt"
        if not path.exists():
            path = self._directory / FALLBACK_LANGUAGE / f"{kind}.txt"
        raw = path.read_text(encoding="utf-8")
        subject = ""
        if raw.startswith("Subject:"):
            first, _, raw = raw.partition("\n")
            subject = first.removeprefix("Subject:").strip()
            raw = raw.lstrip("\n")
        # Links are the gateway's: it fills them in per recipient.
        values = {
            **values,
            "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
            "confirm_url": CONFIRM_PLACEHOLDER,
        }
        return RenderedMessage(
            subject=Template(subject).safe_substitute(values),
            body=Template(raw).safe_substitute(values).strip() + "\n",
        )


def local_date_and_time(moment: datetime, time_zone: str, language: str) -> tuple[str, str]:
    """ "Freitag, 27. November 2026", "14:30" in the customer's language, salon's time zone."""
    local = moment.astimezone(ZoneInfo(time_zone))
    locale = _LOCALES.get(language, _LOCALES[FALLBACK_LANGUAGE])
    return (
        format_date(local.date(), format="full", locale=locale),
        format_time(local.time(), format="short", locale=locale),
    )
