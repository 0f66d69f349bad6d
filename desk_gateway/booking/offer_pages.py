"""The waitlist offer's page (/w/{token}): the freed time and one button to take it, in
the look of the booking page. No JavaScript; taking it is a POST form (a mail scanner's
GET never accepts)."""

from __future__ import annotations

from urllib.parse import urlencode

from desk_gateway.booking.formats import when_label
from desk_gateway.booking.offers import OfferView
from desk_gateway.booking.pages import Page, e
from desk_gateway.booking.style import BASE, colour_sheet, content_security_policy

TEXT: dict[str, dict[str, str]] = {
    "de": {
        "title": "Ein Termin ist frei",
        "with": "bei {staff}",
        "accept": "Diesen Termin nehmen",
        "hint": "Wer zuerst bestätigt, bekommt den Termin.",
        "yours": "Der Termin gehört Ihnen. Sie bekommen gleich eine Bestätigung.",
        "taken": "Dieser Termin ist leider schon vergeben. Sie bleiben auf der Warteliste.",
        "gone": "Dieser Termin ist leider nicht mehr frei.",
        "past": "Dieser Termin hat schon begonnen.",
    },
    "en": {
        "title": "A time has opened up",
        "with": "with {staff}",
        "accept": "Take this appointment",
        "hint": "The first to confirm gets the appointment.",
        "yours": "The appointment is yours. A confirmation is on its way.",
        "taken": "Sorry, this appointment has already been taken. You stay on the waitlist.",
        "gone": "Sorry, this appointment is no longer available.",
        "past": "This appointment has already begun.",
    },
}


def offer_path(token: str, lang: str) -> str:
    return f"/w/{token}?" + urlencode({"lang": lang})


def offer_page(view: OfferView, token: str, lang: str) -> Page:
    t = TEXT[lang]
    lines = [view.treatment, t["with"].format(staff=view.staff) if view.staff else ""]
    lines.append(when_label(view.starts_at, view.zone, lang))
    summary = '<div class="summary">' + "".join(f"<p>{e(x)}</p>" for x in lines if x) + "</div>"
    if view.state == "open":
        answer = (
            f'<form method="post" action="{e(offer_path(token, lang))}">'
            f'<button type="submit">{e(t["accept"])}</button></form>'
            f'<p class="note">{e(t["hint"])}</p>'
        )
    elif view.state in ("taken", "gone"):
        answer = f'<p class="error" role="alert">{e(t[view.state])}</p>'
    else:
        answer = f'<p role="status">{e(t[view.state])}</p>'
    colours = colour_sheet(view.colour)
    html = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex">'
        f"<title>{e(t['title'])} – {e(view.salon_name)}</title>"
        f"<style>{BASE}</style><style>{colours}</style></head>"
        f"<body><header><p>{e(view.salon_name)}</p></header>"
        f"<main><h1>{e(t['title'])}</h1>{summary}{answer}</main></body></html>"
    )
    return Page(html, content_security_policy(BASE, colours))
