"""The consent statement read to (or shown to) the customer, versioned and hashed.

The exact text a customer agreed to is legal evidence: every declaration records the
statement version and the SHA-256 of the rendered text. Change the wording only by
adding a new version; never edit a released one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from desk_app.domain.enums import Channel

CURRENT_VERSION = "2026-11"

_TEXTS: dict[tuple[str, str], str] = {
    (
        "2026-11",
        "de",
    ): (
        "Ich bin damit einverstanden, dass {salon} mir per {channels} Werbung schickt: "
        "Angebote und Aktionen, Geburtstagsgrüße, Bitten um eine Bewertung und Einladungen "
        "nach längerer Zeit ohne Besuch. Diese Einwilligung ist freiwillig. Ich kann sie "
        "jederzeit ohne Angabe von Gründen widerrufen – über den Link „Abmelden“ in jeder "
        "Nachricht oder direkt im Salon. Ich erhalte zuerst eine Nachricht mit einem "
        "Bestätigungslink; erst nach meiner Bestätigung wird mir Werbung geschickt."
    ),
    (
        "2026-11",
        "en",
    ): (
        "I agree that {salon} may send me advertising by {channels}: offers and promotions, "
        "birthday greetings, requests for a review and invitations after a longer time "
        "without a visit. This consent is voluntary. I can withdraw it at any time without "
        "giving reasons – through the “Unsubscribe” link in every message or directly at "
        "the salon. I will first receive a message with a confirmation link; advertising "
        "is only sent after I confirm."
    ),
}

_CHANNEL_WORDS: dict[str, dict[Channel, str]] = {
    "de": {Channel.EMAIL: "E-Mail", Channel.SMS: "SMS"},
    "en": {Channel.EMAIL: "email", Channel.SMS: "text message (SMS)"},
}
_AND = {"de": " und ", "en": " and "}


@dataclass(frozen=True)
class ConsentStatement:
    version: str
    language: str
    text: str

    @property
    def sha256(self) -> str:
        return statement_sha256(self.text)


def statement_sha256(text: str) -> str:
    """The hash the ledger records as evidence of the exact text agreed to."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def supported_languages() -> tuple[str, ...]:
    return tuple(sorted(_CHANNEL_WORDS))


def render_statement(
    salon_name: str,
    channels: tuple[Channel, ...],
    language: str = "de",
    version: str = CURRENT_VERSION,
) -> ConsentStatement:
    """The statement for the given channels, exactly as it is read aloud or shown."""
    lang = language if language in _CHANNEL_WORDS else "de"
    words = [_CHANNEL_WORDS[lang][ch] for ch in Channel if ch in channels]
    text = _TEXTS[(version, lang)].format(salon=salon_name, channels=_AND[lang].join(words))
    return ConsentStatement(version=version, language=lang, text=text)
