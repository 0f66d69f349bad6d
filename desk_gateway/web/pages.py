"""The customers' pages, server-rendered HTML in German and English, no JavaScript."""

from __future__ import annotations

import base64
import hashlib
import re
from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from desk_gateway.links import ConfirmationView, UnsubscribeView

TEXT = {
    "de": {
        "confirm_title": "Einwilligung bestätigen",
        "confirm_intro": "Bitte lesen Sie die Einwilligung und bestätigen Sie sie mit dem Knopf.",
        "confirm_button": "Ja, ich willige ein",
        "confirm_ignore": "Wenn Sie nicht einwilligen möchten, schließen Sie diese Seite einfach.",
        "confirm_done": "Vielen Dank! Ihre Einwilligung ist bestätigt.",
        "confirm_already": "Ihre Einwilligung ist bereits bestätigt (am {when}).",
        "confirm_expired": "Dieser Bestätigungslink ist abgelaufen. Bitte wenden Sie sich an "
        "den Salon, wenn Sie weiterhin Angebote erhalten möchten.",
        "withdraw_note": "Sie können Ihre Einwilligung jederzeit widerrufen: über den Link "
        "„Abmelden“ in jeder Nachricht oder direkt im Salon.",
        "unsub_title": "Abmelden",
        "unsub_intro": "Möchten Sie keine Nachrichten mehr von uns erhalten? Nach der "
        "Abmeldung schicken wir Ihnen keine Werbung mehr. Terminbestätigungen und "
        "Erinnerungen erhalten Sie nur noch, wenn Sie das bei einer Buchung ausdrücklich "
        "wünschen.",
        "unsub_button": "Abmelden",
        "unsub_done": "Sie sind abgemeldet. Sie erhalten keine Werbung mehr von uns.",
        "unsub_already": "Sie sind bereits abgemeldet.",
        "not_found_title": "Link ungültig",
        "not_found": "Dieser Link ist ungültig. Bitte prüfen Sie, ob er vollständig ist.",
        "too_many": "Zu viele Anfragen. Bitte versuchen Sie es in einer Minute erneut.",
        "cross_site_title": "Formular abgelehnt",
        "cross_site": "Dieses Formular wurde von einer anderen Website abgeschickt und "
        "deshalb nicht angenommen. Bitte öffnen Sie die Seite des Salons direkt und "
        "versuchen Sie es dort erneut.",
    },
    "en": {
        "confirm_title": "Confirm your consent",
        "confirm_intro": "Please read the consent below and confirm it with the button.",
        "confirm_button": "Yes, I agree",
        "confirm_ignore": "If you do not want to agree, simply close this page.",
        "confirm_done": "Thank you! Your consent is confirmed.",
        "confirm_already": "Your consent is already confirmed (on {when}).",
        "confirm_expired": "This confirmation link has expired. Please contact the salon if "
        "you would still like to receive offers.",
        "withdraw_note": "You can withdraw your consent at any time: with the “Unsubscribe” "
        "link in every message or directly at the salon.",
        "unsub_title": "Unsubscribe",
        "unsub_intro": "Don't want to hear from us any more? After unsubscribing you will get "
        "no more advertising from us. Booking confirmations and reminders are only sent "
        "where you ask for them when booking.",
        "unsub_button": "Unsubscribe",
        "unsub_done": "You are unsubscribed. You will receive no more advertising from us.",
        "unsub_already": "You are already unsubscribed.",
        "not_found_title": "Invalid link",
        "not_found": "This link is not valid. Please check that it is complete.",
        "too_many": "Too many requests. Please try again in a minute.",
        "cross_site_title": "Form refused",
        "cross_site": "This form was sent from another website and was therefore not "
        "accepted. Please open the salon's page directly and try again there.",
    },
}

_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.5;color:#222}h1{font-size:1.5rem}blockquote{margin:1rem 0;padding:.75rem 1rem;"
    "background:#f5f3ef;border-left:4px solid #b08d57}button{font-size:1.1rem;padding:.6rem 1.2rem;"
    "border:0;border-radius:6px;background:#2d6a4f;color:#fff;cursor:pointer}"
    ".note{color:#555;font-size:.9rem}h2{font-size:1.05rem;margin-bottom:0}"
    "pre{white-space:pre-wrap}"
)
# The pages' only style sheet, allowed by its hash in the Content-Security-Policy: no other
# style, script, image or frame can run on them.
STYLE_HASH = "sha256-" + base64.b64encode(hashlib.sha256(_STYLE.encode()).digest()).decode()
# Links in a captured message: http(s) up to whitespace or a character that cannot be
# part of a URL in running text.
_URL = re.compile(r"https?://[^\s<>\"']+")
_TRAILING = ".,;:!?)]}"


def language(value: str | None) -> str:
    return value if value in TEXT else "de"


def _page(lang: str, title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body><main><h1>{escape(title)}</h1>{body}</main></body></html>"
    )


def _when(moment: datetime | None, lang: str) -> str:
    if moment is None:
        return ""
    local = moment.astimezone(ZoneInfo("Europe/Berlin"))
    return local.strftime("%d.%m.%Y, %H:%M") if lang == "de" else local.strftime("%Y-%m-%d %H:%M")


def confirmation_page(view: ConfirmationView, lang_override: str | None = None) -> str:
    lang = language(lang_override or view.language)
    t = TEXT[lang]
    title = view.salon_name + " – " + t["confirm_title"] if view.salon_name else t["confirm_title"]
    if view.just_confirmed:
        body = f"<p>{escape(t['confirm_done'])}</p><p class=note>{escape(t['withdraw_note'])}</p>"
    elif view.state == "confirmed":
        text = t["confirm_already"].format(when=_when(view.confirmed_at, lang))
        body = f"<p>{escape(text)}</p><p class=note>{escape(t['withdraw_note'])}</p>"
    elif view.state == "expired":
        body = f"<p>{escape(t['confirm_expired'])}</p>"
    else:
        body = (
            f"<p>{escape(t['confirm_intro'])}</p>"
            f"<blockquote>{escape(view.statement_text)}</blockquote>"
            f'<form method="post"><button type="submit" name="confirm" value="1">'
            f"{escape(t['confirm_button'])}</button></form>"
            f"<p class=note>{escape(t['confirm_ignore'])}</p>"
        )
    return _page(lang, title, body)


def unsubscribe_page(view: UnsubscribeView, lang_override: str | None = None) -> str:
    lang = language(lang_override or view.language)
    t = TEXT[lang]
    if view.just_unsubscribed:
        body = f"<p>{escape(t['unsub_done'])}</p>"
    elif view.already:
        body = f"<p>{escape(t['unsub_already'])}</p>"
    else:
        body = (
            f"<p>{escape(t['unsub_intro'])}</p>"
            f'<form method="post"><button type="submit" name="unsubscribe" value="1">'
            f"{escape(t['unsub_button'])}</button></form>"
        )
    return _page(lang, t["unsub_title"], body)


def not_found_page(lang_override: str | None = None) -> str:
    lang = language(lang_override)
    return _page(lang, TEXT[lang]["not_found_title"], f"<p>{escape(TEXT[lang]['not_found'])}</p>")


def cross_site_page(lang_override: str | None = None) -> str:
    lang = language(lang_override)
    t = TEXT[lang]
    return _page(lang, t["cross_site_title"], f"<p>{escape(t['cross_site'])}</p>")


def too_many_page(lang_override: str | None = None) -> str:
    lang = language(lang_override)
    return _page(lang, TEXT[lang]["too_many"], "")


def linkify(text: str) -> str:
    """Escaped text with its URLs as links. A tokenizer: every piece of the text is escaped
    once and either becomes a link or stays text, so no URL can reach into another one's
    markup (string replacement let a URL that is a prefix of another break out of href)."""
    out: list[str] = []
    position = 0
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(_TRAILING)
        out.append(escape(text[position : match.start()]))
        out.append(f'<a href="{escape(url, quote=True)}">{escape(url)}</a>')
        position = match.start() + len(url)
    out.append(escape(text[position:]))
    return "".join(out)


def mailbox_page(rows: list[dict[str, str]]) -> str:
    """The capture transport's mailbox (demo only): newest first, links clickable."""
    items = []
    for row in rows:
        items.append(
            f"<article><h2>{escape(row['channel'].upper())} → {escape(row['to'])}</h2>"
            f"<p><b>{escape(row['subject'])}</b> <span class=note>{escape(row['at'])}</span></p>"
            f"<pre>{linkify(row['text'])}</pre></article><hr>"
        )
    return _page("de", "Postfach (Demo)", "".join(items) or "<p>Noch keine Nachrichten.</p>")
