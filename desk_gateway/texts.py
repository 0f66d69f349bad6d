"""The gateway's own wording: default confirmation message, unsubscribe footers and the
reply to a STOP (de, en)."""

from __future__ import annotations

import re

DEFAULT_CONSENT_SUBJECT = {
    "de": "Bitte bestätigen: Nachrichten von $salon",
    "en": "Please confirm: messages from $salon",
}
DEFAULT_CONSENT_TEXT = {
    "de": (
        "Hallo,\n\nSie haben zugestimmt, Angebote und Neuigkeiten von $salon zu erhalten. "
        "Bitte bestätigen Sie das hier:\n\n$confirm_url\n\n"
        "Ohne Ihre Bestätigung schicken wir Ihnen keine Werbung. Wenn Sie das nicht waren, "
        "ignorieren Sie diese Nachricht einfach."
    ),
    "en": (
        "Hello,\n\nyou agreed to receive offers and news from $salon. "
        "Please confirm here:\n\n$confirm_url\n\n"
        "Without your confirmation we will not send you any advertising. If this was not "
        "you, simply ignore this message."
    ),
}
DEFAULT_CONSENT_SMS = {
    "de": "$salon: Bitte bestätigen Sie Ihre Einwilligung in Werbe-SMS: $confirm_url",
    "en": "$salon: please confirm that you want offers by text message: $confirm_url",
}
UNSUBSCRIBE_FOOTER = {
    "de": "\n\n--\nAbmelden: $unsubscribe_url",
    "en": "\n\n--\nUnsubscribe: $unsubscribe_url",
}
SMS_UNSUBSCRIBE_FOOTER = {
    "de": "\nAbmelden: $unsubscribe_url",
    "en": "\nUnsubscribe: $unsubscribe_url",
}
# The label every unsubscribe link carries (DESIGN 2: the word the consent text promises).
UNSUBSCRIBE_LABEL = {"de": "Abmelden", "en": "Unsubscribe"}
_LABELS = re.compile("|".join(UNSUBSCRIBE_LABEL.values()), re.IGNORECASE)
# The reply to a STOP says exactly what the STOP did: at which salons, that no advertising
# comes any more on either channel, and that appointment messages come only on request.
STOP_REPLY = {
    "de": (
        "Sie sind bei $salons abgemeldet: Sie bekommen keine Werbung mehr, weder per SMS "
        "noch per E-Mail. Terminbestätigungen und Erinnerungen kommen nur noch, wenn Sie "
        "bei einer Buchung ausdrücklich darum bitten."
    ),
    "en": (
        "You are unsubscribed at $salons: you will get no more advertising, neither by text "
        "message nor by email. Booking confirmations and reminders only come when you ask "
        "for them when booking."
    ),
}
_AND = {"de": "und", "en": "and"}


def pick(table: dict[str, str], language: str) -> str:
    return table.get(language, table["de"])


def stop_reply(salons: list[str], language: str) -> str:
    """The STOP confirmation naming every salon the STOP reached."""
    names = [name for name in dict.fromkeys(salons) if name] or ["Salon"]
    joined = names[0]
    if len(names) > 1:
        joined = ", ".join(names[:-1]) + f" {pick(_AND, language)} {names[-1]}"
    return pick(STOP_REPLY, language).replace("$salons", joined)


def labelled_link(text: str, language: str) -> str:
    """Every ``$unsubscribe_url`` with its label („Abmelden: …"): a line that names the
    link without the label gets it put in front of the link."""
    if "$unsubscribe_url" not in text:
        return text
    lines = []
    for line in text.split("\n"):
        before = line.split("$unsubscribe_url", 1)[0]
        if "$unsubscribe_url" in line and not _LABELS.search(before):
            label = pick(UNSUBSCRIBE_LABEL, language)
            line = line.replace("$unsubscribe_url", f"{label}: $unsubscribe_url", 1)
        lines.append(line)
    return "\n".join(lines)
