"""The booking page's waitlist form and its thank-you page, in the look of the booking
page (its style sheets, the salon's colour). No JavaScript; every field keeps what was
typed when a check fails (422)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from desk_app.domain.text_safety import cleaned
from desk_gateway.booking.pages import (
    Page,
    book_path,
    choice,
    document,
    e,
    hidden,
    staff_line,
    treatment_line,
)
from desk_gateway.booking.schemas import Treatment
from desk_gateway.booking.store import Site
from desk_gateway.booking.texts import ERRORS
from desk_gateway.booking.waitlist import WaitlistForm

TEXT: dict[str, dict[str, str]] = {
    "de": {
        "join": "Nichts passt? Auf die Warteliste",
        "title": "Warteliste",
        "intro": "Wird ein passender Termin frei, schicken wir Ihnen einen Link. Wer zuerst "
        "bestätigt, bekommt ihn.",
        "first_name": "Vorname",
        "last_name": "Nachname",
        "email": "E-Mail",
        "phone": "Mobilnummer",
        "first_day": "Frühestens am",
        "last_day": "Spätestens am",
        "days": "An diesen Wochentagen (keiner: jeder Tag)",
        "weekdays": "Mo Di Mi Do Fr Sa So",
        "from": "Ab (Uhrzeit)",
        "until": "Bis (Uhrzeit)",
        "channel": "Benachrichtigen per",
        "by_email": "E-Mail",
        "by_sms": "SMS",
        "send": "Auf die Warteliste",
        "sent": "Sie stehen auf der Warteliste. Wird ein passender Termin frei, melden wir uns.",
        "invalid_range": "Bitte einen Zeitraum innerhalb der buchbaren Wochen angeben.",
        "invalid_hours": "Bitte beide Uhrzeiten angeben; das Ende nach dem Beginn.",
    },
    "en": {
        "join": "Nothing suits you? Join the waitlist",
        "title": "Waitlist",
        "intro": "When a time that suits you opens up, we send you a link. The first to "
        "confirm gets it.",
        "first_name": "First name",
        "last_name": "Last name",
        "email": "Email",
        "phone": "Mobile number",
        "first_day": "Not before",
        "last_day": "Not after",
        "days": "On these weekdays (none: any day)",
        "weekdays": "Mo Tu We Th Fr Sa Su",
        "from": "From (time)",
        "until": "Until (time)",
        "channel": "Tell me by",
        "by_email": "Email",
        "by_sms": "Text message",
        "send": "Join the waitlist",
        "sent": "You are on the waitlist. When a time that suits you opens up, we will tell you.",
        "invalid_range": "Please give days within the weeks that can be booked.",
        "invalid_hours": "Please give both times, the end after the start.",
    },
}


def waitlist_path(public_name: str) -> str:
    return f"{book_path(public_name)}/waitlist"


def join_link(site: Site, lang: str, treatment: Treatment, staff_id: int | None) -> str:
    """The way from the day step to the waitlist."""
    query = f"?lang={lang}&treatment={treatment.id}"
    if staff_id is not None:
        query += f"&staff={staff_id}"
    href = waitlist_path(site.public_name) + query
    return f'<p><a href="{e(href)}">{e(TEXT[lang]["join"])}</a></p>'


def _error(name: str, errors: Mapping[str, str], lang: str) -> str:
    code = errors.get(name)
    if code is None:
        return ""
    words = TEXT[lang].get(code) or ERRORS[lang].get(code) or ERRORS[lang]["required"]
    return f'<p class="error" id="{name}-error">{e(words)}</p>'


def _field(name: str, kind: str, form: WaitlistForm, errors: Mapping[str, str], lang: str,
           value: str = "", autocomplete: str = "off") -> str:  # fmt: skip
    typed = cleaned(form.get(name)) if name in form.values else value
    invalid = ' aria-invalid="true"' if name in errors else ""
    return (
        f'<label for="{name}">{e(TEXT[lang][name])}</label>'
        f'<input type="{kind}" name="{name}" id="{name}" value="{e(typed)}" '
        f'autocomplete="{autocomplete}"{invalid}>{_error(name, errors, lang)}'
    )


def waitlist_page(
    site: Site,
    lang: str,
    treatment: Treatment,
    staff_id: int | None,
    today: date,
    form: WaitlistForm | None = None,
    errors: Mapping[str, str] | None = None,
) -> Page:
    t = TEXT[lang]
    form = form or WaitlistForm({}, ())
    errors = errors or {}
    summary = (
        f'<div class="summary"><p>{e(treatment_line(treatment, lang))}</p>'
        f"<p>{e(staff_line(site, staff_id, lang))}</p></div><p>{e(t['intro'])}</p>"
    )
    days = "".join(
        choice("checkbox", "day", f"day-{n}", n, e(name), n in form.days)
        for n, name in enumerate(t["weekdays"].split())
    )
    channel = form.get("channel") or "email"
    channels = choice(
        "radio", "channel", "channel-email", "email", e(t["by_email"]), channel == "email"
    ) + choice("radio", "channel", "channel-sms", "sms", e(t["by_sms"]), channel == "sms")
    horizon = today + timedelta(days=14)
    inner = (
        hidden("lang", lang)
        + hidden("treatment", treatment.id)
        + (hidden("staff", staff_id) if staff_id is not None else "")
        + _field("first_name", "text", form, errors, lang, autocomplete="given-name")
        + _field("last_name", "text", form, errors, lang, autocomplete="family-name")
        + _field("email", "email", form, errors, lang, autocomplete="email")
        + _field("phone", "tel", form, errors, lang, autocomplete="tel")
        + _error("contact", errors, lang)
        + _field("first_day", "date", form, errors, lang, today.isoformat())
        + _field("last_day", "date", form, errors, lang, horizon.isoformat())
        + f"<fieldset><legend>{e(t['days'])}</legend>{days}</fieldset>"
        + _field("from", "time", form, errors, lang)
        + _field("until", "time", form, errors, lang)
        + f"<fieldset><legend>{e(t['channel'])}</legend>{channels}</fieldset>"
        + _error("channel", errors, lang)
        + _error("choice", errors, lang)
    )
    body = (
        summary
        + f'<form method="post" action="{e(waitlist_path(site.public_name))}">{inner}'
        + f'<button type="submit">{e(t["send"])}</button></form>'
    )
    return document(site, lang, t["title"], body)


def waitlist_sent_page(site: Site, lang: str) -> Page:
    t = TEXT[lang]
    return document(site, lang, t["title"], f'<p role="status">{e(t["sent"])}</p>')
