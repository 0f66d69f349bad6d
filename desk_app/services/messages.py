"""Message texts from the templates in ``resources/templates/<language>/<kind>.txt``.

A template starts with a ``Subject:`` line (ignored for SMS), a blank line, then the
body. Placeholders use ``$name``; ``$unsubscribe_url`` and ``$confirm_url`` are left in
place for the gateway, which substitutes each recipient's own links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from string import Template
from zoneinfo import ZoneInfo

from desk_app.domain.enums import Channel
from desk_app.domain.unsubscribe_link import UNSUBSCRIBE_PLACEHOLDER

CONFIRM_PLACEHOLDER = "$confirm_url"
MANAGE_PLACEHOLDER = "$manage_url"  # an online booking's manage page (the gateway's)
OFFER_PLACEHOLDER = "$offer_url"  # a waitlist offer's page (the gateway's)
_PARAGRAPH_GAPS = re.compile(r"\n{3,}")
_CHANNEL_WORDS = {
    "de": {Channel.EMAIL: "E-Mail", Channel.SMS: "SMS"},
    "en": {Channel.EMAIL: "email", Channel.SMS: "text message"},
}
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
        raw = self._read(language, f"{kind}.txt")
        subject = ""
        if raw.startswith("Subject:"):
            first, _, raw = raw.partition("\n")
            subject = first.removeprefix("Subject:").strip()
            raw = raw.lstrip("\n")
        # Links are the gateway's: it fills them in per recipient.
        values = {
            # The paragraphs only an online booking's messages have (booking_messages).
            "booking_links": "",
            **{k: v if k == "booking_links" else inert(v) for k, v in values.items()},
            **_LINKS,
        }
        body = Template(raw).safe_substitute(values).strip()
        return RenderedMessage(
            subject=Template(subject).safe_substitute(values),
            # An empty paragraph placeholder leaves no gap.
            body=_PARAGRAPH_GAPS.sub("\n\n", body) + "\n",
        )

    def snippet(self, name: str, language: str, values: dict[str, str]) -> str:
        """A paragraph put into a message (``snippets/<name>.txt``), filled in."""
        raw = self._read(language, f"snippets/{name}.txt")
        filled = {k: inert(v) for k, v in values.items()}
        return Template(raw).safe_substitute({**filled, **_LINKS}).strip()

    def _read(self, language: str, name: str) -> str:
        path = self._directory / language / name
        if not path.exists():
            path = self._directory / FALLBACK_LANGUAGE / name
        return path.read_text(encoding="utf-8")


_LINKS = {
    "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
    "confirm_url": CONFIRM_PLACEHOLDER,
    "manage_url": MANAGE_PLACEHOLDER,
    "offer_url": OFFER_PLACEHOLDER,
}


def channel_word(channel: Channel, language: str) -> str:
    """ "E-Mail"/"SMS" as a message names the channel, in the customer's language."""
    words = _CHANNEL_WORDS.get(language, _CHANNEL_WORDS[FALLBACK_LANGUAGE])
    return words[channel]


def local_date_and_time(moment: datetime, time_zone: str, language: str) -> tuple[str, str]:
    """ "Freitag, 27. November 2026", "14:30" in the customer's language, salon's time zone."""
    # Imported with the first message written, not with the module: the window's start
    # imports this module (the online requests) and writes no message.
    from babel.dates import format_date, format_time

    local = moment.astimezone(ZoneInfo(time_zone))
    locale = _LOCALES.get(language, _LOCALES[FALLBACK_LANGUAGE])
    return (
        format_date(local.date(), format="full", locale=locale),
        format_time(local.time(), format="short", locale=locale),
    )


def inert(value: str) -> str:
    """A value put into a message (a name typed on the booking page, say) can never become
    one of the gateway's link placeholders (``$confirm_url``, ``$manage_url``, …): its
    dollar signs are shown as the full-width sign."""
    return value.replace("$", "\uff04")
