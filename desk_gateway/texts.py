"""The gateway's own wording: default confirmation message and unsubscribe footers (de, en)."""

from __future__ import annotations

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
STOP_REPLY = {
    "de": "Sie sind abgemeldet und erhalten keine Werbung mehr per SMS.",
    "en": "You are unsubscribed and will receive no more advertising by text message.",
}


def pick(table: dict[str, str], language: str) -> str:
    return table.get(language, table["de"])
